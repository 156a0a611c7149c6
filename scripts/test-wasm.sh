#!/usr/bin/env bash
# The JavaScript / WebAssembly package's tests (scripts/test.sh runs this too). Installs what is
# missing (the wasm32 Rust target, the wasm-bindgen CLI of exactly the pinned version, the npm
# dev tools), builds bindings/wasm/pkg/ with scripts/build-wasm.sh, then: clippy for the wasm
# target, the wasm-bindgen-test suite, `tsc --noEmit` of the usage files against the shipped
# .d.ts, `node --test` (every conformance case, error shapes, hostile input, the API, and an
# install into a fresh project), and the gzipped size of the .wasm.
#
# Needs Rust (rustup), Node.js 18 or later with npm, and crates.io and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
wasm_dir=bindings/wasm
started=$(date +%s)

step() { printf '\n== wasm: %s\n' "$*"; }

# The size target of the package (gzip -9 of the .wasm) and the ceiling this script enforces
# (CHIME_WASM_MAX_GZIP_BYTES overrides it). The ceiling stops the module growing while it is over
# the target; see "Size" in bindings/wasm/README.md.
target_bytes=$((150 * 1024))
ceiling_bytes=${CHIME_WASM_MAX_GZIP_BYTES:-$((190 * 1024))}

step "Rust target wasm32-unknown-unknown"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

pinned=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
step "wasm-bindgen CLI $pinned"
installed=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$installed" = "$pinned" ]; then
  echo "wasm-bindgen $installed is installed"
else
  echo "installing wasm-bindgen-cli $pinned (found '${installed:-none}'; takes a few minutes)"
  if ! cargo install wasm-bindgen-cli --version "=$pinned" --locked; then
    # The crate's packaged Cargo.lock can name dependency versions that a lagging crates.io
    # index does not have yet; resolving afresh (as from the unpacked source) works.
    echo "the packaged lock file did not resolve; installing with freshly resolved dependencies"
    cargo install wasm-bindgen-cli --version "=$pinned" --force
  fi
fi
wasm-bindgen-test-runner --version >/dev/null

step "npm ci (binaryen for wasm-opt, typescript)"
(cd $wasm_dir && npm ci --no-audit --no-fund --prefer-offline)

step "cargo clippy for wasm32 (warnings denied)"
cargo clippy --locked --target wasm32-unknown-unknown -p chime-standards --features tsify --lib -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown -p chime-standards-wasm --all-targets -- -D warnings

step "build the package"
bash scripts/build-wasm.sh

step "wasm-bindgen-test (in Node.js)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked -p chime-standards-wasm --target wasm32-unknown-unknown

step "tsc --noEmit: tests/usage.ts against the shipped .d.ts"
$wasm_dir/node_modules/.bin/tsc --noEmit -p $wasm_dir/tests

step "node --test"
(cd $wasm_dir && node --test tests/*.test.mjs)

step "size"
wasm=$wasm_dir/pkg/web/chime_standards_wasm_bg.wasm
bytes=$(wc -c <"$wasm")
gz=$(gzip -9c "$wasm" | wc -c)
js=$(cat $wasm_dir/pkg/web/*.js | gzip -9c | wc -c)
printf 'chime_standards_wasm_bg.wasm: %d bytes, %d bytes gzipped (%.1f KiB); web JavaScript %d bytes gzipped\n' \
  "$bytes" "$gz" "$(awk "BEGIN { print $gz / 1024 }")" "$js"
if [ "$gz" -gt "$target_bytes" ]; then
  echo "the gzipped .wasm is over the 150 KiB target by $((gz - target_bytes)) bytes"
fi
if [ "$gz" -gt "$ceiling_bytes" ]; then
  echo "FAIL: the gzipped .wasm grew past the ceiling of $ceiling_bytes bytes" >&2
  exit 1
fi

step "all wasm checks passed in $(($(date +%s) - started)) s"
