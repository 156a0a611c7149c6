"""Reports: attribute views, output identical to the CLI's, rendering, compare, cohort, schema."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import chime_standards as chime
import pytest
from conftest import ROOT, cli

EXAMPLES = [
    (None, ROOT / "crates" / "chime-standards" / "frameworks" / "chime-lero-example.json"),
    (None, ROOT / "examples" / "default" / "harbour-lane-2024.json"),
    (None, ROOT / "examples" / "default" / "harbour-lane-2025.json"),
    (
        ROOT / "examples" / "national" / "framework.json",
        ROOT / "examples" / "national" / "assessment.json",
    ),
]


def _run_cli(*args: str) -> str:
    done = subprocess.run(
        [str(cli()), *args], capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 0, f"chime {' '.join(args)} failed: {done.stderr}"
    return done.stdout


def _framework(path: Path | None) -> chime.Framework:
    return chime.Framework.default() if path is None else chime.Framework.from_path(path)


def _framework_args(path: Path | None) -> list[str]:
    return [] if path is None else ["--framework", str(path)]


@pytest.mark.parametrize(("framework_path", "path"), EXAMPLES, ids=[p.stem for _, p in EXAMPLES])
@pytest.mark.parametrize("form", ["json", "svg", "html", "text"])
def test_output_is_byte_identical_to_the_cli(
    framework_path: Path | None, path: Path, form: str
) -> None:
    framework = _framework(framework_path)
    report = framework.score(chime.Assessment.from_path(path))
    expected = _run_cli("score", str(path), "--format", form, *_framework_args(framework_path))
    produced = {"json": report.to_json, "svg": report.svg, "html": report.html, "text": report.text}
    assert produced[form]() == expected


def test_views_match_the_document(framework: chime.Framework) -> None:
    report = framework.score(chime.Assessment.example())
    document = report.to_dict()
    assert report.format == document["format"] == "chime-standards/report@1"
    assert report.engine == document["engine"] == chime.ENGINE
    assert report.framework == chime.FrameworkRef(framework.id, framework.version)
    assert report.assessment == document["assessment"]
    assert report.assessed_on == document["assessed_on"]
    assert report.organisation.id == document["organisation"]["id"]
    assert report.status == document["status"]
    assert report.change_threshold == document["change_threshold"]
    assert report.overall.score == document["overall"]["score"]
    assert report.overall.award == document["overall"]["award"]
    assert list(report.overall.limiting_domains) == document["overall"]["limiting_domains"]
    assert [d.domain for d in report.domains] == [d["domain"] for d in document["domains"]]
    for view, raw in zip(report.domains, document["domains"], strict=True):
        assert (view.score, view.band, view.coverage, view.status) == (
            raw["score"],
            raw["band"],
            raw["coverage"],
            raw["status"],
        )
        assert [c.standard for c in view.contributions] == [
            c["standard"] for c in raw["contributions"]
        ]
        assert view.reason == raw.get("reason")
    for view, raw in zip(report.standards, document["standards"], strict=True):
        assert (view.standard, view.claimed, view.effective, view.score) == (
            raw["standard"],
            raw["claimed"],
            raw["effective"],
            raw["score"],
        )
        assert (view.capped is None) == ("capped" not in raw)
        if view.capped is not None:
            assert view.capped.level == raw["capped"]["level"]
        assert view.evidence.points == raw["evidence"]["points"]
        assert view.raters.n == raw["raters"]["n"]
    assert [(x.standard, x.gain) for x in report.leverage] == [
        (x["standard"], x["gain"]) for x in document["leverage"]
    ]
    assert [d.to_dict() for d in report.diagnostics] == document["diagnostics"]
    first = document["standards"][0]["standard"]
    assert report.standard(first) == report.standards[0]
    assert report.domain(document["domains"][1]["domain"]) == report.domains[1]
    with pytest.raises(KeyError):
        report.standard("no-such-standard")


def test_views_are_read_only_copies(framework: chime.Framework) -> None:
    report = framework.score(chime.Assessment.example())
    with pytest.raises(AttributeError):
        report.overall.score = 100.0  # type: ignore[misc]
    document = report.to_dict()
    document["overall"]["score"] = -1
    assert report.overall.score != -1 and report.to_dict()["overall"]["score"] != -1


def test_reports_read_back(framework: chime.Framework, tmp_path: Path) -> None:
    report = framework.score(chime.Assessment.example())
    assert chime.Report.from_json(report.to_json()) == report
    assert chime.Report.from_dict(report.to_dict()) == report
    path = tmp_path / "report.json"
    path.write_text(report.to_json(), encoding="utf-8")
    assert chime.Report.from_path(path) == report
    with pytest.raises(chime.ValidationError) as raised:
        chime.Report.from_dict({**report.to_dict(), "names": ["someone"]})
    assert raised.value.codes == ["unknown_field"]
    assert raised.value.diagnostics[0].document == "report"


def test_notebook_display(framework: chime.Framework) -> None:
    report = framework.score(chime.Assessment.example())
    svg = report._repr_svg_()
    assert svg.lstrip().startswith("<svg") and svg == report.svg()
    shown = report._repr_html_()
    assert shown is not None and shown.startswith("<iframe srcdoc=")
    assert "&lt;!DOCTYPE html&gt;" in shown  # the page, escaped into the frame
    # A report read back from JSON still finds the default framework's titles.
    assert chime.Report.from_json(report.to_json()).html() == report.html()


def test_a_report_of_another_framework_needs_its_titles() -> None:
    framework_path, path = EXAMPLES[3]
    assert framework_path is not None
    national = chime.Framework.from_path(framework_path)
    report = chime.Report.from_json(national.score(chime.Assessment.from_path(path)).to_json())
    with pytest.raises(chime.ChimeError, match="pass it as framework="):
        report.html()
    assert report._repr_html_() is None  # Jupyter then shows the SVG chart
    assert report.html(national) == national.score(chime.Assessment.from_path(path)).html()
    assert report.svg().startswith("<svg")


def test_framework_views(framework: chime.Framework) -> None:
    document = framework.to_dict()
    assert (framework.id, framework.version, framework.title) == (
        document["id"],
        document["version"],
        document["title"],
    )
    assert [d.id for d in framework.domains] == [d["id"] for d in document["domains"]]
    assert [s.id for s in framework.standards] == [s["id"] for s in document["standards"]]
    assert [level.value for level in framework.levels] == list(range(len(framework.levels)))
    first = framework.standards[0]
    assert first == framework.standard(first.id)
    assert first.domains[0].domain in {d.id for d in framework.domains}
    assert all(isinstance(k, int) for k in first.level_descriptors)
    assert framework.domain(framework.domains[0].id).name == document["domains"][0]["name"]
    assert chime.Framework.from_json(framework.to_json()) == framework
    assert chime.Framework.from_dict(document) == framework
    assert framework.warnings == []
    assert repr(framework).startswith("<Framework chime-lero")


def test_assessments(example: dict[str, Any]) -> None:
    parsed = chime.Assessment.from_dict(example)
    assert parsed.id == example["id"]
    assert chime.Assessment.from_json(parsed.to_json()) == parsed
    assert chime.Assessment.from_dict(parsed.to_dict()) == parsed
    assert parsed == chime.Assessment.example()
    assert repr(parsed) == f"<Assessment {example['id']}>"


def test_compare_matches_the_cli() -> None:
    before_path, after_path = EXAMPLES[1][1], EXAMPLES[2][1]
    framework = chime.Framework.default()
    before = framework.score(chime.Assessment.from_path(before_path))
    after = framework.score(chime.Assessment.from_path(after_path))
    comparison = chime.compare(before, after)
    expected = json.loads(
        _run_cli("compare", str(before_path), str(after_path), "--format", "json")
    )
    assert comparison == expected
    assert chime.compare(before.to_dict(), after.to_json()) == comparison
    assert comparison["overall"]["delta"] == pytest.approx(
        after.overall.score - before.overall.score,
        abs=0.051,  # type: ignore[operator]
    )


def test_compare_refuses_reports_of_different_frameworks() -> None:
    framework_path, path = EXAMPLES[3]
    assert framework_path is not None
    national = chime.Framework.from_path(framework_path).score(chime.Assessment.from_path(path))
    default = chime.Framework.default().score(chime.Assessment.example())
    with pytest.raises(chime.ValidationError) as raised:
        chime.compare(default, national)
    assert "framework_mismatch" in raised.value.codes


def test_cohort_matches_the_cli(tmp_path: Path) -> None:
    framework = chime.Framework.default()
    reports = framework.score_many(chime.Assessment.from_path(p) for _, p in EXAMPLES[:3])
    files = []
    for i, report in enumerate(reports):
        files.append(tmp_path / f"r{i}.json")
        files[-1].write_text(report.to_json(), encoding="utf-8")
    pooled = chime.cohort(reports)
    assert pooled == json.loads(_run_cli("cohort", *map(str, files), "--format", "json"))
    assert pooled["reports"] == 3
    scores = sorted(r.overall.score for r in reports if r.overall.score is not None)
    assert pooled["overall"]["min"] == scores[0] and pooled["overall"]["max"] == scores[-1]
    with pytest.raises(chime.ValidationError) as raised:
        chime.cohort([])
    assert raised.value.codes == ["empty_cohort"]


@pytest.mark.parametrize("name", ["framework", "assessment", "report", "comparison", "cohort"])
def test_schemas(name: str) -> None:
    document = chime.schema(name)  # type: ignore[arg-type]
    committed = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    assert document == committed
    assert document["$id"].endswith(f"{name}@1")


def test_version() -> None:
    assert chime.__version__ and chime.ENGINE == f"chime-standards {chime.__version__}"


def test_vocabulary_words_match_the_text_report() -> None:
    import chime_standards as chime

    framework = chime.Framework.default()
    report = framework.score(chime.Assessment.example())
    words = chime.vocabulary()
    award = words["award"][report.overall.award]
    assert award in report.text(framework)
