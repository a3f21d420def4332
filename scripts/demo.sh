#!/usr/bin/env bash
# The main job: build Signet, start a local AWS emulator (moto) seeded with a realistic,
# misconfigured account in two regions, scan it with the built-in signatures and show the
# risks; then the shipped example signature through `signet test`. Extra arguments go to
# `signet demo` (e.g. --keep-running).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target signet
./build/signet demo "$@"
echo
echo "The Test button for the terminal, on recorded responses:"
ex=examples/mfa
./build/signet test "$ex/mfa.js" --meta "$ex/mfa.yaml" --resources "$ex/resources.json" --responses "$ex/calls.json"
