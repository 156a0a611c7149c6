"""The example scripts run, and the tests run against the installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import chime_standards
import pytest
from conftest import ROOT

EXAMPLE = ROOT / "bindings" / "python" / "examples" / "cohort_analysis.py"


def test_cohort_analysis_runs(tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    chart = tmp_path / "trends.png"
    done = subprocess.run(
        [sys.executable, "-W", "error", str(EXAMPLE), "--output", str(chart)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "200 assessments: 198 scored, 2 refused" in out
    assert "mean domain score by year" in out
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        assert "no chart" in out
    else:
        assert chart.is_file()


def test_the_installed_package_is_under_test() -> None:
    """scripts/test-python.sh sets CHIME_EXPECT_INSTALLED: the wheel, not the source tree."""
    if not os.environ.get("CHIME_EXPECT_INSTALLED"):
        pytest.skip("not run by scripts/test-python.sh")
    location = Path(chime_standards.__file__).resolve()
    assert "site-packages" in location.parts, location
    assert not location.is_relative_to(ROOT / "bindings")
