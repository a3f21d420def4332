// Fuzz target: the resources file of `signet test --resources RES.json`. A bad file is
// refused with std::runtime_error naming the resource and field (exit code 2 in the CLI);
// any other exception would escape the CLI. Every resource read has the full shape
// signatures receive (SPEC.md 1.4) and serializes as the Test run sends it.
#include "engine/fuzz/input_file.h"
#include "engine/resource.h"
#include "testing/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace signet::engine;
  static fuzz::InputFile file("resources.json");
  std::vector<Resource> resources;
  try {
    resources = load_resources_file(file.write(data, size), "IAM");
  } catch (const std::runtime_error&) {
    return 0;
  }
  for (const auto& r : resources) {
    for (const char* key : {"id", "name", "arn", "accountId", "provider", "service", "type", "region", "vpc", "tags", "data"})
      SIGNET_FUZZ_CHECK(r.document.contains(key), "a resource has every field of the spec's shape");
    SIGNET_FUZZ_CHECK(!r.id().empty() && !r.name().empty(), "a resource has an id and a name");
    (void)r.region();
    SIGNET_FUZZ_CHECK(r.document["tags"].is_object(), "tags are an object");
    (void)r.service();
    (void)r.vpc();
    (void)r.document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // as test_run.cpp sends it
  }
  return 0;
}
