#!/usr/bin/env bash
# Writes CRATE/.cargo/config.toml the way docs/cargo.md does, with the plugin
# PLUGIN loaded into ld.lld (the path as given: the tests pass bad ones).
#
#   write-config.sh CRATE PLUGIN
set -euo pipefail
(($# == 2)) || { echo "usage: write-config.sh CRATE PLUGIN" >&2; exit 2; }
mkdir -p "$1/.cargo"
cat >"$1/.cargo/config.toml" <<CONFIG
[build]
target = "x86_64-unknown-linux-gnu"

[target.x86_64-unknown-linux-gnu]
linker = "clang-22"
rustflags = ["-Clinker-plugin-lto", "-Clink-arg=-fuse-ld=lld",
             "-Clink-arg=-Wl,--load-pass-plugin=$2"]
CONFIG
