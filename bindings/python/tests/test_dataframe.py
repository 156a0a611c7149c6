"""Tidy rows: to_records (no pandas) and to_dataframe, their shape and values for a known batch.

Expected values are computed from the reports themselves, not copied from engine output.
"""

from __future__ import annotations

import copy
import datetime
import sys
from typing import Any

import chime_standards as chime
import pytest

KEYS = [
    "assessment",
    "organisation",
    "structure",
    "assessed_on",
    "assessment_status",
    "framework",
    "framework_version",
]


@pytest.fixture(scope="module")
def batch() -> list[chime.Report]:
    """Six reports: three organisations, two years, one informal, one with every rating lowered."""
    framework = chime.Framework.default()
    base = chime.Assessment.example().to_dict()
    assessments = []
    for org in ("north", "south", "east"):
        for year in (2024, 2025):
            a = copy.deepcopy(base)
            a["id"] = f"{org}-{year}"
            a["organisation"]["id"] = org
            shift = datetime.date(year, 6, 30) - datetime.date.fromisoformat(a["assessed_on"])
            a["assessed_on"] = f"{year}-06-30"
            for item in a["evidence"]:
                for holder, key in [
                    (item, "collected"),
                    (item, "expires"),
                    (item.get("consent"), "recorded_on"),
                ]:
                    if holder is not None and key in holder:
                        holder[key] = (datetime.date.fromisoformat(holder[key]) + shift).isoformat()
            if org == "south":
                a["organisation"]["structure"] = "formally_constituted"
            if org == "east" and year == 2025:
                for judgement in a["judgements"]:
                    if isinstance(judgement.get("rating"), int):
                        judgement["rating"] = max(0, judgement["rating"] - 1)
            assessments.append(a)
    return framework.score_many(assessments)


def test_records_without_pandas(batch: list[chime.Report]) -> None:
    rows = chime.to_records(batch)
    assert len(rows) == len(batch)
    for row, report in zip(rows, batch, strict=True):
        assert list(row)[: len(KEYS)] == KEYS
        assert row["assessment"] == report.assessment
        assert row["organisation"] == report.organisation.id
        assert row["structure"] == report.organisation.structure
        assert row["assessed_on"] == report.assessed_on
        assert row["framework_version"] == report.framework.version
        assert (row["score"], row["band"], row["profile_band"], row["award"], row["status"]) == (
            report.overall.score,
            report.overall.band,
            report.overall.profile_band,
            report.overall.award,
            report.overall.status,
        )


def test_overall_frame(batch: list[chime.Report]) -> None:
    pd = pytest.importorskip("pandas")
    frame = chime.to_dataframe(batch)
    assert frame.shape == (6, len(KEYS) + 5 + 5)  # + 5 agreement columns
    assert list(frame.columns[: len(KEYS)]) == KEYS
    assert list(frame["assessment"]) == [r.assessment for r in batch]
    assert list(frame["score"]) == [r.overall.score for r in batch]
    assert pd.api.types.is_datetime64_any_dtype(frame["assessed_on"])
    assert list(frame["assessed_on"].dt.year) == [2024, 2025] * 3
    by_org = frame.groupby("organisation")["score"].mean()
    north = [r.overall.score for r in batch if r.organisation.id == "north"]
    assert by_org["north"] == pytest.approx(sum(north) / len(north))  # type: ignore[arg-type]


def test_domain_frame(batch: list[chime.Report]) -> None:
    pytest.importorskip("pandas")
    frame = chime.to_dataframe(batch, level="domain")
    domains = [d.domain for d in batch[0].domains]
    assert frame.shape == (6 * len(domains), len(KEYS) + 7 + 5)  # + 5 agreement columns
    assert list(frame["domain"][: len(domains)]) == domains
    for report in batch:
        rows = frame[frame["assessment"] == report.assessment]
        assert list(rows["domain"]) == domains
        for (_, row), result in zip(rows.iterrows(), report.domains, strict=True):
            assert row["status"] == result.status
            if result.score is None:
                assert row["score"] != row["score"]  # NaN
            else:
                assert row["score"] == result.score
            assert row["rated_weight"] == result.rated_weight
    east = frame[frame["organisation"] == "east"].pivot(
        index="domain", columns="assessed_on", values="score"
    )
    assert (east.iloc[:, 1] <= east.iloc[:, 0]).all()  # every rating was lowered in 2025


def test_standard_frame(batch: list[chime.Report]) -> None:
    pd = pytest.importorskip("pandas")
    frame = chime.to_dataframe(batch, level="standard")
    n = len(batch[0].standards)
    assert frame.shape == (6 * n, len(KEYS) + 12)
    assert str(frame["claimed"].dtype) == "Int64" and frame["capped"].dtype == bool
    flat = [(r.assessment, s) for r in batch for s in r.standards]
    for (_, row), (assessment, result) in zip(frame.iterrows(), flat, strict=True):
        assert (row["assessment"], row["standard"], row["status"]) == (
            assessment,
            result.standard,
            result.status,
        )
        assert (row["claimed"] if row["claimed"] is not pd.NA else None) == result.claimed
        assert row["capped"] == (result.capped is not None)
        assert row["evidence_points"] == result.evidence.points
    capped = frame.groupby("assessment")["capped"].sum()
    assert capped["north-2024"] == sum(s.capped is not None for s in batch[0].standards)


def test_an_empty_batch_has_the_columns() -> None:
    pytest.importorskip("pandas")
    frame = chime.to_dataframe([], level="standard")
    assert frame.shape == (0, len(KEYS) + 12)


def test_errors_in_the_batch_are_refused_clearly(batch: list[chime.Report]) -> None:
    results = chime.Framework.default().score_many(
        [chime.Assessment.example(), "{"], errors="collect"
    )
    with pytest.raises(TypeError, match="item 1 is a ValidationError"):
        chime.to_records(results)


def test_without_pandas_says_what_to_install(
    batch: list[chime.Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        chime.to_dataframe(batch)
    assert len(chime.to_records(batch, level="domain")) == 6 * len(batch[0].domains)


def test_reports_as_dicts_are_accepted(batch: list[chime.Report]) -> None:
    as_dicts: list[Any] = [r.to_dict() for r in batch]
    assert chime.to_records(as_dicts, "standard") == chime.to_records(batch, "standard")


def _schema_names(name: str) -> list[str]:
    """An enum's names in declaration order, from the report's JSON Schema (schemars)."""
    definition = chime.schema("report")["$defs"][name]
    return [choice["const"] for choice in definition["oneOf"]]


def test_dtypes(batch: list[chime.Report]) -> None:
    pd = pytest.importorskip("pandas")
    framework = chime.Framework.default()
    bands = [band["id"] for band in framework.to_dict()["scoring"]["bands"]]
    overall = chime.to_dataframe(batch)
    assert pd.api.types.is_datetime64_any_dtype(overall["assessed_on"])
    assert str(overall["score"].dtype) == "Float64"
    for column, names, ordered in [
        ("award", _schema_names("AwardOutcome"), False),
        ("status", _schema_names("ScoreStatus"), False),
        ("structure", _schema_names("Structure"), False),
        ("assessment_status", _schema_names("AssessmentStatus"), False),
        ("band", bands, True),
        ("profile_band", bands, True),
    ]:
        dtype = overall[column].dtype
        assert isinstance(dtype, pd.CategoricalDtype), column
        assert (list(dtype.categories), dtype.ordered) == (names, ordered), column
    # Ordered bands compare as the framework ranks them.
    assert (overall["band"] >= bands[0]).all()

    domain = chime.to_dataframe(batch, level="domain")
    assert list(domain["domain"].dtype.categories) == [d.id for d in framework.domains]
    assert list(domain["status"].dtype.categories) == _schema_names("DomainStatus")
    assert [str(domain[c].dtype) for c in ("score", "coverage", "rated_weight")] == [
        "Float64",
        "Float64",
        "float64",
    ]

    standard = chime.to_dataframe(batch, level="standard")
    assert list(standard["standard"].dtype.categories) == [s.id for s in framework.standards]
    assert list(standard["status"].dtype.categories) == _schema_names("StandardStatus")
    assert {c: str(standard[c].dtype) for c in ("claimed", "effective", "raters_n", "capped")} == {
        "claimed": "Int64",
        "effective": "Int64",
        "raters_n": "int64",
        "capped": "bool",
    }


def test_missing_values_are_pd_na_in_nullable_columns() -> None:
    pd = pytest.importorskip("pandas")
    framework = chime.Framework.default()
    example = chime.Assessment.example().to_dict()
    for judgement in example["judgements"]:
        judgement["rating"] = None  # nothing rated: no scores, no claims
    report = framework.score(example)
    standard = chime.to_dataframe([report], level="standard")
    assert standard["claimed"].isna().all() and standard["score"].isna().all()
    assert standard["claimed"].iloc[0] is pd.NA
    overall = chime.to_dataframe([report])
    assert overall["score"].iloc[0] is pd.NA and overall["band"].isna().all()
    assert report.overall.score is None


def test_reports_read_back_get_the_frameworks_categories(batch: list[chime.Report]) -> None:
    pytest.importorskip("pandas")
    as_json = [r.to_json() for r in batch]
    frame = chime.to_dataframe(as_json, level="domain")
    assert list(frame["domain"].dtype.categories) == [d.id for d in chime.Framework.default().domains]


def test_values_a_framework_does_not_list_are_kept(batch: list[chime.Report]) -> None:
    pytest.importorskip("pandas")
    other = chime.Framework.default().to_dict()
    other["id"] = "other"
    for band in other["scoring"]["bands"]:
        band["id"] += "-x"
    other["scoring"]["award"]["required_band"] += "-x"
    frame = chime.to_dataframe(batch, framework=chime.Framework.from_dict(other))
    assert list(frame["band"]) == [r.overall.band for r in batch]  # not NaN


def test_cohort_standards_frame_counts_each_reports_status() -> None:
    """The per-standard table: for each standard, the status counts are the reports' own."""
    pd = pytest.importorskip("pandas")
    framework = chime.Framework.default()
    example = chime.Assessment.example().to_dict()
    lowered = copy.deepcopy(example)
    for judgement in lowered["judgements"]:
        if isinstance(judgement.get("rating"), int):
            judgement["rating"] = 0
    reports = [framework.score(example), framework.score(example), framework.score(lowered)]
    frame = chime.cohort_standards(chime.cohort(reports))
    assert list(frame["standard"]) == [s.standard for s in reports[0].standards]
    for row in frame.itertuples(index=False):
        row = row._asdict()
        expected: dict[str, int] = {}
        for report in reports:
            status = next(s.status for s in report.standards if s.standard == row["standard"])
            expected[status] = expected.get(status, 0) + 1
        for status, count in expected.items():
            assert row[status] == count, (row["standard"], status)
        assert row["n"] == 3
        capped = sum(
            1
            for report in reports
            if next(s for s in report.standards if s.standard == row["standard"]).capped
        )
        assert row["capped"] == capped
    assert str(frame["agreement_alpha"].dtype) == "Float64"
    assert isinstance(frame["agreement_status"].dtype, pd.CategoricalDtype)
    statuses = list(chime.vocabulary()["standard_status"])
    assert list(frame.columns[:2]) == ["standard", "n"]
    assert sorted(frame.columns[2 : 2 + len(statuses)]) == sorted(statuses)
    for name in ["n", *statuses, "capped", "agreement_units", "agreement_values"]:
        assert str(frame[name].dtype) == "int64", name


def test_cohort_standards_refuses_what_is_not_a_cohort() -> None:
    pytest.importorskip("pandas")
    framework = chime.Framework.default()
    pooled = chime.cohort([framework.score(chime.Assessment.example().to_dict())])
    assert len(chime.cohort_standards(pooled)) == len(pooled["standards"])
    with pytest.raises(ValueError, match="not a cohort document"):
        chime.cohort_standards({**pooled, "standards": "none"})
