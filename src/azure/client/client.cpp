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
      p.fallbacks = data["apiVersionFallbacks"];
      return p;
    }();
    return policy;
  }
};

bool is_graph(const std::string& service) { return to_lower(service) == "graph"; }

// scheme://host[:port] of a URL.
std::string origin_of(const std::string& url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return "";
  auto path = url.find_first_of("/?#", scheme_end + 3);
  return to_lower(url.substr(0, path));
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

struct AzureClient::Pending : cloud::PagedCall {
  CallRequest request;
  bool graph = false;
  std::string base;            // https://management.azure.com or the Graph host (with /v1.0)
  std::string audience;        // the cloud's own URL the token is for
  std::string path_and_query;  // from resolve()
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
}

AzureClient::~AzureClient() = default;

std::string AzureClient::resolve(const CallRequest& request) const {
  const std::string& service = request.service;
  const bool graph = is_graph(service);
  static const std::regex kNamespace("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)+$");
  if (!graph && !std::regex_match(service, kNamespace))
    throw cloud::CallRefused("service '" + service + "' is not a resource provider namespace such as Microsoft.Storage (or Graph)");
  const std::string& endpoint = request.endpoint;
  if (endpoint.empty()) throw cloud::CallRefused(service + ": the endpoint (an operation path) is empty");
  if (endpoint.find("://") != std::string::npos || endpoint.find_first_of("?#\\") != std::string::npos)
    throw cloud::CallRefused(service + ": endpoint '" + endpoint + "' must be a path, without host or query (give query parameters in params)");
  if (request.method != "GET" && request.method != "POST") throw cloud::CallRefused(service + ": only GET and POST (reads) are sent, not " + request.method);
  if (!request.params.is_null() && !request.params.is_object()) throw cloud::CallRefused(service + ": params must be an object");

  // Fill {placeholders}; a value that is a resource id ("/subscriptions/...") keeps its slashes.
  std::set<std::string> used;
  std::string path;
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
    if (value[0] == '/') {
      for (const auto& part : path_segments(value)) {
        if (part == "." || part == "..") throw cloud::CallRefused(service + ": params." + name + " is not a resource id");
        path += "/" + cloud::uri_encode(part);
      }
    } else {
      path += cloud::uri_encode(value);
    }
    i = close + 1;
  }
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
  if (!graph) {
    std::string type = resource_type_of(path);
    std::string ns = type.substr(0, type.find('/'));
    if (to_lower(ns) != to_lower(service))
      throw cloud::CallRefused(service + ": endpoint '" + endpoint + "' addresses " + ns + ", not " + service);
  }
  const Policy& policy = Policy::get();
  for (const auto& rule : policy.refused)
    if (std::regex_search(path, rule.pattern)) throw cloud::CallRefused(service + ": " + path + " is refused: it " + rule.why + " (Signet only reads)");
  if (request.method == "POST" &&
      std::none_of(policy.reading_posts.begin(), policy.reading_posts.end(), [&](const PathRule& r) { return std::regex_search(path, r.pattern); }))
    throw cloud::CallRefused(service + ": POST " + path + " is refused: only the POST operations listed as reads are sent (Signet only reads)");

  std::string query;
  if (request.params.is_object())
    for (const auto& [name, value] : request.params.items()) {
      if (used.count(name)) continue;
      if (name == "api-version") throw cloud::CallRefused(service + ": give the API version as serviceParams.apiVersion, not a parameter");
      query += (query.empty() ? "" : "&") + cloud::uri_encode(name) + "=" + cloud::uri_encode(scalar_text(name, value));
    }
  return query.empty() ? path : path + "?" + query;
}

void AzureClient::call(const CallRequest& request, std::function<void(cloud::CallResult)> done) {
  auto p = std::make_shared<Pending>();
  p->request = request;
  p->path_and_query = resolve(request);
  p->graph = is_graph(request.service);
  p->base = p->graph ? options_.graph : options_.resource_manager;
  p->audience = p->graph ? credentials_->cloud().graph : credentials_->cloud().resource_manager;
  p->type = p->graph ? "Graph" : resource_type_of(p->path_and_query.substr(0, p->path_and_query.find('?')));
  p->done = std::move(done);
  ++stats_.calls;
  if (p->graph || !request.api_version.empty()) return send_page(std::move(p));
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
  // ARM's read budget is per subscription (and per tenant for Graph), whatever the location.
  const std::string scope = p->graph ? credentials_->tenant_id() : p->request.subscription;
  p->bucket = limiter_.control().key_for(scope.empty() ? "azure" : scope, "global", p->graph ? "Graph" : p->request.service, p->request.method, json::object());
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
  // The bearer token goes to the service's own host only, whatever a page says.
  if (origin_of(next_url) != origin_of(p->base))
    return finish(p, error_json("InvalidNextLink", "a page's next link leaves " + origin_of(p->base) + ": " + next_url.substr(0, 200), response.status));
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
