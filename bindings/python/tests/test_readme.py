"""Every Python example in the READMEs runs, so the documentation cannot rot.

The package README's ```python blocks, and those of the root README's "Python" section, run
in order in one namespace per file (later examples build on earlier ones), from a scratch
directory that sees the repository's `examples/` folder as the README says.
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE_README = ROOT / "bindings" / "python" / "README.md"
ROOT_README = ROOT / "README.md"


def python_blocks(text: str) -> list[tuple[int, str]]:
    """The ```python blocks of a Markdown text, with the line each starts on."""
    blocks = []
    for match in re.finditer(r"^```python\n(.*?)^```$", text, flags=re.S | re.M):
        line = text.count("\n", 0, match.start()) + 2
        blocks.append((line, textwrap.dedent(match.group(1))))
    return blocks


def section(text: str, heading: str) -> str:
    """One `## ` section of a Markdown text (empty when it is missing)."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, flags=re.S | re.M)
    return match.group(0) if match else ""


def run_blocks(blocks: list[tuple[int, str]], name: str, where: Path) -> None:
    namespace: dict[str, object] = {"__name__": "__readme__"}
    here = Path.cwd()
    os.chdir(where)
    try:
        for line, code in blocks:
            try:
                exec(compile(code, f"{name}:{line}", "exec"), namespace)
            except Exception as error:
                raise AssertionError(
                    f"the example at {name} line {line} failed: {error!r}"
                ) from error
    finally:
        os.chdir(here)


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    return tmp_path


def test_the_package_readme_examples_run(scratch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocks = python_blocks(PACKAGE_README.read_text(encoding="utf-8"))
    assert len(blocks) >= 8, "the README's examples were not found"
    run_blocks(blocks, "bindings/python/README.md", scratch)
    assert "profile band:" in capsys.readouterr().out


def test_the_root_readme_python_section_runs(scratch: Path) -> None:
    text = section(ROOT_README.read_text(encoding="utf-8"), "Python")
    blocks = python_blocks(text)
    assert blocks, "the root README has no Python section with a python example"
    start = ROOT_README.read_text(encoding="utf-8").index(text)
    offset = ROOT_README.read_text(encoding="utf-8").count("\n", 0, start)
    run_blocks([(line + offset, code) for line, code in blocks], "README.md", scratch)


def test_the_extractor_finds_blocks() -> None:
    sample = "text\n```python\nx = 1\n```\n```sh\nls\n```\n```python\n  y = 2\n```\n"
    assert python_blocks(sample) == [(3, "x = 1\n"), (9, "y = 2\n")]
    assert section("## A\none\n## B\ntwo\n", "B") == "## B\ntwo\n"
