#!/usr/bin/env bash
# Runs every benchmark of benches/README.md in order and prints each table; the raw results
# go to benches/out/ (not committed), and benches/summary.py prints them as one table.
#
#   bash benches/run.sh            # the documented sizes (about 15-25 minutes on 2 cores)
#   QUICK=1 bash benches/run.sh    # small sizes, to check the scripts (about 2-3 minutes)
#
#   step    what                                             full size          QUICK=1
#   rust    cargo bench -p chime-standards --bench engine    100 assessments,   0.3 s warm-up,
#           + benches/table.py                               criterion default  1 s, 10 samples
#           + cargo bench ... --bench share: issue 11's share 60 rounds          10 rounds
#             with both steps taking turns
#   cli     benches/cli_bench.py: chime score --ndjson       10k, 100k, 1M;     1k, 5k, 20k
#           --jobs 1 and 2, throughput and peak RSS          jobs 1 and 2
#   python  benches/python_bench.py: score_many vs pure      10,000, best of 3  1,000, best of 1
#           Python vs the CLI
#   node    benches/node_bench.mjs: wasm in Node vs native,  10,000, best of 3; 1,000, best of 1;
#           gzipped size, first score in headless Chromium   5 browser runs     2 browser runs
#
# Environment:
#   QUICK=1        small sizes (above)
#   STEPS="..."    a subset, in order, of: rust cli python node (default all four)
#   MAX_LOAD=1.2   before each step, wait until the 1-minute load average is below this (up to
#                  WAIT_MAX seconds, default 1800, then run anyway and say so); default: no wait
#   CLI_SIZES      override the CLI sizes (comma-separated)
#   BENCH_OUT=DIR  where the raw results go (default benches/out; summary.py reads it too)
#   STREAM=auto|always|never   how cli_bench.py gets inputs too large for the disk (see there)
#   WASM_BUILD=auto|always|never   build bindings/wasm/pkg when missing or stale (auto, the
#                  default), every time, or never (measure the pkg as it is)
#
# It builds what it needs: the release `chime` (cargo), the Python wheel in its own virtual
# environment target/bench-py-venv (maturin from PyPI), the npm package bindings/wasm/pkg with
# scripts/build-wasm.sh when it is missing or older than the Rust sources (installing the
# wasm32 target, the pinned wasm-bindgen CLI and bindings/wasm's npm tools when missing, as
# scripts/test-wasm.sh does), and playwright-core in benches/node_modules (`npm ci`; it
# downloads no browser: the browser rows use Debian's /usr/bin/chromium, skipped if missing).
# Generated inputs are kept in target/bench-data/ (the 1,000,000-line file is about 13.4 GB;
# delete it with `rm target/bench-data/seed1-1000000.ndjson`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export BENCH_OUT=${BENCH_OUT:-$ROOT/benches/out}
OUT=$BENCH_OUT
mkdir -p "$OUT"
QUICK=${QUICK:-0}
STEPS=${STEPS:-rust cli python node}
PYTHON=${PYTHON:-python3}
VENV=$CARGO_TARGET_DIR/bench-py-venv
CHIME=$CARGO_TARGET_DIR/release/chime

if [ "$QUICK" = 1 ]; then
  CRITERION_ARGS=(--warm-up-time 0.3 --measurement-time 1 --sample-size 10)
  SHARE_ROUNDS=10
  CLI_SIZES=${CLI_SIZES:-1000,5000,20000}
  CLI_REPEAT=1
  N=1000
  REPEAT=1
  BROWSER_RUNS=2
else
  CRITERION_ARGS=()
  SHARE_ROUNDS=60
  CLI_SIZES=${CLI_SIZES:-10000,100000,1000000}
  CLI_REPEAT=3
  N=10000
  REPEAT=3
  BROWSER_RUNS=5
fi

step() { printf '\n== bench: %s\n' "$*"; }
has_step() { [[ " $STEPS " == *" $1 "* ]]; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# Waits for a quiet machine when MAX_LOAD is set; records the load each step started at.
quiet() {
  local name=$1 waited=0 max=${WAIT_MAX:-1800}
  if [ -n "${MAX_LOAD:-}" ]; then
    while awk -v l="$(load1)" -v m="$MAX_LOAD" 'BEGIN { exit !(l >= m) }'; do
      if [ "$waited" -ge "$max" ]; then
        echo "bench: load $(load1) still >= $MAX_LOAD after ${max}s; running anyway"
        break
      fi
      sleep 15
      waited=$((waited + 15))
    done
  fi
  echo "bench: $name starts at load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%s\t%s\t%s\n' "$name" "$(date -Is)" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/loads.tsv"
}

step "machine"
: >"$OUT/loads.tsv"
{
  echo "date: $(date -Is)"
  echo "mode: $([ "$QUICK" = 1 ] && echo 'QUICK=1 (small sizes)' || echo 'full')"
  echo "nproc: $(nproc)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
  echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "disk free (target/): $(df -h --output=avail "$CARGO_TARGET_DIR" 2>/dev/null | tail -1 | tr -d ' ')"
  echo "kernel: $(uname -sr)"
  echo "rustc: $(rustc --version)"
  echo "python: $("$PYTHON" --version 2>&1)"
  echo "node: $(node --version 2>/dev/null || echo none)"
  echo "chromium: $( (/usr/bin/chromium --version 2>/dev/null || echo none) | tail -1)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
} | tee "$OUT/machine.txt"

# A step whose build fails is skipped (and said so); the other steps still run.
skip() {
  echo "bench: SKIPPING $1: $2" | tee -a "$OUT/machine.txt"
  STEPS=" $STEPS "
  STEPS=${STEPS// $1 / }
}

step "build: chime (release)"
cargo build --release --locked -p chime-cli

if has_step rust; then
  step "build: the criterion benchmark (compiled before any timing)"
  cargo bench --locked --no-run -p chime-standards --bench engine --bench share ||
    skip rust "cargo bench does not compile"
fi

build_python() {
  if ! "$VENV/bin/python" -c "import sys" 2>/dev/null; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "maturin>=1.9.4,<2" &&
    rm -rf "$CARGO_TARGET_DIR/bench-wheels" &&
    "$VENV/bin/maturin" build --release --locked -m bindings/python/Cargo.toml \
      -o "$CARGO_TARGET_DIR/bench-wheels" --interpreter "$VENV/bin/python" &&
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
      "$CARGO_TARGET_DIR"/bench-wheels/chime_standards-*.whl
}
if has_step python; then
  step "build: Python wheel into $VENV"
  build_python || skip python "the Python wheel did not build"
fi

if has_step node; then
  step "build: npm package bindings/wasm/pkg"
  wasm=bindings/wasm/pkg/web/chime_standards_wasm_bg.wasm
  newest_source=$(find crates/chime-standards/src crates/chime-standards/frameworks bindings/wasm/src bindings/wasm/js \
    Cargo.lock -type f -newer "$wasm" 2>/dev/null | head -1 || true)
  mode=${WASM_BUILD:-auto}
  if [ "$mode" = always ] || { [ "$mode" = auto ] && { [ ! -f "$wasm" ] || [ -n "$newest_source" ]; }; }; then
    rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
    pinned=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
    if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)" != "$pinned" ]; then
      cargo install wasm-bindgen-cli --version "=$pinned" --locked
    fi
    [ -x bindings/wasm/node_modules/.bin/wasm-opt ] || (cd bindings/wasm && npm ci --no-audit --no-fund)
    bash scripts/build-wasm.sh || skip node "scripts/build-wasm.sh failed (not measuring an old pkg)"
  else
    echo "bindings/wasm/pkg not rebuilt (WASM_BUILD=$mode; sources newer than it: ${newest_source:-none})"
  fi
  step "build: playwright-core (benches/node_modules; no browser download)"
  (cd benches && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

if has_step rust; then
  step "rust: cargo bench -p chime-standards --bench engine ${CRITERION_ARGS[*]}"
  quiet rust
  cargo bench --locked -p chime-standards --bench engine -- "${CRITERION_ARGS[@]}" >"$OUT/criterion.log" 2>&1 ||
    { tail -30 "$OUT/criterion.log"; exit 1; }
  "$PYTHON" benches/table.py --json "$OUT/criterion.json"
  step "rust: cargo bench -p chime-standards --bench share -- $SHARE_ROUNDS"
  cargo bench --locked -q -p chime-standards --bench share -- "$SHARE_ROUNDS" 2>"$OUT/share.log" |
    tee "$OUT/share.txt"
fi

if has_step cli; then
  step "cli: chime score --ndjson, sizes $CLI_SIZES, --jobs 1 and 2"
  quiet cli
  "$PYTHON" benches/cli_bench.py --sizes "$CLI_SIZES" --jobs 1,2 --repeat "$CLI_REPEAT" \
    --stream "${STREAM:-auto}" --chime "$CHIME" --json "$OUT/cli.json"
fi

if has_step python; then
  step "python: score_many vs pure Python vs the CLI, $N assessments"
  quiet python
  "$VENV/bin/python" benches/python_bench.py --n "$N" --repeat "$REPEAT" --chime "$CHIME" \
    --json "$OUT/python.json"
fi

if has_step node; then
  step "node: WebAssembly in Node vs native, size, first score in headless Chromium"
  quiet node
  node --expose-gc benches/node_bench.mjs --n "$N" --repeat "$REPEAT" --browser-runs "$BROWSER_RUNS" \
    --chime "$CHIME" --json "$OUT/node.json"
fi

step "summary (benches/summary.py)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
"$PYTHON" benches/summary.py
