#include "emulator/azure_fake.h"

#include <cstdlib>
#include <fstream>

#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <charconv>
#include <optional>
#include <set>
#include <random>

#include "common/base64.h"
#include "common/jwt.h"
#include "common/strings.h"
#include "common/url_path.h"
#include "testing/local_http_server.h"

extern "C" const char signet_azure_tenant[];  // azure_tenant.json

namespace signet::emulator {

using nlohmann::json;
using Clock = std::chrono::system_clock;

namespace {

const char* const kArmScope = "https://management.azure.com/.default";
const char* const kGraphScope = "https://graph.microsoft.com/.default";
const char* const kVaultAudience = "https://vault.azure.net";
const char* const kVaultScope = "https://vault.azure.net/.default";
// The Key Vault API versions a vault answers (7.0 to 7.5, as the service did in 2024).
const char* const kVaultApiVersions[] = {"7.0", "7.1", "7.2", "7.3", "7.4", "7.5"};

// A resource id's parent path: the id without its last segment (a child collection such as
// .../storageAccounts/NAME/blobServices lists the ids right under it).
std::string parent_path(const std::string& id) { return id.substr(0, id.rfind('/')); }

// Whether `id` (lower case) is a top-level resource right under `tail` ("/providers/ns/type")
// of the subscription or one of its resource groups.
bool top_level_in(const std::string& id, const std::string& subscription_path, const std::string& tail) {
  const std::string parent = parent_path(id);
  if (parent.size() < tail.size() || parent.compare(parent.size() - tail.size(), tail.size(), tail) != 0) return false;
  const std::string scope = parent.substr(0, parent.size() - tail.size());
  if (scope == subscription_path) return true;
  const std::string groups = subscription_path + "/resourcegroups/";
  return scope.rfind(groups, 0) == 0 && scope.find('/', groups.size()) == std::string::npos;
}

void answer_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

// The list under `key`, or an empty one: a reference into the fixture, so pointers to its
// elements stay good.
const json& list_at(const json& object, const char* key) {
  static const json empty = json::array();
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

// A fixture resource as the api-version asked for gives it: where an API version changed the
// shape (securityContacts 2020-01-01-preview -> 2023-12-01-preview), the resource's
// "byApiVersion" entry for that version, a JSON merge patch (RFC 7396: members replaced, null
// removes one), applied. The entry itself is the fixture's, never answered.
json as_of_version(const json& resource, const std::string& version) {
  auto by = resource.find("byApiVersion");
  if (by == resource.end()) return resource;
  json out = resource;
  out.erase("byApiVersion");
  if (by->is_object() && by->contains(version)) out.merge_patch((*by)[version]);
  return out;
}

json arm_error(const std::string& code, const std::string& message) { return {{"error", {{"code", code}, {"message", message}}}}; }

// Every string of the fixture with "{fake}" written as the fake's URL (a vault's vaultUri).
void with_url(json& value, const std::string& url) {
  if (value.is_string()) {
    std::string& s = value.get_ref<std::string&>();
    for (auto at = s.find("{fake}"); at != std::string::npos; at = s.find("{fake}", at + url.size())) s.replace(at, 6, url);
  } else if (value.is_structured()) {
    for (auto& element : value) with_url(element, url);
  }
}
json token_error(const std::string& error, const std::string& description) {
  return {{"error", error}, {"error_description", description}};
}

}  // namespace

struct AzureFake::Impl {
  const json& tenant;
  AzureFakeOptions options;
  testing::LocalHttpServer http;
  mutable std::mutex mutex;
  struct Token {
    std::string audience;  // "arm", "graph" or "vault"
    Clock::time_point expires;
  };
  std::map<std::string, Token> tokens;
  std::map<std::string, int> issued;
  std::vector<std::string> log, writes;
  struct Budget {
    Clock::time_point window_start;
    std::size_t reads = 0;
  };
  std::map<std::string, Budget> budgets;  // by subscription id
  std::mt19937_64 random{std::random_device{}()};

  Impl(const json& t, AzureFakeOptions o) : tenant(t), options(o) {}

  std::string url() const { return http.url(); }

  // --- tokens ---------------------------------------------------------------------------

  json issue(const std::string& audience, const std::string& how) {
    std::lock_guard lock(mutex);
    std::string token = "fake-" + audience + "-" + std::to_string(random());
    tokens[token] = {audience, Clock::now() + options.token_lifetime};
    ++issued[how];
    return {{"token_type", "Bearer"}, {"expires_in", options.token_lifetime.count()}, {"ext_expires_in", options.token_lifetime.count()},
            {"access_token", token}};
  }

  static std::string audience_of_scope(const std::string& scope) {
    return scope == kArmScope ? "arm" : scope == kGraphScope ? "graph" : scope == kVaultScope ? "vault" : "";
  }
  static std::string audience_of_resource(std::string resource) {
    while (!resource.empty() && resource.back() == '/') resource.pop_back();
    return resource == "https://management.azure.com" ? "arm" : resource == "https://graph.microsoft.com" ? "graph" : resource == kVaultAudience ? "vault" : "";
  }

  const json* client(const std::string& id) const {
    for (const auto& c : list_at(tenant, "clients"))
      if (c.value("clientId", "") == id) return &c;
    return nullptr;
  }

  void token_endpoint(const httplib::Request& req, httplib::Response& res, const std::string& tenant_id) {
    if (tenant_id != tenant.value("tenantId", ""))
      return answer_json(res, 400, token_error("invalid_request", "AADSTS90002: Tenant '" + tenant_id + "' not found."));
    if (req.get_param_value("grant_type") != "client_credentials")
      return answer_json(res, 400, token_error("unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type."));
    const std::string audience = audience_of_scope(req.get_param_value("scope"));
    if (audience.empty())
      return answer_json(res, 400, token_error("invalid_scope", "AADSTS70011: The provided value for the input parameter 'scope' is not valid."));
    const std::string id = req.get_param_value("client_id");
    const json* c = client(id);
    if (!c)
      return answer_json(res, 400, token_error("unauthorized_client", "AADSTS700016: Application with identifier '" + id + "' was not found in the directory."));
    if (req.has_param("client_secret")) {
      if (!c->contains("secret") || (*c)["secret"] != req.get_param_value("client_secret"))
        return answer_json(res, 401, token_error("invalid_client", "AADSTS7000215: Invalid client secret provided."));
      return answer_json(res, 200, issue(audience, "secret"));
    }
    if (req.get_param_value("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return answer_json(res, 401, token_error("invalid_client", "AADSTS7000216: 'client_assertion', 'client_secret' or 'request' is required."));
    const std::string assertion = req.get_param_value("client_assertion");
    if (c->contains("federatedToken")) {
      if ((*c)["federatedToken"] != assertion)
        return answer_json(res, 401, token_error("invalid_client", "AADSTS70021: No matching federated identity record found for presented assertion."));
      return answer_json(res, 200, issue(audience, "federated"));
    }
    if (!c->contains("certificatePem"))
      return answer_json(res, 401, token_error("invalid_client", "AADSTS700027: The certificate with identifier used to sign the client assertion is not registered."));
    if (auto problem = assertion_problem(assertion, id, (*c)["certificatePem"], req.path); !problem.empty())
      return answer_json(res, 401, token_error("invalid_client", "AADSTS700027: Client assertion failed signature validation: " + problem));
    answer_json(res, 200, issue(audience, "certificate"));
  }

  // What is wrong with a certificate's client assertion: header RS256, aud this endpoint,
  // iss and sub the client, not expired, signed by the registered certificate's key.
  std::string assertion_problem(const std::string& jwt, const std::string& client_id, const std::string& pem, const std::string& path) const {
    auto decoded = decode_jwt(jwt);
    if (!decoded) return "not a JWT (three base64url parts, JSON header and claims)";
    const json &h = decoded->header, &p = decoded->claims;
    if (h.value("alg", "") != "RS256") return "alg is not RS256";
    if (p.value("aud", "") != url() + path) return "aud is '" + p.value("aud", "") + "', not " + url() + path;
    if (p.value("iss", "") != client_id || p.value("sub", "") != client_id) return "iss and sub must be the client id";
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
    if (!p.contains("exp") || !p["exp"].is_number() || p["exp"].get<long long>() < now) return "expired";
    if (!rs256_verifies(pem, decoded->signed_part, decoded->signature)) return "the signature does not verify";
    return "";
  }

  void imds(const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Metadata") != "true")
      return answer_json(res, 400, token_error("invalid_request", "Required metadata header not specified"));
    managed_identity_token(req, res, "imds");
  }

  void app_service(const httplib::Request& req, httplib::Response& res) {
    const json identity = tenant.value("managedIdentity", json());
    if (!identity.is_object() || req.get_header_value("X-IDENTITY-HEADER") != identity.value("identityHeader", ""))
      return answer_json(res, 401, token_error("invalid_request", "X-IDENTITY-HEADER is missing or wrong"));
    managed_identity_token(req, res, "appservice");
  }

  void managed_identity_token(const httplib::Request& req, httplib::Response& res, const std::string& how) {
    const json identity = tenant.value("managedIdentity", json());
    if (!identity.is_object()) return answer_json(res, 400, token_error("invalid_request", "Identity not found"));
    const std::string audience = audience_of_resource(req.get_param_value("resource"));
    if (audience.empty()) return answer_json(res, 400, token_error("invalid_resource", "AADSTS500011: The resource principal was not found."));
    json t = issue(audience, how);
    const auto expires_on = std::chrono::duration_cast<std::chrono::seconds>((Clock::now() + options.token_lifetime).time_since_epoch()).count();
    // Both managed identity endpoints give numbers as strings.
    answer_json(res, 200, {{"access_token", t["access_token"]}, {"client_id", identity.value("clientId", "")},
                           {"expires_in", std::to_string(options.token_lifetime.count())}, {"expires_on", std::to_string(expires_on)},
                           {"resource", req.get_param_value("resource")}, {"token_type", "Bearer"}});
  }

  // --- Resource Manager and Graph ---------------------------------------------------------

  // Empty when the request's bearer token is good for `audience`; else the error to answer.
  std::optional<json> auth_problem(const httplib::Request& req, const std::string& audience, httplib::Response& res) {
    const std::string header = req.get_header_value("Authorization");
    std::string problem_code, message;
    if (header.rfind("Bearer ", 0) != 0) {
      problem_code = "AuthenticationFailed";
      message = "Authentication failed. The 'Authorization' header is missing.";
    } else {
      std::lock_guard lock(mutex);
      auto it = tokens.find(header.substr(7));
      if (it == tokens.end()) problem_code = "InvalidAuthenticationToken", message = "The access token is invalid.";
      else if (it->second.expires < Clock::now()) problem_code = "ExpiredAuthenticationToken", message = "The access token expiry UTC time is earlier than current UTC time.";
      else if (it->second.audience != audience) problem_code = "InvalidAuthenticationTokenAudience", message = "The access token has been obtained for wrong audience or resource.";
    }
    if (problem_code.empty()) return std::nullopt;
    res.set_header("WWW-Authenticate", "Bearer authorization_uri=\"" + url() + "/" + tenant.value("tenantId", "") +
                                           "\", error=\"invalid_token\", error_description=\"" + message + "\"");
    return arm_error(problem_code, message);
  }

  // 429 when the subscription spent its reads in this window; else counts the read and
  // says how many remain.
  bool throttled(const std::string& subscription, httplib::Response& res) {
    std::lock_guard lock(mutex);
    Budget& b = budgets[subscription];
    const auto now = Clock::now();
    if (now - b.window_start >= options.window) b = {now, 0};
    const std::size_t limit = options.reads_per_window ? options.reads_per_window : 12000;
    if (options.reads_per_window && b.reads >= limit) {
      res.set_header("Retry-After", std::to_string(options.retry_after_seconds));
      res.set_header("x-ms-ratelimit-remaining-subscription-reads", "0");
      return true;
    }
    ++b.reads;
    res.set_header("x-ms-ratelimit-remaining-subscription-reads", std::to_string(limit - b.reads));
    return false;
  }

  const json* subscription(const std::string& id) const {
    for (const auto& s : list_at(tenant, "subscriptions"))
      if (to_lower(s.value("subscriptionId", "")) == to_lower(id)) return &s;
    return nullptr;
  }

  // The registered API versions of NAMESPACE/TYPE[/CHILD...] in a subscription; null if not registered.
  const json* api_versions(const json& sub, const std::string& ns, const std::string& type) const {
    for (const auto& p : list_at(sub, "providers")) {
      if (to_lower(p.value("namespace", "")) != to_lower(ns)) continue;
      for (const auto& t : list_at(p, "resourceTypes"))
        if (to_lower(t.value("resourceType", "")) == to_lower(type)) return &list_at(t, "apiVersions");
    }
    return nullptr;
  }

  // A page of `items` from `$skiptoken`, with the link to the next.
  json page(const std::vector<json>& items, const httplib::Request& req, const char* next_key, const char* skip_param = "$skiptoken") {
    std::size_t offset = 0;
    if (req.has_param(skip_param))
      if (auto decoded = base64_decode(req.get_param_value(skip_param)))
        std::from_chars(decoded->data(), decoded->data() + decoded->size(), offset);  // unreadable: the first page
    json out = {{"value", json::array()}};
    for (std::size_t i = offset; i < items.size() && i < offset + options.page_size; ++i) out["value"].push_back(items[i]);
    if (offset + options.page_size < items.size()) {
      std::string query;
      for (const auto& [name, value] : req.params)
        if (name != skip_param) query += (query.empty() ? "" : "&") + name + "=" + httplib::detail::encode_query_param(value);
      query += (query.empty() ? "" : "&") + std::string(skip_param) + "=" + base64url_encode(std::to_string(offset + options.page_size));
      out[next_key] = url() + req.path + "?" + query;
    }
    return out;
  }

  void arm(const httplib::Request& req, httplib::Response& res) {
    if (auto problem = auth_problem(req, "arm", res)) return answer_json(res, 401, *problem);
    if (!req.has_param("api-version"))
      return answer_json(res, 400, arm_error("MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."));
    const std::string version = req.get_param_value("api-version");
    const auto parts = path_segments(req.path);
    if (parts.size() == 1 && to_lower(parts[0]) == "subscriptions") {
      std::vector<json> subs;
      for (const auto& s : tenant.value("subscriptions", json::array()))
        subs.push_back({{"id", "/subscriptions/" + s.value("subscriptionId", "")}, {"subscriptionId", s["subscriptionId"]},
                        {"tenantId", tenant.value("tenantId", "")}, {"displayName", s.value("displayName", "")}, {"state", s.value("state", "Enabled")}});
      return answer_json(res, 200, page(subs, req, "nextLink"));
    }
    if (parts.size() < 2 || to_lower(parts[0]) != "subscriptions")
      return answer_json(res, 404, arm_error("InvalidResourceType", "The resource type could not be found in the namespace for api version '" + version + "'."));
    const json* sub = subscription(parts[1]);
    if (!sub) return answer_json(res, 404, arm_error("SubscriptionNotFound", "The subscription '" + parts[1] + "' could not be found."));
    if (throttled(parts[1], res))
      return answer_json(res, 429, arm_error("TooManyRequests", "The request is being throttled as the limit has been reached for operation type - Read."));
    if (req.method != "GET") return post(*sub, req, res);
    const std::string sub_path = "/subscriptions/" + (*sub)["subscriptionId"].get<std::string>();
    if (parts.size() == 2) return answer_json(res, 200, {{"id", sub_path}, {"subscriptionId", (*sub)["subscriptionId"]}, {"displayName", sub->value("displayName", "")}, {"state", sub->value("state", "Enabled")}});
    const std::string third = to_lower(parts[2]);
    if (third == "providers" && parts.size() == 3) {
      std::vector<json> providers;
      for (const auto& p : sub->value("providers", json::array())) {
        json registration = p;
        registration["id"] = sub_path + "/providers/" + p.value("namespace", "");
        providers.push_back(registration);
      }
      return answer_json(res, 200, page(providers, req, "nextLink"));
    }
    if (third == "resourcegroups" && parts.size() <= 4) {
      std::vector<json> groups;
      for (const auto& g : sub->value("resourceGroups", json::array())) {
        json group = {{"id", sub_path + "/resourceGroups/" + g.value("name", "")}, {"name", g["name"]}, {"type", "Microsoft.Resources/resourceGroups"},
                      {"location", g.value("location", "")}, {"properties", {{"provisioningState", "Succeeded"}}}};
        if (parts.size() == 4 && to_lower(g.value("name", "")) == to_lower(parts[3])) return answer_json(res, 200, group);
        groups.push_back(group);
      }
      if (parts.size() == 4) return answer_json(res, 404, arm_error("ResourceGroupNotFound", "Resource group '" + parts[3] + "' could not be found."));
      return answer_json(res, 200, page(groups, req, "nextLink"));
    }
    // Under a provider: .../providers/NS/TYPE[/NAME[/CHILD[/NAME...]]]
    std::size_t at = 2;
    if (third == "resourcegroups") at = 4;
    if (parts.size() < at + 3 || to_lower(parts[at]) != "providers")
      return answer_json(res, 404, arm_error("InvalidResourceType", "The resource type could not be found."));
    // An extension resource (a vault's diagnostic settings: VAULT/providers/Microsoft.Insights/
    // diagnosticSettings) is of the namespace after the last providers segment.
    std::size_t from = at;
    for (std::size_t k = at + 3; k + 2 < parts.size(); ++k)
      if (to_lower(parts[k]) == "providers") from = k;
    const std::string ns = parts[from + 1];
    std::string type;
    for (std::size_t i = from + 2; i < parts.size(); i += 2) type += (type.empty() ? "" : "/") + parts[i];
    const json* versions = api_versions(*sub, ns, type);
    if (!versions)
      return answer_json(res, 404, arm_error("InvalidResourceType", "The resource type '" + type + "' could not be found in the namespace '" + ns + "' for api version '" + version + "'."));
    bool known = false;
    std::string supported;
    for (const auto& v : *versions) {
      known = known || v == version;
      supported += (supported.empty() ? "" : ", ") + v.get<std::string>();
    }
    if (!known)
      return answer_json(res, 400, arm_error("NoRegisteredProviderFound", "No registered resource provider found for location 'global' and API version '" + version +
                                                                              "' for type '" + type + "'. The supported api-versions are '" + supported + "'."));
    const bool collection = (parts.size() - from - 2) % 2 == 1;
    const std::string path = to_lower(req.path);
    const std::string group_scope = third == "resourcegroups" ? to_lower(sub_path + "/resourceGroups/" + parts[3]) + "/" : "";
    std::vector<json> found;
    for (const auto& r : sub->value("resources", json::array())) {
      const std::string id = to_lower(r.value("id", ""));
      if (!collection && id == path) return answer_json(res, 200, as_of_version(r, version));
      if (!collection) continue;
      // A top-level collection lists the type's own resources across the subscription or its
      // group (not extension resources of that type under other resources); a child
      // collection lists the children under its parent.
      const bool top = from == at && parts.size() == at + 3;
      if (top ? top_level_in(id, to_lower(sub_path), "/providers/" + to_lower(ns + "/" + type)) && (group_scope.empty() || id.rfind(group_scope, 0) == 0)
              : parent_path(id) == path)
        found.push_back(as_of_version(r, version));
    }
    if (!collection)
      return answer_json(res, 404, arm_error("ResourceNotFound", "The Resource '" + ns + "/" + type + "/" + parts.back() + "' under resource group '" +
                                                                     (third == "resourcegroups" ? parts[3] : "") + "' was not found."));
    answer_json(res, 200, page(found, req, "nextLink"));
  }

  // A POST is answered only when the fixture knows it as a read; anything else is a write.
  void post(const json& sub, const httplib::Request& req, httplib::Response& res) {
    const json posts = sub.value("posts", json::object());
    if (req.method == "POST")
      for (const auto& [path, answer] : posts.items())
        if (to_lower(path) == to_lower(req.path)) return answer_json(res, 200, answer);
    {
      std::lock_guard lock(mutex);
      writes.push_back(req.method + " " + req.path);
    }
    answer_json(res, 403, arm_error("AuthorizationFailed", "The client does not have authorization to perform action '" + req.method + " " + req.path + "'."));
  }

  void graph(const httplib::Request& req, httplib::Response& res) {
    if (auto problem = auth_problem(req, "graph", res)) return answer_json(res, 401, *problem);
    if (req.method != "GET") {
      {
        std::lock_guard lock(mutex);
        writes.push_back(req.method + " " + req.path);
      }
      return answer_json(res, 403, arm_error("Authorization_RequestDenied", "Insufficient privileges to complete the operation."));
    }
    const std::string what = req.path.substr(std::string("/v1.0/").size());
    const json& data = graph_data();
    auto not_found = [&](const std::string& resource) {
      answer_json(res, 404, arm_error("Request_ResourceNotFound", "Resource '" + resource + "' does not exist or one of its queried reference-property objects are not present."));
    };
    auto it = data.find(what);
    if (it == data.end()) {
      // What Graph derives from the directory: an object of a collection by id, and transitive
      // memberships through nested groups.
      const auto parts = path_segments(what);
      if (parts.size() < 2 || parts.size() > 3) return not_found(what);
      const json* object = directory_object(parts[0], parts[1]);
      if (!object) return not_found(parts[1]);
      if (parts.size() == 2) {
        json out = *object;
        out["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#" + parts[0] + "/$entity";
        return answer_json(res, 200, out);
      }
      std::vector<json> related;  // a group or role the fixture gives no members has none
      if (parts[0] == "groups" && parts[2] == "transitiveMembers") related = transitive_members(parts[1]);
      else if (parts[0] == "users" && parts[2] == "transitiveMemberOf") related = transitive_member_of(parts[1]);
      else if ((parts[0] == "groups" || parts[0] == "directoryRoles") && parts[2] == "members") related = {};
      else return not_found(what);
      json out = page(related, req, "@odata.nextLink");
      out["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#directoryObjects";
      return answer_json(res, 200, out);
    }
    const std::string context = "https://graph.microsoft.com/v1.0/$metadata#" + what;
    if (it->is_array()) {
      json out = page(it->get<std::vector<json>>(), req, "@odata.nextLink");
      out["@odata.context"] = context;
      return answer_json(res, 200, out);
    }
    json out = *it;
    out["@odata.context"] = context + "/$entity";
    answer_json(res, 200, out);
  }

  const json& graph_data() const {
    static const json none = json::object();
    auto it = tenant.find("graph");
    return it != tenant.end() && it->is_object() ? *it : none;
  }

  // An object of a Graph collection ("users", "groups", "directoryRoles", ...) by id.
  const json* directory_object(const std::string& collection, const std::string& id) const {
    for (const auto& o : list_at(graph_data(), collection.c_str()))
      if (o.value("id", "") == id) return &o;
    return nullptr;
  }

  // A group's members as the fixture lists them ("groups/ID/members"), each tagged with its
  // @odata.type there.
  const json& direct_members(const std::string& path) const { return list_at(graph_data(), path.c_str()); }

  // Everything in a group, through nested groups: the nested groups themselves and every member
  // of each, once, as groups/{id}/transitiveMembers lists them.
  std::vector<json> transitive_members(const std::string& group_id) const {
    std::vector<json> out;
    std::set<std::string> seen = {group_id};
    std::vector<std::string> pending = {group_id};
    while (!pending.empty()) {
      const std::string group = pending.back();
      pending.pop_back();
      for (const auto& m : direct_members("groups/" + group + "/members")) {
        const std::string id = m.value("id", "");
        if (!seen.insert(id).second) continue;
        out.push_back(m);
        if (m.value("@odata.type", "") == "#microsoft.graph.group") pending.push_back(id);
      }
    }
    return out;
  }

  // The groups a user is in, directly or through nested groups, and the directory roles the
  // user or one of those groups holds (a role-assignable group passes its roles on), as
  // users/{id}/transitiveMemberOf lists them.
  std::vector<json> transitive_member_of(const std::string& user_id) const {
    std::vector<json> out;
    std::set<std::string> groups;
    for (const auto& g : list_at(graph_data(), "groups")) {
      const std::string id = g.value("id", "");
      for (const auto& m : transitive_members(id))
        if (m.value("id", "") == user_id) {
          json group = g;
          group["@odata.type"] = "#microsoft.graph.group";
          out.push_back(group);
          groups.insert(id);
          break;
        }
    }
    for (const auto& r : list_at(graph_data(), "directoryRoles")) {
      for (const auto& m : direct_members("directoryRoles/" + r.value("id", "") + "/members")) {
        const std::string id = m.value("id", "");
        if (id != user_id && !groups.count(id)) continue;
        json role = {{"@odata.type", "#microsoft.graph.directoryRole"}};
        for (const auto& key : {"id", "deletedDateTime", "description", "displayName", "roleTemplateId"})
          if (r.contains(key)) role[key] = r[key];
        out.push_back(role);
        break;
      }
    }
    return out;
  }

  // --- Key Vault's data plane (/keyvault/NAME/...) -----------------------------------------

  // Key Vault's error body: {"error": {"code", "message"}}, as Resource Manager's.
  static json vault_error(const std::string& code, const std::string& message) { return arm_error(code, message); }

  // Empty when the request's bearer token is good for Key Vault; else the 401 body, with the
  // challenge a vault sends (its tenant's authority and the Key Vault resource).
  std::optional<json> vault_auth_problem(const httplib::Request& req, httplib::Response& res) {
    const std::string header = req.get_header_value("Authorization");
    std::string message;
    if (header.rfind("Bearer ", 0) != 0) {
      message = "AKV10000: Request is missing a Bearer or PoP token.";
    } else {
      std::lock_guard lock(mutex);
      auto it = tokens.find(header.substr(7));
      if (it == tokens.end()) message = "The access token is invalid.";
      else if (it->second.expires < Clock::now()) message = "The access token has expired.";
      else if (it->second.audience != "vault")
        message = std::string("AKV10022: Invalid audience. Expected ") + kVaultAudience + ", found: " +
                  (it->second.audience == "arm" ? "https://management.azure.com/" : "https://graph.microsoft.com/") + ".";
    }
    if (message.empty()) return std::nullopt;
    res.set_header("WWW-Authenticate", "Bearer authorization=\"" + url() + "/" + tenant.value("tenantId", "") + "\", resource=\"" + kVaultAudience + "\"");
    return vault_error("Unauthorized", message);
  }

  // A vault of the fixture's subscriptions by name, and its data-plane fixture (keyVaults.NAME).
  const json* vault(const std::string& name, const json** data) const {
    static const json empty = {{"certificates", json::array()}};
    for (const auto& s : list_at(tenant, "subscriptions"))
      for (const auto& r : list_at(s, "resources"))
        if (r.value("type", "") == "Microsoft.KeyVault/vaults" && to_lower(r.value("name", "")) == to_lower(name)) {
          auto vaults = tenant.find("keyVaults");
          *data = vaults != tenant.end() && vaults->contains(r["name"]) ? &vaults->at(r["name"].get<std::string>()) : &empty;
          return &r;
        }
    return nullptr;
  }

  // The vault's keys and secrets as Resource Manager holds them (vaults/keys, vaults/secrets).
  std::vector<const json*> vault_children(const json& vault, const std::string& kind) const {
    std::vector<const json*> out;
    const std::string prefix = to_lower(vault.value("id", "")) + "/" + kind + "/";
    for (const auto& s : list_at(tenant, "subscriptions"))
      for (const auto& r : list_at(s, "resources"))
        if (to_lower(r.value("id", "")).rfind(prefix, 0) == 0 && r["id"].get<std::string>().find('/', prefix.size()) == std::string::npos) out.push_back(&r);
    return out;
  }

  void key_vault(const httplib::Request& req, httplib::Response& res) {
    const auto parts = path_segments(req.path);  // keyvault, NAME, ...
    const json* data = nullptr;
    const json* found = parts.size() >= 2 ? vault(parts[1], &data) : nullptr;
    if (!found)  // a real client would not resolve the host
      return answer_json(res, 404, vault_error("VaultNotFound", "The fake serves no vault '" + (parts.size() >= 2 ? parts[1] : "") + "'."));
    if (auto problem = vault_auth_problem(req, res)) return answer_json(res, 401, *problem);
    if (!req.has_param("api-version"))
      return answer_json(res, 400, vault_error("BadParameter", "The 'api-version' query parameter is missing."));
    const std::string version = req.get_param_value("api-version");
    if (std::none_of(std::begin(kVaultApiVersions), std::end(kVaultApiVersions), [&](const char* v) { return version == v; }))
      return answer_json(res, 400, vault_error("BadParameter", "The specified version (" + version + ") is not recognized. Consider using the latest supported version (7.5)."));
    const std::string base = url() + "/keyvault/" + found->value("name", "");  // as its vaultUri names it, without the slash
    const std::vector<std::string> path(parts.begin() + 2, parts.end());
    const std::string kind = path.empty() ? "" : to_lower(path[0]);
    if (req.method != "GET" || (kind == "secrets" && path.size() >= 2 && !(path.size() == 3 && to_lower(path[2]) == "versions"))) {
      // A change, or a secret's value: nothing a read-only scanner may ask.
      {
        std::lock_guard lock(mutex);
        writes.push_back(req.method + " " + req.path);
      }
      return answer_json(res, 403, vault_error("Forbidden", "The user, group or application does not have permission for '" + req.method + " " + req.path +
                                                                "' (the fake refuses every change and every secret value)."));
    }
    const json& certificates = list_at(*data, "certificates");
    auto certificate = [&](const std::string& name) -> const json* {
      for (const auto& c : certificates)
        if (to_lower(c.value("name", "")) == to_lower(name)) return &c;
      return nullptr;
    };
    auto listed = [&](const json& c) {  // a certificate as the list gives it
      json item = {{"id", base + "/certificates/" + c.value("name", "")}, {"x5t", c.value("x5t", "")}, {"attributes", c.value("attributes", json::object())},
                   {"subject", ""}};
      if (c.contains("tags")) item["tags"] = c["tags"];
      return item;
    };
    auto policy = [&](const json& c) {
      json p = {{"id", base + "/certificates/" + c.value("name", "") + "/policy"}};
      p.update(c.value("policy", json::object()));
      return p;
    };
    if (kind == "certificates" && path.size() == 1) {
      std::vector<json> items;
      for (const auto& c : certificates) items.push_back(listed(c));
      return answer_json(res, 200, page(items, req, "nextLink"));
    }
    if (kind == "certificates" && path.size() >= 2 && path.size() <= 3) {
      const json* c = certificate(path[1]);
      if (!c)
        return answer_json(res, 404, vault_error("CertificateNotFound", "A certificate with (name/id) " + path[1] +
                                                                            " was not found in this key vault. If you recently deleted this certificate you may be able to "
                                                                            "recover it using the correct recovery command."));
      const std::string name = c->value("name", ""), current = c->value("version", "");
      const std::string what = path.size() == 3 ? to_lower(path[2]) : "";
      if (what == "policy") return answer_json(res, 200, policy(*c));
      if (what == "versions") {
        json v = listed(*c);
        v["id"] = base + "/certificates/" + name + "/" + current;
        return answer_json(res, 200, page({v}, req, "nextLink"));
      }
      if (!what.empty() && what != to_lower(current))
        return answer_json(res, 404, vault_error("CertificateNotFound", "A certificate with (name/id) " + name + "/" + path[2] + " was not found in this key vault."));
      json bundle = {{"id", base + "/certificates/" + name + "/" + current}, {"kid", base + "/keys/" + name + "/" + current},
                     {"sid", base + "/secrets/" + name + "/" + current}, {"x5t", c->value("x5t", "")}, {"cer", c->value("cer", "")},
                     {"attributes", c->value("attributes", json::object())}, {"policy", policy(*c)}};
      if (c->contains("tags")) bundle["tags"] = (*c)["tags"];
      return answer_json(res, 200, bundle);
    }
    if ((kind == "keys" || kind == "secrets") && path.size() == 1) {
      // Resource Manager's keys and secrets, and each certificate's own (managed: true).
      std::vector<json> items;
      for (const json* r : vault_children(*found, kind)) {
        const json props = r->value("properties", json::object());
        json item = {{kind == "keys" ? "kid" : "id", base + "/" + kind + "/" + r->value("name", "")}, {"attributes", props.value("attributes", json::object())}};
        if (kind == "secrets") item["contentType"] = props.value("contentType", "");
        if (r->value("tags", json::object()).is_object() && !r->value("tags", json::object()).empty()) item["tags"] = (*r)["tags"];
        items.push_back(item);
      }
      for (const auto& c : certificates) {
        json item = {{kind == "keys" ? "kid" : "id", base + "/" + kind + "/" + c.value("name", "")}, {"attributes", c.value("attributes", json::object())}, {"managed", true}};
        if (kind == "secrets") item["contentType"] = "application/x-pkcs12";
        items.push_back(item);
      }
      return answer_json(res, 200, page(items, req, "nextLink"));
    }
    answer_json(res, 404, vault_error("NotFound", "The fake's vaults serve certificates (with their versions and policies) and key and secret listings, not " +
                                                      req.path + "."));
  }

  void route(const httplib::Request& req, httplib::Response& res) {
    const auto parts = path_segments(req.path);
    if (req.method == "POST" && parts.size() == 4 && parts[1] == "oauth2" && parts[2] == "v2.0" && parts[3] == "token")
      token_endpoint(req, res, parts[0]);
    else if (req.method == "GET" && req.path == "/metadata/identity/oauth2/token")
      imds(req, res);
    else if (req.method == "GET" && req.path == "/msi/token")
      app_service(req, res);
    else if (req.path.rfind("/v1.0/", 0) == 0)
      graph(req, res);
    else if (req.path.rfind("/keyvault/", 0) == 0)
      key_vault(req, res);
    else
      arm(req, res);
    std::lock_guard lock(mutex);
    log.push_back(req.method + " " + req.path + (req.params.empty() ? "" : "?" + httplib::detail::params_to_query_str(req.params)) + " " +
                  std::to_string(res.status));
  }
};

AzureFake::AzureFake(json tenant, AzureFakeOptions options) : tenant_(std::move(tenant)), impl_(std::make_unique<Impl>(tenant_, options)) {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { impl_->route(req, res); };
  impl_->http.server.Get(".*", handler);
  impl_->http.server.Post(".*", handler);
  impl_->http.server.Put(".*", handler);
  impl_->http.server.Patch(".*", handler);
  impl_->http.server.Delete(".*", handler);
  // The fixture's {fake} is this fake's URL, known once the port is bound and written before
  // the first request is served.
  impl_->http.bind();
  with_url(tenant_, impl_->url());
  impl_->http.serve();
}

AzureFake::~AzureFake() = default;

std::string AzureFake::url() const { return impl_->url(); }

std::vector<std::string> AzureFake::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->log;
}

std::vector<std::string> AzureFake::writes() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->writes;
}

std::map<std::string, int> AzureFake::tokens_issued() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->issued;
}

const json& azure_test_tenant() {
  // SIGNET_AZURE_TENANT_FILE: a fixture being edited, read instead of the embedded one (so its
  // tests run without a build).
  static const json tenant = [] {
    const char* file = std::getenv("SIGNET_AZURE_TENANT_FILE");
    if (!file || !*file) return json::parse(signet_azure_tenant);
    std::ifstream in(file);
    if (!in) throw std::runtime_error(std::string("SIGNET_AZURE_TENANT_FILE: cannot read ") + file);
    return json::parse(in);
  }();
  return tenant;
}

}  // namespace signet::emulator
