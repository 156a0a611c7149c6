"""Dicts are read straight into the core's types (no JSON text), with the text's diagnostics.

The native reader accepts a dict exactly when its JSON text is a valid document, and reads
the same document; whatever it refuses goes as text, so every diagnostic is the text's. For
many broken documents of each kind (a wrong type, a missing or unknown field, an array where
an object belongs, a bad name, date or number), this checks that the reader refuses the dict,
and that the diagnostics from the dict and from its JSON text are identical.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from typing import Any

import chime_standards as chime
import pytest
from chime_standards import _native

EXAMPLE = json.loads(_native.EXAMPLE_ASSESSMENT_JSON)
FRAMEWORK = json.loads(_native.DEFAULT_FRAMEWORK_JSON)
REPORT = chime.Framework.default().score(EXAMPLE).to_dict()


def _paths(value: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every value's path, containers included (the root excluded)."""
    if at:
        yield at
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*at, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, (*at, i))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _edited(document: dict[str, Any], path: tuple[Any, ...], edit: Callable[[Any, Any], None]) -> Any:
    broken = copy.deepcopy(document)
    edit(_get(broken, path[:-1]), path[-1])
    return broken


def _replacements(value: Any) -> list[Any]:
    """Values of other types (and a few of the same type that are wrong)."""
    out: list[Any] = [None, True, 7, -3, 2.5, "x", [], [1], {}, {"n": 1}, 2**63, "2025-02-30"]
    if isinstance(value, dict):
        out.append(list(value.values()))  # an array of the fields where an object belongs
    return [v for v in out if type(v) is not type(value) or v != value]


def _broken(document: dict[str, Any], every: int) -> Iterator[tuple[str, Any]]:
    """Broken variants of `document`: every `every`-th path gets all of its edits."""
    for n, path in enumerate(_paths(document)):
        if n % every:
            continue
        where = "/" + "/".join(map(str, path))
        here = _get(document, path)
        for replacement in _replacements(here):

            def put(holder: Any, key: Any, replacement: Any = replacement) -> None:
                holder[key] = replacement

            yield f"{where} = {replacement!r:.40}", _edited(document, path, put)
        if isinstance(path[-1], str):

            def drop(holder: Any, key: Any) -> None:
                del holder[key]

            yield f"{where} removed", _edited(document, path, drop)
        if isinstance(here, dict):

            def extra(holder: Any, key: Any) -> None:
                holder[key]["colour"] = "blue"

            yield f"{where}/colour added", _edited(document, path, extra)
    yield "the root is a list", list(document.values())
    yield "unknown root field", {**copy.deepcopy(document), "colour": 1}


def _strip(diagnostics: Any) -> list[tuple[str, str, str, str, str]]:
    return [(d.severity, d.code, d.document, d.path, d.message) for d in diagnostics]


def _accepts(reader: Callable[[Any], Any], value: Any) -> bool:
    """Whether a native reader took the value (it may then raise for a framework's checks)."""
    try:
        return reader(value) is not None
    except chime.ValidationError:
        return True


def _compare(
    cases: Iterator[tuple[str, Any]],
    reader: Callable[[Any], Any],
    errors: Callable[[Any], Any],
    parses: Callable[[str], bool] | None = None,
) -> int:
    problems, count = [], 0
    for name, broken in cases:
        count += 1
        text = json.dumps(broken)
        as_dict, as_text = _strip(errors(broken)), _strip(errors(text))
        if as_dict != as_text:
            problems.append(f"{name}:\n  dict {as_dict}\n  text {as_text}")
        if isinstance(broken, dict):
            accepted = _accepts(reader, broken)
            # The reader takes a dict exactly when the core's parser takes its text.
            if parses is not None and accepted != parses(text):
                problems.append(f"{name}: the native reader accepted it: {accepted}")
            if not accepted and not as_text:
                problems.append(f"{name}: refused, but the text is fine")
    assert not problems, "\n".join(problems[:20])
    return count


def _parses(parse: Callable[[str], Any]) -> Callable[[str], bool]:
    def parses(text: str) -> bool:
        try:
            parse(text)
        except chime.ValidationError:
            return False
        return True

    return parses


def _raised(call: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def errors(value: Any) -> Any:
        try:
            call(value)
        except chime.ValidationError as error:
            return error.diagnostics
        return []

    return errors


def test_broken_assessments_give_the_texts_diagnostics() -> None:
    framework = chime.Framework.default()
    count = _compare(
        _broken(EXAMPLE, 1),
        _native.AssessmentData.from_py,
        framework.validate,
        _parses(_native.AssessmentData.from_json),
    )
    assert count > 2000


def test_broken_assessments_fail_to_score_with_the_texts_diagnostics() -> None:
    framework = chime.Framework.default()
    count = _compare(
        _broken(EXAMPLE, 7), _native.AssessmentData.from_py, _raised(framework.score)
    )
    assert count > 200


def test_broken_frameworks_give_the_texts_diagnostics() -> None:
    def build(value: Any) -> Any:
        if isinstance(value, (str, bytes)):
            return chime.Framework.from_json(value)
        return chime.Framework.from_dict(value)

    count = _compare(_broken(FRAMEWORK, 5), _native.Engine.from_py, _raised(build))
    assert count > 500


def test_broken_reports_give_the_texts_diagnostics() -> None:
    def read(value: Any) -> Any:
        if isinstance(value, (str, bytes)):
            return chime.Report.from_json(value)
        return chime.Report.from_dict(value)

    count = _compare(
        _broken(REPORT, 3),
        _native.ReportData.from_py,
        _raised(read),
        _parses(_native.ReportData.from_json),
    )
    assert count > 500


@pytest.mark.parametrize(
    "value",
    [
        {"format": float("nan")},
        {"format": {1: "a"}},
        {"format": {"a"}},
        {"id": "\ud800"},
        {"id": 2**70},
    ],
    ids=["nan", "int key", "set", "lone surrogate", "huge int"],
)
def test_data_json_cannot_hold_goes_as_text(value: Any) -> None:
    """Such data is handed to the text path (which converts or refuses it), never misread."""
    assert _native.AssessmentData.from_py(value) is None


def test_valid_documents_read_the_same_from_dicts_and_text() -> None:
    assert chime.Assessment.from_dict(EXAMPLE) == chime.Assessment.from_json(json.dumps(EXAMPLE))
    assert chime.Report.from_dict(REPORT) == chime.Report.from_json(json.dumps(REPORT))
    assert chime.Framework.from_dict(FRAMEWORK) == chime.Framework.from_json(json.dumps(FRAMEWORK))
    # Tuples are arrays, as json.dumps writes them.
    as_tuples = copy.deepcopy(EXAMPLE)
    as_tuples["raters"] = tuple(as_tuples["raters"])
    assert chime.Assessment.from_dict(as_tuples) == chime.Assessment.from_dict(EXAMPLE)
