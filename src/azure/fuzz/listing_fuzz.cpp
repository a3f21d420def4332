// Fuzz target: a Resource Manager or Graph listing's answer as the Azure inventory reads it
// (`value` items, or the one resource of a single type), each object item made into a
// resource. Whatever a hostile or broken cloud answers, every resource has the spec's shape.
// Input: testing/fuzz_listing.h.
#include "azure/scope/azure_scope.h"
#include "testing/fuzz_listing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace signet;
  const auto input = testing::listing_input(azure::catalog(), data, size);
  if (input.answer.is_discarded()) return 0;
  const bool single = input.type->spec.value("single", false);
  const nlohmann::json items = single ? nlohmann::json::array({input.answer})
                               : input.answer.is_object() ? input.answer.value("value", nlohmann::json()) : nlohmann::json();
  if (!items.is_array()) return 0;  // the client says InvalidResponse or keeps the single answer
  const std::string subscription = "00000000-0000-0000-0000-000000000000";
  for (const auto& item : items)
    if (item.is_object()) testing::check_listed_resource(azure::make_resource(*input.type, item, subscription, "westeurope"), item, "azure", subscription);
  return 0;
}
