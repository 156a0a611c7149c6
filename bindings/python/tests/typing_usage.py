"""Checked by mypy --strict against the installed package's inline types and _native.pyi.

Not collected by pytest (no test functions run): tests/test_stubs.py type-checks this file, and
runs it. Lines marked `type: ignore[...]` must stay errors: mypy's warn_unused_ignores (part
of --strict) fails the check if the types ever stop catching them.
"""

from __future__ import annotations

import pickle
from typing import Any

import chime_standards as chime
import pandas
from chime_standards import (
    Assessment,
    ChimeError,
    Diagnostic,
    DomainResult,
    Framework,
    Report,
    StandardResult,
    ValidationError,
)


def usage() -> None:
    framework: Framework = Framework.default()
    custom: Framework = Framework.from_json(framework.to_json())
    also: Framework = Framework.from_dict(framework.to_dict())
    assert custom == also
    version: str = framework.version
    first_domain: str = framework.domains[0].name
    weight: float = framework.standards[0].domains[0].weight
    descriptor: str | None = framework.standards[0].level_descriptors.get(3)
    print(version, first_domain, weight, descriptor)

    example: Assessment = Assessment.example()
    data: dict[str, Any] = example.to_dict()
    report: Report = framework.score(data)
    report = framework.score(example.to_json())
    report = framework.score(example)

    score: float | None = report.overall.score
    award: str = report.overall.award
    domain: DomainResult = report.domains[0]
    coverage: float | None = domain.coverage
    standard: StandardResult = report.standard(report.standards[0].standard)
    effective: int | None = standard.effective
    points: float = standard.evidence.points
    gains: list[float] = [x.gain for x in report.leverage]
    print(score, award, coverage, effective, points, gains)

    diagnostics: list[Diagnostic] = framework.validate(data)
    codes: list[str] = [d.code for d in diagnostics]
    print(codes)

    reports: list[Report] = framework.score_many([data, example])
    mixed: list[Report | ValidationError] = framework.score_many(
        [data, "{"], errors="collect", progress=False
    )
    for item in mixed:
        if isinstance(item, ValidationError):
            where: int | None = item.index
            first: Diagnostic = item.diagnostics[0]
            print(where, first.path)
        else:
            print(item.overall.score)

    frame: pandas.DataFrame = chime.to_dataframe(reports, level="domain")
    rows: list[dict[str, Any]] = chime.to_records(reports, "standard")
    comparison: dict[str, Any] = chime.compare(reports[0], reports[1])
    pooled: dict[str, Any] = chime.cohort(reports)
    schema: dict[str, Any] = chime.schema("report")
    print(frame.shape, len(rows), comparison["overall"], pooled["reports"], schema["$id"])

    text: str = report.to_json() + report.svg() + report.html() + report.text()
    again: Report = pickle.loads(pickle.dumps(report))
    print(len(text), again == report)

    try:
        framework.score("{")
    except ValidationError as error:
        message: str = str(error)
        print(message, error.codes)
    except ChimeError:
        raise


def several_raters() -> None:
    """Merge, split and agreement, as a researcher would use them."""
    framework = chime.Framework.default()
    parts: list[chime.Assessment] = chime.split(chime.Assessment.example())
    merged: chime.Assessment = chime.merge([parts[0].to_dict(), parts[1].to_json(), *parts[2:]])
    report = framework.score(merged)
    agreement: chime.Agreement | None = report.agreement
    if agreement is not None:
        alpha: float | None = agreement.alpha
        reading: str = agreement.reading
        print(alpha, reading, agreement.units)
    levels: tuple[int, ...] = report.standards[0].raters.levels
    matrix: list[list[int | None]] = merged.reliability_data(framework)
    print(levels, matrix)


def revisions(framework: Framework, report: Report) -> None:
    """Framework revisions (spec 9), typed."""
    changes: dict[str, Any] = chime.diff(framework, framework)
    editor: str = chime.changes_text(framework, framework)
    drafted: dict[str, Any] = chime.draft_mapping(framework, framework)
    found: list[Diagnostic] = chime.validate_mapping(drafted, framework, framework)
    migrated: Assessment
    review: list[Diagnostic]
    migrated, review = chime.migrate(Assessment.example(), drafted, framework)
    compared: dict[str, Any] = chime.compare(report, report, mapping=drafted)
    print(changes["required_bump"], len(editor), len(found), migrated.id, len(review), compared)
def endorsement_usage(data: dict[str, Any], report: Report) -> None:
    """Endorsements: sign with a key from os.urandom, verify against a JWK Set."""
    key: dict[str, Any] = chime.generate_key("reviewer-1")
    envelope: dict[str, Any] = chime.sign_endorsement(
        data,
        report,
        key=key,
        reviewer="reviewer-1",
        role="peer",
        scope="desk_review",
        outcome="endorsed_with_conditions",
        reviewed_on="2026-01-31",
    )
    result: chime.Verification = chime.verify(
        envelope, data, keys={"keys": [chime.public_key(key)]}, report=report.to_json()
    )
    valid: bool = result.valid
    codes: list[str] = result.codes
    keyid: str | None = result.keyid
    digest: str = chime.canonical_json(data)[1]
    print(valid, codes, keyid, digest, chime.key_id(key))


def must_stay_type_errors(framework: Framework, report: Report, data: dict[str, Any]) -> None:
    """Never called: each line is wrong, and mypy must say so."""
    reports = [report]
    framework.score(42)  # type: ignore[arg-type]
    framework.score_many([data], errors="ignore")  # type: ignore[call-overload]
    chime.to_dataframe(reports, level="organisation")  # type: ignore[arg-type]
    chime.schema("nonsense")  # type: ignore[arg-type]
    chime.migrate(data, data, "chime-lero")  # type: ignore[arg-type]
    wrong: int = report.overall.score  # type: ignore[assignment]
    not_reports: list[Report] = framework.score_many([data], errors="collect")  # type: ignore[assignment]
    chime.sign_endorsement(data, report, key={}, reviewer="r", role="boss", scope="visit", outcome="endorsed", reviewed_on="2026-01-01")  # type: ignore[arg-type]
    chime.verify({}, data)  # type: ignore[call-arg]
    print(wrong, not_reports)


if __name__ == "__main__":
    usage()
    several_raters()
    revisions(Framework.default(), Framework.default().score(Assessment.example()))
