"""The shared hostile-input corpus (tests/hostile) and the large hostile inputs its README
describes: each refused with a located diagnostic, never a crash, a hang or a PanicException.

Also: a wrong type planted at every field of the example, given as a dict, is refused at that
field with exactly the diagnostics the same document gives as JSON text.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import chime_standards as chime
import pytest
from conftest import EXAMPLE, ROOT

HOSTILE = ROOT / "tests" / "hostile"
EXPECTED: dict[str, dict[str, str]] = json.loads(
    (HOSTILE / "expected.json").read_text(encoding="utf-8")
)


def test_the_corpus_is_complete() -> None:
    files = {p.name for p in HOSTILE.glob("*.json")} - {"expected.json"}
    assert files == set(EXPECTED) and len(files) >= 15


def _refused(value: Any) -> list[chime.Diagnostic]:
    with pytest.raises(chime.ValidationError) as raised:
        chime.Framework.default().score(value)
    return raised.value.diagnostics


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_is_refused_with_its_code(name: str) -> None:
    want = EXPECTED[name]
    data = (HOSTILE / name).read_bytes()
    forms: list[Any] = [data]
    try:
        forms.append(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    for form in forms:
        found = [(d.code, d.document, d.path) for d in _refused(form) if d.is_error]
        assert any(
            (code, document) == (want["code"], want["document"])
            and path == want.get("path", path)
            for code, document, path in found
        ), f"{name} ({type(form).__name__}): {found}"
        listed = chime.Framework.default().validate(form)
        assert any(d.code == want["code"] and d.is_error for d in listed)


def _leaves(value: Any, at: str = "") -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{at}/{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, f"{at}/{i}")
    else:
        yield at


def _wrong_type(value: Any) -> Any:
    if isinstance(value, str):
        return True
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, (int, float)):
        return {"n": 1}
    return []


def _planted(path: str) -> dict[str, Any]:
    broken = copy.deepcopy(EXAMPLE)
    *parents, last = path.split("/")[1:]
    holder: Any = broken
    for part in parents:
        holder = holder[int(part)] if isinstance(holder, list) else holder[part]
    key: Any = int(last) if isinstance(holder, list) else last
    holder[key] = _wrong_type(holder[key])
    return broken


PATHS = list(_leaves(EXAMPLE))


def test_the_example_has_many_fields() -> None:
    assert len(PATHS) > 200


def test_a_wrong_type_at_any_field_of_a_dict_is_located_there() -> None:
    framework = chime.Framework.default()
    problems = []
    for path in PATHS:
        broken = _planted(path)
        with pytest.raises(chime.ValidationError) as as_dict:
            framework.score(broken)
        with pytest.raises(chime.ValidationError) as as_text:
            framework.score(json.dumps(broken))
        first = as_dict.value.diagnostics[0]
        parent = path.rsplit("/", 1)[0]
        if first.path not in (path, parent):
            problems.append(f"{path}: located at {first.path} ({first.message})")
        # Messages name a line and column only for text; the rest must agree exactly.
        strip = [(d.severity, d.code, d.document, d.path) for d in as_dict.value.diagnostics]
        text = [(d.severity, d.code, d.document, d.path) for d in as_text.value.diagnostics]
        if strip != text:
            problems.append(f"{path}: as a dict {strip}, as text {text}")
    assert not problems, "\n".join(problems)


def test_nesting_200000_deep() -> None:
    assert [d.code for d in _refused("[" * 200_000 + "]" * 200_000)] == ["invalid_type"]
    deep_objects = '{"a":' * 200_000 + "}" * 200_000
    assert [d.code for d in _refused(deep_objects)] == ["unknown_field"]
    nested: Any = {}
    for _ in range(200_000):
        nested = {"a": nested}
    # As Python data it cannot even be written as JSON: refused before it reaches the core.
    assert [d.code for d in _refused(nested)] == ["nesting_too_deep"]


def test_a_40_mb_string_is_refused_by_the_size_limit() -> None:
    text = '{"format": "chime-standards/assessment@1", "id": "' + "x" * (40 * 1024 * 1024) + '"}'
    assert [d.code for d in _refused(text)] == ["input_too_large"]
    assert [d.code for d in _refused(text.encode())] == ["input_too_large"]


def test_a_framework_of_100000_standards_is_checked_and_scored() -> None:
    document = json.loads(chime._native.DEFAULT_FRAMEWORK_JSON)
    document["id"] = "wide"
    document["standards"] = [
        {
            "id": f"s{i}",
            "title": "t",
            "statement": "s",
            "domains": [{"domain": "hope" if i % 2 == 0 else "identity"}],
        }
        for i in range(100_000)
    ]
    framework = chime.Framework.from_dict(document)
    assessment = {
        "format": "chime-standards/assessment@1",
        "id": "a",
        "framework": {"id": "wide", "version": document["version"]},
        "assessed_on": "2025-01-01",
        "organisation": {"id": "o", "structure": "informal"},
        "judgements": [{"standard": f"s{i}", "rating": i % 2} for i in range(100_000)],
    }
    report = framework.score(assessment)
    assert len(report.standards) == 100_000
    assert report.domain("hope").score == 0.0
    assert report.domain("identity").score == 25.0
