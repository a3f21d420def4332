// Fuzz target: one protocol's response parser (SIGNET_FUZZ_PROTOCOL: query, ec2, json,
// rest-json or rest-xml). The work is in response_fuzz.cpp, built once for all five.
#include "aws/parse/fuzz/response_fuzz.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  signet::aws::fuzz::load_protocol(SIGNET_FUZZ_PROTOCOL);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return signet::aws::fuzz::parse_response(SIGNET_FUZZ_PROTOCOL, data, size);
}
