#!/usr/bin/env bash
# Builds in Release and runs every benchmark under bench/, printing their figures.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-release --target sandbox_bench aws_bench scan_bench azure_bench gcp_bench race_bench estate_bench store_bench cluster_bench
./build-release/bench/sandbox_bench
./build-release/bench/aws_bench
./build-release/bench/scan_bench
./build-release/bench/azure_bench
./build-release/bench/gcp_bench
./build-release/bench/estate_bench
SIGNET_SOURCE_DIR="$PWD" ./build-release/bench/race_bench
./build-release/bench/store_bench
./build-release/bench/cluster_bench
