// Fuzz target: the AWS error parsers, json_error (json, rest-json) and xml_error (query,
// ec2, rest-xml), as the client reaches them for every non-2xx answer, outside any try.
// The input is an HTTP answer (fuzz_response.h) whose first line names the protocol
// (any other text picks one by hash). They must never throw, and always give a code.
#include "aws/parse/fuzz/fuzz_response.h"
#include "aws/parse/parse_common.h"
#include "testing/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace signet::aws;
  auto input = fuzz::decode_response(data, size);
  static const char* const kProtocols[] = {"query", "ec2", "json", "rest-json", "rest-xml"};
  std::string protocol = input.selector;
  bool known = false;
  for (const char* p : kProtocols) known |= protocol == p;
  if (!known) protocol = kProtocols[fuzz::fnv1a(protocol) % 5];
  ApiError error = protocol == "json" || protocol == "rest-json" ? json_error(input.response) : xml_error(input.response);
  SIGNET_FUZZ_CHECK(!error.code.empty(), "an error has a code");
  SIGNET_FUZZ_CHECK(error.status == input.response.status, "an error keeps the answer's status");
  SIGNET_FUZZ_CHECK(nlohmann::json::parse(nlohmann::json{error.code, error.message}.dump(), nullptr, false).size() == 2,
                    "an error is JSON text");
  return 0;
}
