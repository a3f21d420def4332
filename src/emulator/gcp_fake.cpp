#include "emulator/gcp_fake.h"

#include <httplib.h>

#include <regex>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "aws/sigv4/sigv4.h"
#include "cloud/http/request.h"
#include "common/base64.h"
#include "common/bzip2.h"
#include "common/files.h"
#include "common/jwt.h"
#include "common/strings.h"
#include "common/time.h"
#include "common/url_path.h"
#include "testing/local_http_server.h"

extern "C" const char signet_gcp_org[];  // gcp_org.json

namespace signet::emulator {

using nlohmann::json;
using Clock = std::chrono::system_clock;

std::string recorded_discovery_dir() { return SIGNET_TESTDATA_DIR "/cloud-recordings/gcp-flights/discovery"; }
std::string supplement_discovery_dir() { return SIGNET_GCP_SUPPLEMENT_DIR; }

namespace {

const char* const kJwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";
// Google's token endpoint also takes its own canonical URI as an assertion's audience.
const char* const kGoogleTokenUri = "https://oauth2.googleapis.com/token";
// One host for several APIs (storage, sql, bigquery, dns, Discovery), told apart by the
// first segment of their paths.
const char* const kSharedHost = "www.googleapis.com";
const char* const kResourceManager = "cloudresourcemanager.googleapis.com";
const char* const kBadCredentials =
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. "
    "See https://developers.google.com/identity/sign-in/web/devconsole-project.";
const char* const kMissingCredentials =
    "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. "
    "See https://developers.google.com/identity/sign-in/web/devconsole-project.";
const char* const kNoPermission = "The caller does not have permission";

void answer_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=UTF-8");
}

// What a request did wrong, as Google's APIs say it: {"error": {code, message, status,
// errors?, details?}}. Compute and the www.googleapis.com APIs still add the older
// `errors` list ({message, domain, reason}); `legacy_reason` fills it when given.
struct GoogleError {
  int code;
  std::string status, message;
  std::string legacy_domain = "global", legacy_reason;
  json details = json::array();
  json legacy_extra = json::object();  // more fields of the `errors` entry (extendedHelp, location)
};

json error_body(const GoogleError& e) {
  json error = {{"code", e.code}, {"message", e.message}, {"status", e.status}};
  if (!e.legacy_reason.empty()) {
    json entry = {{"message", e.message}, {"domain", e.legacy_domain}, {"reason", e.legacy_reason}};
    entry.update(e.legacy_extra);
    error["errors"] = json::array({entry});
  }
  if (!e.details.empty()) error["details"] = e.details;
  return {{"error", error}};
}

void answer_error(httplib::Response& res, const GoogleError& e) { answer_json(res, e.code, error_body(e)); }

// The APIs whose errors carry the older `errors` list.
bool legacy_errors(const std::string& host) { return host == kSharedHost || host == "compute.googleapis.com"; }

json oauth_error(const std::string& error, const std::string& description) { return {{"error", error}, {"error_description", description}}; }

long long epoch_seconds(Clock::time_point t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// A string as it is, a number as JSON writes it; "" for anything else.
std::string text_of(const json* value) {
  if (!value) return "";
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number()) return value->dump();
  return "";
}

// The value at a dotted path ("tableReference.tableId"); null when absent.
const json* field_at(const json& item, const std::string& dotted) {
  const json* at = &item;
  std::size_t start = 0;
  while (start <= dotted.size()) {
    std::size_t dot = dotted.find('.', start);
    if (dot == std::string::npos) dot = dotted.size();
    if (!at->is_object()) return nullptr;
    auto it = at->find(dotted.substr(start, dot - start));
    if (it == at->end()) return nullptr;
    at = &*it;
    start = dot + 1;
  }
  return at;
}

// The array or object under `key`, or an empty one: a reference into the fixture, so
// pointers into it stay good.
const json& member(const json& object, const char* key, bool array) {
  static const json empty_array = json::array(), empty_object = json::object();
  if (object.is_object())
    if (auto it = object.find(key); it != object.end() && (array ? it->is_array() : it->is_object())) return *it;
  return array ? empty_array : empty_object;
}

// A fixture path: PATH[?NAME=VALUE&...], the query being what a request must carry.
struct FixturePath {
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
};

FixturePath split_fixture_path(const std::string& key) {
  FixturePath out{key.substr(0, key.find('?')), {}};
  if (auto q = key.find('?'); q != std::string::npos) {
    httplib::Params params;
    httplib::detail::parse_query_text(key.substr(q + 1), params);
    out.query.assign(params.begin(), params.end());
  }
  return out;
}

bool carries(const httplib::Request& req, const FixturePath& path) {
  return std::all_of(path.query.begin(), path.query.end(),
                     [&](const auto& p) { return req.has_param(p.first.c_str()) && req.get_param_value(p.first.c_str()) == p.second; });
}

// Whether a fixture path's segments stand for a request's: equal, or `-` (Google's "any
// location") in the fixture.
bool segments_match(const std::vector<std::string>& fixture, const std::vector<std::string>& request, std::size_t count) {
  if (fixture.size() != count || request.size() < count) return false;
  for (std::size_t i = 0; i < count; ++i)
    if (fixture[i] != request[i] && fixture[i] != "-") return false;
  return true;
}

// Whether a collection's item is the one NAME names: by its `key` field, else by `name`
// (whole, or its last segment) or `id`.
bool is_named(const json& item, const std::string& name, const std::string& key) {
  if (!key.empty()) return text_of(field_at(item, key)) == name;
  const std::string own = text_of(field_at(item, "name"));
  return own == name || ends_with(own, "/" + name) || text_of(field_at(item, "id")) == name;
}

// --- Discovery ----------------------------------------------------------------------------

struct DiscoveryDocument {
  std::string name, version, title, description, documentation_link, host, service_path;
  json icons;
  std::string text;  // the document as served
};

// The API a document describes, as Service Usage names it: its own host, or for the shared
// host its name ("sqladmin" -> sqladmin.googleapis.com).
std::string service_of(const DiscoveryDocument& doc) { return doc.host == kSharedHost ? doc.name + ".googleapis.com" : doc.host; }

std::string host_of(const std::string& url) {
  std::string rest = url.substr(url.find("://") == std::string::npos ? 0 : url.find("://") + 3);
  return rest.substr(0, rest.find('/'));
}

// Google's preferred version of an API is its highest stable one (no alpha or beta in the
// name), else its newest beta: whether `a` comes before `b` in that order.
bool preferred_over(const std::string& a, const std::string& b) {
  auto rank = [](const std::string& v) {
    const bool stable = v.find("alpha") == std::string::npos && v.find("beta") == std::string::npos;
    int major = 0;
    if (!v.empty() && v[0] == 'v') std::from_chars(v.data() + 1, v.data() + v.size(), major);
    return std::tuple(stable, major, v);
  };
  return rank(a) > rank(b);
}

// The Discovery documents of a folder of recordings (and of hand-written ones beside it), and
// the files that could not be read.
struct DiscoveryShelf {
  std::map<std::string, DiscoveryDocument> documents;  // by "name/version"
  std::vector<std::string> problems;
};

// Shelves one document, served as `text`; a recorded error answer (no id) is no document.
void shelve(DiscoveryShelf& shelf, const json& doc, std::string text) {
  if (!doc.is_object() || !doc.contains("id")) return;
  const std::string id = doc.value("id", "");
  // The directory's name is the id's first part ("sqladmin:v1beta4").
  DiscoveryDocument d{id.substr(0, id.find(':')), doc.value("version", ""), doc.value("title", ""), doc.value("description", ""),
                      doc.value("documentationLink", ""), host_of(doc.value("rootUrl", "")), doc.value("servicePath", ""),
                      doc.value("icons", json::object()), std::move(text)};
  shelf.documents.try_emplace(d.name + "/" + d.version, std::move(d));  // a recording wins over a hand-written one
}

// The recordings (*.json.bz2, each {"body": DOCUMENT}) of `dir`, then the plain documents
// (*.json) of `supplement_dir`, for APIs the recordings lack. No recordings, no documents: the
// supplement alone is no Google.
DiscoveryShelf read_shelf(const std::string& dir, const std::string& supplement_dir) {
  DiscoveryShelf shelf;
  std::error_code ec;
  std::filesystem::directory_iterator files(dir, ec);
  if (ec) {
    shelf.problems.push_back(dir + ": " + ec.message());
    return shelf;
  }
  for (const auto& file : files) {
    const std::string path = file.path().string();
    if (!ends_with(path, ".json.bz2")) continue;
    try {
      const json recording = json::parse(bunzip2(read_file(path)));
      const json& body = recording.at("body");
      const json doc = body.is_string() ? json::parse(body.get<std::string>()) : body;
      shelve(shelf, doc, body.is_string() ? body.get<std::string>() : doc.dump());
    } catch (const std::exception& e) {
      shelf.problems.push_back(path + ": " + e.what());
    }
  }
  if (supplement_dir.empty()) return shelf;
  for (const auto& file : std::filesystem::directory_iterator(supplement_dir, ec)) {
    const std::string path = file.path().string();
    if (!ends_with(path, ".json")) continue;
    try {
      std::string text = read_file(path);
      shelve(shelf, json::parse(text), text);
    } catch (const std::exception& e) {
      shelf.problems.push_back(path + ": " + e.what());
    }
  }
  if (ec) shelf.problems.push_back(supplement_dir + ": " + ec.message());
  return shelf;
}

// A pair of folders' documents, read once per process: unpacking and parsing them takes a
// while, and a test binary starts many fakes.
std::shared_ptr<const DiscoveryShelf> discovery_shelf(const std::string& dir, const std::string& supplement_dir) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, std::string>, std::shared_ptr<const DiscoveryShelf>> shelves;
  std::lock_guard lock(mutex);
  auto& shelf = shelves[{dir, supplement_dir}];
  if (!shelf) shelf = std::make_shared<const DiscoveryShelf>(read_shelf(dir, supplement_dir));
  return shelf;
}

json discovery_not_found() {
  // As Google's Discovery service answers (recorded: gcp-flights/discovery/...topic-v1...).
  return {{"error", {{"errors", json::array({{{"domain", "global"}, {"reason", "notFound"}, {"message", "Not Found"}}})}, {"code", 404}, {"message", "Not Found"}}}};
}

}  // namespace

struct GcpFake::Impl {
  const json& org;
  GcpFakeOptions options;
  testing::LocalHttpServer http;
  mutable std::mutex mutex;
  struct Token {
    std::string principal;  // "serviceAccount:EMAIL", "user:EMAIL"
    Clock::time_point expires;
  };
  std::map<std::string, Token> tokens;
  std::map<std::string, int> issued;
  std::size_t tokens_made = 0;
  std::vector<std::string> log, writes;
  struct Budget {
    Clock::time_point window_start;
    std::size_t reads = 0;
  };
  std::map<std::string, Budget> budgets;  // by project id; "" for the organization

  Impl(const json& o, GcpFakeOptions opts) : org(o), options(std::move(opts)) {}

  std::string url() const { return http.url(); }
  std::string token_uri() const { return url() + "/oauth2.googleapis.com/token"; }

  const json& projects() const { return member(org, "projects", true); }
  const json& organization() const { return member(org, "organization", false); }

  const json* project(const std::string& id_or_number) const {
    for (const auto& p : projects())
      if (p.value("projectId", "") == id_or_number || p.value("projectNumber", "") == id_or_number) return &p;
    return nullptr;
  }

  const json* service_account(const std::string& email) const {
    for (const auto& a : member(member(org, "credentials", false), "serviceAccounts", true))
      if (a.value("client_email", "") == email) return &a;
    return nullptr;
  }

  const json* authorized_user_by(const char* field, const std::string& value) const {
    for (const auto& u : member(member(org, "credentials", false), "authorizedUsers", true))
      if (u.value(field, "") == value) return &u;
    return nullptr;
  }

  // --- tokens -------------------------------------------------------------------------------

  // A new opaque token for `principal`, good for `lifetime`.
  std::string issue(const std::string& principal, const std::string& how, std::chrono::seconds lifetime) {
    std::lock_guard lock(mutex);
    std::string token = "ya29.fake-" + std::to_string(++tokens_made);
    tokens[token] = {principal, Clock::now() + lifetime};
    ++issued[how];
    return token;
  }

  json token_answer(const std::string& principal, const std::string& how) {
    return {{"access_token", issue(principal, how, options.token_lifetime)}, {"expires_in", options.token_lifetime.count()}, {"token_type", "Bearer"}};
  }

  void token_endpoint(const httplib::Request& req, httplib::Response& res) {
    const std::string grant = req.get_param_value("grant_type");
    if (grant == kJwtBearerGrant) return jwt_grant(req, res);
    if (grant == "refresh_token") return refresh_grant(req, res);
    answer_json(res, 400, oauth_error("unsupported_grant_type", "Invalid grant_type: " + grant));
  }

  void jwt_grant(const httplib::Request& req, httplib::Response& res) {
    const std::string assertion = req.get_param_value("assertion");
    if (assertion.empty()) return answer_json(res, 400, oauth_error("invalid_request", "Missing required parameter: assertion"));
    const auto jwt = decode_jwt(assertion);
    if (!jwt) return answer_json(res, 400, oauth_error("invalid_grant", "Invalid JWT: not three base64url parts with a JSON header and claims"));
    const json &header = jwt->header, &claims = jwt->claims;
    const std::string issuer = claims.value("iss", "");
    const json* account = service_account(issuer);
    if (!account) return answer_json(res, 400, oauth_error("invalid_grant", "Invalid grant: account not found"));
    // The key's id, when the header names one, must be the account's key (Google looks the
    // public key up by it).
    const bool right_key = !header.contains("kid") || header["kid"] == account->value("private_key_id", "");
    if (header.value("alg", "") != "RS256" || !right_key || !rs256_verifies(account->value("private_key", ""), jwt->signed_part, jwt->signature))
      return answer_json(res, 400, oauth_error("invalid_grant", "Invalid JWT Signature."));
    const std::string audience = claims.value("aud", "");
    if (audience != token_uri() && audience != kGoogleTokenUri)
      return answer_json(res, 400, oauth_error("invalid_grant", "Invalid JWT: Failed audience check. The right audience is " + token_uri()));
    if (!claims.contains("iat") || !claims["iat"].is_number() || !claims.contains("exp") || !claims["exp"].is_number() || !timely(claims["iat"], claims["exp"]))
      return answer_json(res, 400, oauth_error("invalid_grant", "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. "
                                                                "Check your iat and exp values in the JWT claim."));
    if (claims.value("scope", "").empty())
      return answer_json(res, 400, oauth_error("invalid_scope", "Invalid OAuth scope or ID token audience provided."));
    answer_json(res, 200, token_answer("serviceAccount:" + issuer, "jwt-bearer"));
  }

  // Issued no later than a minute ahead (clock skew), not expired, at most an hour long.
  static bool timely(const json& iat, const json& exp) {
    const long long now = epoch_seconds(Clock::now()), issued_at = iat.get<long long>(), expires = exp.get<long long>();
    return issued_at <= now + 60 && expires > now && expires > issued_at && expires - issued_at <= 3600;
  }

  void refresh_grant(const httplib::Request& req, httplib::Response& res) {
    const json* user = authorized_user_by("client_id", req.get_param_value("client_id"));
    if (!user) return answer_json(res, 401, oauth_error("invalid_client", "The OAuth client was not found."));
    if (user->value("client_secret", "") != req.get_param_value("client_secret"))
      return answer_json(res, 401, oauth_error("invalid_client", "Unauthorized"));
    if (user->value("refresh_token", "") != req.get_param_value("refresh_token")) return answer_json(res, 400, oauth_error("invalid_grant", "Bad Request"));
    json answer = token_answer("user:" + user->value("email", ""), "refresh_token");
    std::vector<std::string> scopes;
    for (const auto& s : member(*user, "scopes", true)) scopes.push_back(s.get<std::string>());
    answer["scope"] = join(scopes, " ");
    answer_json(res, 200, answer);
  }

  // --- the metadata server ----------------------------------------------------------------

  void metadata_server(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Metadata-Flavor", "Google");  // clients check it to know they reached the real thing
    if (req.get_header_value("Metadata-Flavor") != "Google") {
      res.status = 403;
      return res.set_content("Your client does not have permission to get URL <code>" + req.path +
                                 "</code> from this server. Missing Metadata-Flavor:Google header.",
                             "text/html; charset=UTF-8");
    }
    const json& server = member(org, "metadataServer", false);
    const std::string email = server.value("serviceAccount", ""), project_id = server.value("projectId", "");
    auto text = [&](const std::string& body) {
      res.status = 200;
      res.set_content(body, "application/text");
    };
    if (req.path == "/" || req.path == "/computeMetadata/v1/") return text("computeMetadata/\n");
    const std::string prefix = "/computeMetadata/v1/instance/service-accounts/";
    if (req.path.rfind(prefix, 0) == 0 && !email.empty()) {
      const auto parts = path_segments(req.path.substr(prefix.size()));
      if (!parts.empty() && (parts[0] == "default" || parts[0] == email)) {
        std::vector<std::string> scopes;
        for (const auto& s : member(server, "scopes", true)) scopes.push_back(s.get<std::string>());
        if (parts.size() == 1)  // recursive=true is what clients ask for here
          return answer_json(res, 200, {{"aliases", json::array({"default"})}, {"email", email}, {"scopes", scopes}});
        if (parts.size() == 2 && parts[1] == "token") return answer_json(res, 200, token_answer("serviceAccount:" + email, "metadata"));
        if (parts.size() == 2 && parts[1] == "email") return text(email);
        if (parts.size() == 2 && parts[1] == "scopes") return text(join(scopes, "\n") + "\n");
      }
    }
    if (req.path == "/computeMetadata/v1/project/project-id") return text(project_id);
    if (const json* p = project(project_id); p && req.path == "/computeMetadata/v1/project/numeric-project-id") return text(p->value("projectNumber", ""));
    res.status = 404;
    res.set_content("Not Found", "text/html; charset=UTF-8");
  }

  // --- Security Token Service (workload identity federation) ------------------------------

  // The fixture's workload identity provider of an exchange's audience.
  const json* federation_provider(const std::string& audience) const {
    for (const auto& p : member(member(org, "credentials", false), "workloadIdentityProviders", true))
      if (p.value("audience", "") == audience) return &p;
    return nullptr;
  }

  // RFC 8693 token exchange as sts.googleapis.com answers it: an OIDC token checked against its
  // provider's key, issuer and audience, or an AWS GetCallerIdentity request whose SigV4
  // signature is checked with the fixture's copy of the caller's secret key (Google asks AWS);
  // the federated principal gets an access token.
  void sts_exchange(const httplib::Request& req, httplib::Response& res) {
    auto refuse = [&](const std::string& error, const std::string& why) { answer_json(res, 400, oauth_error(error, why)); };
    if (req.get_param_value("grant_type") != "urn:ietf:params:oauth:grant-type:token-exchange")
      return refuse("unsupported_grant_type", "Invalid grant_type: " + req.get_param_value("grant_type"));
    if (req.get_param_value("requested_token_type") != "urn:ietf:params:oauth:token-type:access_token")
      return refuse("invalid_request", "Invalid requested_token_type");
    const std::string audience = req.get_param_value("audience"), type = req.get_param_value("subject_token_type"),
                      subject_token = req.get_param_value("subject_token");
    const json* provider = federation_provider(audience);
    if (!provider) return refuse("invalid_target", "The target service indicated by the \"audience\" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn't exist.");
    std::string subject;
    if (provider->value("kind", "") == "aws") {
      if (type != "urn:ietf:params:aws:token-type:aws4_request") return refuse("invalid_request", "Invalid subject token type for an AWS provider: " + type);
      auto verified = verified_aws_caller(*provider, audience, subject_token);
      if (!verified.first) return refuse("invalid_grant", verified.second);
      subject = verified.second;
    } else {
      if (type != "urn:ietf:params:oauth:token-type:jwt" && type != "urn:ietf:params:oauth:token-type:id_token")
        return refuse("invalid_request", "Invalid subject token type for an OIDC provider: " + type);
      const auto jwt = decode_jwt(subject_token);
      if (!jwt || jwt->header.value("alg", "") != "RS256" || !rs256_verifies(provider->value("private_key", ""), jwt->signed_part, jwt->signature))
        return refuse("invalid_grant", "Invalid JWT signature.");
      const json& claims = jwt->claims;
      if (claims.value("iss", "") != provider->value("issuer", "")) return refuse("invalid_grant", "The issuer in ID Token " + claims.value("iss", "") + " does not match the expected ones.");
      if (claims.value("aud", "") != "https:" + audience) return refuse("invalid_grant", "The audience in ID Token does not match the expected audience.");
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
      if (!claims.contains("exp") || !claims["exp"].is_number() || claims["exp"].get<long long>() < now) return refuse("invalid_grant", "The ID Token has expired.");
      subject = claims.value("sub", "");
      if (subject.empty()) return refuse("invalid_grant", "The ID Token has no subject.");
    }
    const std::string pool = audience.substr(2, audience.rfind("/providers/") - 2);  // iam.googleapis.com/projects/N/locations/global/workloadIdentityPools/P
    json answer = token_answer("principal://" + pool + "/subject/" + subject, "sts");
    answer["issued_token_type"] = "urn:ietf:params:oauth:token-type:access_token";
    answer_json(res, 200, answer);
  }

  // {true, caller ARN} when the subject token is a GetCallerIdentity request signed by one of
  // the provider's AWS keys within 15 minutes and meant for `audience`; else {false, why}.
  static std::pair<bool, std::string> verified_aws_caller(const json& provider, const std::string& audience, const std::string& subject_token) {
    const json request = json::parse(cloud::uri_decode(subject_token), nullptr, false);
    if (!request.is_object() || !request.value("url", json()).is_string() || !request.value("headers", json()).is_array())
      return {false, "The subject token is not a serialized AWS request."};
    const std::string url = request["url"];
    if (request.value("method", "") != "POST" || url.find("Action=GetCallerIdentity") == std::string::npos)
      return {false, "The subject token is not a GetCallerIdentity request."};
    std::map<std::string, std::string> headers;
    for (const auto& h : request["headers"])
      if (h.is_object() && h.value("key", json()).is_string() && h.value("value", json()).is_string()) headers[to_lower(h["key"].get<std::string>())] = h["value"];
    if (headers["x-goog-cloud-target-resource"] != audience) return {false, "The AWS request was not signed for this audience."};
    static const std::regex credential(R"(Credential=([A-Z0-9]+)/\d{8}/([a-z0-9-]+)/sts/aws4_request)");
    std::smatch m;
    if (!std::regex_search(headers["authorization"], m, credential)) return {false, "The AWS request has no SigV4 Authorization header."};
    const std::string key_id = m[1], region = m[2];
    const json* key = nullptr;
    for (const auto& k : member(provider, "keys", true))
      if (k.value("accessKeyId", "") == key_id) key = &k;
    if (!key) return {false, "AWS says: The security token included in the request is invalid."};
    std::tm tm{};
    std::istringstream date(headers["x-amz-date"]);
    date >> std::get_time(&tm, "%Y%m%dT%H%M%SZ");
    if (date.fail()) return {false, "The AWS request has no X-Amz-Date."};
    const std::time_t signed_at = timegm(&tm);
    if (std::abs(std::difftime(std::time(nullptr), signed_at)) > 900) return {false, "AWS says: Signature expired."};
    cloud::HttpRequest again = cloud::request_to("POST", url);
    for (const auto& [name, value] : headers)
      if (name != "authorization" && name != "x-amz-date" && name != "x-amz-security-token") again.set_header(name, value);
    aws::SigningOptions signing;
    signing.region = region;
    signing.service = "sts";
    signing.time = signed_at;
    aws::sign(again, {key_id, key->value("secretAccessKey", ""), headers["x-amz-security-token"], std::nullopt}, signing);
    const std::string* expected = again.header("Authorization");
    if (!expected || *expected != headers["authorization"]) return {false, "AWS says: The request signature we calculated does not match the signature you provided."};
    return {true, key->value("arn", "")};
  }

  // --- IAM Credentials --------------------------------------------------------------------

  void generate_access_token(const httplib::Request& req, httplib::Response& res, const std::string& host, const std::string& path,
                             const std::string& target) {
    auto principal = authenticate(req, res, host, path);
    if (!principal) return;
    const json& allowed = member(member(org, "impersonation", false), target.c_str(), true);
    if (std::find(allowed.begin(), allowed.end(), *principal) == allowed.end()) {
      GoogleError e{403, "PERMISSION_DENIED", "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist)."};
      e.details = json::array({{{"@type", "type.googleapis.com/google.rpc.ErrorInfo"}, {"reason", "IAM_PERMISSION_DENIED"}, {"domain", "iam.googleapis.com"},
                                {"metadata", {{"permission", "iam.serviceAccounts.getAccessToken"}}}}});
      return answer_error(res, e);
    }
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("scope") || !body["scope"].is_array() || body["scope"].empty())
      return answer_error(res, {400, "INVALID_ARGUMENT", "Scope required."});
    std::chrono::seconds lifetime = options.token_lifetime;
    if (const std::string asked = body.value("lifetime", ""); !asked.empty()) {
      long long seconds = 0;
      auto [end, ec] = std::from_chars(asked.data(), asked.data() + asked.size(), seconds);
      if (ec != std::errc() || std::string(end, asked.data() + asked.size()) != "s" || seconds <= 0 || seconds > 3600)
        return answer_error(res, {400, "INVALID_ARGUMENT", "The lifetime must be a duration in seconds (\"3600s\"), at most 3600s; it was '" + asked + "'."});
      lifetime = std::min(lifetime, std::chrono::seconds(seconds));
    }
    const std::string token = issue("serviceAccount:" + target, "impersonation", lifetime);
    answer_json(res, 200, {{"accessToken", token}, {"expireTime", iso_utc(Clock::now() + lifetime)}});
  }

  // --- Discovery ----------------------------------------------------------------------------

  std::shared_ptr<const DiscoveryShelf> shelf() const { return discovery_shelf(options.discovery_dir, options.supplement_dir); }
  const std::map<std::string, DiscoveryDocument>& documents() const { return shelf()->documents; }

  // Whether the fake has Discovery documents; answers 503 saying why not.
  bool have_documents(httplib::Response& res) const {
    const auto documents = shelf();
    if (!documents->documents.empty()) return true;
    answer_error(res, {503, "UNAVAILABLE", "the Google Cloud fake has no Discovery documents in '" + options.discovery_dir + "': " + join(documents->problems, "; ")});
    return false;
  }

  void discovery(const httplib::Request& req, httplib::Response& res, const std::vector<std::string>& parts) {
    if (!have_documents(res)) return;
    // /discovery/v1/apis[/API/VERSION/rest]
    if (parts.size() == 3) return answer_json(res, 200, directory(req));
    if (parts.size() == 6 && parts[5] == "rest")
      if (auto it = documents().find(parts[3] + "/" + parts[4]); it != documents().end()) {
        res.status = 200;
        return res.set_content(it->second.text, "application/json; charset=UTF-8");
      }
    answer_json(res, 404, discovery_not_found());
  }

  json directory(const httplib::Request& req) const {
    const std::string wanted = req.get_param_value("name");
    const bool preferred_only = req.get_param_value("preferred") == "true";
    std::map<std::string, std::string> preferred;  // by API name
    for (const auto& [key, d] : documents())
      if (!preferred.count(d.name) || preferred_over(d.version, preferred[d.name])) preferred[d.name] = d.version;
    json items = json::array();
    for (const auto& [key, d] : documents()) {
      const bool is_preferred = preferred[d.name] == d.version;
      if ((!wanted.empty() && d.name != wanted) || (preferred_only && !is_preferred)) continue;
      items.push_back({{"kind", "discovery#directoryItem"}, {"id", d.name + ":" + d.version}, {"name", d.name}, {"version", d.version},
                       {"title", d.title}, {"description", d.description},
                       {"discoveryRestUrl", "https://www.googleapis.com/discovery/v1/apis/" + d.name + "/" + d.version + "/rest"},
                       {"icons", d.icons}, {"documentationLink", d.documentation_link}, {"preferred", is_preferred}});
    }
    json out = {{"kind", "discovery#directoryList"}, {"discoveryVersion", "v1"}};
    if (!items.empty()) out["items"] = items;
    return out;
  }

  // The API a request is for, as Service Usage names it ("sqladmin.googleapis.com").
  std::string service_of_request(const std::string& host, const std::string& path) const {
    if (host != kSharedHost) return host;
    const std::string first = path.substr(0, path.find('/'));
    for (const auto& [key, d] : documents())
      if (d.host == kSharedHost && d.service_path.substr(0, d.service_path.find('/')) == first) return service_of(d);
    return first + ".googleapis.com";
  }

  // The API's title ("Cloud SQL Admin API"), as its Discovery document gives it.
  std::string title_of(const std::string& service) const {
    for (const auto& [key, d] : documents())
      if (service_of(d) == service) return d.title;
    return service;
  }

  // --- the APIs -----------------------------------------------------------------------------

  // The principal of the request's live bearer token; else nothing, having answered 401.
  std::optional<std::string> authenticate(const httplib::Request& req, httplib::Response& res, const std::string& host, const std::string& path) {
    const std::string header = req.get_header_value("Authorization");
    const bool bearer = header.size() > 7 && to_lower(header.substr(0, 7)) == "bearer ";
    std::string reason;
    {
      std::lock_guard lock(mutex);
      auto it = bearer ? tokens.find(header.substr(7)) : tokens.end();
      if (it != tokens.end() && it->second.expires > Clock::now()) return it->second.principal;
      if (!bearer) reason = "CREDENTIALS_MISSING";
      else if (it != tokens.end()) reason = "ACCESS_TOKEN_EXPIRED";
    }
    GoogleError e{401, "UNAUTHENTICATED", bearer ? kBadCredentials : kMissingCredentials};
    if (!reason.empty())
      e.details = json::array({{{"@type", "type.googleapis.com/google.rpc.ErrorInfo"}, {"reason", reason}, {"domain", "googleapis.com"},
                                {"metadata", {{"service", service_of_request(host, path)}}}}});
    if (legacy_errors(host)) {
      e.legacy_reason = "authError";
      e.legacy_extra = {{"location", "Authorization"}, {"locationType", "header"}};
    }
    res.set_header("WWW-Authenticate", bearer ? "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"" : "Bearer realm=\"https://accounts.google.com/\"");
    answer_error(res, e);
    return std::nullopt;
  }

  // The path with projects/NUMBER read as projects/ID, as Google's APIs take either.
  std::string with_project_ids(const std::string& path) const {
    auto parts = path_segments(path);
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      if (parts[i] != "projects") continue;
      const std::string named = parts[i + 1].substr(0, parts[i + 1].find(':'));  // projects/P:getIamPolicy
      if (const json* p = project(named); p && p->value("projectNumber", "") == named) parts[i + 1].replace(0, named.size(), p->value("projectId", ""));
    }
    return join(parts, "/");
  }

  // A scope is the organization or a project: where a fixture path is looked up.
  std::vector<const json*> scopes() const {
    std::vector<const json*> out = {&organization()};
    for (const auto& p : projects()) out.push_back(&p);
    return out;
  }

  struct Located {
    const json* scope = nullptr;  // the organization or the project whose fixture holds it
    const json* entry = nullptr;  // the collection or singleton at the path, or the item's collection
    const json* item = nullptr;   // when the path names an item of a collection
  };

  // What the fixture holds at HOST/PATH: an entry at the path (its query carried), else a
  // collection's item the path names.
  Located locate(const std::string& host, const std::string& path, const httplib::Request& req) const {
    const auto wanted = path_segments(path);
    Located item_match;
    for (const json* scope : scopes()) {
      for (const auto& [key, entry] : member(member(*scope, "apis", false), host.c_str(), false).items()) {
        const FixturePath fixture = split_fixture_path(key);
        if (fixture.path == path && carries(req, fixture)) return {scope, &entry, nullptr};
        if (item_match.item || !entry.contains("items") || wanted.empty()) continue;
        if (!segments_match(path_segments(fixture.path), wanted, wanted.size() - 1)) continue;
        for (const auto& item : member(entry, "items", true))
          if (is_named(item, wanted.back(), entry.value("key", ""))) {
            item_match = {scope, &entry, &item};
            break;
          }
      }
    }
    return item_match;
  }

  // The answer the fixture gives a reading POST, and the scope that holds it.
  std::pair<const json*, const json*> reading_post(const std::string& host, const std::string& path) const {
    for (const json* scope : scopes()) {
      const json& posts = member(*scope, "posts", false);
      if (auto it = posts.find(host + "/" + path); it != posts.end()) return {scope, &*it};
    }
    return {nullptr, nullptr};
  }

  // Whom a request is about: the project its path or `project` parameter names, else the
  // project whose fixture holds it, else the organization. `unknown` names a project the
  // fixture does not have.
  struct Subject {
    const json* project = nullptr;  // null: the organization
    std::string unknown;
  };

  Subject subject_of(const std::string& path, const httplib::Request& req, const json* holder) const {
    std::string named;
    const auto parts = path_segments(path);
    for (std::size_t i = 0; i + 1 < parts.size() && named.empty(); ++i)
      if (parts[i] == "projects" && parts[i + 1] != "-" && parts[i + 1] != "_") named = parts[i + 1].substr(0, parts[i + 1].find(':'));
    if (named.empty()) named = req.get_param_value("project");
    if (named.empty()) return {holder && holder != &organization() ? holder : nullptr, ""};
    if (const json* p = project(named)) return {p, ""};
    return {nullptr, named};
  }

  static bool lists(const json& scope, const char* field, const std::string& value) {
    const json& values = member(scope, field, true);
    return std::find(values.begin(), values.end(), value) != values.end();
  }

  // 429 when the project (or the organization) spent its reads in this window; else counts the read.
  bool throttled(const std::string& budget_key) {
    if (!options.reads_per_window) return false;
    std::lock_guard lock(mutex);
    Budget& b = budgets[budget_key];
    const auto now = Clock::now();
    if (now - b.window_start >= options.window) b = {now, 0};
    if (b.reads >= options.reads_per_window) return true;
    ++b.reads;
    return false;
  }

  GoogleError service_disabled(const std::string& host, const std::string& service, const json& p) const {
    const std::string number = p.value("projectNumber", "");
    const std::string console = "https://console.developers.google.com/apis/api/" + service + "/overview?project=" + number;
    GoogleError e{403, "PERMISSION_DENIED",
                  title_of(service) + " has not been used in project " + number + " before or it is disabled. Enable it by visiting " + console +
                      " then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry."};
    if (legacy_errors(host)) {
      e.legacy_domain = "usageLimits";
      e.legacy_reason = "accessNotConfigured";
      e.legacy_extra = {{"extendedHelp", "https://console.developers.google.com"}};
    }
    e.details = json::array({{{"@type", "type.googleapis.com/google.rpc.Help"},
                              {"links", json::array({{{"description", "Google developers console API activation"}, {"url", console}}})}},
                             {{"@type", "type.googleapis.com/google.rpc.ErrorInfo"}, {"reason", "SERVICE_DISABLED"}, {"domain", "googleapis.com"},
                              {"metadata", {{"service", service}, {"consumer", "projects/" + number}}}}});
    return e;
  }

  GoogleError quota_exceeded(const std::string& host, const std::string& service, const std::string& number) const {
    GoogleError e{429, "RESOURCE_EXHAUSTED",
                  "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '" + service +
                      "' for consumer 'project_number:" + number + "'."};
    if (legacy_errors(host)) {
      e.legacy_domain = "usageLimits";
      e.legacy_reason = "rateLimitExceeded";
    }
    e.details = json::array({{{"@type", "type.googleapis.com/google.rpc.ErrorInfo"}, {"reason", "RATE_LIMIT_EXCEEDED"}, {"domain", "googleapis.com"},
                              {"metadata", {{"service", service}, {"consumer", "projects/" + number}, {"quota_metric", service + "/read_requests"},
                                            {"quota_limit", "ReadRequestsPerMinutePerProject"}, {"quota_limit_value", std::to_string(options.reads_per_window)},
                                            {"quota_location", "global"}}}},
                             {{"@type", "type.googleapis.com/google.rpc.Help"},
                              {"links", json::array({{{"description", "Request a higher quota limit."}, {"url", "https://cloud.google.com/docs/quotas/help/request_increase"}}})}}});
    return e;
  }

  static GoogleError permission_denied(const std::string& host) {
    GoogleError e{403, "PERMISSION_DENIED", kNoPermission};
    if (legacy_errors(host)) e.legacy_reason = "forbidden";
    return e;
  }

  static GoogleError not_found(const std::string& host, const std::string& path) {
    // Compute names the resource (from projects/ on); the others say it in general.
    const auto from = path.find("projects/");
    const std::string message = host == "compute.googleapis.com" && from != std::string::npos ? "The resource '" + path.substr(from) + "' was not found"
                                                                                              : "Requested entity was not found.";
    return {404, "NOT_FOUND", message, "global", "notFound"};
  }

  void api(const httplib::Request& req, httplib::Response& res, const std::string& host, const std::string& raw_path) {
    const std::string path = with_project_ids(raw_path);
    const bool get = req.method == "GET";
    const auto [post_scope, post_answer] = req.method == "POST" ? reading_post(host, path) : std::pair<const json*, const json*>{nullptr, nullptr};
    const bool write = !get && !post_answer;
    if (write) {
      std::lock_guard lock(mutex);
      writes.push_back(req.method + " " + req.path);  // even unauthenticated: the test sees every attempt
    }
    auto principal = authenticate(req, res, host, path);
    if (!principal) return;
    if (write) return answer_error(res, permission_denied(host));

    const Located found = get ? locate(host, path, req) : Located{post_scope, post_answer, nullptr};
    const Subject subject = subject_of(path, req, found.scope);
    if (!subject.unknown.empty()) return answer_error(res, permission_denied(host));
    const std::string service = service_of_request(host, path);
    // As Google's front end: is the API on, is there quota left; then the service's own IAM check.
    if (subject.project && lists(*subject.project, "disabledApis", service)) return answer_error(res, service_disabled(host, service, *subject.project));
    if (throttled(subject.project ? subject.project->value("projectId", "") : ""))
      return answer_error(res, quota_exceeded(host, service, subject.project ? subject.project->value("projectNumber", "") : "0"));
    const json& scope = subject.project ? *subject.project : organization();
    if (!lists(scope, "readers", *principal) && !open_to_everyone(host, path)) return answer_error(res, permission_denied(host));

    if (post_answer) return answer_json(res, 200, *post_answer);
    if (found.item) return answer_json(res, 200, *found.item);
    if (found.entry && found.entry->contains("object")) return answer_json(res, 200, (*found.entry)["object"]);
    if (found.entry) return list(req, res, host, path, *found.entry, *principal);
    if (aggregated(req, res, host, path)) return;
    answer_error(res, not_found(host, path));
  }

  // Resource Manager's project list answers everyone, with the projects each may see.
  static bool open_to_everyone(const std::string& host, const std::string& path) { return host == kResourceManager && path == "v1/projects"; }

  // --- lists --------------------------------------------------------------------------------

  struct Page {
    std::size_t begin = 0, end = 0;
    std::string next_token;  // "" on the last page
  };

  // The page of `total` items a request asks for (pageToken, maxResults or pageSize); nothing,
  // having answered 400, for a page token this fake did not give.
  std::optional<Page> page_of(const httplib::Request& req, httplib::Response& res, std::size_t total) const {
    std::size_t begin = 0;
    if (const std::string token = req.get_param_value("pageToken"); !token.empty()) {
      const auto decoded = base64_decode(token);
      const std::string prefix = "signet-fake-page:";
      if (!decoded || decoded->rfind(prefix, 0) != 0 ||
          std::from_chars(decoded->data() + prefix.size(), decoded->data() + decoded->size(), begin).ec != std::errc() || begin > total) {
        answer_error(res, {400, "INVALID_ARGUMENT", "Invalid value for field 'pageToken': '" + token + "'. Invalid page token.", "global", "invalid"});
        return std::nullopt;
      }
    }
    std::size_t size = std::max<std::size_t>(options.page_size, 1);
    for (const char* param : {"maxResults", "pageSize"}) {
      const std::string asked = req.get_param_value(param);
      std::size_t n = 0;
      if (!asked.empty() && std::from_chars(asked.data(), asked.data() + asked.size(), n).ec == std::errc() && n > 0) size = std::min(size, n);
    }
    Page page{begin, std::min(total, begin + size), ""};
    if (page.end < total) page.next_token = base64url_encode("signet-fake-page:" + std::to_string(page.end));
    return page;
  }

  // Whether Resource Manager lists `item` for this request: the organization source walks
  // down by these (v1 projects by parent, only those the principal may read; v2 folders by
  // parent). Other lists ignore their filters.
  bool listed(const std::string& host, const std::string& path, const json& item, const httplib::Request& req, const std::string& principal) const {
    if (host != kResourceManager) return true;
    if (path == "v2/folders") return item.value("parent", "") == req.get_param_value("parent");
    if (path != "v1/projects") return true;
    const json* p = project(item.value("projectId", ""));
    if (!p || !lists(*p, "readers", principal)) return false;
    // filter: space-separated terms KEY:VALUE (or KEY=VALUE), "AND" between them optional.
    std::string filter = req.get_param_value("filter");
    std::replace(filter.begin(), filter.end(), '\t', ' ');
    std::size_t start = 0;
    while (start < filter.size()) {
      std::size_t space = filter.find(' ', start);
      if (space == std::string::npos) space = filter.size();
      const std::string term = filter.substr(start, space - start);
      start = space + 1;
      if (term.empty() || to_lower(term) == "and") continue;
      const auto colon = term.find_first_of(":=");
      if (colon == std::string::npos) return false;
      std::string field = term.substr(0, colon), value = term.substr(colon + 1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      if (field == "id") field = "projectId";
      if (to_lower(text_of(field_at(item, field))) != to_lower(value)) return false;
    }
    return true;
  }

  void list(const httplib::Request& req, httplib::Response& res, const std::string& host, const std::string& path, const json& entry,
            const std::string& principal) {
    if (host == kResourceManager && path == "v2/folders" && req.get_param_value("parent").empty())
      return answer_error(res, {400, "INVALID_ARGUMENT", "Request contains an invalid argument."});
    std::vector<const json*> items;
    for (const auto& item : member(entry, "items", true))
      if (listed(host, path, item, req, principal)) items.push_back(&item);
    const auto page = page_of(req, res, items.size());
    if (!page) return;
    json out = entry.value("extra", json::object());
    json shown = json::array();
    for (std::size_t i = page->begin; i < page->end; ++i) shown.push_back(*items[i]);
    if (!shown.empty()) out[entry.value("field", "items")] = shown;  // Google leaves an empty list out
    if (!page->next_token.empty()) out["nextPageToken"] = page->next_token;
    answer_json(res, 200, out);
  }

  // Compute's aggregatedList (.../projects/P/aggregated/COLL): the project's collections
  // .../projects/P/zones/Z/COLL, .../regions/R/COLL and .../global/COLL, keyed by scope and
  // paged by items. False when the path is not one, or the fixture has no such collection.
  bool aggregated(const httplib::Request& req, httplib::Response& res, const std::string& host, const std::string& path) {
    const auto parts = path_segments(path);
    if (parts.size() < 4 || parts[parts.size() - 4] != "projects" || parts[parts.size() - 2] != "aggregated") return false;
    const json* p = project(parts[parts.size() - 3]);
    if (!p) return false;
    const std::string collection = parts.back(), project_id = p->value("projectId", "");
    const std::string prefix = join(std::vector<std::string>(parts.begin(), parts.end() - 4), "/") + "/projects/" + project_id + "/";
    std::map<std::string, const json*> by_scope;  // "zones/us-central1-a", "regions/us-central1", "global"
    for (const auto& [key, entry] : member(member(*p, "apis", false), host.c_str(), false).items()) {
      if (key.rfind(prefix, 0) != 0 || !entry.contains("items")) continue;
      const auto rest = path_segments(key.substr(prefix.size()));
      const bool zonal_or_regional = rest.size() == 3 && (rest[0] == "zones" || rest[0] == "regions") && rest[2] == collection;
      if (zonal_or_regional) by_scope[rest[0] + "/" + rest[1]] = &entry;
      if (rest.size() == 2 && rest[0] == "global" && rest[1] == collection) by_scope["global"] = &entry;
    }
    if (by_scope.empty()) return false;
    std::vector<std::pair<std::string, const json*>> items;
    for (const auto& [scope, entry] : by_scope)
      for (const auto& item : member(*entry, "items", true)) items.emplace_back(scope, &item);
    const auto page = page_of(req, res, items.size());
    if (!page) return true;
    std::map<std::string, json> shown;
    for (std::size_t i = page->begin; i < page->end; ++i) shown[items[i].first].push_back(*items[i].second);
    json scoped = json::object();
    for (const auto& [scope, entry] : by_scope) {
      if (shown.count(scope)) scoped[scope] = {{collection, shown[scope]}};
      else
        scoped[scope] = {{"warning", {{"code", "NO_RESULTS_ON_PAGE"}, {"message", "There are no results for scope '" + scope + "' on this page."},
                                      {"data", json::array({{{"key", "scope"}, {"value", scope}}})}}}};
    }
    const std::string id = "projects/" + project_id + "/aggregated/" + collection;
    json out = {{"id", id}, {"items", scoped}, {"selfLink", "https://www.googleapis.com/" + prefix + "aggregated/" + collection}};
    // compute#instanceList -> compute#instanceAggregatedList
    if (std::string kind = text_of(field_at(*by_scope.begin()->second, "extra.kind")); ends_with(kind, "List"))
      out["kind"] = kind.substr(0, kind.size() - 4) + "AggregatedList";
    if (!page->next_token.empty()) out["nextPageToken"] = page->next_token;
    answer_json(res, 200, out);
    return true;
  }

  // --- routing ------------------------------------------------------------------------------

  void handle(const httplib::Request& req, httplib::Response& res) {
    if (req.path == "/" || req.path.rfind("/computeMetadata/", 0) == 0) return metadata_server(req, res);
    const auto parts = path_segments(req.path);
    if (parts.empty()) return answer_error(res, not_found("", req.path));
    const std::string& host = parts[0];
    const std::string path = req.path.size() > host.size() + 2 ? req.path.substr(host.size() + 2) : "";
    if (host == "oauth2.googleapis.com" && path == "token" && req.method == "POST") return token_endpoint(req, res);
    if (host == "sts.googleapis.com" && path == "v1/token" && req.method == "POST") return sts_exchange(req, res);
    if (host == kSharedHost && parts.size() >= 4 && parts[1] == "discovery" && parts[2] == "v1" && parts[3] == "apis" && req.method == "GET")
      return discovery(req, res, std::vector<std::string>(parts.begin() + 1, parts.end()));
    const std::string impersonation = ":generateAccessToken";
    if (host == "iamcredentials.googleapis.com" && req.method == "POST" && ends_with(path, impersonation)) {
      const std::string account = path.substr(path.rfind('/') + 1);
      return generate_access_token(req, res, host, path, account.substr(0, account.size() - impersonation.size()));
    }
    api(req, res, host, path);
  }

  void route(const httplib::Request& req, httplib::Response& res) {
    handle(req, res);
    std::lock_guard lock(mutex);
    log.push_back(req.method + " " + req.target + " " + std::to_string(res.status));  // the target as sent: a form's secrets stay out
  }
};

namespace {

// "@now-30d", "@now+12h": a time relative to when the fake starts, as Google writes times
// ("2026-12-04T10:00:00Z"), so that what a fixture says of a key's or a rotation's age holds
// whatever the day the tests run.
void resolve_relative_times(json& value, Clock::time_point now) {
  if (value.is_structured()) {
    for (auto& element : value) resolve_relative_times(element, now);
    return;
  }
  if (!value.is_string()) return;
  static const std::regex kRelative("^@now([+-][0-9]{1,6})([dh])$");
  std::smatch m;
  const std::string text = value.get<std::string>();
  if (!std::regex_match(text, m, kRelative)) return;
  const long amount = std::stol(m[1].str());
  value = iso_utc(now + (m[2] == "d" ? std::chrono::hours(24 * amount) : std::chrono::hours(amount)));
}

json with_times_resolved(json org) {
  resolve_relative_times(org, Clock::now());
  return org;
}

}  // namespace

GcpFake::GcpFake(json org, GcpFakeOptions options)
    : org_(with_times_resolved(std::move(org))), impl_(std::make_unique<Impl>(org_, std::move(options))) {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) { impl_->route(req, res); };
  impl_->http.server.Get(".*", handler);
  impl_->http.server.Post(".*", handler);
  impl_->http.server.Put(".*", handler);
  impl_->http.server.Patch(".*", handler);
  impl_->http.server.Delete(".*", handler);
  impl_->http.start();
}

GcpFake::~GcpFake() = default;

std::string GcpFake::url() const { return impl_->url(); }
std::string GcpFake::metadata_host() const { return "127.0.0.1:" + std::to_string(impl_->http.port); }
std::string GcpFake::token_uri() const { return impl_->token_uri(); }

std::vector<std::string> GcpFake::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->log;
}

std::vector<std::string> GcpFake::writes() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->writes;
}

std::map<std::string, int> GcpFake::tokens_issued() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->issued;
}

namespace {

[[noreturn]] void no_such(const char* what, const std::string& asked, const json& known, const char* field) {
  std::vector<std::string> names;
  for (const auto& k : known) names.push_back(k.value(field, ""));
  throw std::invalid_argument(std::string("the Google Cloud fixture has no ") + what + " '" + asked + "' (it has: " + join(names, ", ") + ")");
}

void write_credentials(const json& content, const std::filesystem::path& file) {
  {
    std::ofstream out(file, std::ios::trunc);
    if (!out || !(out << content.dump(2) << "\n")) throw std::runtime_error("cannot write the credentials file " + file.string() + ": " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::permissions(file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
  if (ec) throw std::runtime_error("cannot make the credentials file " + file.string() + " owner-only: " + ec.message());
}

}  // namespace

json GcpFake::service_account_key(const std::string& client_email) const {
  const json* a = impl_->service_account(client_email);
  if (!a) no_such("service account key of", client_email, member(member(org_, "credentials", false), "serviceAccounts", true), "client_email");
  std::string escaped = client_email;
  if (auto at = escaped.find('@'); at != std::string::npos) escaped.replace(at, 1, "%40");
  return {{"type", "service_account"}, {"project_id", a->value("project_id", "")}, {"private_key_id", a->value("private_key_id", "")},
          {"private_key", a->value("private_key", "")}, {"client_email", client_email}, {"client_id", a->value("client_id", "")},
          {"auth_uri", "https://accounts.google.com/o/oauth2/auth"}, {"token_uri", token_uri()},
          {"auth_provider_x509_cert_url", "https://www.googleapis.com/oauth2/v1/certs"},
          {"client_x509_cert_url", "https://www.googleapis.com/robot/v1/metadata/x509/" + escaped}, {"universe_domain", "googleapis.com"}};
}

json GcpFake::authorized_user(const std::string& email) const {
  const json* u = impl_->authorized_user_by("email", email);
  if (!u) no_such("authorized user", email, member(member(org_, "credentials", false), "authorizedUsers", true), "email");
  json file = {{"account", ""}, {"client_id", u->value("client_id", "")}, {"client_secret", u->value("client_secret", "")},
               {"refresh_token", u->value("refresh_token", "")}, {"type", "authorized_user"}, {"universe_domain", "googleapis.com"}};
  if (u->contains("quota_project_id")) file["quota_project_id"] = (*u)["quota_project_id"];
  return file;
}

void GcpFake::write_service_account_key(const std::string& client_email, const std::filesystem::path& file) const {
  write_credentials(service_account_key(client_email), file);
}

void GcpFake::write_authorized_user(const std::string& email, const std::filesystem::path& file) const { write_credentials(authorized_user(email), file); }

const json& gcp_test_org() {
  // SIGNET_GCP_ORG_FILE: a fixture being edited, read instead of the embedded one (so its
  // tests run without a build).
  static const json org = [] {
    const char* file = std::getenv("SIGNET_GCP_ORG_FILE");
    if (!file || !*file) return json::parse(signet_gcp_org);
    std::ifstream in(file);
    if (!in) throw std::runtime_error(std::string("SIGNET_GCP_ORG_FILE: cannot read ") + file);
    return json::parse(in);
  }();
  return org;
}

}  // namespace signet::emulator
