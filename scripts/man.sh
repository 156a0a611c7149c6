#!/usr/bin/env bash
# Builds the chime man page from the CLI's own clap definition (the hidden `chime man`
# subcommand, clap_mangen) into target/man/chime.1. View it with `man target/man/chime.1`.
#
# Environment: CARGO_TARGET_DIR (default target/).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --locked -p chime-cli
mkdir -p "$TARGET/man"
"$TARGET/release/chime" man > "$TARGET/man/chime.1"
echo "wrote $TARGET/man/chime.1"
