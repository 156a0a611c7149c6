"""Shared fixtures: where the repository's shared files are, and the example assessment."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import chime_standards as chime
import pytest

#: The repository root (tests run from a checkout; the package itself is the installed wheel).
ROOT = Path(__file__).resolve().parents[3]
CONFORMANCE = ROOT / "tests" / "conformance"
EXAMPLE: dict[str, Any] = json.loads(chime._native.EXAMPLE_ASSESSMENT_JSON)


def pytest_report_header() -> list[str]:
    return [f"chime_standards {chime.__version__} from {Path(chime.__file__).parent}"]


@pytest.fixture
def example() -> dict[str, Any]:
    """A fresh deep copy of the bundled example assessment, free to modify."""
    return copy.deepcopy(EXAMPLE)


@pytest.fixture(scope="session")
def framework() -> chime.Framework:
    return chime.Framework.default()


def cli() -> Path:
    """The `chime` binary to compare with: $CHIME_CLI, else target/{release,debug}/chime."""
    given = os.environ.get("CHIME_CLI")
    candidates = (
        [Path(given)]
        if given
        else [
            ROOT / "target" / "release" / "chime",
            ROOT / "target" / "debug" / "chime",
        ]
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    pytest.fail(
        "no chime binary: build it with `cargo build -p chime-cli` or set CHIME_CLI "
        f"(looked at {', '.join(map(str, candidates))})"
    )
