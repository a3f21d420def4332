// Fuzz target: the recorded-calls file of `signet test --responses CALLS.json`. A bad file
// is refused with std::runtime_error naming the entry (the CLI turns it into exit code 2);
// any other exception would escape the CLI. A file that loads answers every call it
// records, with what it recorded.
#include "engine/fuzz/input_file.h"
#include "engine/recorded_calls.h"
#include "testing/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace signet::engine;
  using nlohmann::json;
  static fuzz::InputFile file("calls.json");
  std::shared_ptr<RecordedCalls> recorded;
  try {
    recorded = RecordedCalls::load_file(file.write(data, size));
  } catch (const std::runtime_error&) {
    return 0;
  }
  json document = json::parse(data, data + size);  // it loaded, so it is JSON
  const json& entries = document.is_object() ? document["calls"] : document;
  for (const auto& e : entries) {
    Call call{e["service"], e["endpoint"], e.value("region", "us-east-1"), "", e.value("params", json::object())};
    bool answered = false;
    recorded->call(
        call,
        [&](CallAnswer a) {
          answered = true;
          if (e.contains("apiResponse")) SIGNET_FUZZ_CHECK(a.api_response == e["apiResponse"], "the recorded apiResponse comes back");
          else SIGNET_FUZZ_CHECK(a.error["code"] == e["error"]["code"], "the recorded error comes back");
        },
        [](std::string) {});
    SIGNET_FUZZ_CHECK(answered, "every recorded call is answered");
  }
  SIGNET_FUZZ_CHECK(recorded->missing().empty(), "no recorded call is missing");
  return 0;
}
