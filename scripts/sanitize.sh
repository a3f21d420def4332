#!/usr/bin/env bash
# The test suite under AddressSanitizer + UndefinedBehaviorSanitizer (clang-14; the first
# report fails the test, leaks included), in build-fuzz, the fuzz targets' configuration
# (cmake/fuzz.cmake). Only the tests that can run this way are built and run.
#
# What cannot (README, "Fuzzing and sanitizers"): everything that starts a sandbox worker.
# A worker is this same binary re-executed; it sets RLIMIT_DATA and installs a seccomp
# allow-list. ASan reserves its shadow memory up front (~15 TB of private address space,
# which RLIMIT_DATA counts), so the worker's next mmap after the limit fails ("ERROR: Failed
# to mmap", exit 1) before it runs anything. With the limit lifted (tried: 32 TiB) workers
# run, but then the memory limits the sandbox tests check are gone, and a worker's own ASan
# report has nowhere to go (its descriptors are closed and seccomp allows no open).
#
#   scripts/sanitize.sh                 build, then run
#   scripts/sanitize.sh --build-only    build these only (CI starts it early, at low priority,
#                                       beside the ordinary build and tests)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_clang.sh  # clang-14, libclang-rt-14-dev, and build-fuzz configured

# Test binaries (each test is labelled with its binary) that run under the sanitizers. Not
# cli_test (option parsing over the whole CLI library: compiling every provider, server and
# fake at -O0 with ASan finished minutes after the tests in CI) nor gcp_test (run by hand:
# `scripts/sanitize.sh` with it added; it passed at its last change); their code runs here
# through narrower tests, and unsanitized in the ordinary build.
binaries=(io_test cloud_test signature_test store_test schedule_test notify_test aws_test aws_reference_test inventory_test
          throttling_front_test engine_test server_test permissions_test accounts_test mutelist_test)
# Tests inside them that start sandbox workers: Test runs (engine), and in the server the
# Test runs and scans against moto (ServerLive) and every test that saves a signature (its
# code is compiled in a worker first).
workers="^TestRun\.|^ServerLive\.|^Server\.(CrossSiteChangesAreRefused|ApiTokensWorkWithoutCookiesAndStopWhenRevoked|RolesLimitWhatEachUserMayDo|InvalidSignaturesAreRefusedFieldByFieldAndNothingIsSaved|QuotesMarkupAndSqlMetacharactersAreStoredAndReturnedVerbatim)$"
# Tests that sweep every AWS model, catalog entry or built-in run in the ordinary build only:
# they check the data, through code narrower tests here run too, and under ASan at -O0 each
# took 25-45 s of CI's two cores; so do the two that parse every listed operation's answer
# and a whole seeded account from moto (23 and 28 s here, mostly moto's: the parsers are
# fuzzed, and the narrower client and inventory tests run here).
data_wide="^ReferenceComparison\.OurClientParsesWhatBoto3ParsesForEveryListedOperation|^Inventory\.DiscoversASeededAccountInTwoRegions|^ReadOnlyPolicy\.EveryOperationOfEveryModelIsDecidedAndNoWriteVerbGetsThrough|^Models\.OperationsShapesProtocolsAndPaginators|^Needed\.FromTheStoreEveryEnabledSignatureAndTheNewestCompleteScan|^Catalog\.EveryTypeIsFoundOnMotoOrTestedOnARecordedAnswer|^Catalog\.CoversTheServicesAndTypesAScannerNeeds"
# Not built here at all: sandbox_test, engine_live_test, builtins_test and
# permissions_moto_test (they run signatures), cli_end_to_end and cli_live_end_to_end (the
# signet binary runs signatures; the pages are not built here either), web_console_browser
# (signet demo --serve).

if [ "${1:-}" = "--build-only" ]; then
  exec cmake --build build-fuzz -j "$(nproc)" --target "${binaries[@]}"
fi
cmake --build build-fuzz -j "$(nproc)" --target "${binaries[@]}"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export AWS_EC2_METADATA_DISABLED=true
labels=$(IFS='|'; echo "${binaries[*]}")
ctest --test-dir build-fuzz -L "^(${labels})\$" -E "$workers|$data_wide" --output-on-failure -j "$(nproc)" --timeout 600
