#include "gcp/client/client.h"

#include <algorithm>
#include <regex>
#include <set>

#include "cloud/http/request.h"
#include "common/names.h"
#include "common/strings.h"
#include "common/url_path.h"

extern "C" const char signet_gcp_read_only[];

namespace signet::gcp {

using nlohmann::json;

namespace {

json error_json(const std::string& code, const std::string& message, int status) {
  return {{"code", code}, {"message", message}, {"statusCode", status}};
}

// read_only.json, compiled once.
struct Policy {
  std::set<std::string> reading_posts;
  std::vector<std::pair<std::regex, std::string>> refused;

  static const Policy& get() {
    static const Policy policy = [] {
      json data = json::parse(signet_gcp_read_only);
      Policy p;
      for (const auto& name : data["readingPosts"]) p.reading_posts.insert(name.get<std::string>());
      for (const auto& r : data["refused"])
        p.refused.emplace_back(std::regex(r["pattern"].get<std::string>(), std::regex::ECMAScript | std::regex::icase), r["why"]);
      return p;
    }();
    return policy;
  }
};

// A parameter's value as text, checked against its declared type.
std::string scalar(const std::string& where, const std::string& name, const Parameter& spec, const json& value) {
  if (spec.type == "integer") {
    if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
    if (value.is_string() && std::regex_match(value.get<std::string>(), std::regex("-?[0-9]+"))) return value;
    throw cloud::CallRefused(where + ": params." + name + " must be an integer");
  }
  if (spec.type == "boolean") {
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value == "true" || value == "false") return value;
    throw cloud::CallRefused(where + ": params." + name + " must be true or false");
  }
  if (value.is_string()) {
    if (!spec.allowed.empty() && std::find(spec.allowed.begin(), spec.allowed.end(), value.get<std::string>()) == spec.allowed.end())
      throw cloud::CallRefused(where + ": params." + name + " must be one of " + join(spec.allowed, ", "));
    return value;
  }
  if (value.is_number() || value.is_boolean()) return value.dump();
  throw cloud::CallRefused(where + ": params." + name + " must be text, a number or a boolean");
}

// The path parameter's value in the URL: "{+name}" keeps its slashes ("projects/p/locations/l").
std::string path_value(const std::string& where, const std::string& name, const std::string& value, bool reserved) {
  if (value.empty()) throw cloud::CallRefused(where + ": params." + name + " is empty");
  if (!reserved) return cloud::uri_encode(value);
  for (const auto& segment : path_segments(value))
    if (segment == "." || segment == "..") throw cloud::CallRefused(where + ": params." + name + " may not hold . or .. segments");
  if (value.find_first_of("?#") != std::string::npos) throw cloud::CallRefused(where + ": params." + name + " may not hold ? or #");
  return cloud::uri_encode(value, true);
}

}  // namespace

bool each_item(const Api& api, const Method& method, json& page, const std::function<bool(json&)>& keep) {
  const std::string field = api.list_field(method);
  if (field.empty() || !page.is_object() || !page.contains(field)) return true;
  json& listed = page[field];
  if (api.aggregated(method) && listed.is_object()) {
    // {"zones/us-central1-a": {"instances": [...]}, "regions/x": {"warning": {...}}}
    for (auto& [scope, entry] : listed.items()) {
      if (!entry.is_object()) continue;
      for (auto& [name, list] : entry.items()) {
        if (!list.is_array()) continue;
        for (auto& item : list)
          if (!keep(item)) return false;
      }
    }
  } else if (listed.is_array()) {
    for (auto& item : listed)
      if (!keep(item)) return false;
  }
  return true;
}

bool is_throttle(int status, const std::string& code, const std::string& reason) {
  return status == 429 || code == "RESOURCE_EXHAUSTED" || reason == "rateLimitExceeded" || reason == "userRateLimitExceeded";
}

struct GcpClient::Pending : cloud::PagedCall {
  CallRequest request;
  Resolved resolved;
  std::string list_field;  // where the answer's items are ("" : not a list)
  std::string page_token;
  std::function<void(cloud::CallResult)> done;
};

GcpClient::GcpClient(io::EventLoop& loop, std::shared_ptr<CredentialChain> credentials, std::shared_ptr<Discovery> discovery,
                     ClientOptions options)
    : loop_(loop),
      credentials_(std::move(credentials)),
      discovery_(std::move(discovery)),
      options_(std::move(options)),
      http_(loop, options_.http),
      limiter_(loop, [&] {
        cloud::RateLimitOptions rate = options_.rate;
        if (!rate.control) rate.control = cloud::RateControl::shared();
        return rate;
      }()),
      pacer_(loop, http_, limiter_, stats_, options_.retry) {
  options_.endpoint = without_trailing_slashes(options_.endpoint);
}

GcpClient::~GcpClient() = default;

GcpClient::Resolved GcpClient::resolve(const CallRequest& request) const {
  Resolved out;
  const std::string& service = request.service;
  try {
    out.api = discovery_->api(service, request.api_version);
  } catch (const DiscoveryError& e) {
    throw cloud::CallRefused(service + ": " + e.what());
  }
  const Api& api = *out.api;
  const std::string where = service + " " + api.version() + " " + request.endpoint;
  out.method = api.method(request.endpoint);
  if (!out.method) {
    std::vector<std::string> ids;
    for (const auto& id : api.method_ids()) ids.push_back(id.substr(id.find('.') + 1));
    std::string close = closest_name(request.endpoint, ids);
    throw cloud::CallRefused(service + " " + api.version() + " has no method '" + request.endpoint + "'" +
                             (close.empty() ? "" : " (did you mean " + close + "?)"));
  }
  const Method& method = *out.method;
  for (const auto& [pattern, why] : Policy::get().refused)
    if (std::regex_search(method.id, pattern)) throw cloud::CallRefused(where + " is refused: it " + why + " (Signet only reads)");
  const std::string verb = method.id.substr(method.id.rfind('.') + 1);
  if (method.http_method != "GET" && !(method.http_method == "POST" && Policy::get().reading_posts.count(verb)))
    throw cloud::CallRefused(where + " is refused: it is a " + method.http_method + " that changes things (Signet only reads)");
  if (!request.params.is_null() && !request.params.is_object()) throw cloud::CallRefused(where + ": params must be an object");
  json params = request.params.is_object() ? request.params : json::object();
  // The request's project stands for a method's project parameter left out.
  if (!request.project.empty() && !params.contains("project") && !params.contains("projectId"))
    for (const char* name : {"project", "projectId"})
      if (method.parameters.count(name)) params[name] = request.project;
  for (const auto& [name, value] : params.items()) {
    if (method.parameters.count(name) && name != "pageToken") continue;
    std::vector<std::string> known;
    for (const auto& [k, p] : method.parameters)
      if (k != "pageToken") known.push_back(k);
    std::string close = closest_name(name, known);
    throw cloud::CallRefused(where + ": '" + name + "' is not one of its parameters" + (close.empty() ? "" : " (did you mean " + close + "?)") +
                             "; it takes: " + join(known, ", "));
  }
  for (const auto& [name, p] : method.parameters)
    if (p.required && !params.contains(name)) throw cloud::CallRefused(where + " needs params." + name);

  std::set<std::string> used;
  std::string path;
  const std::string& tpl = method.path;
  for (std::size_t i = 0; i < tpl.size();) {
    if (tpl[i] != '{') {
      path += tpl[i++];
      continue;
    }
    auto close = tpl.find('}', i);
    if (close == std::string::npos) throw cloud::CallRefused(where + ": the document's path '" + tpl + "' is malformed");
    std::string name = tpl.substr(i + 1, close - i - 1);
    const bool reserved = !name.empty() && name[0] == '+';
    if (reserved) name.erase(0, 1);
    auto spec = method.parameters.find(name);
    if (!params.contains(name) || spec == method.parameters.end()) throw cloud::CallRefused(where + " needs params." + name);
    const std::string value = scalar(where, name, spec->second, params[name]);
    if (!spec->second.pattern.empty() && !std::regex_match(value, std::regex(spec->second.pattern)))
      throw cloud::CallRefused(where + ": params." + name + " '" + value + "' is not of the form " + spec->second.pattern);
    path += path_value(where, name, value, reserved);
    used.insert(name);
    i = close + 1;
  }
  std::string query;
  for (const auto& [name, value] : params.items()) {
    if (used.count(name)) continue;
    const Parameter& spec = method.parameters.at(name);
    const json values = value.is_array() ? value : json::array({value});
    if (value.is_array() && !spec.repeated) throw cloud::CallRefused(where + ": params." + name + " takes one value, not a list");
    for (const auto& v : values) query += (query.empty() ? "" : "&") + cloud::uri_encode(name) + "=" + cloud::uri_encode(scalar(where, name, spec, v));
  }
  std::string base = api.root_url() + api.service_path();
  if (!options_.endpoint.empty()) {  // https://HOST/... -> {endpoint}/HOST/...
    auto host = base.find("://");
    base = options_.endpoint + "/" + base.substr(host == std::string::npos ? 0 : host + 3);
  }
  out.url = base + path + (query.empty() ? "" : "?" + query);
  return out;
}

void GcpClient::call(const CallRequest& request, std::function<void(cloud::CallResult)> done) {
  auto p = std::make_shared<Pending>();
  p->request = request;
  p->resolved = resolve(request);
  p->list_field = p->resolved.api->list_field(*p->resolved.method);
  p->listing = !p->list_field.empty();
  p->done = std::move(done);
  if (p->request.project.empty()) {
    for (const char* name : {"project", "projectId"})
      if (request.params.is_object() && request.params.value(name, json()).is_string()) p->request.project = request.params[name];
  }
  p->bucket = limiter_.control().key_for(p->request.project.empty() ? "gcp" : p->request.project, "global", request.service,
                                        p->resolved.method->http_method, json::object());
  ++stats_.calls;
  send_page(std::move(p));
}

void GcpClient::send_page(std::shared_ptr<Pending> p) {
  std::string token;
  try {
    token = credentials_->token();
  } catch (const CredentialError& e) {
    return finish(p, error_json("NoCredentials", e.what(), 0));
  }
  std::string url = p->resolved.url;
  if (!p->page_token.empty()) url += (url.find('?') == std::string::npos ? "?" : "&") + std::string("pageToken=") + cloud::uri_encode(p->page_token);
  cloud::HttpRequest request = cloud::request_to(p->resolved.method->http_method, url);
  if (p->resolved.method->http_method == "POST") {
    request.body = (p->request.body.is_null() ? json::object() : p->request.body).dump();
    request.set_header("Content-Type", "application/json");
  }
  request.set_header("Authorization", "Bearer " + token);
  request.set_header("Accept", "application/json");
  request.set_header("User-Agent", "signet/" SIGNET_VERSION);
  pacer_.send(p, std::move(request), p->request.service, p->resolved.method->id,
              [this, p](cloud::HttpResult result) { on_answer(p, std::move(result)); });
}

void GcpClient::retry_or_fail(std::shared_ptr<Pending> p, json error, bool retryable, bool throttled) {
  if (pacer_.retry(p, retryable, throttled, {}, [this, p] { send_page(p); })) return;
  finish(p, cloud::final_error(std::move(error), throttled, p->result));
}

void GcpClient::on_answer(std::shared_ptr<Pending> p, cloud::HttpResult result) {
  if (!result.ok()) return retry_or_fail(p, error_json("NetworkError", result.transport_error, 0), true, false);
  const cloud::HttpResponse& response = result.response;
  json body = json::parse(response.body, nullptr, false);
  if (response.status < 200 || response.status >= 300) {
    // {"error": {"code": 403, "message", "status": "PERMISSION_DENIED", "errors": [{"reason"}]}}
    std::string code = "HTTP" + std::to_string(response.status), message = response.body.substr(0, 300), reason;
    if (body.is_object() && body.contains("error") && body["error"].is_object()) {
      const json& e = body["error"];
      if (e.value("errors", json()).is_array() && !e["errors"].empty() && e["errors"][0].is_object() && e["errors"][0].value("reason", json()).is_string())
        reason = e["errors"][0]["reason"];
      if (e.value("status", json()).is_string()) code = e["status"];
      else if (!reason.empty()) code = reason;
      message = e.value("message", json()).is_string() ? e["message"].get<std::string>() : "";
    }
    const bool throttled = is_throttle(response.status, code, reason);
    limiter_.on_answer(p->bucket, throttled, p->epoch);
    if (throttled) pacer_.throttled(*p, p->request.service);
    const bool retryable = throttled || response.status >= 500 || code == "UNAVAILABLE" || reason == "backendError" || reason == "internalError";
    return retry_or_fail(p, error_json(code, message, response.status), retryable, throttled);
  }
  limiter_.on_answer(p->bucket, false, p->epoch);
  if (!body.is_object()) return finish(p, error_json("InvalidResponse", "the answer is not a JSON object", response.status));
  ++p->result.pages;
  p->attempt = 0;
  if (p->list_field.empty()) {
    p->single = std::move(body);
    return finish(p, nullptr);
  }
  if (!each_item(*p->resolved.api, *p->resolved.method, body, [&](json& item) { return p->keep(item, options_.max_items); }))
    return finish(p, nullptr);
  const json next = body.value("nextPageToken", json());
  if (!p->request.paginate || !next.is_string() || next.get<std::string>().empty()) return finish(p, nullptr);
  if (p->result.pages >= options_.max_pages || next.get<std::string>() == p->page_token) {
    p->result.truncated = true;
    return finish(p, nullptr);
  }
  p->page_token = next;
  send_page(p);
}

void GcpClient::finish(std::shared_ptr<Pending> p, json error) {
  auto done = std::move(p->done);
  done(p->finish(std::move(error)));
}

}  // namespace signet::gcp
