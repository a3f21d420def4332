#pragma once
// For fuzz targets: a property every input must keep. A broken one aborts with what broke,
// which libFuzzer reports as a crash (and the replay test as a failure).
#include <cstdio>
#include <cstdlib>

#define SIGNET_FUZZ_CHECK(condition, what)                                                          \
  do {                                                                                              \
    if (!(condition)) {                                                                             \
      std::fprintf(stderr, "fuzz check failed: %s (%s, line %d)\n", what, __FILE__, __LINE__);      \
      std::abort();                                                                                 \
    }                                                                                               \
  } while (0)
