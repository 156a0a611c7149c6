"""Merge, split and agreement from Python (spec sections 7 and 8).

The engine's Krippendorff's alpha is checked against the `krippendorff` package (a PyPI test
dependency written independently of this project) on generated multi-rater assessments and on
pooled cohorts.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import chime_standards as chime
import krippendorff
import numpy
import pytest
from conftest import EXAMPLE


def _without_order(report: chime.Report) -> dict[str, Any]:
    """The report, minus where its diagnostics point (merging may reorder lists)."""
    data = report.to_dict()
    data["diagnostics"] = sorted((d["severity"], d["code"]) for d in data["diagnostics"])
    return data


@pytest.mark.parametrize("route", ["dict", "json", "object"])
def test_split_then_merge_gives_back_the_report(framework: chime.Framework, route: str) -> None:
    parts = chime.split(EXAMPLE)
    assert len(parts) == len(EXAMPLE["raters"]) + 1
    inputs: list[Any] = list(reversed(parts))
    if route == "dict":
        inputs = [p.to_dict() for p in inputs]
    elif route == "json":
        inputs = [p.to_json() for p in inputs]
    merged = chime.merge(inputs)
    assert isinstance(merged, chime.Assessment)
    assert _without_order(framework.score(merged)) == _without_order(framework.score(EXAMPLE))


def test_merge_reports_every_problem_located_in_the_inputs() -> None:
    other = copy.deepcopy(EXAMPLE)
    other["id"] = "another"
    other["raters"][0]["role"] = "external"
    broken = '{"format": "chime-standards/assessment@1"'
    with pytest.raises(chime.ValidationError) as caught:
        chime.merge([EXAMPLE, other])
    found = [(d.code, d.document, d.path) for d in caught.value.diagnostics]
    assert found == [
        ("merge_mismatch", "input", "/1/id"),
        ("merge_conflict", "input", "/1/raters/0/role"),
    ]
    with pytest.raises(chime.ValidationError) as caught:
        chime.merge([EXAMPLE, broken, EXAMPLE])
    assert {d.document for d in caught.value.diagnostics} == {"input"}
    assert all(d.path.startswith("/1") for d in caught.value.diagnostics)
    with pytest.raises(chime.ValidationError) as caught:
        chime.merge([EXAMPLE])
    assert caught.value.diagnostics[0].code == "merge_too_few_inputs"


def test_agreement_fields_are_in_the_views(framework: chime.Framework) -> None:
    report = framework.score(EXAMPLE)
    agreement = report.agreement
    assert agreement is not None
    assert agreement.metric == "krippendorff_alpha_ordinal"
    assert agreement.raters == len(EXAMPLE["raters"])
    assert agreement.reading in ("reliable", "tentative", "unreliable", "not_scoreable")
    for domain in report.domains:
        assert domain.agreement is not None
    levels = len(framework.levels)
    assert all(len(s.raters.levels) == levels for s in report.standards)
    assert all(sum(s.raters.levels) == s.raters.n for s in report.standards)
    # A version 1.0 report (without the new fields) still reads.
    old = report.to_dict()
    del old["agreement"]
    for domain_dict in old["domains"]:
        del domain_dict["agreement"]
    for standard_dict in old["standards"]:
        del standard_dict["raters"]["levels"]
    legacy = chime.Report.from_dict(old)
    assert legacy.agreement is None
    assert legacy.standards[0].raters.levels == ()
    pooled = chime.cohort([report, legacy])
    assert pooled["agreement"]["values"] == agreement.values, "the 1.0 report adds no units"


def test_readings_are_the_cores() -> None:
    view = chime.Agreement("krippendorff_alpha_ordinal", 0.8, "scored", 2, 4, 2)
    assert view.reading == "reliable"
    assert chime.Agreement("krippendorff_alpha_ordinal", 0.7, "scored", 2, 4).reading == "tentative"
    assert chime.Agreement("krippendorff_alpha_ordinal", 0.1, "scored", 2, 4).reading == "unreliable"
    none = chime.Agreement("krippendorff_alpha_ordinal", None, "not_scoreable", 0, 0)
    assert none.reading == "not_scoreable"


def test_agreement_text_is_the_reports_sentence(framework: chime.Framework) -> None:
    view = chime.Agreement("krippendorff_alpha_ordinal", 0.8, "scored", 4, 9, 3)
    assert view.text.startswith("The raters agree well (Krippendorff's alpha 0.800, from 9 ratings of 4 standards by 3 raters)")
    assert "too differently" in chime.Agreement("krippendorff_alpha_ordinal", 0.666, "scored", 4, 9).text
    none = chime.Agreement("krippendorff_alpha_ordinal", None, "not_scoreable", 0, 0, reason="only one rater")
    assert none.text == "Agreement between raters cannot be measured here: only one rater."
    report = framework.score(EXAMPLE)
    assert report.agreement is not None
    assert report.agreement.text in " ".join(report.text(framework).split())


def test_dataframe_has_agreement_columns(framework: chime.Framework) -> None:
    report = framework.score(EXAMPLE)
    frame = chime.to_dataframe([report], level="domain")
    for column in ("agreement_alpha", "agreement_status", "agreement_units", "agreement_values"):
        assert column in frame.columns
    assert list(frame["agreement_units"]) == [d.agreement.units for d in report.domains if d.agreement]
    overall = chime.to_dataframe([report])
    assert overall["agreement_alpha"].iloc[0] == pytest.approx(report.agreement.alpha if report.agreement and report.agreement.alpha is not None else float("nan"), nan_ok=True)


# -- against the krippendorff package ---------------------------------------------------------

_STANDARDS = [s.id for s in chime.Framework.default().standards]


def _generated(rng: random.Random, i: int) -> dict[str, Any]:
    """A multi-rater assessment of the default framework with missing values of every kind."""
    raters = [{"id": f"r{k}", "role": "member"} for k in range(rng.randint(2, 7))]
    base = rng.randint(0, 4)
    spread = rng.choice([0, 1, 1, 2, 4])
    judgements: list[dict[str, Any]] = []
    for standard in _STANDARDS:
        own = min(4, max(0, base + rng.randint(-1, 1)))
        for rater in raters:
            roll = rng.random()
            if roll < 0.15:
                continue  # no judgement
            if roll < 0.2:
                judgements.append({"standard": standard, "rater": rater["id"], "rating": None})
                continue
            if roll < 0.23:
                judgements.append(
                    {
                        "standard": standard,
                        "rater": rater["id"],
                        "rating": "not_applicable",
                        "justification": "does not fit",
                    }
                )
                continue
            level = min(4, max(0, own + rng.randint(-spread, spread)))
            judgements.append({"standard": standard, "rater": rater["id"], "rating": level})
    return {
        "format": "chime-standards/assessment@1",
        "id": f"generated-{i}",
        "framework": {"id": "chime-lero", "version": chime.Framework.default().version},
        "assessed_on": "2025-06-30",
        "organisation": {
            "id": f"org-{i % 40}",
            "structure": rng.choice(["informal", "formally_constituted"]),
        },
        "raters": raters,
        "judgements": judgements,
    }


def _package_alpha(**data: Any) -> float | None:
    """The krippendorff package's ordinal alpha, None where it cannot be computed."""
    try:
        # D_e = 0 (one level only) is 0/0 there: numpy warns and gives NaN.
        with numpy.errstate(invalid="ignore", divide="ignore"):
            value = float(
                krippendorff.alpha(
                    level_of_measurement="ordinal", value_domain=list(range(5)), **data
                )
            )
    except ValueError:  # no unit with two values
        return None
    return None if numpy.isnan(value) else value  # D_e = 0 gives 0/0


def _same(ours: float | None, theirs: float | None) -> bool:
    if ours is None or theirs is None:
        return ours is None and theirs is None
    return abs(ours - theirs) <= 0.0005 + 1e-12


def test_alpha_equals_the_krippendorff_package_on_generated_assessments(
    framework: chime.Framework,
) -> None:
    rng = random.Random(20261201)
    scored = 0
    for i in range(240):
        data = _generated(rng, i)
        assessment = chime.Assessment.from_dict(data)
        report = framework.score(assessment)
        assert report.agreement is not None
        matrix = assessment.reliability_data(framework)
        array = numpy.array(matrix, dtype=float)
        assert array.shape == (len(data["raters"]), sum(
            1 for s in report.standards if s.status != "not_applicable"
        ))
        theirs = _package_alpha(reliability_data=array)
        assert _same(report.agreement.alpha, theirs), (i, report.agreement, theirs)
        scored += report.agreement.alpha is not None
        for domain in report.domains:
            assert domain.agreement is not None
            columns = [
                k
                for k, s in enumerate(s for s in report.standards if s.status != "not_applicable")
                if domain.domain in _tags(s.standard)
            ]
            sub = array[:, columns] if columns else numpy.empty((array.shape[0], 0))
            theirs = _package_alpha(reliability_data=sub) if columns else None
            assert _same(domain.agreement.alpha, theirs), (i, domain.domain)
    assert scored >= 200, f"only {scored} assessments had a scoreable alpha"


def _tags(standard: str) -> set[str]:
    return {t.domain for t in chime.Framework.default().standard(standard).domains}


def test_pooled_alpha_equals_the_krippendorff_package(framework: chime.Framework) -> None:
    rng = random.Random(7)
    for size in (2, 5, 30):
        reports = [framework.score(_generated(rng, i)) for i in range(size)]
        pooled = chime.cohort(reports)
        units = [
            list(s.raters.levels)
            for r in reports
            for s in r.standards
            if s.status != "not_applicable"
        ]
        theirs = _package_alpha(value_counts=numpy.array(units))
        assert _same(pooled["agreement"]["alpha"], theirs)
        for entry in pooled["standards"]:
            counts = [
                list(s.raters.levels)
                for r in reports
                for s in r.standards
                if s.standard == entry["standard"] and s.status != "not_applicable"
            ]
            theirs = _package_alpha(value_counts=numpy.array(counts)) if counts else None
            assert _same(entry["agreement"]["alpha"], theirs), entry["standard"]
        for domain in pooled["domains"]:
            counts = [
                list(r.standard(c.standard).raters.levels)
                for r in reports
                for c in r.domain(domain["domain"]).contributions
            ]
            theirs = _package_alpha(value_counts=numpy.array(counts)) if counts else None
            assert _same(domain["agreement"]["alpha"], theirs), domain["domain"]


def test_the_published_example_through_the_package() -> None:
    """Krippendorff's example (spec section 8): both give 0.8067 unrounded."""
    nan = float("nan")
    data = [
        [nan, nan, nan, nan, nan, 3, 4, 1, 2, 1, 1, 3, 3, nan, 3],
        [1, nan, 2, 1, 3, 3, 4, 3, nan, nan, nan, nan, nan, nan, nan],
        [nan, nan, 2, 1, 3, 4, 4, nan, 2, 1, 1, 3, 3, nan, 4],
    ]
    theirs = _package_alpha(reliability_data=numpy.array(data))
    assert theirs is not None and abs(theirs - 0.8067) < 1e-4
    assert json.dumps(round(theirs, 3)) == "0.807"
