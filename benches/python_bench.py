"""Python benchmark: `Framework.score_many` against a pure-Python scorer and the `chime` CLI.

    python benches/python_bench.py [--n 10000] [--repeat 3] [--json OUT]

All three score the same synthetic assessments (`chime generate --count N --seed 1`, read
from target/bench-data/seed1-N.ndjson, generated when missing):

- the engine: `score_many` from dicts (as from `json.loads`) and from JSON strings;
- `benches/pure_python.py`, a plain pure-Python implementation of the scoring rules, from
  the same dicts (and from the same strings, `json.loads` included);
- `chime score --ndjson FILE --jobs 1 > /dev/null` on the same file (process start included).

The script first checks that the pure-Python scorer computes the same overall, domain,
band, award and leverage results as the engine on every assessment, and prints the counts.
Times are the best of --repeat runs, with Python's cyclic GC paused while timing (as
`timeit` does). A benchmark, not a test: nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import pathlib
import platform
import subprocess
import sys
import threading
import time

import chime_standards as chime

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import pure_python  # noqa: E402

TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def best(run, repeat: int) -> float:
    """The best time of `repeat` runs, with the cyclic GC paused while timing (as timeit does)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def data_file(chime_bin: pathlib.Path, n: int) -> pathlib.Path:
    path = TARGET / "bench-data" / f"seed1-{n}.ndjson"
    first = subprocess.run([str(chime_bin), "generate", "--count", "1", "--seed", "1"],
                           check=True, capture_output=True).stdout
    if path.exists():
        with open(path, "rb") as file:
            if file.readline() != first:  # the generator changed: make the file again
                path.unlink()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(chime_bin), "generate", "--count", str(n), "--seed", "1",
                        "--output", str(path)], check=True)
    return path


def agreement(reports, expected) -> dict[str, int]:
    counts = {"overall": 0, "domains": 0, "band": 0, "profile_band": 0, "award": 0, "leverage": 0}
    for report, mine in zip(reports, expected, strict=True):
        overall = report.overall
        counts["overall"] += overall.score == mine["overall"]
        counts["domains"] += all(d.score == mine["domains"][d.domain] for d in report.domains)
        counts["band"] += overall.band == mine["band"]
        counts["profile_band"] += overall.profile_band == mine["profile_band"]
        counts["award"] += overall.award == mine["award"]
        counts["leverage"] += [(x.standard, x.gain) for x in report.leverage] == mine["leverage"]
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="assessments (default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per row; the best counts")
    parser.add_argument("--chime", default=str(TARGET / "release" / "chime"),
                        help="the chime binary (default target/release/chime)")
    parser.add_argument("--json", help="also write the results here as JSON")
    args = parser.parse_args()
    n, repeat = args.n, args.repeat
    chime_bin = pathlib.Path(args.chime)

    path = data_file(chime_bin, n)
    texts = path.read_text(encoding="utf-8").splitlines()
    assert len(texts) == n, f"{path} has {len(texts)} lines, expected {n}"
    nbytes = path.stat().st_size
    dicts = [json.loads(t) for t in texts]
    framework = chime.Framework.default()
    pure_framework = pure_python.load_framework()

    # Honesty first: the baseline must give the engine's numbers on this very data.
    reports = framework.score_many(dicts)
    expected = [pure_python.score(pure_framework, d) for d in dicts]
    agree = agreement(reports, expected)
    del reports, expected
    print(f"pure-Python vs engine agreement on {n:,} assessments: "
          + ", ".join(f"{k} {v:,}/{n:,}" for k, v in agree.items()))

    def in_threads(items, threads=2):
        size = -(-len(items) // threads)
        workers = [threading.Thread(target=framework.score_many, args=(items[i * size:(i + 1) * size],))
                   for i in range(threads)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()

    def cli():
        subprocess.run([str(chime_bin), "score", "--ndjson", str(path), "--jobs", "1"],
                       stdout=subprocess.DEVNULL, check=True)

    rows = [
        ("engine", "score_many, dicts", lambda: framework.score_many(dicts)),
        ("engine", "score_many, JSON strings", lambda: framework.score_many(texts)),
        ("engine", "score_many, JSON strings, 2 threads", lambda: in_threads(texts)),
        ("pure", "pure Python, dicts", lambda: [pure_python.score(pure_framework, d) for d in dicts]),
        ("pure", "pure Python, JSON strings (json.loads + score)",
         lambda: [pure_python.score(pure_framework, json.loads(t)) for t in texts]),
        ("ref", "json.loads only (for reference)", lambda: [json.loads(t) for t in texts]),
        ("cli", "chime score --ndjson --jobs 1 (same file)", cli),
    ]
    results = {}
    print(f"\nchime_standards {chime.__version__}, Python {platform.python_version()}; "
          f"{n:,} synthetic assessments, {nbytes / n / 1000:.1f} KB of JSON each; best of {repeat}")
    print(f"{'':48}{'seconds':>9}{'assessments/s':>15}{'µs each':>10}{'MB/s':>8}")
    for kind, name, run in rows:
        seconds = best(run, repeat)
        results[name] = seconds
        print(f"{name:48}{seconds:9.3f}{n / seconds:15,.0f}{seconds / n * 1e6:10.1f}"
              f"{nbytes / seconds / 1e6:8.1f}")

    dict_speedup = results["pure Python, dicts"] / results["score_many, dicts"]
    text_speedup = (results["pure Python, JSON strings (json.loads + score)"]
                    / results["score_many, JSON strings"])
    cli_s = results["chime score --ndjson --jobs 1 (same file)"]
    vs_cli_text = results["score_many, JSON strings"] / cli_s
    vs_cli_dict = results["score_many, dicts"] / cli_s
    print()
    print(f"score_many is {dict_speedup:.2f}x as fast as pure Python from dicts, "
          f"{text_speedup:.2f}x from JSON strings (target >= 50x: "
          f"{'met' if min(dict_speedup, text_speedup) >= 50 else 'NOT met'})")
    print(f"score_many per assessment vs the CLI: {vs_cli_text:.2f}x the CLI's time from JSON strings, "
          f"{vs_cli_dict:.2f}x from dicts (target <= 1.5x: "
          f"{'met' if max(vs_cli_text, vs_cli_dict) <= 1.5 else 'NOT met'})")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({
            "n": n, "bytes": nbytes, "repeat": repeat, "seconds": results, "agreement": agree,
            "speedup_vs_pure": {"dicts": dict_speedup, "texts": text_speedup},
            "vs_cli": {"texts": vs_cli_text, "dicts": vs_cli_dict},
            "python": platform.python_version(), "chime_standards": chime.__version__,
        }, indent=2))


if __name__ == "__main__":
    main()
