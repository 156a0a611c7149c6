"""Framework, Assessment and Report pickle, so researchers can use multiprocessing."""

from __future__ import annotations

import json
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import chime_standards as chime
import pytest
from conftest import ROOT


@pytest.mark.parametrize("protocol", [2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL])
def test_round_trips(protocol: int) -> None:
    default = chime.Framework.default()
    national = chime.Framework.from_path(ROOT / "examples" / "national" / "framework.json")
    assessment = chime.Assessment.example()
    report = default.score(assessment)
    for value in (default, national, assessment, report):
        copy = pickle.loads(pickle.dumps(value, protocol=protocol))
        assert type(copy) is type(value)
        assert copy == value
    assert pickle.loads(pickle.dumps(default)) is chime.Framework.default()
    copy = pickle.loads(pickle.dumps(national))
    national_assessment = chime.Assessment.from_path(
        ROOT / "examples" / "national" / "assessment.json"
    )
    assert copy.score(national_assessment) == national.score(national_assessment)
    again = pickle.loads(pickle.dumps(report))
    assert again.to_json() == report.to_json()
    assert again.overall == report.overall


def _score(args: tuple[chime.Framework, dict[str, Any]]) -> chime.Report:
    framework, assessment = args
    return framework.score(assessment)


def test_multiprocessing(example: dict[str, Any]) -> None:
    framework = chime.Framework.default()
    batch = [dict(json.loads(json.dumps(example)), id=f"mp-{i}") for i in range(4)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        reports = list(pool.map(_score, [(framework, a) for a in batch]))
    assert reports == framework.score_many(batch)
