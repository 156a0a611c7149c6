#!/usr/bin/env bash
# The one test command (README "Run every test"). Installs what is missing, then runs every
# check CI runs: formatting, lints, Rust tests and docs, and each binding's own suite.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "Rust toolchain components"
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy (all targets, warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
cargo test --workspace --locked

step "cargo doc (warnings denied)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

# Each binding brings its own suite; they run when present.
for suite in scripts/test-python.sh scripts/test-wasm.sh scripts/test-web.sh; do
  if [ -f "$suite" ]; then
    step "$suite"
    bash "$suite"
  fi
done

step "all checks passed"
