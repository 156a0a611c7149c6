"""examples/dask_cohort.py on a real dask.distributed cluster of two worker processes.

The cohort pooled from reports scored on the workers must equal the cohort of the same file
scored in this process, and lines that cannot be scored must be counted, not lost or fatal.
"""

from __future__ import annotations

import copy
import importlib
import json
import random
import sys
from pathlib import Path
from typing import Any

import chime_standards as chime
import pytest

from conftest import EXAMPLE, ROOT

distributed = pytest.importorskip("dask.distributed")


EXAMPLE_FILE = ROOT / "examples" / "dask_cohort.py"


def _example_module() -> Any:
    sys.path.insert(0, str(EXAMPLE_FILE.parent))
    try:
        return importlib.import_module("dask_cohort")
    finally:
        sys.path.remove(str(EXAMPLE_FILE.parent))


def _assessments(n: int) -> list[dict[str, Any]]:
    """Varied fictional assessments: ratings and dates drawn from a seeded generator."""
    rng = random.Random(16)
    out = []
    for i in range(n):
        a = copy.deepcopy(EXAMPLE)
        a["id"] = f"dask-{i}"
        a["organisation"]["id"] = f"org-{i % 17}"
        for judgement in a["judgements"]:
            if isinstance(judgement.get("rating"), int):
                judgement["rating"] = rng.choice([0, 1, 2, 3, 4, None])
        out.append(a)
    return out


def test_the_pooled_cohort_equals_the_single_process_one(tmp_path: Path) -> None:
    dask_cohort = _example_module()
    lines = [json.dumps(a) for a in _assessments(240)]
    lines.insert(100, '{"format": 7}')  # one broken line, mid-file
    path = tmp_path / "assessments.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    framework = chime.Framework.default()
    alone = framework.score_many(lines, errors="collect", jobs=1)
    expected = chime.cohort([r for r in alone if isinstance(r, chime.Report)])

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        client.upload_file(str(EXAMPLE_FILE))  # the workers import the example's functions
        # Small partitions, so that both workers score several.
        pooled, failed = dask_cohort.pooled_cohort(str(path), client, blocksize=200_000)
        assert len(client.scheduler_info()["workers"]) == 2

    assert pooled == expected
    assert pooled["reports"] == 240
    assert failed == {"invalid_type": 1}
