# Fuzz targets at the trust boundaries (README: "Fuzzing and sanitizers").
#
# -DSIGNET_FUZZ=ON (clang only; scripts/fuzz.sh and scripts/sanitize.sh use it): all C++ is
# built with AddressSanitizer + UndefinedBehaviorSanitizer (fatal) and libFuzzer's coverage
# instrumentation; fuzz targets link libFuzzer, every other executable the sanitizers alone.
# Off (the default build): each fuzz target is linked with a small replay main instead and
# runs as a ctest test over its regression files and its seeds.
option(SIGNET_FUZZ "Build libFuzzer targets with ASan+UBSan (clang)" OFF)

if(SIGNET_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SIGNET_FUZZ needs clang: -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  # Everything at -O0 with line tables only (reports still name file and line): the
  # sanitizers double the compile time at -O1 (a unity file of the store: 30 s at -O1, 15 s at
  # -O0), and CI builds all of it beside the ordinary build on two cores. The price is run
  # time: json-heavy code is several times slower (the fuzzers' start-up, the tests that read
  # every AWS model), which the models' MessagePack form and compiled-once patterns keep small.
  set(CMAKE_CXX_FLAGS_RELWITHDEBINFO "-O0 -gline-tables-only -DNDEBUG")
  # vptr needs the RTTI of every polymorphic type it meets, and libmozjs has none.
  set(SIGNET_SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:${SIGNET_SANITIZE_FLAGS};-fsanitize=fuzzer-no-link>")
  add_link_options(-fsanitize=address,undefined)
endif()

add_custom_target(signet_fuzz_targets)
set_property(GLOBAL PROPERTY SIGNET_FUZZ_MANIFEST "")
set(SIGNET_FUZZ_SEEDS_DIR ${PROJECT_BINARY_DIR}/fuzz-seeds)

# signet_fuzz_target(NAME SOURCES... LIBS... [DEFINITIONS...] [OPTIONS libFuzzer flags...])
# One LLVMFuzzerTestOneInput per target. Its regression inputs live beside its first source
# in NAME.regressions/; its seeds are written at run time by scripts/fuzz_seeds.py into
# fuzz-seeds/NAME/ of the build folder. scripts/fuzz.sh runs every target registered here.
function(signet_fuzz_target name)
  cmake_parse_arguments(F "" "" "SOURCES;LIBS;DEFINITIONS;OPTIONS" ${ARGN})
  list(GET F_SOURCES 0 first)
  get_filename_component(first "${first}" ABSOLUTE)
  get_filename_component(dir "${first}" DIRECTORY)
  set(regressions ${dir}/${name}.regressions)
  set(seeds ${SIGNET_FUZZ_SEEDS_DIR}/${name})
  if(SIGNET_FUZZ)
    add_executable(${name} ${F_SOURCES})
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    add_dependencies(signet_fuzz_targets ${name})
    set_property(GLOBAL APPEND_STRING PROPERTY SIGNET_FUZZ_MANIFEST
                 "${name}\t$<TARGET_FILE:${name}>\t${regressions}\t${F_OPTIONS}\n")
  else()
    # Compiled on its own: in one unity file with the target, gcc sees that the weak
    # LLVMFuzzerInitialize it tests for is defined, and warns.
    set_source_files_properties(${PROJECT_SOURCE_DIR}/src/testing/fuzz_replay_main.cpp PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
    add_executable(${name} ${F_SOURCES} ${PROJECT_SOURCE_DIR}/src/testing/fuzz_replay_main.cpp)
    add_test(NAME ${name} COMMAND ${name} ${regressions} ${seeds})
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED signet_fuzz_seeds LABELS fuzz_replay)
  endif()
  target_link_libraries(${name} PRIVATE ${F_LIBS})
  if(F_DEFINITIONS)
    target_compile_definitions(${name} PRIVATE ${F_DEFINITIONS})
  endif()
endfunction()

# The seeds the replay tests read (the fuzz build's are written by scripts/fuzz.sh).
if(NOT SIGNET_FUZZ)
  find_program(SIGNET_FUZZ_PYTHON NAMES python3 REQUIRED)
  add_test(NAME fuzz_seeds COMMAND ${SIGNET_FUZZ_PYTHON} ${PROJECT_SOURCE_DIR}/scripts/fuzz_seeds.py ${SIGNET_FUZZ_SEEDS_DIR})
  set_tests_properties(fuzz_seeds PROPERTIES FIXTURES_SETUP signet_fuzz_seeds LABELS fuzz_replay)
endif()

# Called once every target is known: fuzz_targets.tsv lists NAME, binary, regressions
# folder and extra libFuzzer flags, one target a line, for scripts/fuzz.sh.
function(signet_write_fuzz_manifest)
  get_property(manifest GLOBAL PROPERTY SIGNET_FUZZ_MANIFEST)
  file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/fuzz_targets.tsv CONTENT "${manifest}")
endfunction()
cmake_language(DEFER DIRECTORY ${PROJECT_SOURCE_DIR} CALL signet_write_fuzz_manifest)
