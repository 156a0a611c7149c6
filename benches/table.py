"""Prints the Rust benchmark results as a table, with ratios to the bare JSON round trip.

    cargo bench -p chime-standards --bench engine
    python3 benches/table.py [--markdown] [--json OUT]

Reads criterion's estimates under target/criterion (or $CARGO_TARGET_DIR/criterion). Each
benchmark of the `engine` group scores the same BATCH = 100 synthetic assessments
(crates/chime-standards/benches/engine.rs); its recorded throughput is the bytes it reads
(input JSON), or writes for `serialize` (report JSON), so MB/s is of those bytes.
"""
from __future__ import annotations

import json
import os
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parent.parent
target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
criterion = target / "criterion"
group = criterion / "engine"
BATCH = 100
ROWS = [
    ("baseline_json_roundtrip", "serde_json::Value parse + serialise (the floor)"),
    ("baseline_json_parse", "serde_json::Value parse only"),
    ("parse", "parse_json::<Assessment> (typed)"),
    ("validate", "Engine::validate (parsed assessment)"),
    ("score", "Engine::score (validate + score + build report)"),
    ("score_cached", "Engine::score, 5 documents 20 times each (warm caches)"),
    ("score_just_parsed", "Engine::score right after each parse, as in end_to_end"),
    ("serialize", "report -> JSON"),
    ("end_to_end", "score_json + report -> JSON"),
]
BASELINE = "baseline_json_roundtrip"


def load(name: str, base: pathlib.Path = group) -> tuple[float, float, int] | None:
    """(mean ns per batch, lower, upper of its 95% interval), and the recorded bytes."""
    folder = base / name / "new"
    if not (folder / "estimates.json").exists():
        return None
    estimates = json.loads((folder / "estimates.json").read_text())
    mean = estimates["mean"]
    meta = json.loads((folder / "benchmark.json").read_text())
    throughput = meta.get("throughput") or {}
    return (mean["point_estimate"], mean["confidence_interval"]["upper_bound"],
            throughput.get("Bytes", 0))


def load_all() -> dict[str, tuple[float, float, int] | None]:
    """Every row's result, and the framework build's."""
    results = {name: load(name) for name, _ in ROWS}
    results["engine_build_default_framework"] = load("engine_build_default_framework", criterion)
    return results


def main() -> None:
    markdown = "--markdown" in sys.argv
    if not group.exists():
        sys.exit("no results: run `cargo bench -p chime-standards --bench engine` first")
    results = load_all()
    if "--json" in sys.argv:
        out = pathlib.Path(sys.argv[sys.argv.index("--json") + 1])
        out.write_text(json.dumps({"batch": BATCH, "results": results}, indent=2))
    # Without the baseline (a filtered run), the ratio column is left empty.
    base_ns = results[BASELINE][0] / BATCH if results.get(BASELINE) else None

    table = []
    for name, what in ROWS:
        result = results.get(name)
        if result is None:
            continue
        ns_batch, _, nbytes = result
        ns = ns_batch / BATCH
        mbs = nbytes / (ns_batch / 1e9) / 1e6 if nbytes else None
        table.append((name, what, ns / 1000, 1e9 / ns, mbs, ns / base_ns if base_ns else None))
    # Derived: scoring proper is `score` minus the validation it starts with.
    if results.get("score") and results.get("validate"):
        ns = (results["score"][0] - results["validate"][0]) / BATCH
        table.append(("score - validate", "scoring + report alone (derived)", ns / 1000,
                      1e9 / ns if ns > 0 else float("nan"), None,
                      ns / base_ns if base_ns else None))
    framework = results["engine_build_default_framework"]
    # Issue 11's measure: the part of end to end that is validation and scoring.
    shares = [(name, results[name][0] / results["end_to_end"][0])
              for name in ("score", "score_cached", "score_just_parsed")
              if results.get(name) and results.get("end_to_end")]

    if markdown:
        print("| step | what | µs / assessment | assessments/s | MB/s | × baseline |")
        print("|---|---|---:|---:|---:|---:|")
        for name, what, us, per_s, mbs, ratio in table:
            mb = f"{mbs:,.1f}" if mbs else "—"
            times = f"{ratio:.2f}" if ratio is not None else "—"
            print(f"| `{name}` | {what} | {us:,.1f} | {per_s:,.0f} | {mb} | {times} |")
        if framework:
            print(f"| `engine_build_default_framework` | parse + check + index chime-lero, once |"
                  f" {framework[0] / 1000:,.1f} (once) | — | — | — |")
        if shares:
            print()
        for name, share in shares:
            print(f"- `{name}` / `end_to_end`: {share:.1%}")
        return
    print(f"{'step':<26}{'µs/assessment':>14}{'assessments/s':>15}{'MB/s':>9}{'x baseline':>12}")
    for name, _, us, per_s, mbs, ratio in table:
        mb = f"{mbs:,.1f}" if mbs else "-"
        times = f"{ratio:.2f}" if ratio is not None else "-"
        print(f"{name:<26}{us:>14.1f}{per_s:>15,.0f}{mb:>9}{times:>12}")
    if framework:
        print(f"{'engine_build (once)':<26}{framework[0] / 1000:>14.1f}")
    for name, share in shares:
        print(f"{name} / end_to_end: {share:.1%}")
    e2e = results.get("end_to_end")
    if e2e and base_ns:
        ratio = e2e[0] / results[BASELINE][0]
        verdict = "met" if ratio <= 2.0 else "NOT met"
        print(f"target: end-to-end <= 2x the bare JSON round trip: {ratio:.2f}x ({verdict})")


if __name__ == "__main__":
    main()
