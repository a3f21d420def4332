#pragma once
// Resources in the shape signatures receive (SPEC.md 1.4).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace signet::engine {

struct Resource {
  nlohmann::json document;  // exactly what the signature gets as `resource`
  std::string id() const { return document.value("id", ""); }
  std::string name() const;  // name, else id
  std::string region() const { return document.value("region", ""); }
  std::string service() const { return document["service"].is_string() ? document["service"].get<std::string>() : ""; }
  std::string vpc() const { return document["vpc"].is_string() ? document["vpc"].get<std::string>() : ""; }
};

// Checks one resource object and fills what may be derived or defaulted (name from id,
// accountId from the ARN, provider, tags, data, vpc). Throws std::runtime_error naming
// `where` and the field.
Resource normalize_resource(const nlohmann::json& object, const std::string& where, const std::string& default_service = "");

// A resources file: an array of resources, or {"resources": [...]}.
std::vector<Resource> load_resources_file(const std::string& path, const std::string& default_service = "");

}  // namespace signet::engine
