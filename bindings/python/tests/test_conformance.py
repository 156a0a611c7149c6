"""Every language-neutral case under tests/conformance gives what the Rust runner expects.

This mirrors crates/chime-standards/tests/conformance.rs and the rules of
tests/conformance/README.md: expected documents match as a subset (objects recursively, arrays
of the same length element by element, numbers exactly); `expect.report: null` means scoring
fails; `expect.diagnostics` is the complete list of errors and warnings (info ignored), each
matched on the keys given, in any order.

Score cases run three ways: with dicts, with JSON text, and with parsed Assessment objects,
and all three must agree with the expectation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import chime_standards as chime
import pytest
from conftest import CONFORMANCE

CASES = sorted(CONFORMANCE.glob("*.json"))
ROUTES = ["dict", "json", "object"]


def test_the_cases_are_there() -> None:
    assert len(CASES) >= 25, f"expected at least 25 cases in {CONFORMANCE}"


# -- the matching rules (mirroring the Rust runner) -----------------------------------------


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def subset(want: Any, have: Any, at: str, problems: list[str]) -> None:
    """Every key in `want` must match in `have`; arrays match in full length; numbers exactly."""
    if isinstance(want, dict) and isinstance(have, dict):
        for key, value in want.items():
            if key in have:
                subset(value, have[key], f"{at}/{key}", problems)
            else:
                problems.append(f"{at}/{key}: missing, expected {value!r}")
    elif isinstance(want, list) and isinstance(have, list):
        if len(want) != len(have):
            problems.append(f"{at}: expected {len(want)} items, got {len(have)}: {have!r}")
            return
        for i, (w, h) in enumerate(zip(want, have, strict=True)):
            subset(w, h, f"{at}/{i}", problems)
    elif _is_number(want) and _is_number(have):
        if float(want) != float(have):
            problems.append(f"{at}: expected {want!r}, got {have!r}")
    elif not (type(want) is type(have) and want == have):
        problems.append(f"{at}: expected {want!r}, got {have!r}")


def diagnostics_match(
    expected: list[Any], actual: list[chime.Diagnostic], problems: list[str]
) -> None:
    """The expected diagnostics must be exactly the actual errors and warnings, in any order."""
    left = [d.to_dict() for d in actual if d.severity != "info"]
    for want in expected:
        for i, have in enumerate(left):
            scratch: list[str] = []
            subset(want, have, "", scratch)
            if not scratch:
                del left[i]
                break
        else:
            problems.append(f"expected diagnostic {want!r} not produced")
    for extra in left:
        problems.append(
            f"unexpected diagnostic {extra['severity']} {extra['code']} {extra['document']} "
            f"{extra['path']}: {extra['message']}"
        )


def test_the_matcher_rejects_what_it_should() -> None:
    problems: list[str] = []
    subset({"a": [1, 2]}, {"a": [1, 2, 3]}, "", problems)
    subset({"b": 1.5}, {"b": 1.55}, "", problems)
    subset({"c": None}, {}, "", problems)
    subset({"d": True}, {"d": 1}, "", problems)
    subset({"e": 1}, {"e": "1"}, "", problems)
    assert len(problems) == 5, problems
    accepted: list[str] = []
    subset({"f": 75}, {"f": 75.0, "g": 1}, "", accepted)
    assert accepted == []
    warning = chime.Diagnostic("warning", "raters_disagree", "assessment", "/judgements/0", "m")
    problems = []
    diagnostics_match([], [warning], problems)
    assert len(problems) == 1, "an unexpected warning must fail the case"


# -- running a case ---------------------------------------------------------------------------


def _framework(case: dict[str, Any], route: str) -> chime.Framework:
    if "framework_json" in case:
        return chime.Framework.from_json(case["framework_json"])
    given = case["framework"]
    if given == "default":
        return chime.Framework.default()
    if route == "json":
        return chime.Framework.from_json(json.dumps(given))
    return chime.Framework.from_dict(given)


def _assessment(case: dict[str, Any], key: str, route: str) -> Any:
    """The assessment in the form the route sends it."""
    if f"{key}_json" in case:
        text = case[f"{key}_json"]
        return chime.Assessment.from_json(text) if route == "object" else text
    value = case[key]
    if route == "json":
        return json.dumps(value)
    if route == "object":
        return chime.Assessment.from_dict(value)
    return value


def run_merge(case: dict[str, Any], route: str) -> tuple[dict[str, Any], list[chime.Diagnostic]]:
    """A merge case: ``{"assessment": merged or None, "report": its report or None}``."""
    inputs: list[Any] = case["inputs"]
    if route == "json":
        inputs = [json.dumps(a) for a in inputs]
    elif route == "object":
        inputs = [chime.Assessment.from_dict(a) for a in inputs]
    try:
        merged = chime.merge(inputs)
    except chime.ValidationError as error:
        return {"assessment": None, "report": None}, error.diagnostics
    if "framework" not in case:
        return {"assessment": merged.to_dict(), "report": None}, []
    try:
        report = _framework(case, route).score(merged)
    except chime.ValidationError as error:
        return {"assessment": merged.to_dict(), "report": None}, error.diagnostics
    return {"assessment": merged.to_dict(), "report": report.to_dict()}, list(report.diagnostics)


def notes_match(expected: list[Any], actual: list[chime.Diagnostic], problems: list[str]) -> None:
    """The expected notes must be exactly the actual `info` diagnostics, in any order."""
    as_warnings = [
        chime.Diagnostic("warning", d.code, d.document, d.path, d.message)
        for d in actual
        if d.severity == "info"
    ]
    diagnostics_match([{**want, "severity": "warning"} for want in expected], as_warnings, problems)


def _revision_framework(case: dict[str, Any], key: str, route: str) -> chime.Framework:
    given = case[key]
    if route == "json":
        return chime.Framework.from_json(json.dumps(given))
    return chime.Framework.from_dict(given)


def _mapping(case: dict[str, Any], route: str) -> Any:
    if "mapping_json" in case:
        return case["mapping_json"]
    return json.dumps(case["mapping"]) if route == "json" else case["mapping"]


def run_revision(
    case: dict[str, Any], kind: str, route: str
) -> tuple[dict[str, Any] | None, list[chime.Diagnostic]]:
    """The revision kinds of spec 9 (see tests/conformance/README.md)."""
    if kind == "diff":
        old, new = _revision_framework(case, "old", route), _revision_framework(case, "new", route)
        try:
            changes = chime.diff(old, new)
        except chime.ValidationError as error:
            return None, error.diagnostics
        return changes, [chime.Diagnostic.from_dict(d) for d in changes["diagnostics"]]
    if kind == "draft_mapping":
        old, new = _revision_framework(case, "old", route), _revision_framework(case, "new", route)
        return chime.draft_mapping(old, new), []
    if kind == "mapping":
        old, new = _revision_framework(case, "old", route), _revision_framework(case, "new", route)
        return None, chime.validate_mapping(_mapping(case, route), old, new)
    if kind == "migrate":
        new = _revision_framework(case, "new", route)
        try:
            migrated, diagnostics = chime.migrate(
                _assessment(case, "assessment", route), _mapping(case, route), new
            )
        except chime.ValidationError as error:
            return None, error.diagnostics
        new.score(migrated)  # every migrated assessment is valid against the new framework
        output = {"assessment": migrated.to_dict(), "diagnostics": [d.to_dict() for d in diagnostics]}
        return output, diagnostics
    old, new = _revision_framework(case, "old", route), _revision_framework(case, "new", route)
    before = old.score(_assessment(case, "before", route))
    after = new.score(_assessment(case, "after", route))
    try:
        comparison = chime.compare(before, after, mapping=_mapping(case, route) if "mapping" in case else None)
    except chime.ValidationError as error:
        return None, error.diagnostics
    return comparison, [chime.Diagnostic.from_dict(d) for d in comparison["diagnostics"]]


def run(case: dict[str, Any], route: str) -> tuple[dict[str, Any] | None, list[chime.Diagnostic]]:
    """What a case produced: the output document (or None) and the diagnostics."""
    if case.get("kind") == "merge":
        return run_merge(case, route)
    kind = case.get("kind", "score")
    if kind in ("diff", "draft_mapping", "mapping", "migrate") or (
        kind == "compare" and "old" in case
    ):
        return run_revision(case, kind, route)
    try:
        framework = _framework(case, route)
    except chime.ValidationError as error:
        return None, error.diagnostics
    kind = case.get("kind", "score")
    if kind == "score":
        try:
            report = framework.score(_assessment(case, "assessment", route))
        except chime.ValidationError as error:
            return None, error.diagnostics
        output = report.to_dict()
        assert output == json.loads(report.to_json()), "to_dict and to_json disagree"
        return output, list(report.diagnostics)
    if kind == "compare":
        before = framework.score(_assessment(case, "before", route))
        after = framework.score(_assessment(case, "after", route))
        try:
            comparison = chime.compare(before, after)
        except chime.ValidationError as error:
            return None, error.diagnostics
        return comparison, [chime.Diagnostic.from_dict(d) for d in comparison["diagnostics"]]
    if kind == "cohort":
        assessments = case["assessments"]
        if route == "json":
            assessments = [json.dumps(a) for a in assessments]
        elif route == "object":
            assessments = [chime.Assessment.from_dict(a) for a in assessments]
        reports = framework.score_many(assessments)
        try:
            pooled = chime.cohort(reports)
        except chime.ValidationError as error:
            return None, error.diagnostics
        return pooled, [chime.Diagnostic.from_dict(d) for d in pooled["diagnostics"]]
    if kind == "verify":
        def given(key: str) -> Any:
            if f"{key}_json" in case:
                return case[f"{key}_json"]
            value = case.get(key)
            return json.dumps(value) if route == "json" and value is not None else value

        result = chime.verify(
            given("envelope"), given("assessment"), keys=given("keys"), report=given("report")
        )
        return result.to_dict(), list(result.problems)
    raise AssertionError(f"unknown kind {kind}")


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path, route: str) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    expect = case.get("expect", {})
    output, diagnostics = run(case, route)
    problems: list[str] = []
    merging = case.get("kind") == "merge"
    keys = ("report", "comparison", "cohort", "assessment", "changes", "mapping", "migration")
    for key in (*keys, "verification"):
        if key in expect:
            # A merge case's output holds the merged assessment and its report.
            have = output.get(key) if merging and output is not None else output
            subset(expect[key], have, "", problems)
    if "diagnostics" in expect:
        diagnostics_match(expect["diagnostics"], diagnostics, problems)
    if "notes" in expect:
        notes_match(expect["notes"], diagnostics, problems)
    assert not problems, f"{path.name} ({route}):\n    " + "\n    ".join(problems)
