#include "gcp/scope/gcp_provider.h"

#include <algorithm>
#include <regex>

#include "common/strings.h"
#include "gcp/scope/gcp_scope.h"

extern "C" const char signet_gcp_regions[];

namespace signet::gcp {

using nlohmann::json;

const std::vector<std::string>& regions() {
  static const std::vector<std::string> names = json::parse(signet_gcp_regions).at("regions").get<std::vector<std::string>>();
  return names;
}

GcpProvider::GcpProvider(std::shared_ptr<Discovery> discovery)
    : discovery_(discovery ? std::move(discovery) : std::make_shared<Discovery>()) {}

const inventory::Catalog& GcpProvider::catalog() const { return gcp::catalog(); }

NameCheck GcpProvider::check_services(const std::vector<std::string>& services, bool) const {
  // apiCaller reaches any API with a Discovery document, but what a scan or a filter selects
  // is resources: the catalog's APIs are the ones that have any.
  return inventory::check_services(services, catalog());
}

NameCheck GcpProvider::check_regions(const std::vector<std::string>& names) const {
  if (names.empty()) return {"regions", {}, ""};
  const auto& known = regions();
  auto knows = [&](const std::string& r) {
    if (std::find(known.begin(), known.end(), r) != known.end()) return true;
    const std::string region = region_of(r);  // a zone: its region and a letter
    return region != r && std::find(known.begin(), known.end(), region) != known.end();
  };
  return check_names("regions", "Google Cloud region", names, knows, known, "Google Cloud's region names, such as us-central1, europe-west1");
}

std::vector<std::string> GcpProvider::callable_services() const { return catalog().services(); }

std::optional<json> GcpProvider::endpoints_of(const std::string& service) const {
  if (!catalog().knows_service(service)) return std::nullopt;
  // The catalog's version of the API (what its listings use), else the preferred one.
  std::string version;
  for (const auto& type : catalog().types())
    if (to_lower(type.service()) == to_lower(service)) version = type.spec["list"].value("apiVersion", "");
  std::shared_ptr<const Api> api;
  try {
    api = discovery_->api(to_lower(service), version);
  } catch (const DiscoveryError& e) {
    return json{{"service", service}, {"apiVersion", version}, {"operations", json::array()}, {"unavailable", e.what()}};
  }
  json operations = json::array();
  for (const auto& id : api->method_ids()) {
    const Method& m = *api->method(id);
    const std::string verb = id.substr(id.rfind('.') + 1);
    if (m.http_method != "GET" && !(m.http_method == "POST" && (verb == "getIamPolicy" || verb == "testIamPermissions"))) continue;
    json params = json::array();
    for (const auto& [name, p] : m.parameters)
      if (name != "pageToken") params.push_back({{"name", name}, {"type", p.type}, {"required", p.required}});
    std::stable_sort(params.begin(), params.end(), [](const json& a, const json& b) { return a["required"] > b["required"]; });
    operations.push_back({{"name", id.substr(id.find('.') + 1)}, {"paginated", m.paged()}, {"params", params}});
  }
  return json{{"service", service}, {"apiVersion", api->version()}, {"operations", operations}};
}

bool is_project_id(const std::string& id) {
  // Google's rule: 6 to 30 of a-z 0-9 -, starting with a letter, not ending with a hyphen.
  static const std::regex project("[a-z][a-z0-9-]{4,28}[a-z0-9]");
  return std::regex_match(id, project);
}

namespace {

bool is_folder_or_organization(const std::string& id) { return std::regex_match(id, std::regex("(folders|organizations)/[0-9]{1,20}")); }

}  // namespace

std::string GcpProvider::check_scope_id(const std::string& id) const {
  return is_project_id(id) ? "" : "is required for Google Cloud: the project id (6 to 30 of a-z 0-9 -)";
}

// A project id reads like a name ("payments-prod"): a selection reaches a project through a
// stored account, its organization, or a folder above it.
bool GcpProvider::selects_by_id(const std::string& item) const { return is_folder_or_organization(item); }

provider::Provider::SourceFilters GcpProvider::source_filters() const {
  // The folders and the organization above each project; labels as tags.
  return {"a folder or organization (folders/123, organizations/456)", "a project id", "a label filter key=value (or key, for any value)",
          is_folder_or_organization, is_project_id, provider::is_tag_filter};
}

}  // namespace signet::gcp
