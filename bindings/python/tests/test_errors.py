"""Invalid and malformed input: the right exception types and the core's diagnostics.

Nothing any caller passes may raise a bare Exception or a PanicException: malformed input is
a ValidationError (a ChimeError, a ValueError) with located diagnostics.
"""

from __future__ import annotations

import datetime
import json
import pickle
from typing import Any

import chime_standards as chime
import pytest


def _error(framework: chime.Framework, value: Any) -> chime.ValidationError:
    with pytest.raises(chime.ValidationError) as raised:
        framework.score(value)
    return raised.value


def test_the_exception_hierarchy() -> None:
    assert issubclass(chime.ChimeError, ValueError)
    assert issubclass(chime.ValidationError, chime.ChimeError)
    assert chime.errors.ValidationError is chime.ValidationError


def test_malformed_json_string(framework: chime.Framework) -> None:
    error = _error(framework, '{"format": "chime-standards/assessment@1", "id": ')
    assert error.codes == ["invalid_json"]
    (diagnostic,) = error.diagnostics
    assert diagnostic.severity == "error"
    assert diagnostic.document == "assessment"
    assert "valid JSON" in diagnostic.message
    assert "invalid_json" in str(error)


def test_malformed_bytes_and_bad_utf8(framework: chime.Framework) -> None:
    assert _error(framework, b"{").codes == ["invalid_json"]
    assert _error(framework, b'{"format": "\xff"}').codes == ["invalid_json"]
    assert _error(framework, bytearray(b'{"id": ')).codes == ["invalid_json"]
    # A list where the document's object belongs is the wrong type, even unfinished.
    assert _error(framework, bytearray(b"[")).codes == ["invalid_type"]
    assert _error(framework, "\ud800").codes == ["invalid_json"]  # a lone surrogate
    assert _error(framework, "\ufeff{}").codes == ["invalid_json"]  # a byte-order mark


def test_wrong_type_in_a_dict_is_located(
    framework: chime.Framework, example: dict[str, Any]
) -> None:
    example["judgements"][2]["rating"] = "three"
    error = _error(framework, example)
    assert [(d.code, d.path) for d in error.errors] == [("invalid_value", "/judgements/2/rating")]
    example["judgements"][2]["rating"] = 3
    example["id"] = 7
    error = _error(framework, example)
    assert [(d.code, d.path) for d in error.errors] == [("invalid_type", "/id")]


def test_the_same_diagnostics_from_dicts_strings_and_files(
    framework: chime.Framework, example: dict[str, Any], tmp_path: Any
) -> None:
    example["evidence"][0]["collected"] = "2025-02-30"
    as_dict = _error(framework, example).diagnostics
    as_text = _error(framework, json.dumps(example)).diagnostics
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    with pytest.raises(chime.ValidationError) as raised:
        chime.Assessment.from_path(path)
    assert as_dict == as_text == raised.value.diagnostics
    assert as_dict[0].path == "/evidence/0/collected"


def test_unknown_field(framework: chime.Framework, example: dict[str, Any]) -> None:
    example["organisation"]["colour"] = "blue"
    error = _error(framework, example)
    assert [(d.code, d.document, d.path) for d in error.errors] == [
        ("unknown_field", "assessment", "/organisation/colour")
    ]
    assert "colour" in error.diagnostics[0].message


def test_missing_field(framework: chime.Framework, example: dict[str, Any]) -> None:
    del example["assessed_on"]
    assert _error(framework, example).codes == ["missing_field"]


def test_testimony_without_consent(framework: chime.Framework, example: dict[str, Any]) -> None:
    index = next(i for i, e in enumerate(example["evidence"]) if e["kind"] == "testimony")
    example["evidence"][index].pop("consent", None)
    error = _error(framework, example)
    assert isinstance(error, chime.ChimeError) and isinstance(error, ValueError)
    found = [d for d in error.errors if d.code == "testimony_without_consent"]
    assert [d.path for d in found] == [f"/evidence/{index}"]
    assert found[0].severity == "error" and found[0].document == "assessment"
    text = str(error)
    # The engine's own summary, as the CLI and the npm package print it.
    assert text.splitlines()[0] == "1 problem stops scoring"
    assert f"error[testimony_without_consent] assessment /evidence/{index}: " in text


def test_every_problem_is_reported_not_only_the_first(
    framework: chime.Framework, example: dict[str, Any]
) -> None:
    example["framework"]["version"] = "9.9.9"
    example["judgements"][0]["rating"] = 11
    example["judgements"][1]["standard"] = "no-such-standard"
    codes = set(_error(framework, example).codes)
    assert {"framework_version_mismatch", "rating_out_of_range", "unknown_standard"} <= codes


def test_validate_lists_without_raising(
    framework: chime.Framework, example: dict[str, Any]
) -> None:
    assert not any(d.is_error for d in framework.validate(example))
    example["judgements"][0]["rating"] = 11
    found = framework.validate(example)
    assert any(d.code == "rating_out_of_range" and d.is_error for d in found)
    (malformed,) = framework.validate("{")
    assert malformed.code == "invalid_json"
    (odd,) = framework.validate({"id": {1, 2}})
    assert (odd.code, odd.path) == ("invalid_type", "/id")


@pytest.mark.parametrize(
    ("value", "code", "path"),
    [
        (float("nan"), "invalid_type", "/id"),
        (float("inf"), "invalid_type", "/id"),
        ({1, 2}, "invalid_type", "/id"),
        (object(), "invalid_type", "/id"),
        ({(1, 2): "x"}, "invalid_type", "/id"),
        (datetime.datetime(2025, 1, 1, 12, 0), "invalid_type", "/id"),
    ],
)
def test_values_json_cannot_hold_are_located(
    framework: chime.Framework, example: dict[str, Any], value: Any, code: str, path: str
) -> None:
    example["id"] = value
    error = _error(framework, example)
    assert [(d.code, d.path) for d in error.errors] == [(code, path)]


def test_dates_and_numpy_like_numbers_are_accepted(
    framework: chime.Framework, example: dict[str, Any]
) -> None:
    expected = framework.score(example)
    example["assessed_on"] = datetime.date.fromisoformat(example["assessed_on"])

    class Integer(int):  # stands in for numpy.int64, which is a numbers.Integral
        pass

    example["judgements"][0]["rating"] = Integer(example["judgements"][0]["rating"])
    assert framework.score(example) == expected


def test_cycles_and_deep_nesting(framework: chime.Framework, example: dict[str, Any]) -> None:
    example["organisation"]["loop"] = example["organisation"]
    error = _error(framework, example)
    assert error.diagnostics[0].path.startswith("/organisation")
    deep: Any = []
    for _ in range(100_000):
        deep = [deep]
    assert _error(framework, {"id": deep}).codes == ["nesting_too_deep"]
    # As text, the parser stops at the first value of the wrong shape, long before any limit.
    assert _error(framework, "[" * 100_000 + "]" * 100_000).codes == ["invalid_type"]
    nested_field = '{"format": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert [(d.code, d.path) for d in _error(framework, nested_field).errors] == [
        ("invalid_type", "/format")
    ]


@pytest.mark.parametrize(
    "value",
    ["", "null", "[]", "42", '"text"', "{}", None, 42, [], [1, 2], "x" * 1000, {"format": None}],
)
def test_odd_documents_are_validation_errors(framework: chime.Framework, value: Any) -> None:
    error = _error(framework, value)
    assert error.errors and all(d.document == "assessment" for d in error.errors)


def test_oversize_input(framework: chime.Framework) -> None:
    huge = " " * (16 * 1024 * 1024 + 1)
    assert _error(framework, huge).codes == ["input_too_large"]


def test_invalid_framework(example: dict[str, Any]) -> None:
    document = chime.Framework.default().to_dict()
    document["scoring"]["met_level"] = 9
    document["standards"][1]["id"] = document["standards"][0]["id"]
    with pytest.raises(chime.ValidationError) as raised:
        chime.Framework.from_dict(document)
    found = {(d.code, d.path) for d in raised.value.errors}
    assert ("met_level_out_of_range", "/scoring/met_level") in found
    assert ("duplicate_id", "/standards/1/id") in found
    assert all(d.document == "framework" for d in raised.value.diagnostics)
    with pytest.raises(chime.ValidationError) as raised:
        chime.Framework.from_json("{")
    assert raised.value.codes == ["invalid_json"]
    assert raised.value.diagnostics[0].document == "framework"


def test_wrong_framework_for_the_assessment(example: dict[str, Any]) -> None:
    document = chime.Framework.default().to_dict()
    document["id"] = "another-framework"
    other = chime.Framework.from_dict(document)
    with pytest.raises(chime.ValidationError) as raised:
        other.score(example)
    assert "framework_id_mismatch" in raised.value.codes


def test_errors_pickle_and_keep_their_diagnostics(framework: chime.Framework) -> None:
    error = _error(framework, "{")
    copy = pickle.loads(pickle.dumps(error))
    assert isinstance(copy, chime.ValidationError)
    assert copy.diagnostics == error.diagnostics and str(copy) == str(error)


def test_diagnostics_have_a_readable_form(framework: chime.Framework) -> None:
    (diagnostic,) = _error(framework, "{").diagnostics
    assert str(diagnostic).startswith("error[invalid_json] assessment /: ")
    assert diagnostic.to_dict() == {
        "severity": "error",
        "code": "invalid_json",
        "document": "assessment",
        "path": "",
        "message": diagnostic.message,
    }


def test_bad_arguments_are_ordinary_python_errors(framework: chime.Framework) -> None:
    with pytest.raises(ValueError, match="errors must be"):
        framework.score_many([], errors="ignore")  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        chime.Framework("chime-lero")  # type: ignore[arg-type]
    with pytest.raises(chime.ChimeError, match="no schema named"):
        chime.schema("nonsense")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="level must be"):
        chime.to_records([], level="organisation")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        chime.Assessment.from_path("/no/such/file.json")


def test_dicts_are_read_as_strictly_as_json(
    framework: chime.Framework, example: dict[str, Any]
) -> None:
    """No Python-side leniency: a string is not a list of characters, "yes" is not true."""
    strict = json.loads(json.dumps(example))
    strict["evidence"][0]["standards"] = "c1-peer-support-offer"
    assert [(d.code, d.path) for d in _error(framework, strict).errors] == [
        ("invalid_type", "/evidence/0/standards")
    ]
    strict = json.loads(json.dumps(example))
    strict["raters"][0]["lived_experience"] = "yes"
    assert [(d.code, d.path) for d in _error(framework, strict).errors] == [
        ("invalid_type", "/raters/0/lived_experience")
    ]
    strict = json.loads(json.dumps(example))
    strict["evidence"][0]["standards"] = {"c1-peer-support-offer"}
    assert [(d.code, d.path) for d in _error(framework, strict).errors] == [
        ("invalid_type", "/evidence/0/standards")
    ]
    strict = json.loads(json.dumps(example))
    strict["judgements"][0]["rating"] = True
    assert [(d.code, d.path) for d in _error(framework, strict).errors] == [
        ("invalid_type", "/judgements/0/rating")
    ]
