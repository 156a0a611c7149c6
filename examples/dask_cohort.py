"""Score NDJSON assessments on a Dask cluster and pool the reports into one cohort.

    python examples/dask_cohort.py ASSESSMENTS.ndjson [--scheduler ADDRESS] [--blocksize 64MiB]

Reads the file(s) in partitions of whole lines (`dask.bag.read_text`), scores each partition
with `Framework.score_many` on the workers, brings the reports back and pools them with
`chime_standards.cohort`. The framework is sent to every worker once (`Client.scatter`, with
`broadcast=True`) rather than with every task. Lines that cannot be scored are counted and
their codes listed, and never stop the rest.

Without `--scheduler` it starts a local cluster of worker processes (one per core). On one
machine that is rarely worth it: `chime score --ndjson --jobs N` or `score_many(jobs=N)`
already use every core (see the Python README, "More than one machine"). Needs
`dask[distributed]`.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any

import chime_standards as chime


def score_partition(lines: list[str], framework: chime.Framework) -> list[Any]:
    """Scores one partition's lines: a Report, or a ValidationError, per non-blank line."""
    texts = [line for line in lines if line.strip()]
    return framework.score_many(texts, errors="collect", jobs=1)


def pooled_cohort(
    paths: str | list[str],
    client: Any,
    framework: chime.Framework | None = None,
    blocksize: str | int = "64MiB",
) -> tuple[dict[str, Any], Counter[str]]:
    """The cohort of every assessment in `paths` scored on `client`'s cluster, and a count of
    the codes of the lines that could not be scored."""
    import dask.bag as db

    framework = framework or chime.Framework.default()
    on_workers = client.scatter(framework, broadcast=True)  # one copy per worker
    lines = db.read_text(paths, blocksize=blocksize)
    results = lines.map_partitions(score_partition, on_workers).compute()
    reports = [r for r in results if isinstance(r, chime.Report)]
    failed: Counter[str] = Counter(
        code for r in results if isinstance(r, chime.ValidationError) for code in set(r.codes)
    )
    return chime.cohort(reports), failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="NDJSON files of assessments (globs allowed)")
    parser.add_argument("--scheduler", help="a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--blocksize", default="64MiB", help="bytes per partition (default 64MiB)")
    parser.add_argument("--framework", help="a framework JSON file (default: chime-lero)")
    args = parser.parse_args()
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        print("this example needs Dask: pip install 'dask[distributed]'", file=sys.stderr)
        return 2
    framework = chime.Framework.from_path(args.framework) if args.framework else None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(processes=True, threads_per_worker=1))
    with client:
        summary, failed = pooled_cohort(args.paths, client, framework, args.blocksize)
    print(json.dumps(summary, indent=2))
    if failed:
        print(f"lines not scored, by code: {dict(failed)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
