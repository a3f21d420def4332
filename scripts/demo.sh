#!/usr/bin/env bash
# The main job: build Signet and run the shipped example signature with `signet test`.
# (Until `signet demo` exists: it will start a local AWS emulator, seed it, scan it and
# serve the web console.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target signet
ex=examples/mfa
./build/signet test "$ex/mfa.js" --meta "$ex/mfa.yaml" --resources "$ex/resources.json" --responses "$ex/calls.json" "$@"
