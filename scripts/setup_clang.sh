#!/usr/bin/env bash
# For scripts/fuzz.sh and scripts/sanitize.sh: everything scripts/setup.sh installs, plus
# clang-14 and its sanitizer and libFuzzer runtimes (libclang-rt-14-dev), then configures
# the build folder ($1, default build-fuzz; cmake/fuzz.cmake: -DSIGNET_FUZZ=ON). Idempotent,
# like setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
missing=()
for pkg in clang-14 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup_clang: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
cmake -S . -B "${1:-build-fuzz}" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DSIGNET_FUZZ=ON >/dev/null
