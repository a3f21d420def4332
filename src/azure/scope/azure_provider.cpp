#include <regex>

#include "azure/scope/azure_provider.h"

#include <algorithm>

#include "azure/scope/azure_scope.h"
#include "common/strings.h"

extern "C" const char signet_azure_locations[];

namespace signet::azure {

using nlohmann::json;

const std::vector<std::string>& locations() {
  static const std::vector<std::string> names = json::parse(signet_azure_locations).at("locations").get<std::vector<std::string>>();
  return names;
}

const inventory::Catalog& AzureProvider::catalog() const { return azure::catalog(); }

NameCheck AzureProvider::check_services(const std::vector<std::string>& services, bool) const {
  // apiCaller reaches any namespace, but what a scan or a filter selects is resources: the
  // catalog's namespaces are the ones that have any.
  return inventory::check_services(services, catalog());
}

NameCheck AzureProvider::check_regions(const std::vector<std::string>& regions) const {
  if (regions.empty()) return {"regions", {}, ""};
  const auto& known = locations();
  return check_names(
      "regions", "Azure location", regions, [&](const std::string& r) { return std::find(known.begin(), known.end(), r) != known.end(); },
      known, "Azure's location names, such as eastus, westeurope");
}

std::vector<std::string> AzureProvider::callable_services() const { return catalog().services(); }

std::optional<json> AzureProvider::endpoints_of(const std::string& service) const {
  if (!catalog().knows_service(service)) return std::nullopt;
  // The catalog's listing endpoints with the placeholders they take; a child's listing is
  // called by a signature on its parent as "{id}/keys" with params { id: resource.id }, and
  // "{parent.data.properties.vaultUri}certificates" as "{vaultUri}certificates" with params
  // { vaultUri: resource.data.properties.vaultUri }.
  json operations = json::array();
  std::string name;
  for (const auto& type : catalog().types()) {
    if (to_lower(type.service()) != to_lower(service)) continue;
    name = type.service();
    std::string endpoint = type.spec["list"]["endpoint"];
    if (endpoint.rfind("{parent.id}", 0) == 0) endpoint = "{id}" + endpoint.substr(11);
    if (endpoint.rfind("{parent.data.", 0) == 0 && endpoint.find('}') != std::string::npos) {
      const auto close = endpoint.find('}');
      const std::string path = endpoint.substr(13, close - 13);
      endpoint = "{" + path.substr(path.rfind('.') + 1) + "}" + endpoint.substr(close + 1);
    }
    json params = json::array();
    for (std::size_t open = endpoint.find('{'); open != std::string::npos; open = endpoint.find('{', open + 1))
      if (auto close = endpoint.find('}', open); close != std::string::npos && endpoint.substr(open + 1, close - open - 1) != "subscriptionId")
        params.push_back({{"name", endpoint.substr(open + 1, close - open - 1)}, {"type", "string"}, {"required", true}});
    operations.push_back({{"name", endpoint}, {"type", type.type()}, {"paginated", !type.spec.value("single", false)}, {"params", params}});
  }
  return json{{"service", name}, {"operations", operations}};
}

bool is_subscription_id(const std::string& id) {
  static const std::regex guid("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  return std::regex_match(id, guid);
}

std::string AzureProvider::check_scope_id(const std::string& id) const {
  return is_subscription_id(id) ? "" : "is required for Azure: the subscription id (a GUID)";
}

bool AzureProvider::selects_by_id(const std::string& item) const { return is_subscription_id(item); }

provider::Provider::SourceFilters AzureProvider::source_filters() const {
  // A tenant's subscriptions have no parents or tags here: filtered by id alone.
  return {"", "a subscription id (a GUID)", "", nullptr, is_subscription_id, nullptr};
}

}  // namespace signet::azure
