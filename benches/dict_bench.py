"""Python benchmark of issue 16: scoring from dicts against the pure-Python scorer, on one core.

    python benches/dict_bench.py [--n 2000] [--rounds 7] [--json OUT]

Every row scores the same synthetic assessments (`chime generate --count N --seed 1`), on
one thread (`jobs=1`), in one run: the rows take turns, round after round, and each row's
best round counts, so that a busy machine slows every row alike and the ratios hold. The
three goals of issue 16 are printed with the ratios measured:

- `score_many(dicts, jobs=1)` at least 3x as fast as the pure-Python scorer on the same dicts;
- dicts no slower than JSON text (`score_many(texts, jobs=1)`);
- one `score(dict)` call within 1.5x of `score_many`'s time per assessment.

A benchmark, not a test: nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import pathlib
import platform
import sys
import time

import chime_standards as chime

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import pure_python  # noqa: E402
from python_bench import TARGET, agreement, data_file  # noqa: E402


def timed(run) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start
    finally:
        gc.enable()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2_000, help="assessments (default 2,000)")
    parser.add_argument("--rounds", type=int, default=7, help="rounds; each row's best counts")
    parser.add_argument("--chime", default=str(TARGET / "release" / "chime"),
                        help="the chime binary, to generate the data (default target/release/chime)")
    parser.add_argument("--json", help="also write the results here as JSON")
    args = parser.parse_args()
    n = args.n

    path = data_file(pathlib.Path(args.chime), n)
    texts = path.read_text(encoding="utf-8").splitlines()
    dicts = [json.loads(t) for t in texts]
    framework = chime.Framework.default()
    pure_framework = pure_python.load_framework()

    reports = framework.score_many(dicts, jobs=1)
    expected = [pure_python.score(pure_framework, d) for d in dicts]
    agree = agreement(reports, expected)
    assert all(v == n for v in agree.values()), agree  # the baseline computes the same numbers
    assert [r.to_json() for r in reports] == [r.to_json() for r in framework.score_many(texts, jobs=1)]
    del reports, expected

    rows = {
        "pure Python scorer, dicts": lambda: [pure_python.score(pure_framework, d) for d in dicts],
        "score_many(dicts, jobs=1)": lambda: framework.score_many(dicts, jobs=1),
        "score_many(JSON strings, jobs=1)": lambda: framework.score_many(texts, jobs=1),
        "score(dict), one call each": lambda: [framework.score(d) for d in dicts],
    }
    best = {name: float("inf") for name in rows}
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        for name, run in rows.items():
            best[name] = min(best[name], timed(run))
    load_end = os.getloadavg()[0]

    each = {name: seconds / n * 1e6 for name, seconds in best.items()}
    print(f"chime_standards {chime.__version__}, Python {platform.python_version()}; {n:,} "
          f"assessments ({path.stat().st_size / n / 1000:.1f} KB of JSON each), one thread; "
          f"best of {args.rounds} interleaved rounds; load average {load:.2f} -> {load_end:.2f}")
    print(f"{'':36}{'µs each':>10}{'assessments/s':>15}")
    for name in rows:
        print(f"{name:36}{each[name]:10.1f}{1e6 / each[name]:15,.0f}")
    dicts_us = each["score_many(dicts, jobs=1)"]
    ratios = [
        ("pure Python / score_many(dicts)", each["pure Python scorer, dicts"] / dicts_us,
         "at least 3x", lambda r: r >= 3),
        ("score_many(dicts) / score_many(text), time", dicts_us / each["score_many(JSON strings, jobs=1)"],
         "at most 1.0x", lambda r: r <= 1.0),
        ("score(dict) / score_many(dicts), time", each["score(dict), one call each"] / dicts_us,
         "at most 1.5x", lambda r: r <= 1.5),
    ]
    print()
    print(f"{'ratio':46}{'measured':>10}  goal")
    for name, ratio, goal, met in ratios:
        print(f"{name:46}{ratio:9.2f}x  {goal} ({'met' if met(ratio) else 'NOT met'})")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({
            "n": n, "rounds": args.rounds, "load": [load, load_end], "us_each": each,
            "ratios": {name: ratio for name, ratio, _, _ in ratios},
        }, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
