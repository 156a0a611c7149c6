"""The attribute views cannot miss a field: every property of the report, comparison and cohort
JSON Schemas (``schema/``) is an attribute of the matching view, field for field and
recursively through ``$ref``s, and every value of real documents reads back through the views.

When the core gains a report field, these tests fail naming the field's schema path until the
view (``chime_standards/views.py``, or :class:`chime_standards.Report`) has it too.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Iterator, Mapping
from typing import Any

import chime_standards as chime
import pytest
from conftest import ROOT

SCHEMAS = ROOT / "schema"
GOLDEN = ROOT / "tests" / "golden"

#: Each document's schema and the view class of its root.
ROOTS: list[tuple[str, type]] = [
    ("report", chime.Report),
    ("comparison", chime.Comparison),
    ("cohort", chime.Cohort),
]

_SCALARS = (str, int, float, bool, type(None))


def _hint(cls: type, name: str) -> Any:
    """The declared type of attribute ``name`` of ``cls`` (a field or a property's return)."""
    if dataclasses.is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        if name in hints:
            return hints[name]
    member = getattr(cls, name, None)
    if isinstance(member, property) and member.fget is not None:
        return typing.get_type_hints(member.fget).get("return")
    return None


def _classes(hint: Any) -> list[type]:
    """The view classes anywhere inside a type hint (through ``|``, tuples, Mappings, ...)."""
    found: list[type] = []
    if isinstance(hint, type) and not issubclass(hint, _SCALARS):
        origin = typing.get_origin(hint)
        if origin is None and hint.__module__.startswith("chime_standards"):
            found.append(hint)
    for arg in typing.get_args(hint):
        found.extend(_classes(arg))
    return found


def _has_attribute(cls: type, name: str) -> bool:
    if dataclasses.is_dataclass(cls) and name in {f.name for f in dataclasses.fields(cls)}:
        return True
    return isinstance(getattr(cls, name, None), property)


_Schema = Mapping[str, Any]


def _resolve(schema: _Schema, document: _Schema, pointer: str) -> tuple[_Schema, str]:
    """Follows ``$ref``s to the schema they name, with its JSON Pointer."""
    seen = set()
    while "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), f"{pointer}: only local $refs are expected, got {ref}"
        if ref in seen:
            break
        seen.add(ref)
        pointer = ref[1:]
        target: Any = document
        for token in ref[2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        schema = target
    return schema, pointer


def _structs(schema: _Schema, document: _Schema, pointer: str) -> Iterator[tuple[_Schema, str]]:
    """The object schemas with ``properties`` that a value of ``schema`` can be: through
    ``$ref``, ``anyOf``/``oneOf``/``allOf``, array ``items`` and map values."""
    schema, pointer = _resolve(schema, document, pointer)
    if "properties" in schema:
        yield schema, pointer
    for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
        for i, branch in enumerate(schema.get(key, ())):
            yield from _structs(branch, document, f"{pointer}/{key}/{i}")
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), Mapping):
            yield from _structs(schema[key], document, f"{pointer}/{key}")


def _schema(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return document


def missing_fields(name: str, root: type, document: Mapping[str, Any]) -> list[str]:
    """Every property of ``document`` (the schema ``name``) that the views lack, one a line."""
    problems: list[str] = []
    done: set[tuple[str, type]] = set()
    todo: list[tuple[_Schema, str, list[type], str]] = [(document, "", [root], root.__name__)]
    while todo:
        schema, pointer, candidates, view_path = todo.pop()
        properties = schema.get("properties", {})
        # A union of views (none today) passes when one of them has every field.
        fits = [c for c in candidates if all(_has_attribute(c, p) for p in properties)]
        cls = fits[0] if fits else candidates[0]
        if (pointer, cls) in done:
            continue
        done.add((pointer, cls))
        for prop, prop_schema in properties.items():
            at = f"{pointer}/properties/{prop}"
            if not _has_attribute(cls, prop):
                problems.append(
                    f"{name}.schema.json#{at}: {view_path} has no attribute {prop!r} "
                    f"({cls.__module__}.{cls.__qualname__})"
                )
                continue
            inner = list(_structs(prop_schema, document, at))
            if not inner:
                continue
            views = _classes(_hint(cls, prop))
            if not views:
                problems.append(
                    f"{name}.schema.json#{at}: {view_path}.{prop} is an object in the schema "
                    f"but {cls.__qualname__} declares it as {_hint(cls, prop)!r}, not a view"
                )
                continue
            for struct, struct_pointer in inner:
                todo.append((struct, struct_pointer, views, f"{view_path}.{prop}"))
    return problems


@pytest.mark.parametrize(("name", "root"), ROOTS, ids=[name for name, _ in ROOTS])
def test_every_schema_field_is_a_view_attribute(name: str, root: type) -> None:
    problems = missing_fields(name, root, _schema(name))
    assert not problems, "views miss schema fields:\n  " + "\n  ".join(problems)


def test_the_walk_finds_a_missing_field() -> None:
    """The check can fail: fields the views lack, deep and at the root, fail with their paths."""
    schema = _schema("report")
    schema["$defs"]["Cap"]["properties"]["still_missing"] = {"type": "integer"}
    schema["properties"]["not_yet_a_field"] = {"type": "number"}
    # An object where the view declares a plain value: domains' ``reason`` is a string.
    schema["$defs"]["DomainResult"]["properties"]["reason"] = {"$ref": "#/$defs/Leverage"}
    problems = missing_fields("report", chime.Report, schema)
    assert any("#/$defs/Cap/properties/still_missing" in p for p in problems), problems
    assert any("#/properties/not_yet_a_field" in p for p in problems), problems
    assert any("#/$defs/DomainResult/properties/reason" in p for p in problems), problems
    assert len(problems) == 3, problems


# ---------------------------------------------------------------------------------------------
# Values: every key of real documents reads back through the views, with the same value.


def _check_value(value: Any, view: Any, at: str, problems: list[str]) -> None:
    if isinstance(value, dict):
        if isinstance(view, Mapping):
            keys = {str(k) for k in view}
            if keys != set(value):
                problems.append(f"{at}: keys {sorted(value)} read back as {sorted(keys)}")
                return
            for key, item in value.items():
                match = next(k for k in view if str(k) == key)
                _check_value(item, view[match], f"{at}/{key}", problems)
            return
        for key, item in value.items():
            if not hasattr(view, key):
                problems.append(f"{at}/{key}: {type(view).__name__} has no attribute {key!r}")
                continue
            _check_value(item, getattr(view, key), f"{at}/{key}", problems)
    elif isinstance(value, list):
        if not isinstance(view, tuple | list) or len(view) != len(value):
            problems.append(f"{at}: a list of {len(value)} read back as {view!r}")
            return
        for i, (item, seen) in enumerate(zip(value, view, strict=True)):
            _check_value(item, seen, f"{at}/{i}", problems)
    elif value != view or type(value) is not type(view):
        if not (isinstance(value, int | float) and isinstance(view, int | float) and value == view):
            problems.append(f"{at}: {value!r} read back as {view!r}")


def _golden_reports() -> list[chime.Report]:
    paths = sorted(p for p in GOLDEN.glob("*.json") if p.name != "cases.json" and "." not in p.stem)
    assert len(paths) >= 5, f"expected the golden reports in {GOLDEN}"
    return [chime.Report.from_path(p) for p in paths]


def test_every_report_value_reads_back_through_the_views() -> None:
    for report in _golden_reports():
        problems: list[str] = []
        _check_value(report.to_dict(), report, "", problems)
        assert not problems, f"{report.assessment}:\n  " + "\n  ".join(problems)


def test_every_comparison_and_cohort_value_reads_back_through_the_views() -> None:
    reports = _golden_reports()
    by_id = {r.assessment: r for r in reports}
    comparison = chime.compare(by_id["harbour-lane-2024"], by_id["harbour-lane-2025"])
    pooled = chime.cohort([r for r in reports if r.framework.id == "chime-lero"])
    for document, view in [
        (comparison, chime.Comparison.from_dict(comparison)),
        (pooled, chime.Cohort.from_dict(pooled)),
    ]:
        problems: list[str] = []
        _check_value(document, view, "", problems)
        assert not problems, "\n  ".join(problems)


def test_the_value_check_can_fail() -> None:
    report = _golden_reports()[0]
    document = report.to_dict()
    document["overall"]["not_a_field"] = 1
    document["domains"][0]["score"] = -1.0
    problems: list[str] = []
    _check_value(document, report, "", problems)
    assert any("/overall/not_a_field" in p for p in problems), problems
    assert any("/domains/0/score" in p for p in problems), problems


def test_views_are_classes_of_the_package() -> None:
    """The walk recognises views by their module: every exported view qualifies."""
    for cls in (chime.Report, chime.Comparison, chime.Cohort, chime.Cap, chime.Diagnostic):
        assert _classes(cls) == [cls]
