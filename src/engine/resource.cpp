#include "engine/resource.h"

#include <stdexcept>

#include "engine/json_file.h"

namespace signet::engine {

using nlohmann::json;

std::string Resource::name() const {
  if (document.contains("name") && document["name"].is_string() && !document["name"].get<std::string>().empty())
    return document["name"];
  return id();
}

namespace {
// arn:partition:service:region:account:resource
std::string account_from_arn(const std::string& arn) {
  std::size_t pos = 0;
  for (int field = 0; field < 4; ++field) {
    pos = arn.find(':', pos);
    if (pos == std::string::npos) return "";
    ++pos;
  }
  std::size_t end = arn.find(':', pos);
  return end == std::string::npos ? "" : arn.substr(pos, end - pos);
}
}  // namespace

Resource normalize_resource(const json& object, const std::string& where, const std::string& default_service) {
  if (!object.is_object()) throw std::runtime_error(where + " is not an object");
  json doc = object;
  auto string_field = [&](const char* field, bool required) {
    if (!doc.contains(field) || doc[field].is_null()) {
      if (required) throw std::runtime_error(where + ": '" + field + "' is required");
      return;
    }
    if (!doc[field].is_string()) throw std::runtime_error(where + ": '" + field + "' must be a string");
  };
  string_field("id", true);
  string_field("region", true);
  for (const char* f : {"name", "arn", "accountId", "provider", "service", "type", "vpc"}) string_field(f, false);
  if (doc["id"].get<std::string>().empty()) throw std::runtime_error(where + ": 'id' must not be empty");
  if (!doc.contains("name") || doc["name"].is_null()) doc["name"] = doc["id"];
  if (!doc.contains("arn")) doc["arn"] = nullptr;
  if (!doc.contains("accountId") || doc["accountId"].is_null()) {
    std::string account = doc["arn"].is_string() ? account_from_arn(doc["arn"]) : "";
    doc["accountId"] = account.empty() ? json(nullptr) : json(account);
  }
  if (!doc.contains("provider") || doc["provider"].is_null()) doc["provider"] = "aws";
  if (!doc.contains("service") || doc["service"].is_null())
    doc["service"] = default_service.empty() ? json(nullptr) : json(default_service);
  if (!doc.contains("type")) doc["type"] = nullptr;
  if (!doc.contains("vpc")) doc["vpc"] = nullptr;
  if (!doc.contains("tags") || doc["tags"].is_null()) doc["tags"] = json::object();
  if (!doc["tags"].is_object()) throw std::runtime_error(where + ": 'tags' must be an object of key: value");
  if (!doc.contains("data") || doc["data"].is_null()) doc["data"] = json::object();
  return Resource{doc};
}

std::vector<Resource> load_resources_file(const std::string& path, const std::string& default_service) {
  json document = read_json_file(path);
  const json* list = &document;
  if (document.is_object() && document.contains("resources")) list = &document["resources"];
  if (!list->is_array()) throw std::runtime_error(path + ": expected an array of resources or {\"resources\": [...]}");
  std::vector<Resource> resources;
  for (std::size_t i = 0; i < list->size(); ++i)
    resources.push_back(normalize_resource((*list)[i], path + ": resources[" + std::to_string(i) + "]", default_service));
  return resources;
}

}  // namespace signet::engine
