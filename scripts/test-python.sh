#!/usr/bin/env bash
# Builds the Python wheel, installs it into a fresh virtual environment as a user would, and
# runs the Python package's tests there (bindings/python/tests). Run from anywhere; needs
# python3 (3.10 or later) with venv and pip, a Rust toolchain, and PyPI.
#
#   target/py-build-venv   maturin (kept between runs)
#   target/wheels          the built wheel
#   target/py-test-venv    the wheel + pytest, pandas, mypy, tqdm (recreated every run)
#
# Environment: PYTHON (default python3), CARGO_TARGET_DIR (default target/), and any
# PYTEST_ADDOPTS for pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

PYTHON="${PYTHON:-python3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
BUILD_VENV="$ROOT/target/py-build-venv"
TEST_VENV="$ROOT/target/py-test-venv"
WHEELS="$ROOT/target/wheels"

step() { printf '\n== %s\n' "$*"; }
quiet_pip() { "$1/bin/python" -m pip install --quiet --disable-pip-version-check "${@:2}"; }

step "maturin (in $BUILD_VENV)"
if ! "$BUILD_VENV/bin/python" -c "import sys" 2>/dev/null; then
  rm -rf "$BUILD_VENV"
  "$PYTHON" -m venv "$BUILD_VENV"
fi
quiet_pip "$BUILD_VENV" "maturin>=1.9.4,<2"
"$BUILD_VENV/bin/maturin" --version

step "build the wheel (release)"
mkdir -p "$WHEELS"
rm -f "$WHEELS"/chime_standards-*.whl
"$BUILD_VENV/bin/maturin" build --release --locked \
  -m bindings/python/Cargo.toml -o "$WHEELS" --interpreter "$BUILD_VENV/bin/python"
wheel=("$WHEELS"/chime_standards-*.whl)
ls -l "${wheel[@]}"

step "build the chime CLI (the tests compare output with it byte for byte)"
cargo build --locked -p chime-cli
export CHIME_CLI="$CARGO_TARGET_DIR/debug/chime"

step "fresh test environment (in $TEST_VENV)"
rm -rf "$TEST_VENV"
"$PYTHON" -m venv "$TEST_VENV"
quiet_pip "$TEST_VENV" "${wheel[@]}" -r bindings/python/tests/requirements.txt
"$TEST_VENV/bin/python" -c "import chime_standards as c; print('chime_standards', c.__version__, 'from', c.__file__)"

step "pytest (warnings are errors)"
export CHIME_EXPECT_INSTALLED=1
# From target/, so nothing in the source tree can shadow the installed package.
cd "$ROOT/target"
"$TEST_VENV/bin/python" -m pytest -W error -p no:cacheprovider \
  -c "$ROOT/bindings/python/pyproject.toml" --rootdir "$ROOT/bindings/python" \
  "$ROOT/bindings/python/tests"
