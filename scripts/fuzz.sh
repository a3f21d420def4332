#!/usr/bin/env bash
# Fuzzes Signet's trust boundaries: builds every fuzz target (cmake/fuzz.cmake) with clang's
# libFuzzer, AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz, writes their
# seeds (scripts/fuzz_seeds.py), and runs each for SECONDS (default 20), as many at once as
# there are cores. Exits non-zero on any crash, leak, time-out or sanitizer report, saying
# which target and where the input that did it is.
#
#   scripts/fuzz.sh [SECONDS]          FUZZ_TARGETS="a b" scripts/fuzz.sh 600   (some only)
#   FUZZ_BUILD_DIR=build-x scripts/fuzz.sh 600                    (another build folder)
#
# Each target's corpus grows in build-fuzz/fuzz-corpus/NAME between runs; an input that
# fails goes to build-fuzz/fuzz-artifacts/NAME/. Keep it as a regression case in
# NAME.regressions/ beside the target's source (the ordinary build replays those as tests).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
jobs=${FUZZ_JOBS:-$(nproc)}
build=${FUZZ_BUILD_DIR:-build-fuzz}

bash scripts/setup_clang.sh "$build"  # clang-14, libclang-rt-14-dev, and the build folder configured
cmake --build "$build" --target signet_fuzz_targets -j "$(nproc)"

# The targets, as cmake/fuzz.cmake registered them: NAME, binary, regressions, flags.
declare -a names=()
declare -A binary=() regressions=() flags=()
while IFS=$'\t' read -r name bin reg opts; do
  [ -n "$name" ] || continue
  if [ -n "${FUZZ_TARGETS:-}" ] && [[ " $FUZZ_TARGETS " != *" $name "* ]]; then continue; fi
  names+=("$name"); binary[$name]=$bin; regressions[$name]=$reg; flags[$name]=${opts//;/ }
done <"$build/fuzz_targets.tsv"
((${#names[@]})) || { echo "fuzz: no fuzz targets (FUZZ_TARGETS='${FUZZ_TARGETS:-}')" >&2; exit 1; }
python3 scripts/fuzz_seeds.py "$build/fuzz-seeds" "${names[@]}" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export AWS_EC2_METADATA_DISABLED=true
logs="$build/fuzz-logs"
mkdir -p "$logs"

run_target() {
  local name=$1
  local corpus="$build/fuzz-corpus/$name" artifacts="$build/fuzz-artifacts/$name/"
  mkdir -p "$corpus" "$artifacts"
  # A unit counts as hung after 60 s of wall time: on a loaded machine (builds, tests, other
  # fuzzers) a unit that takes milliseconds can stall for more than ten seconds.
  local common=(-rss_limit_mb=4096 -timeout=60 -artifact_prefix="$artifacts")
  # shellcheck disable=SC2086  # the target's own flags are words
  {
    # The regression inputs first, each once and whole (as corpus they would be cut to -max_len).
    local kept=()
    [ -d "${regressions[$name]}" ] && mapfile -t kept < <(find "${regressions[$name]}" -type f | sort)
    if ((${#kept[@]})); then "${binary[$name]}" "${common[@]}" ${flags[$name]} "${kept[@]}" || return; fi
    "${binary[$name]}" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 ${flags[$name]} \
      "$corpus" "$build/fuzz-seeds/$name"
  } >"$logs/$name.log" 2>&1
}

report() {  # NAME EXIT_CODE: one line, and where the failing input is
  local name=$1 rc=$2 log="$logs/$1.log"
  local runs rate cov ft
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  rate=$(grep -oE 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  local result="ok"
  if [ "$rc" != 0 ]; then
    local what
    what=$(grep -m1 -oE 'runtime error: .*|fuzz check failed: .*|what\(\): .*|ERROR: [A-Za-z]+: [a-zA-Z -]+' "$log" | cut -c1-160 || true)
    [ -n "$what" ] || what="exit code $rc"
    result="FAILED ($what)"
  fi
  printf 'fuzz: %-30s runs %9s (%6s/s)  cov %6s  ft %6s  %s\n' "$name" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$result"
  if [ "$rc" != 0 ]; then
    local input
    input=$(grep -oE 'Test unit written to .*' "$log" || grep -oE 'Running: .*' "$log" | tail -1 || true)
    echo "fuzz:     input: ${input:-see the log}"
    echo "fuzz:     log: $log"
  fi
}

echo "fuzz: ${#names[@]} targets, ${seconds}s each, $jobs at a time"
passed=0 failed=0
declare -A pid_of=()
running=0
finish_one() {
  local done_pid rc=0
  wait -n -p done_pid || rc=$?
  local name=${pid_of[$done_pid]}
  unset "pid_of[$done_pid]"
  running=$((running - 1))
  report "$name" "$rc"
  if [ "$rc" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
for name in "${names[@]}"; do
  ((running < jobs)) || finish_one
  run_target "$name" &
  pid_of[$!]=$name
  running=$((running + 1))
done
while ((running > 0)); do finish_one; done

echo "fuzz: $passed passed, $failed failed"
((failed == 0))
