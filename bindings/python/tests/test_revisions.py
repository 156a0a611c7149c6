"""Framework revisions (spec 9) from Python: the same changes, mappings, migrations and
diagnostics as the Rust core and the ``chime`` command, on the committed examples."""

from __future__ import annotations

import json

import chime_standards as chime
import pytest
from conftest import ROOT

REVISIONS = ROOT / "examples" / "revisions"
OLD = ROOT / "crates" / "chime-standards" / "frameworks" / "chime-lero.json"
HARBOUR_LANE = ROOT / "examples" / "default" / "harbour-lane-2025.json"


def _frameworks() -> tuple[chime.Framework, chime.Framework]:
    return chime.Framework.from_path(OLD), chime.Framework.from_path(
        REVISIONS / "chime-lero-2.0.0.json"
    )


def test_diff_gives_the_committed_changes_document_and_text() -> None:
    old, new = _frameworks()
    changes = chime.diff(old, new)
    committed = json.loads((REVISIONS / "chime-lero-1.0.0-to-2.0.0.changes.json").read_text())
    assert changes == committed
    assert changes["required_bump"] == "major"
    text = (REVISIONS / "chime-lero-1.0.0-to-2.0.0.changes.txt").read_text(encoding="utf-8")
    assert chime.changes_text(old, new) == text
    assert chime.diff(old, old)["changes"] == []


def test_diff_of_two_frameworks_raises_with_the_code() -> None:
    old, _ = _frameworks()
    national = chime.Framework.from_path(ROOT / "examples" / "national" / "framework.json")
    with pytest.raises(chime.ValidationError) as caught:
        chime.diff(old, national)
    assert caught.value.codes == ["framework_mismatch"]


def test_migrate_gives_the_committed_assessment_and_keeps_the_input() -> None:
    old, new = _frameworks()
    mapping = json.loads((REVISIONS / "chime-lero-1.0.0-to-2.0.0.mapping.json").read_text())
    before = json.loads(HARBOUR_LANE.read_text())
    copy = json.loads(json.dumps(before))
    migrated, review = chime.migrate(before, mapping, new)
    assert before == copy
    committed = (REVISIONS / "harbour-lane-2025-chime-lero-2.0.0.json").read_text()
    assert migrated.to_json() == committed
    codes = {d.code for d in review}
    assert {"migration_review", "migration_retired", "new_standard"} <= codes
    assert all(d.severity != "error" for d in review)
    new.score(migrated)  # valid against the new framework

    # The same through JSON text and parsed objects.
    again, _ = chime.migrate(
        chime.Assessment.from_path(HARBOUR_LANE), json.dumps(mapping), new
    )
    assert again == migrated

    # A mapping for another framework: located errors, document "mapping".
    with pytest.raises(chime.ValidationError) as caught:
        chime.migrate(before, mapping, old)
    found = [(d.code, d.document, d.path) for d in caught.value.errors]
    assert ("framework_mismatch", "mapping", "/to") in found
    assert all(document == "mapping" for _, document, _ in found)


def test_validate_mapping_never_raises_for_a_bad_mapping() -> None:
    old, new = _frameworks()
    drafted = chime.draft_mapping(old, new)
    assert [d for d in chime.validate_mapping(drafted, old, new) if d.is_error] == []
    drafted["standards"][0]["to"].append("no-such-standard")
    found = [d for d in chime.validate_mapping(drafted, old, new) if d.is_error]
    assert [(d.code, d.path) for d in found] == [("unknown_standard", "/standards/0/to/1")]
    for bad in ("{", "[]", {"format": {1, 2}}):
        (first,) = [d for d in chime.validate_mapping(bad, old, new) if d.is_error][:1]
        assert first.document == "mapping"


def test_compare_follows_the_mapping() -> None:
    old, new = _frameworks()
    mapping = (REVISIONS / "chime-lero-1.0.0-to-2.0.0.mapping.json").read_text()
    before = old.score(chime.Assessment.from_path(HARBOUR_LANE))
    migrated = json.loads((REVISIONS / "harbour-lane-2025-chime-lero-2.0.0.json").read_text())
    # Someone reviews the split safeguarding standard and rates it again.
    for judgement in migrated["judgements"]:
        if judgement["standard"] == "c4-safeguarding" and "rater" not in judgement:
            judgement["rating"] = 3
    after = new.score(migrated)
    assert after.standard("c4-safeguarding").status == "met"
    assert before.standard("c4-safeguarding-and-supervision").status == "met"

    by_id = chime.compare(before, after)
    assert by_id["diagnostics"][0]["code"] == "framework_version_differs"
    assert "c4-safeguarding" in by_id["newly_met"]
    assert "c4-safeguarding-and-supervision" in by_id["no_longer_met"]

    mapped = chime.compare(before, after, mapping=mapping)
    # Its old standard was met before, so it is not newly met; and the old standard has a
    # successor met after, so it is not "no longer met".
    assert "c4-safeguarding" not in mapped["newly_met"]
    assert "c4-safeguarding-and-supervision" not in mapped["no_longer_met"]
    assert set(mapped["no_longer_met"]) <= set(by_id["no_longer_met"])
