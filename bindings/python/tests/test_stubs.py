"""The shipped types match the runtime: mypy on a usage file, stubtest on the native module."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import chime_standards
from conftest import ROOT

HERE = Path(__file__).resolve().parent
CACHE = ROOT / "target" / "py-mypy-cache"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=HERE, capture_output=True, text=True, check=False
    )


def test_the_package_ships_its_types() -> None:
    package = Path(chime_standards.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()


def test_mypy_accepts_the_usage_file_and_rejects_the_misuse() -> None:
    done = _run(
        "-m",
        "mypy",
        "--strict",
        "--python-version",
        "3.10",
        "--cache-dir",
        str(CACHE),
        "typing_usage.py",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_package_itself_passes_mypy_strict() -> None:
    done = _run(
        "-m",
        "mypy",
        "--strict",
        "--python-version",
        "3.10",
        "--cache-dir",
        str(CACHE),
        "-p",
        "chime_standards",
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_usage_file_runs() -> None:
    done = _run("typing_usage.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_stubtest_finds_the_native_stub_complete() -> None:
    done = _run("-m", "mypy.stubtest", "--mypy-config-file", "/dev/null", "chime_standards._native")
    assert done.returncode == 0, done.stdout + done.stderr
