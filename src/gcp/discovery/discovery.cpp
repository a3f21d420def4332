#include "gcp/discovery/discovery.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <tuple>

#include "common/files.h"
#include "common/json_path.h"
#include "common/strings.h"
#include "cloud/http/request.h"

namespace signet::gcp {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void collect_methods(const json& resource, std::map<std::string, Method>& out) {
  if (!resource.is_object()) return;
  const json methods = resource.value("methods", json::object()), children = resource.value("resources", json::object());
  for (const auto& [name, m] : methods.items()) {
    if (!m.is_object() || text_at(m, "id").empty() || text_at(m, "path").empty()) continue;
    Method method;
    method.id = text_at(m, "id");
    method.http_method = text_at(m, "httpMethod");
    method.path = text_at(m, "path");
    if (m.contains("response") && m["response"].is_object()) method.response = text_at(m["response"], "$ref");
    const json parameters = m.value("parameters", json::object());
    for (const auto& [pname, p] : parameters.items()) {
      if (!p.is_object()) continue;
      Parameter parameter{text_at(p, "location"), text_at(p, "type"), text_at(p, "pattern"), p.value("required", false), p.value("repeated", false), {}};
      if (p.contains("enum") && p["enum"].is_array())
        for (const auto& v : p["enum"])
          if (v.is_string()) parameter.allowed.push_back(v);
      method.parameters[pname] = std::move(parameter);
    }
    out[method.id] = std::move(method);
  }
  for (const auto& [name, child] : children.items()) collect_methods(child, out);
}

// "v2" -> (2, 0, ""), "v1beta4" -> (1, -1, "beta4"): stable first, then by number.
bool newer(const std::string& a, const std::string& b) {
  auto key = [](const std::string& v) {
    std::size_t i = v.size() > 1 && v[0] == 'v' ? 1 : 0;
    long number = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) number = number * 10 + (v[i++] - '0');
    const std::string rest = v.substr(i);
    const bool stable = rest.empty();
    return std::make_tuple(stable ? 1 : 0, number, rest);
  };
  return key(a) > key(b);
}

}  // namespace

std::string newest_stable(const std::vector<std::string>& versions) {
  std::string best;
  for (const auto& v : versions)
    if (best.empty() || newer(v, best)) best = v;
  return best;
}

Api::Api(const json& document) {
  if (!document.is_object() || document.contains("error"))
    throw DiscoveryError("not a Discovery document" + (document.is_object() ? ": " + document["error"].dump().substr(0, 200) : std::string()));
  name_ = text_at(document, "name");
  version_ = text_at(document, "version");
  root_url_ = text_at(document, "rootUrl");
  service_path_ = text_at(document, "servicePath");
  if (name_.empty() || version_.empty() || root_url_.empty())
    throw DiscoveryError("a Discovery document needs name, version and rootUrl");
  if (root_url_.back() != '/') root_url_ += '/';
  collect_methods(document, methods_);
  schemas_ = document.value("schemas", json::object());
}

const Method* Api::method(const std::string& id) const {
  if (auto it = methods_.find(id); it != methods_.end()) return &it->second;
  // Ids start with the API's own prefix ("sql." for sqladmin): match what follows it.
  for (const auto& [full, m] : methods_) {
    auto dot = full.find('.');
    if (dot != std::string::npos && full.compare(dot + 1, std::string::npos, id) == 0) return &m;
  }
  return nullptr;
}

std::vector<std::string> Api::method_ids() const {
  std::vector<std::string> out;
  for (const auto& [id, m] : methods_) out.push_back(id);
  return out;
}

const json* Api::schema(const std::string& name) const {
  auto it = schemas_.find(name);
  return it == schemas_.end() || !it->is_object() ? nullptr : &*it;
}

bool Api::aggregated(const Method& method) const {
  const json* response = schema(method.response);
  if (!response || !response->contains("properties")) return false;
  const json items = (*response)["properties"].value("items", json());
  return items.is_object() && text_at(items, "type") == "object" && items.contains("additionalProperties");
}

std::string Api::list_field(const Method& method) const {
  const json* response = schema(method.response);
  if (!response || !response->contains("properties") || !(*response)["properties"].is_object()) return "";
  if (aggregated(method)) return "items";
  // Lists only: a paged method or a "list"; a Policy's bindings are not items.
  const std::string verb = method.id.substr(method.id.rfind('.') + 1);
  if (!method.paged() && verb != "list") return "";
  // The one array property of a paged answer ("unreachable" lists locations, not items).
  std::string found;
  for (const auto& [name, property] : (*response)["properties"].items()) {
    if (!property.is_object() || text_at(property, "type") != "array" || name == "unreachable" || name == "warnings") continue;
    if (name == "items") return name;
    if (found.empty()) found = name;
  }
  return found;
}

Discovery::Discovery(DiscoveryOptions options) : options_(std::move(options)) {
  if (!options_.cache) options_.cache_dir.clear();
  else if (options_.cache_dir.empty()) {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    std::string base = xdg && *xdg ? xdg : home && *home ? std::string(home) + "/.cache" : "";
    if (!base.empty()) options_.cache_dir = base + "/signet/gcp-discovery";
  }
  options_.discovery_root = without_trailing_slashes(options_.discovery_root);
}

std::string Discovery::cache_path(const std::string& api, const std::string& version) const {
  return options_.cache_dir.empty() ? "" : options_.cache_dir + "/" + api + "." + version + ".json";
}

void Discovery::index_folder() {
  if (folder_indexed_ || options_.models_dir.empty()) return;
  folder_indexed_ = true;
  std::error_code ec;
  if (!fs::is_directory(options_.models_dir, ec)) throw DiscoveryError("--models-dir " + options_.models_dir + " is not a folder");
  for (const auto& entry : fs::directory_iterator(options_.models_dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    json doc = json::parse(read_file(entry.path().string()), nullptr, false);
    if (!doc.is_object()) continue;
    // The directory's name for it is the id's first part ("sqladmin:v1beta4"); its own name may differ.
    std::string id = text_at(doc, "id"), version = text_at(doc, "version");
    std::string api = id.substr(0, id.find(':'));
    if (api.empty()) api = text_at(doc, "name");
    if (!api.empty() && !version.empty()) folder_[api].push_back({version, entry.path().string()});
  }
}

std::optional<json> Discovery::from_folder(const std::string& api, const std::string& version) {
  index_folder();
  auto it = folder_.find(api);
  if (it == folder_.end()) return std::nullopt;
  for (const auto& [v, file] : it->second)
    if (v == version) return json::parse(read_file(file), nullptr, false);
  return std::nullopt;
}

std::optional<json> Discovery::from_cache(const std::string& api, const std::string& version) const {
  const std::string path = cache_path(api, version);
  std::error_code ec;
  if (path.empty() || !fs::exists(path, ec)) return std::nullopt;
  auto age = fs::file_time_type::clock::now() - fs::last_write_time(path, ec);
  if (ec || age > options_.cache_for) return std::nullopt;
  json doc = json::parse(read_file(path), nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  return doc;
}

json Discovery::fetch(const std::string& url) const {
  if (!options_.fetch) throw DiscoveryError("fetching is off (a --models-dir without it?)");
  cloud::HttpRequest request = cloud::request_to("GET", url);
  request.set_header("Accept", "application/json");
  cloud::HttpResult result = cloud::send_blocking(request, options_.http);
  if (!result.ok()) throw DiscoveryError(url + ": " + result.transport_error);
  json body = json::parse(result.response.body, nullptr, false);
  if (result.response.status != 200 || !body.is_object()) {
    std::string why = body.is_object() && body.contains("error") && body["error"].is_object() ? text_at(body["error"], "message") : "";
    throw DiscoveryError(url + ": HTTP " + std::to_string(result.response.status) + (why.empty() ? "" : " (" + why + ")"));
  }
  return body;
}

std::string Discovery::preferred_version(const std::string& api) {
  std::lock_guard lock(mutex_);
  if (auto it = preferred_.find(api); it != preferred_.end()) return it->second;
  index_folder();
  std::string version;
  if (auto it = folder_.find(api); it != folder_.end()) {
    std::vector<std::string> versions;
    for (const auto& [v, file] : it->second) versions.push_back(v);
    version = newest_stable(versions);
  } else {
    json listed = fetch(options_.discovery_root + "/discovery/v1/apis?name=" + cloud::uri_encode(api) + "&preferred=true");
    for (const auto& item : listed.value("items", json::array()))
      if (text_at(item, "name") == api && item.value("preferred", false)) version = text_at(item, "version");
    if (version.empty()) throw DiscoveryError("Google's Discovery directory lists no API named '" + api + "'");
  }
  preferred_[api] = version;
  return version;
}

std::shared_ptr<const Api> Discovery::api(const std::string& api, const std::string& version_asked) {
  static const std::regex kName("^[a-z][a-z0-9]*$"), kVersion("^[a-z0-9._]+$");
  if (!std::regex_match(api, kName)) throw DiscoveryError("'" + api + "' is not an API name such as compute or storage");
  if (!version_asked.empty() && !std::regex_match(version_asked, kVersion))
    throw DiscoveryError("'" + version_asked + "' is not an API version such as v1");
  const std::string version = version_asked.empty() ? preferred_version(api) : version_asked;
  std::lock_guard lock(mutex_);
  const std::string key = api + "/" + version;
  if (auto it = loaded_.find(key); it != loaded_.end()) return it->second;
  std::optional<json> doc = from_folder(api, version);
  if (!doc) doc = from_cache(api, version);
  if (!doc) {
    try {
      doc = fetch(options_.discovery_root + "/discovery/v1/apis/" + api + "/" + version + "/rest");
    } catch (const DiscoveryError& e) {
      throw DiscoveryError("no Discovery document for " + api + " " + version +
                           (options_.models_dir.empty() ? "" : " in " + options_.models_dir) + ": " + e.what());
    }
    if (const std::string path = cache_path(api, version); !path.empty()) {
      std::error_code ec;
      fs::create_directories(options_.cache_dir, ec);
      const std::string partial = path + ".partial";
      std::ofstream(partial, std::ios::binary | std::ios::trunc) << doc->dump();
      fs::rename(partial, path, ec);  // a cache that cannot be written is only slower
    }
  }
  auto parsed = std::make_shared<const Api>(*doc);
  loaded_[key] = parsed;
  return parsed;
}

}  // namespace signet::gcp
