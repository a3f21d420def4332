#!/usr/bin/env bash
# For scripts/fuzz.sh and scripts/sanitize.sh: everything scripts/setup.sh installs, plus
# clang-14 and its sanitizer and libFuzzer runtimes (libclang-rt-14-dev), then configures
# the build folder ($1, default build-fuzz; cmake/fuzz.cmake: -DSIGNET_FUZZ=ON). Idempotent,
# like setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
SIGNET_EXTRA_DEBIAN_PACKAGES="clang-14 libclang-rt-14-dev" bash scripts/setup.sh
cmake -S . -B "${1:-build-fuzz}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DSIGNET_FUZZ=ON >/dev/null
