"""Prints a table of scoring throughput (assessments per second) for each input form.

    python bindings/python/examples/throughput.py [--n 2000] [--repeat 5] [--ndjson FILE]

By default every batch holds copies of the bundled example; with --ndjson, the first --n lines
of an NDJSON file instead (for example the benchmark data of benches/README.md:
`chime generate --count 10000 --output target/bench-data/seed1-10000.ndjson`), so every item
differs. A benchmark, not a test: the numbers depend on the machine and on what else it is
doing. The best of several runs is shown. benches/python_bench.py compares score_many with a
pure-Python scorer and with the `chime` command.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Callable
from typing import Any

import chime_standards as chime


def best(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000, help="copies of the example per batch")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--ndjson", help="score the first --n lines of this NDJSON file")
    args = parser.parse_args()
    n = args.n

    framework = chime.Framework.default()
    if args.ndjson:
        with open(args.ndjson, encoding="utf-8") as file:
            texts = [line for _, line in zip(range(n), file)]
        n = len(texts)
        dicts = [json.loads(text) for text in texts]
        objects = [chime.Assessment.from_json(text) for text in texts]
        as_text = texts[0]
        what = f"{n} assessments from {args.ndjson}"
    else:
        example = chime.Assessment.example()
        as_dict = example.to_dict()
        as_text = json.dumps(as_dict)
        dicts = [as_dict] * n
        texts = [as_text] * n
        objects = [example] * n
        what = f"{n} copies of the example assessment"

    def in_threads(items: list[Any], threads: int = 2) -> None:
        size = len(items) // threads
        workers = [
            threading.Thread(target=framework.score_many, args=(items[i * size : (i + 1) * size],))
            for i in range(threads)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    rows = [
        ("score_many, dicts", lambda: framework.score_many(dicts)),
        ("score_many, JSON strings", lambda: framework.score_many(texts)),
        ("score_many, Assessment objects", lambda: framework.score_many(objects)),
        ("score() in a loop, dicts", lambda: [framework.score(d) for d in dicts]),
        ("score_many, JSON strings, 2 threads", lambda: in_threads(texts)),
        ("Assessment.from_dict only", lambda: [chime.Assessment.from_dict(d) for d in dicts]),
        ("json.dumps only (for comparison)", lambda: [json.dumps(d) for d in dicts]),
    ]
    print(
        f"chime_standards {chime.__version__}; {what} "
        f"({len(as_text):,} bytes of JSON in the first); best of {args.repeat}"
    )
    print(f"{'':38} {'per second':>11} {'µs each':>9}")
    for name, run in rows:
        seconds = best(run, args.repeat)
        print(f"{name:38} {n / seconds:11,.0f} {seconds / n * 1e6:9.1f}")

    reports = framework.score_many(objects)
    for name, run in [
        ("report.to_dict()", lambda: [r.to_dict() for r in reports]),
        ("report.to_json()", lambda: [r.to_json() for r in reports]),
        ("to_records(level='standard')", lambda: chime.to_records(reports, "standard")),
    ]:
        seconds = best(run, args.repeat)
        print(f"{name:38} {n / seconds:11,.0f} {seconds / n * 1e6:9.1f}")


if __name__ == "__main__":
    main()
