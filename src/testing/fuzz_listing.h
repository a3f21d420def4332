#pragma once
// For the providers' listing fuzz targets: an input is "Service/type" on its first line (the
// catalog type whose listing answered; an unknown one picks a type by its hash, so any input
// reaches some type), then the answer's JSON. And the properties every resource made from a
// listed item keeps, whatever the cloud said (SPEC.md 1.4's shape).
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "inventory/inventory.h"
#include "testing/fuzz_check.h"

namespace signet::testing {

struct ListingInput {
  const inventory::ResourceType* type = nullptr;
  nlohmann::json answer;  // discarded when not JSON
};

inline ListingInput listing_input(const inventory::Catalog& catalog, const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto line_end = input.find('\n');
  const std::string selector = input.substr(0, line_end);
  ListingInput out;
  const auto slash = selector.find('/');
  if (slash != std::string::npos) out.type = catalog.find(selector.substr(0, slash), selector.substr(slash + 1));
  if (!out.type) out.type = &catalog.types()[std::hash<std::string>{}(selector) % catalog.types().size()];
  out.answer = nlohmann::json::parse(line_end == std::string::npos ? std::string() : input.substr(line_end + 1), nullptr, false);
  return out;
}

inline void check_listed_resource(const nlohmann::json& r, const nlohmann::json& item, const char* provider, const std::string& scope) {
  for (const char* field : {"id", "name", "region", "service", "type"})
    SIGNET_FUZZ_CHECK(r.contains(field) && r[field].is_string(), "a resource's id, name, region, service and type are text");
  SIGNET_FUZZ_CHECK(!r["region"].get<std::string>().empty(), "a resource has a region (global at least)");
  SIGNET_FUZZ_CHECK(r["provider"] == provider, "a resource names its provider");
  SIGNET_FUZZ_CHECK(r["accountId"] == scope, "a resource is of the scope listed");
  SIGNET_FUZZ_CHECK(r["vpc"].is_null() || r["vpc"].is_string(), "vpc is text or null");
  SIGNET_FUZZ_CHECK(r["tags"].is_object(), "tags are an object");
  for (const auto& [key, value] : r["tags"].items()) SIGNET_FUZZ_CHECK(value.is_string(), "tag values are text");
  SIGNET_FUZZ_CHECK(r["data"] == item, "data is the item as listed");
  (void)r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // as the sandbox is sent it
}

}  // namespace signet::testing
