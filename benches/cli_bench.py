"""CLI benchmark: `chime score --ndjson` throughput and peak RSS as the input grows.

    python3 benches/cli_bench.py [--sizes 10000,100000,1000000] [--jobs 1,2] [--repeat 3]
                                 [--stream auto|always|never] [--json OUT]

Generates each input once with `chime generate --count N --seed 1` into
target/bench-data/seed1-N.ndjson (about 13.4 KB a line, so 1,000,000 lines are about 13.4 GB),
then times `chime score --ndjson FILE --jobs J > /dev/null` (wall seconds of the command)
under `/usr/bin/time -f '%e %M'` (peak resident set of the scoring process, in KB). A size
whose file would not fit on the disk with 20 GB to spare (or with --stream always) is
streamed instead:
`chime generate --count N | chime score --ndjson - --jobs J > /dev/null`, which measures
scoring while the generator runs beside it (their sum of work on two cores), and the peak RSS
of the scoring process alone. The `read` row is `cat FILE > /dev/null`: how fast the input can
be read at all. Sizes of 100,000 and more run once; smaller ones take the median of --repeat.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
DATA = TARGET / "bench-data"
BYTES_PER_LINE = 13_400  # for the disk check before a file exists
SPARE = 20 * 10**9


def timed(command: str) -> tuple[float, int]:
    """Runs a shell command whose measured process is wrapped in TIME: the wall seconds of the
    whole command (perf_counter; /usr/bin/time's %e has only 10 ms steps) and the peak RSS in
    KB of the measured process (/usr/bin/time's %M)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        full = command.replace("TIME", f"/usr/bin/time -f '%e %M' -o {out.name}")
        start = time.perf_counter()
        subprocess.run(["bash", "-o", "pipefail", "-c", full], check=True)
        seconds = time.perf_counter() - start
        _, kb = out.read().split()[-2:]
        return seconds, int(kb)


def fresh(chime: str, path: pathlib.Path) -> bool:
    """Whether a generated file still starts with what this `chime generate` writes (a changed
    generator makes it stale)."""
    if not path.exists():
        return False
    first = subprocess.run([chime, "generate", "--count", "1", "--seed", "1"],
                           check=True, capture_output=True).stdout
    with open(path, "rb") as file:
        return file.readline() == first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stream", choices=["auto", "always", "never"], default="auto")
    parser.add_argument("--chime", default=str(TARGET / "release" / "chime"))
    parser.add_argument("--json", help="also write the results here as JSON")
    args = parser.parse_args()
    chime = args.chime
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs_list = [int(j) for j in args.jobs.split(",")]
    DATA.mkdir(parents=True, exist_ok=True)

    rows = []
    print(f"{'input':<42}{'jobs':>5}{'seconds':>9}{'assessments/s':>15}{'MB/s':>8}"
          f"{'peak RSS MB':>13}{'µs each':>9}")
    for n in sizes:
        path = DATA / f"seed1-{n}.ndjson"
        if path.exists() and not fresh(chime, path):
            print(f"{path} is stale (the generator changed); generating it again", file=sys.stderr)
            path.unlink()
        stream = args.stream == "always" or (
            args.stream == "auto" and not path.exists()
            and shutil.disk_usage(DATA).free < n * BYTES_PER_LINE + SPARE)
        if not stream and not path.exists():
            print(f"generating {path} ...", file=sys.stderr)
            subprocess.run([chime, "generate", "--count", str(n), "--seed", "1",
                            "--output", str(path)], check=True)
        nbytes = path.stat().st_size if path.exists() else n * BYTES_PER_LINE
        runs = args.repeat if n < 100_000 else 1
        entries = []
        if not stream:
            seconds, _ = timed(f"TIME cat {path} > /dev/null")
            entries.append(("read", f"cat {path.name} > /dev/null", None, seconds, None))
        for jobs in jobs_list:
            if stream:
                command = (f"{chime} generate --count {n} --seed 1 | "
                           f"TIME {chime} score --ndjson - --jobs {jobs} > /dev/null")
                label = f"generate {n} | score -"
            else:
                command = f"TIME {chime} score --ndjson {path} --jobs {jobs} > /dev/null"
                label = path.name
            measured = [timed(command) for _ in range(runs)]
            seconds = statistics.median(s for s, _ in measured)
            kb = max(k for _, k in measured)
            entries.append(("score", label, jobs, seconds, kb))
        for kind, label, jobs, seconds, kb in entries:
            row = {"n": n, "kind": kind, "input": label, "streamed": stream, "jobs": jobs,
                   "seconds": seconds, "bytes": nbytes, "peak_rss_kb": kb, "runs": runs,
                   "per_s": n / seconds if seconds else None,
                   "mb_s": nbytes / seconds / 1e6 if seconds else None}
            rows.append(row)
            rss = f"{kb / 1024:.1f}" if kb else "-"
            per = f"{n / seconds:,.0f}" if seconds else "-"
            mbs = f"{nbytes / seconds / 1e6:.1f}" if seconds else "-"
            each = f"{seconds / n * 1e6:.1f}" if kind == "score" and seconds else "-"
            print(f"{(label if kind == 'score' else 'read: ' + label):<42}{jobs or '-':>5}"
                  f"{seconds:9.2f}{per:>15}{mbs:>8}{rss:>13}{each:>9}", flush=True)

    scored = [r for r in rows if r["kind"] == "score"]
    for jobs in jobs_list:
        same = [r for r in scored if r["jobs"] == jobs]
        if len(same) > 1:
            print(f"peak RSS, --jobs {jobs}: " + ", ".join(
                f"{r['n']:,}: {r['peak_rss_kb'] / 1024:.1f} MB" for r in same))
    largest = max(sizes)
    worst = max((r["peak_rss_kb"] for r in scored if r["n"] == largest), default=0)
    print(f"target: peak RSS < 64 MB for {largest:,} assessments: {worst / 1024:.1f} MB "
          f"({'met' if worst < 64 * 1024 else 'NOT met'})")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
