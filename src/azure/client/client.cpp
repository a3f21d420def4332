#include "azure/client/client.h"

#include <algorithm>
#include <regex>
#include <set>

#include "common/strings.h"
#include "common/url_path.h"

extern "C" const char signet_azure_read_only[];

namespace signet::azure {

using nlohmann::json;

namespace {

constexpr const char* kRegistrationsApiVersion = "2021-04-01";
constexpr const char* kKeyVaultApiVersion = "7.4";

json error_json(const std::string& code, const std::string& message, int status) {
  return {{"code", code}, {"message", message}, {"statusCode", status}};
}

struct PathRule {
  std::regex pattern;
  std::string why;
};

// read_only.json, compiled once.
struct Policy {
  std::vector<PathRule> refused, reading_posts;
  std::vector<PathRule> vault_refused, vault_reads;  // Key Vault's data plane
  json fallbacks;

  static const Policy& get() {
    static const Policy policy = [] {
      json data = json::parse(signet_azure_read_only);
      Policy p;
      auto rules = [](const json& list) {
        std::vector<PathRule> out;
        for (const auto& r : list) out.push_back({std::regex(r["pattern"].get<std::string>(), std::regex::ECMAScript | std::regex::icase), r["why"]});
        return out;
      };
      p.refused = rules(data["refused"]);
      p.reading_posts = rules(data["readingPosts"]);
      p.vault_refused = rules(data["keyVaultDataPlane"]["refused"]);
      p.vault_reads = rules(data["keyVaultDataPlane"]["reads"]);
      p.fallbacks = data["apiVersionFallbacks"];
      return p;
    }();
    return policy;
  }
};

bool is_graph(const std::string& service) { return to_lower(service) == "graph"; }
bool is_key_vault(const std::string& service) { return to_lower(service) == "microsoft.keyvault"; }
bool is_url(const std::string& text) { return to_lower(text.substr(0, 8)).starts_with("https://") || to_lower(text.substr(0, 7)) == "http://"; }

// scheme://host[:port] of a URL, lower case, without the scheme's default port (Key Vault's
// next links name :443).
std::string origin_of(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "";
  auto path = url.find_first_of("/?#", scheme_end + 3);
  std::string origin = to_lower(url.substr(0, path));
  if ((origin.starts_with("https://") && origin.ends_with(":443")) || (origin.starts_with("http://") && origin.ends_with(":80")))
    origin.erase(origin.rfind(':'));
  return origin;
}

// A URL as an error message shows it: at most 200 characters.
std::string shown(const std::string& url) { return url.size() > 200 ? url.substr(0, 200) + "..." : url; }

// A vault's name as its host's first label (and its path segment under an override): letters,
// digits and hyphens (Key Vault's names are 3 to 24 of them).
bool vault_name_ok(const std::string& name) {
  static const std::regex kName("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", std::regex::icase);
  return std::regex_match(name, kName);
}

// A parameter's value as it goes into a path or query: text, numbers and booleans only.
std::string scalar_text(const std::string& name, const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_array()) {  // ARM's list parameters are comma-separated
    std::string out;
    for (const auto& v : value) out += (out.empty() ? "" : ",") + scalar_text(name, v);
    return out;
  }
  throw cloud::CallRefused("parameter '" + name + "' must be text, a number or a boolean");
}

}  // namespace

VaultUrl parse_vault_url(const std::string& url, const std::string& dns_suffix, const std::string& override_base) {
  const std::string base = without_trailing_slashes(override_base);
  const std::string where = base.empty() ? "vaults of this cloud (https://NAME." + dns_suffix + "/)" : "vaults under " + base + "/ (the client's Key Vault override)";
  auto refuse = [&](const std::string& why) {
    return cloud::CallRefused("Microsoft.KeyVault: " + shown(url) + " is refused: " + why + "; the Key Vault token goes only to " + where +
                              " (a vault's properties.vaultUri)");
  };
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) || std::iscntrl(u) || c == '\\' || c == '#') throw refuse("it holds a blank, a control character, a backslash or a fragment");
  }
  // scheme://authority[/path][?query]
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) throw refuse("it is not a URL");
  const std::string scheme = to_lower(url.substr(0, scheme_end));
  const auto authority_end = std::min(url.find_first_of("/?", scheme_end + 3), url.size());
  const std::string authority = url.substr(scheme_end + 3, authority_end - scheme_end - 3);
  std::string path = url.substr(authority_end);
  VaultUrl out;
  if (auto q = path.find('?'); q != std::string::npos) {
    out.query = path.substr(q + 1);
    path.erase(q);
  }
  if (authority.find('@') != std::string::npos) throw refuse("it carries user information before the host");

  if (!base.empty()) {  // a local fake: BASE/NAME/PATH on BASE's scheme, host and port
    if (origin_of(url) != origin_of(base)) throw refuse("host " + shown(authority) + " is not the override's");
    const auto base_path_at = base.find('/', base.find("://") + 3);
    const std::string base_path = base_path_at == std::string::npos ? "" : base.substr(base_path_at);
    if (!path.starts_with(base_path + "/")) throw refuse("its path is not under " + base + "/");
    path.erase(0, base_path.size() + 1);
    const std::string name = path.substr(0, path.find('/'));
    if (!vault_name_ok(name)) throw refuse("'" + shown(name) + "' is not a vault's name");
    out.vault = base + "/" + name;
    out.path = path.size() > name.size() ? path.substr(name.size()) : "/";
    return out;
  }
  if (scheme != "https") throw refuse("a vault answers on https only");
  std::string host = to_lower(authority);
  if (auto colon = host.rfind(':'); colon != std::string::npos) {
    if (host.substr(colon + 1) != "443") throw refuse("host " + shown(authority) + " names a port other than 443");
    host.erase(colon);
  }
  const std::string suffix = "." + to_lower(dns_suffix);
  if (!host.ends_with(suffix) || !vault_name_ok(host.substr(0, host.size() - suffix.size())))
    throw refuse("host " + shown(authority) + " is not a vault's (one name under " + dns_suffix + ")");
  out.vault = "https://" + host;
  out.path = path.empty() ? "/" : path;
  return out;
}

std::string newest_stable_version(const json& versions) {
  std::string stable, preview;
  if (!versions.is_array()) return "";
  for (const auto& v : versions) {
    if (!v.is_string()) continue;
    const std::string& s = v.get_ref<const std::string&>();
    std::string& best = s.find("preview") == std::string::npos ? stable : preview;
    if (s > best) best = s;
  }
  return stable.empty() ? preview : stable;
}

std::string resource_type_of(const std::string& path) {
  auto parts = path_segments(path);
  for (std::size_t i = parts.size(); i-- > 0;) {
    if (to_lower(parts[i]) != "providers" || i + 2 >= parts.size()) continue;
    std::string type = parts[i + 1];
    for (std::size_t t = i + 2; t < parts.size(); t += 2) type += "/" + parts[t];
    return type;
  }
  std::size_t at = 0;
  std::string last = "subscriptions";
  for (const char* scope : {"subscriptions", "resourcegroups"}) {
    if (at < parts.size() && to_lower(parts[at]) == scope) {
      last = parts[at];
      at += 2;
    }
  }
  return "Microsoft.Resources/" + (at < parts.size() ? parts[at] : last);
}

// Where a request goes, once every check has passed.
struct AzureClient::Target {
  enum class Plane { ResourceManager, Graph, KeyVault } plane = Plane::ResourceManager;
  std::string vault;           // Key Vault: the vault's URL the path is under
  std::string path_and_query;  // without api-version
  std::string type;            // the resource type (ARM; Key Vault's Microsoft.KeyVault.Data/vaults/...), for api-version and statistics
};

struct AzureClient::Pending : cloud::PagedCall {
  CallRequest request;
  Target::Plane plane = Target::Plane::ResourceManager;
  bool graph = false;
  std::string base;            // https://management.azure.com, the Graph host (with /v1.0), or the vault
  std::string audience;        // the cloud's own URL the token is for
  std::string scope;           // whose read budget: the subscription, the tenant (Graph), the vault
  std::string path_and_query;  // from target()
  std::string type;            // the resource type (ARM), for api-version and statistics
  std::string next_url;        // the next page's whole URL; empty: the first page
  std::function<void(cloud::CallResult)> done;
};

AzureClient::AzureClient(io::EventLoop& loop, std::shared_ptr<CredentialChain> credentials, ClientOptions options)
    : loop_(loop),
      credentials_(std::move(credentials)),
      options_(std::move(options)),
      http_(loop, options_.http),
      limiter_(loop, [&] {
        cloud::RateLimitOptions rate = options_.rate;
        if (!rate.control) rate.control = cloud::RateControl::shared();
        return rate;
      }()),
      pacer_(loop, http_, limiter_, stats_, options_.retry) {
  if (options_.resource_manager.empty()) options_.resource_manager = credentials_->cloud().resource_manager;
  if (options_.graph.empty()) options_.graph = credentials_->cloud().graph;
  options_.resource_manager = without_trailing_slashes(options_.resource_manager);
  options_.graph = without_trailing_slashes(options_.graph);
  options_.key_vault = without_trailing_slashes(options_.key_vault);  // empty: the cloud's vaults
}

AzureClient::~AzureClient() = default;

std::string AzureClient::resolve(const CallRequest& request) const {
  Target t = target(request);
  return t.plane == Target::Plane::KeyVault ? t.vault + t.path_and_query : t.path_and_query;
}

AzureClient::Target AzureClient::target(const CallRequest& request) const {
  const std::string& service = request.service;
  const bool graph = is_graph(service);
  static const std::regex kNamespace("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$");
  if (!graph && !std::regex_match(service, kNamespace))
    throw cloud::CallRefused("service '" + service + "' is not a resource provider namespace such as Microsoft.Storage (or Graph)");
  const std::string& endpoint = request.endpoint;
  if (endpoint.empty()) throw cloud::CallRefused(service + ": the endpoint (an operation path) is empty");
  // A URL only where it starts the endpoint of Key Vault's data plane (checked below).
  const std::size_t scheme_end = is_key_vault(service) && is_url(endpoint) ? endpoint.find("://") + 3 : 0;
  if (endpoint.find("://", scheme_end) != std::string::npos || endpoint.find_first_of("?#\\") != std::string::npos)
    throw cloud::CallRefused(service + ": endpoint '" + endpoint + "' must be a path, without host or query (give query parameters in params" +
                             (is_key_vault(service) ? "; a vault's data plane is reached by its URL, as \"{vaultUri}certificates\")" : ")"));
  if (request.method != "GET" && request.method != "POST") throw cloud::CallRefused(service + ": only GET and POST (reads) are sent, not " + request.method);
  if (!request.params.is_null() && !request.params.is_object()) throw cloud::CallRefused(service + ": params must be an object");

  // Fill {placeholders}; a value that is a resource id ("/subscriptions/...") keeps its slashes,
  // and one that starts the endpoint with a URL (a vault's) is kept as it is.
  std::set<std::string> used;
  std::string path;
  bool vault_url = scheme_end != 0;  // the endpoint starts with a URL (a vault's)
  std::size_t url_end = 0;           // where a leading URL value ends in `path`
  for (std::size_t i = 0; i < endpoint.size();) {
    if (endpoint[i] != '{') {
      path += endpoint[i++];
      continue;
    }
    auto close = endpoint.find('}', i);
    if (close == std::string::npos) throw cloud::CallRefused(service + ": endpoint '" + endpoint + "' has an unclosed {");
    std::string name = endpoint.substr(i + 1, close - i - 1);
    std::string value;
    if (request.params.is_object() && request.params.contains(name)) value = scalar_text(name, request.params[name]);
    else if (name == "subscriptionId" && !request.subscription.empty()) value = request.subscription;
    else throw cloud::CallRefused(service + ": endpoint '" + endpoint + "' needs params." + name);
    if (value.empty()) throw cloud::CallRefused(service + ": params." + name + " is empty");
    used.insert(name);
    if (i == 0 && is_url(value)) {
      if (!is_key_vault(service))
        throw cloud::CallRefused(service + ": params." + name + " is a URL; only Microsoft.KeyVault's data plane is reached by one (a vault's)");
      path = without_trailing_slashes(value);
      url_end = path.size();
      vault_url = true;
    } else if (value[0] == '/') {
      for (const auto& part : path_segments(value)) {
        if (part == "." || part == "..") throw cloud::CallRefused(service + ": params." + name + " is not a resource id");
        path += "/" + cloud::uri_encode(part);
      }
    } else {
      path += cloud::uri_encode(value);
    }
    i = close + 1;
  }

  std::string query;
  if (request.params.is_object())
    for (const auto& [name, value] : request.params.items()) {
      if (used.count(name)) continue;
      if (name == "api-version") throw cloud::CallRefused(service + ": give the API version as serviceParams.apiVersion, not a parameter");
      query += (query.empty() ? "" : "&") + cloud::uri_encode(name) + "=" + cloud::uri_encode(scalar_text(name, value));
    }
  if (vault_url) return vault_target(request, path, url_end, query);

  for (const auto& part : path_segments(path))
    if (part == "." || part == "..") throw cloud::CallRefused(service + ": endpoint '" + endpoint + "' may not contain . or .. segments");
  if (graph) {
    const std::string version = request.api_version.empty() ? "v1.0" : request.api_version;
    if (version != "v1.0" && version != "beta") throw cloud::CallRefused("Graph: apiVersion must be v1.0 or beta, not '" + version + "'");
    path = "/" + version + (path[0] == '/' ? "" : "/") + path;
  } else if (path[0] != '/') {
    if (request.subscription.empty()) throw cloud::CallRefused(service + ": endpoint '" + endpoint + "' is relative to a subscription, and none is given");
    path = "/subscriptions/" + cloud::uri_encode(request.subscription) + "/" + path;
  }
  Target out;
  out.plane = graph ? Target::Plane::Graph : Target::Plane::ResourceManager;
  if (!graph) {
    out.type = resource_type_of(path);
    std::string ns = out.type.substr(0, out.type.find('/'));
    if (to_lower(ns) != to_lower(service))
      throw cloud::CallRefused(service + ": endpoint '" + endpoint + "' addresses " + ns + ", not " + service);
  } else {
    out.type = "Graph";
  }
  const Policy& policy = Policy::get();
  for (const auto& rule : policy.refused)
    if (std::regex_search(path, rule.pattern)) throw cloud::CallRefused(service + ": " + path + " is refused: it " + rule.why + " (Signet only reads)");
  if (request.method == "POST" &&
      std::none_of(policy.reading_posts.begin(), policy.reading_posts.end(), [&](const PathRule& r) { return std::regex_search(path, r.pattern); }))
    throw cloud::CallRefused(service + ": POST " + path + " is refused: only the POST operations listed as reads are sent (Signet only reads)");
  out.path_and_query = query.empty() ? path : path + "?" + query;
  return out;
}

// Key Vault's data plane: `url` the endpoint filled in, its first `url_end` characters a URL
// value (a vault's, or a certificate's id) the rest is joined to with one slash.
AzureClient::Target AzureClient::vault_target(const CallRequest& request, std::string url, std::size_t url_end, const std::string& query) const {
  if (url_end > 0 && url_end < url.size() && url[url_end] != '/') url.insert(url_end, "/");
  VaultUrl vault = parse_vault_url(url, credentials_->cloud().key_vault_dns_suffix, options_.key_vault);  // throws, naming the host
  if (!vault.query.empty()) throw cloud::CallRefused("Microsoft.KeyVault: " + shown(url) + " holds a query; give query parameters in params");
  for (const auto& part : path_segments(vault.path)) {
    const std::string decoded = cloud::uri_decode(part);
    if (decoded == "." || decoded == ".." || decoded.find('/') != std::string::npos)
      throw cloud::CallRefused("Microsoft.KeyVault: " + shown(url) + " may not contain . or .. segments, nor an encoded /");
  }
  if (request.method != "GET")
    throw cloud::CallRefused("Microsoft.KeyVault: POST " + shown(url) + " is refused: a vault's POSTs sign, encrypt, decrypt, wrap and unwrap with keys, " +
                             "back up, restore, import, recover and purge (Signet only reads)");
  const Policy& policy = Policy::get();
  for (const auto& rule : policy.vault_refused)
    if (std::regex_search(vault.path, rule.pattern))
      throw cloud::CallRefused("Microsoft.KeyVault: " + shown(url) + " is refused: it " + rule.why + " (Signet only reads)");
  if (std::none_of(policy.vault_reads.begin(), policy.vault_reads.end(), [&](const PathRule& r) { return std::regex_search(vault.path, r.pattern); }))
    throw cloud::CallRefused("Microsoft.KeyVault: " + shown(url) + " is refused: " + vault.path +
                             " is not among the vault reads Signet sends (certificates, their versions and policies; keys; secret and key listings)");
  static const std::regex kVersion("^[0-9]+\\.[0-9]+(-preview(\\.[0-9]+)?)?$");
  if (!request.api_version.empty() && !std::regex_match(request.api_version, kVersion))
    throw cloud::CallRefused("Microsoft.KeyVault: apiVersion '" + request.api_version + "' is not a Key Vault API version such as 7.4");
  Target out;
  out.plane = Target::Plane::KeyVault;
  out.vault = vault.vault;
  out.path_and_query = query.empty() ? vault.path : vault.path + "?" + query;
  const auto parts = path_segments(vault.path);
  out.type = "Microsoft.KeyVault.Data/vaults" + (parts.empty() ? std::string() : "/" + to_lower(parts[0]));
  return out;
}

void AzureClient::call(const CallRequest& request, std::function<void(cloud::CallResult)> done) {
  auto p = std::make_shared<Pending>();
  p->request = request;
  Target t = target(request);
  p->plane = t.plane;
  p->path_and_query = t.path_and_query;
  p->type = t.type;
  p->graph = t.plane == Target::Plane::Graph;
  const AzureCloud& cloud = credentials_->cloud();
  switch (t.plane) {
    case Target::Plane::ResourceManager:
      p->base = options_.resource_manager, p->audience = cloud.resource_manager, p->scope = request.subscription;
      break;
    case Target::Plane::Graph:
      p->base = options_.graph, p->audience = cloud.graph, p->scope = credentials_->tenant_id();
      break;
    case Target::Plane::KeyVault:  // Key Vault's limits are per vault
      p->base = t.vault, p->audience = cloud.key_vault, p->scope = t.vault;
      if (p->request.api_version.empty()) p->request.api_version = kKeyVaultApiVersion;
      break;
  }
  p->done = std::move(done);
  ++stats_.calls;
  if (t.plane != Target::Plane::ResourceManager || !request.api_version.empty()) return send_page(std::move(p));
  with_api_version(std::move(p));
}

void AzureClient::with_api_version(std::shared_ptr<Pending> p) {
  const std::string type = to_lower(p->type);
  auto fallback = [&]() -> std::string {
    const json& f = Policy::get().fallbacks;
    return f.contains(type) ? f[type].get<std::string>() : "";
  };
  if (std::string v = fallback(); !v.empty()) {
    p->request.api_version = v;
    return send_page(std::move(p));
  }
  std::string subscription = p->request.subscription;
  if (subscription.empty()) {  // an absolute path names its own
    auto parts = path_segments(p->path_and_query);
    if (parts.size() > 1 && to_lower(parts[0]) == "subscriptions") subscription = parts[1];
  }
  if (subscription.empty())
    return finish(p, error_json("NoApiVersion", "no subscription to read " + p->type + "'s API versions from; give serviceParams.apiVersion", 0));
  registrations(subscription, [this, p, type](const json* types, json error) {
    if (!types) return finish(p, std::move(error));
    auto it = types->find(type);
    std::string version = it == types->end() ? "" : newest_stable_version(*it);
    if (version.empty())
      return finish(p, error_json("NoRegisteredProviderFound",
                                  "the subscription's provider registrations list no API version for " + p->type +
                                      " (is the provider registered?); give serviceParams.apiVersion",
                                  0));
    p->request.api_version = version;
    send_page(p);
  });
}

void AzureClient::registrations(const std::string& subscription, std::function<void(const json*, json)> done) {
  const std::string key = to_lower(subscription);
  if (auto it = registrations_.find(key); it != registrations_.end()) return done(&it->second, nullptr);
  auto& waiting = waiting_for_registrations_[key];
  waiting.push_back(std::move(done));
  if (waiting.size() > 1) return;  // one read for every call that waits on it
  CallRequest read{"Microsoft.Resources", "providers", subscription};
  read.api_version = kRegistrationsApiVersion;
  call(read, [this, key](cloud::CallResult r) {
    auto callers = std::move(waiting_for_registrations_[key]);
    waiting_for_registrations_.erase(key);
    if (!r.error.is_null()) {
      json error = r.error;
      error["message"] = "reading the subscription's provider registrations: " + error.value("message", "");
      for (auto& c : callers) c(nullptr, error);
      return;
    }
    json types = json::object();
    if (r.api_response.is_array())
      for (const auto& provider : r.api_response) {
        if (!provider.is_object() || !provider.value("namespace", json()).is_string()) continue;
        const std::string ns = to_lower(provider["namespace"].get<std::string>());
        for (const auto& t : provider.value("resourceTypes", json::array()))
          if (t.is_object() && t.value("resourceType", json()).is_string())
            types[ns + "/" + to_lower(t["resourceType"].get<std::string>())] = t.value("apiVersions", json::array());
      }
    const json& kept = registrations_[key] = std::move(types);
    for (auto& c : callers) c(&kept, nullptr);
  });
}

void AzureClient::send_page(std::shared_ptr<Pending> p) {
  std::string token;
  try {
    token = credentials_->token(p->audience);
  } catch (const CredentialError& e) {
    return finish(p, error_json("NoCredentials", e.what(), 0));
  }
  cloud::HttpRequest request;
  if (p->next_url.empty()) {
    std::string url = p->base + p->path_and_query;
    if (!p->graph) url += (p->path_and_query.find('?') == std::string::npos ? "?" : "&") + std::string("api-version=") + cloud::uri_encode(p->request.api_version);
    request = cloud::request_to(p->request.method, url);
    if (p->request.method == "POST") {
      request.body = (p->request.body.is_null() ? json::object() : p->request.body).dump();
      request.set_header("Content-Type", "application/json");
    }
  } else {
    request = cloud::request_to("GET", p->next_url);
  }
  request.set_header("Authorization", "Bearer " + token);
  request.set_header("Accept", "application/json");
  request.set_header("User-Agent", "signet/" SIGNET_VERSION);
  // ARM's read budget is per subscription (per tenant for Graph, per vault for Key Vault),
  // whatever the location.
  p->bucket = limiter_.control().key_for(p->scope.empty() ? "azure" : p->scope, "global", p->graph ? "Graph" : p->request.service, p->request.method,
                                         json::object());
  pacer_.send(p, std::move(request), p->request.service, p->request.method + " " + p->type,
              [this, p](cloud::HttpResult result) { on_answer(p, std::move(result)); });
}

void AzureClient::retry_or_fail(std::shared_ptr<Pending> p, json error, bool retryable, bool throttled, std::chrono::milliseconds at_least) {
  if (pacer_.retry(p, retryable, throttled, at_least, [this, p] { send_page(p); })) return;
  finish(p, cloud::final_error(std::move(error), throttled, p->result));
}

void AzureClient::on_answer(std::shared_ptr<Pending> p, cloud::HttpResult result) {
  if (!result.ok()) return retry_or_fail(p, error_json("NetworkError", result.transport_error, 0), true, false);
  const cloud::HttpResponse& response = result.response;
  json body = json::parse(response.body, nullptr, false);
  if (response.status < 200 || response.status >= 300) {
    // ARM and Graph: {"error": {"code", "message"}}.
    std::string code = "HTTP" + std::to_string(response.status), message = response.body.substr(0, 300);
    if (body.is_object() && body.contains("error") && body["error"].is_object()) {
      const json& e = body["error"];
      if (e.value("code", json()).is_string()) code = e["code"];
      message = e.value("message", json()).is_string() ? e["message"].get<std::string>() : "";
    }
    const bool throttled = response.status == 429;
    limiter_.on_answer(p->bucket, throttled, p->epoch);
    std::chrono::milliseconds retry_after{0};
    if (throttled) {
      pacer_.throttled(*p, p->request.service);
      if (const std::string* after = response.header("Retry-After"))
        retry_after = std::chrono::seconds(std::clamp(std::atol(after->c_str()), 0L, 300L));
    }
    return retry_or_fail(p, error_json(code, message, response.status), cloud::is_retryable(code, response.status), throttled, retry_after);
  }
  bool nearly_spent = false;
  if (const std::string* left = response.header("x-ms-ratelimit-remaining-subscription-reads"))
    nearly_spent = !left->empty() && std::atol(left->c_str()) < options_.low_remaining_reads;
  limiter_.on_answer(p->bucket, nearly_spent, p->epoch);
  if (!body.is_object()) return finish(p, error_json("InvalidResponse", "the answer is not a JSON object", response.status));
  ++p->result.pages;
  p->attempt = 0;
  if (!body.contains("value") || !body["value"].is_array()) {
    p->single = std::move(body);
    return finish(p, nullptr);
  }
  p->listing = true;
  for (auto& item : body["value"])
    if (!p->keep(item, options_.max_items)) return finish(p, nullptr);
  const char* link_name = p->graph ? "@odata.nextLink" : "nextLink";
  const json next = body.value(link_name, json());
  if (!p->request.paginate || !next.is_string() || next.get<std::string>().empty()) return finish(p, nullptr);
  const std::string next_url = next;
  // The bearer token goes to the service's own host only (a vault's to that vault), whatever a
  // page says.
  if (p->plane == Target::Plane::KeyVault) {
    std::string problem;
    try {
      if (to_lower(parse_vault_url(next_url, credentials_->cloud().key_vault_dns_suffix, options_.key_vault).vault) != to_lower(p->base))
        problem = "it names another vault";
    } catch (const cloud::CallRefused& e) {
      problem = e.what();
    }
    if (!problem.empty())
      return finish(p, error_json("InvalidNextLink", "a page's next link leaves the vault " + p->base + ": " + shown(next_url) + " (" + problem + ")", response.status));
  } else if (origin_of(next_url) != origin_of(p->base)) {
    return finish(p, error_json("InvalidNextLink", "a page's next link leaves " + origin_of(p->base) + ": " + shown(next_url), response.status));
  }
  if (p->result.pages >= options_.max_pages || next_url == p->next_url) {
    p->result.truncated = true;
    return finish(p, nullptr);
  }
  p->next_url = next_url;
  send_page(p);
}

void AzureClient::finish(std::shared_ptr<Pending> p, json error) {
  auto done = std::move(p->done);
  done(p->finish(std::move(error)));
}

}  // namespace signet::azure
