# One precompiled header for every C++ target: the standard library, nlohmann-json and (for
# tests) GoogleTest, parsed once instead of in every translation unit (about 40% of a file's
# compile time). gcc checks that a precompiled header fits the file's options and quietly
# parses the headers instead when it does not. Clang refuses one only where a macro is
# defined differently on the command line than when it was built (seen: extra or missing -D
# are fine, -DX=1 against -DX=2 or another -O level are errors); every target here shares
# the optimisation, sanitizer and GoogleTest flags, so one header serves them all.
option(SIGNET_PRECOMPILED_HEADERS "Share a precompiled header across targets" ON)

function(signet_targets_under dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    signet_targets_under(${sub} more)
    list(APPEND targets ${more})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

if(SIGNET_PRECOMPILED_HEADERS)
  set(signet_common_headers <algorithm> <chrono> <functional> <map> <memory> <optional> <set>
      <string> <vector> <nlohmann/json.hpp>)
  if(NOT EXISTS ${PROJECT_BINARY_DIR}/precompiled_headers.cpp)  # written once: rewriting it would rebuild it at every configure
    file(WRITE ${PROJECT_BINARY_DIR}/precompiled_headers.cpp "// the precompiled headers' own translation unit\n")
  endif()
  add_library(signet_precompiled_headers OBJECT ${PROJECT_BINARY_DIR}/precompiled_headers.cpp)
  target_link_libraries(signet_precompiled_headers PRIVATE nlohmann_json::nlohmann_json)
  target_precompile_headers(signet_precompiled_headers PRIVATE ${signet_common_headers})
  add_library(signet_precompiled_test_headers OBJECT ${PROJECT_BINARY_DIR}/precompiled_headers.cpp)
  target_link_libraries(signet_precompiled_test_headers PRIVATE nlohmann_json::nlohmann_json GTest::gtest)
  target_precompile_headers(signet_precompiled_test_headers PRIVATE ${signet_common_headers} <gtest/gtest.h>)

  signet_targets_under(${PROJECT_SOURCE_DIR} all_targets)
  foreach(t IN LISTS all_targets)
    get_target_property(type ${t} TYPE)
    if(NOT type MATCHES "^(STATIC_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$" OR t MATCHES "^signet_precompiled")
      continue()
    endif()
    get_target_property(links ${t} LINK_LIBRARIES)
    if(links MATCHES "GTest::")
      target_precompile_headers(${t} REUSE_FROM signet_precompiled_test_headers)
    else()
      target_precompile_headers(${t} REUSE_FROM signet_precompiled_headers)
    endif()
  endforeach()
endif()
