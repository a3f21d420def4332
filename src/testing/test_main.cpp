// main() for every GoogleTest binary: sandbox workers are the running executable started
// again in worker mode, so test binaries must answer that call too.
#include <gtest/gtest.h>

#include "sandbox/sandbox.h"

int main(int argc, char** argv) {
  signet::sandbox::run_worker_if_requested(argc, argv);
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
