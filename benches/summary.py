"""Prints the results of `bash benches/run.sh` (benches/out/) as one Markdown table, then the
machine and the targets of issue 7 with "met" or "NOT met".

    python3 benches/summary.py          # BENCH_OUT=DIR reads another run's results

Rows whose benchmark did not run are left out.
"""
from __future__ import annotations

import json
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
OUT = pathlib.Path(os.environ.get("BENCH_OUT", HERE / "out"))
sys.path.insert(0, str(HERE))
import table  # noqa: E402  (benches/table.py: criterion's estimates)


def read(name: str):
    path = OUT / name
    return json.loads(path.read_text()) if path.exists() else None


def num(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def main() -> None:
    rows: list[tuple[str, str, str, str, str]] = []
    targets: list[str] = []

    # ---- Rust (criterion)
    bench = "`cargo bench -p chime-standards --bench engine` then `python3 benches/table.py`"
    # The run's own copy (run.sh writes it), else criterion's latest results.
    saved = read("criterion.json")
    if saved:
        crit = {name: tuple(r) if r else None for name, r in saved["results"].items()}
    else:
        crit = table.load_all() if table.group.exists() else {}
    base = crit.get(table.BASELINE)
    e2e_us = None
    if base:
        base_us = base[0] / table.BATCH / 1000
        labels = dict(table.ROWS)
        for name, _ in table.ROWS:
            r = crit.get(name)
            if not r:
                continue
            us = r[0] / table.BATCH / 1000
            mbs = r[2] / (r[0] / 1e9) / 1e6 if r[2] else None
            what = f"Rust `{name}`: {labels[name]}"
            result = f"{num(1e6 / us)} assessments/s ({us:.1f} µs each)" + (f", {mbs:.0f} MB/s" if mbs else "")
            ratio = "1.00 (floor)" if name == table.BASELINE else f"{us / base_us:.2f}× floor"
            rows.append((what, bench, result, "JSON round trip", ratio))
        if crit.get("end_to_end"):
            e2e_us = crit["end_to_end"][0] / table.BATCH / 1000
            ratio = e2e_us / base_us
            targets.append(f"End-to-end scoring within 2× of the bare serde_json round trip: "
                           f"**{ratio:.2f}×** ({e2e_us:.1f} µs vs {base_us:.1f} µs per assessment) — "
                           f"{'met' if ratio <= 2 else 'NOT met'}")
        fw = crit.get("engine_build_default_framework")
        if fw:
            rows.append(("Rust: `Engine::default_framework()` (parse, check, index chime-lero; once per process)",
                         bench, f"{fw[0] / 1000:.0f} µs", "—", "—"))

    # ---- CLI
    cli = read("cli.json") or []
    jobs1 = {r["n"]: r for r in cli if r["kind"] == "score" and r["jobs"] == 1}
    for r in cli:
        n = r["n"]
        if r["kind"] == "read":
            rows.append((f"read the {num(n)}-line input at all (I/O floor)",
                         f"`cat target/bench-data/seed1-{n}.ndjson > /dev/null`",
                         f"{r['mb_s']:,.0f} MB/s", "—", "—"))
            continue
        if r["streamed"]:
            what = f"CLI: generate and score {num(n)} assessments (streamed), `--jobs {r['jobs']}`"
            command = (f"`chime generate --count {n} \\| /usr/bin/time -f '%e %M' chime score --ndjson - "
                       f"--jobs {r['jobs']} > /dev/null`")
        else:
            what = f"CLI: `chime score --ndjson`, {num(n)} assessments ({r['bytes'] / 1e9:.2f} GB), `--jobs {r['jobs']}`"
            command = (f"`/usr/bin/time -f '%e %M' chime score --ndjson target/bench-data/seed1-{n}.ndjson "
                       f"--jobs {r['jobs']} > /dev/null`")
        result = (f"{num(r['per_s'])} assessments/s, {r['mb_s']:.0f} MB/s, {r['seconds']:.1f} s; "
                  f"peak RSS {r['peak_rss_kb'] / 1024:.1f} MB")
        us = r["seconds"] / n * 1e6
        if r["jobs"] == 1 and e2e_us:
            baseline, ratio = "Rust `end_to_end` per assessment", f"{us / e2e_us:.2f}× its time"
        elif r["jobs"] != 1 and n in jobs1:
            baseline, ratio = f"`--jobs 1`, same input", f"{jobs1[n]['seconds'] / r['seconds']:.2f}× as fast"
        else:
            baseline, ratio = "—", "—"
        rows.append((what, command, result, baseline, ratio))
    if cli:
        scored = [r for r in cli if r["kind"] == "score"]
        largest = max(r["n"] for r in scored)
        worst = max(r["peak_rss_kb"] for r in scored if r["n"] == largest) / 1024
        streamed = any(r["streamed"] for r in scored if r["n"] == largest)
        by_size = ", ".join(f"{num(r['n'])}: {r['peak_rss_kb'] / 1024:.1f} MB"
                            for r in scored if r["jobs"] == 1)
        targets.append(f"Peak RSS under 64 MB for {num(largest)} NDJSON assessments"
                       f"{' (streamed from the generator)' if streamed else ''}: **{worst:.1f} MB** "
                       f"(--jobs 1 by size: {by_size}) — {'met' if worst < 64 else 'NOT met'}"
                       + ("" if largest >= 1_000_000 else " (this run did not go to 1,000,000)"))

    # ---- Python
    py = read("python.json")
    if py:
        n, s = py["n"], py["seconds"]
        command = f"`target/bench-py-venv/bin/python benches/python_bench.py --n {n}`"

        def each(name: str) -> str:
            return f"{num(n / s[name])} assessments/s ({s[name] / n * 1e6:.0f} µs each)"
        pure_d, pure_t = "pure Python, dicts", "pure Python, JSON strings (json.loads + score)"
        rows.append((f"Python: `score_many`, {num(n)} dicts", command, each("score_many, dicts"),
                     "pure Python, same dicts", f"{py['speedup_vs_pure']['dicts']:.2f}× as fast"))
        rows.append((f"Python: `score_many`, {num(n)} JSON strings", command, each("score_many, JSON strings"),
                     "pure Python, `json.loads` + score", f"{py['speedup_vs_pure']['texts']:.2f}× as fast"))
        rows.append(("Python: `score_many`, JSON strings, 2 threads (GIL released)", command,
                     each("score_many, JSON strings, 2 threads"), "`score_many`, 1 thread",
                     f"{s['score_many, JSON strings'] / s['score_many, JSON strings, 2 threads']:.2f}× as fast"))
        agree = py["agreement"]
        rows.append(("Python: pure-Python scorer (`benches/pure_python.py`), dicts", command, each(pure_d),
                     "agrees with the engine", f"overall {agree['overall']:,}/{n:,}, domains {agree['domains']:,}/{n:,}"))
        rows.append(("Python: pure-Python scorer, JSON strings (`json.loads` + score)", command, each(pure_t), "—", "—"))
        cli_name = "chime score --ndjson --jobs 1 (same file)"
        rows.append(("Python: the CLI on the same file, `--jobs 1` (process included)", command, each(cli_name),
                     "`score_many`, JSON strings / dicts",
                     f"`score_many` takes {py['vs_cli']['texts']:.2f}× / {py['vs_cli']['dicts']:.2f}× the CLI's time"))
        best = max(py["speedup_vs_pure"].values())
        targets.append(f"Python `score_many` at least 50× the pure-Python baseline: **{py['speedup_vs_pure']['dicts']:.2f}×** "
                       f"from dicts, **{py['speedup_vs_pure']['texts']:.2f}×** from JSON strings — "
                       f"{'met' if min(py['speedup_vs_pure'].values()) >= 50 else 'NOT met'}")
        worst = max(py["vs_cli"].values())
        targets.append(f"Python `score_many` within 1.5× of the CLI per assessment: **{py['vs_cli']['texts']:.2f}×** "
                       f"from JSON strings, **{py['vs_cli']['dicts']:.2f}×** from dicts — "
                       f"{'met' if worst <= 1.5 else ('met from JSON strings, NOT from dicts' if py['vs_cli']['texts'] <= 1.5 else 'NOT met')}")
        del best

    # ---- Node / wasm / browser
    node = read("node.json")
    if node:
        n, s = node["n"], node["seconds"]
        command = f"`node benches/node_bench.mjs --n {n}`"
        native = s["native: chime score --ndjson --jobs 1"]
        for name, key in [("Framework.score(text) (public API)", "text"),
                          ("Framework.score(object) (public API)", "object"),
                          ("raw Engine.score(text) -> JSON text", "raw")]:
            rows.append((f"WebAssembly in Node: `{name.split(' (')[0].split(' ->')[0]}`"
                         + (" (raw wasm-bindgen, report as JSON text)" if key == "raw" else ""),
                         command, f"{num(n / s[name])} assessments/s ({s[name] / n * 1e6:.0f} µs each)",
                         "native CLI `--jobs 1`, same run", f"{node['speed'][key]:.2f}× native speed"))
        rows.append(("native CLI in the same run (`--jobs 1`, process included)", command,
                     f"{num(n / native)} assessments/s ({native / n * 1e6:.0f} µs each)", "—", "—"))
        size = node["size"]
        rows.append(("gzipped `chime_standards_wasm_bg.wasm` (`gzip -9`)",
                      "`bash scripts/build-wasm.sh` (prints it), or `gzip -9c bindings/wasm/pkg/web/chime_standards_wasm_bg.wasm \\| wc -c`",
                      f"{num(size['wasm_gzip9'])} bytes ({num(size['wasm'])} raw); web JS {num(size['js_gzip9'])} bytes gzipped",
                      "project budget 250 KB (250,000 bytes)", f"{size['wasm_gzip9'] / 250000:.2f}× the budget"))
        b = node.get("browser")
        if b:
            for label, what in [("unthrottled", "headless Chromium: load page, `init()`, `new Framework()`, first `score()`"),
                                ("cpu_4x_slower", "the same with the CPU throttled 4× (a rough old phone)")]:
                m = b[label]["median"]
                rows.append((what, command,
                             f"{m['scored']:.0f} ms from navigation start (module {m['imported']:.0f}, init {m['initialised']:.0f}, "
                             f"framework {m['framework']:.0f}; a second score {m['second_score']:.1f} ms)",
                             f"median of {b['runs']} fresh contexts", "—"))
        cpu = node.get("cpu_speed")
        by_cpu = (f"; by CPU time {cpu['text']:.2f}× / {cpu['object']:.2f}× / raw {cpu['raw']:.2f}×"
                  if cpu else "")
        raw_speed = cpu["raw"] if cpu else node["speed"]["raw"]
        targets.append(f"WebAssembly in Node at least 0.6× native per assessment (issue 11): public API "
                       f"**{node['speed']['text']:.2f}×** from JSON text, **{node['speed']['object']:.2f}×** "
                       f"from objects, raw **{node['speed']['raw']:.2f}×**{by_cpu} — "
                       f"{'met' if raw_speed >= 0.6 else 'NOT met'} (raw, by CPU time where measured)")
        targets.append(f"Gzipped wasm size: **{num(size['wasm_gzip9'])} bytes** (budget 250 KB) — "
                       f"{'met' if size['wasm_gzip9'] <= 250000 else 'NOT met'}")
        if b:
            targets.append(f"Time to first score in headless Chromium: **{b['unthrottled']['median']['scored']:.0f} ms** "
                           f"({b['cpu_4x_slower']['median']['scored']:.0f} ms with the CPU 4× slower); no number was set")

    print("| what is measured | command | result | baseline | ratio |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    machine = OUT / "machine.txt"
    if machine.exists():
        print("\nMachine:\n")
        for line in machine.read_text().splitlines():
            print(f"- {line}")
    loads = OUT / "loads.tsv"
    if loads.exists():
        print("- load average (1, 5, 15 min) as each step started: " + "; ".join(
            f"{step} {load}" for step, _, load in (l.split("\t") for l in loads.read_text().splitlines() if l)))
    print("\nTargets (issue 7):\n")
    for t in targets:
        print(f"- {t}")


if __name__ == "__main__":
    main()
