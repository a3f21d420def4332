#!/usr/bin/env bash
# The main job: build Signet (with its web console), show the shipped example signature
# through `signet test`, then start a local AWS emulator (moto) seeded with a realistic,
# misconfigured account in two regions, scan it with the built-in signatures, print the
# risks, and serve the web console on it until Ctrl-C. Extra arguments go to `signet demo`
# (e.g. --listen 0.0.0.0:8080, or --no-serve to stop after the scan).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target signet
echo "The Test button for the terminal, on recorded responses:"
ex=examples/mfa
./build/signet test "$ex/mfa.js" --meta "$ex/mfa.yaml" --resources "$ex/resources.json" --responses "$ex/calls.json"
echo
serve=(--serve)
for arg in "$@"; do [ "$arg" = "--no-serve" ] && serve=(); done
args=()
for arg in "$@"; do [ "$arg" != "--no-serve" ] && args+=("$arg"); done
exec ./build/signet demo "${serve[@]}" "${args[@]}"
