#pragma once
// Google's API Discovery documents, the counterpart of botocore's models: each API's methods
// (id, HTTP method, path template, parameters), response schemas and paging. The client is
// generic over them. Documents come from a folder (`--models-dir`, air-gapped use), else an
// on-disk cache, else Google's Discovery service (fetched once, then cached on disk, as
// Google's own client libraries do); an API named without a version gets the one the
// Discovery directory marks preferred (else the newest stable one of the folder).
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cloud/http/http_client.h"

namespace signet::gcp {

struct DiscoveryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Parameter {
  std::string location;  // "path" or "query"
  std::string type;      // string, integer, boolean, number
  std::string pattern;   // a path parameter's form, "^projects/[^/]+$" ("" when none)
  bool required = false;
  bool repeated = false;
  std::vector<std::string> allowed;  // the enum's values, when it has one
};

struct Method {
  std::string id;           // "compute.instances.aggregatedList"
  std::string http_method;  // GET, POST
  std::string path;         // relative to the API's base URL: "projects/{project}/aggregated/instances", "v1/{+parent}/keyRings"
  std::map<std::string, Parameter> parameters;
  std::string response;     // the response schema's name ("" when none)
  bool paged() const { return parameters.count("pageToken") > 0; }
};

class Api {
 public:
  // Throws DiscoveryError for a document that is not one (an error answer, a missing field).
  explicit Api(const nlohmann::json& document);

  const std::string& name() const { return name_; }        // "compute", "sql" (the document's own name)
  const std::string& version() const { return version_; }  // "v1"
  const std::string& root_url() const { return root_url_; }       // "https://compute.googleapis.com/"
  const std::string& service_path() const { return service_path_; }  // "compute/v1/"
  // By id, with or without the API's name first ("instances.list", "compute.instances.list").
  const Method* method(const std::string& id) const;
  std::vector<std::string> method_ids() const;  // full ids, sorted
  const nlohmann::json* schema(const std::string& name) const;
  // Where a list method's answer (a paged one, or a "list") holds its items: the response
  // schema's list property ("items", "keyRings"); for an aggregatedList, "items" (a map of
  // scope -> {LIST: [...]}). "" for other methods (a get, getIamPolicy).
  std::string list_field(const Method& method) const;
  // An aggregatedList: its answer's `items` maps each zone or region to that scope's list.
  bool aggregated(const Method& method) const;

 private:
  std::string name_, version_, root_url_, service_path_;
  std::map<std::string, Method> methods_;  // by full id
  nlohmann::json schemas_;
};

struct DiscoveryOptions {
  std::string models_dir;  // a folder of documents (any *.json file holding one); searched first
  bool cache = true;       // keep fetched documents on disk, and read them from there
  std::string cache_dir;   // where; "": $XDG_CACHE_HOME or ~/.cache, /signet/gcp-discovery
  bool fetch = true;       // reach Google's Discovery service for documents not found locally
  // The Discovery service's root ("https://www.googleapis.com"); tests point it at a fake.
  std::string discovery_root = "https://www.googleapis.com";
  std::chrono::hours cache_for{24 * 7};  // then fetched again (Google revises documents)
  cloud::HttpOptions http{5000, 60000, 4, true};
};

class Discovery {
 public:
  explicit Discovery(DiscoveryOptions options = {});
  // The API's document: `api` as Google's directory names it ("compute", "sqladmin"),
  // `version` "" for the preferred one. Blocking the first time for each (a file read or one
  // fetch), then from memory; throws DiscoveryError saying what was tried.
  std::shared_ptr<const Api> api(const std::string& api, const std::string& version = "");
  // The version `api` defaults to (see above); throws DiscoveryError.
  std::string preferred_version(const std::string& api);
  const DiscoveryOptions& options() const { return options_; }

 private:
  std::optional<nlohmann::json> from_folder(const std::string& api, const std::string& version);
  std::optional<nlohmann::json> from_cache(const std::string& api, const std::string& version) const;
  nlohmann::json fetch(const std::string& url) const;
  std::string cache_path(const std::string& api, const std::string& version) const;
  void index_folder();

  DiscoveryOptions options_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Api>> loaded_;  // "api/version"
  std::map<std::string, std::string> preferred_;              // api -> version
  bool folder_indexed_ = false;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> folder_;  // api -> [(version, file)]
};

// The version a folder's documents of one API default to: the newest stable one ("v2" over
// "v1", "v1" over "v1beta4"), else the newest of the others. "" for none.
std::string newest_stable(const std::vector<std::string>& versions);

}  // namespace signet::gcp
