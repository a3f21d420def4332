// The REST API over a real socket: sign-in, roles, CSRF, errors by field, signatures, Test
// runs streamed as server-sent events and scans, against moto.
#include "server/server.h"

#include <gtest/gtest.h>

#include "aws/scope/aws_scope.h"

#include <set>
#include <httplib.h>

#include <filesystem>
#include <regex>
#include <thread>

#include "builtins/builtins.h"
#include "emulator/moto_server.h"
#include "server/auth.h"
#include "testing/local_http_server.h"
#include "testing/local_smtp_sink.h"

using namespace signet;
using nlohmann::json;

namespace {

const std::string kPassword = "correct horse battery";

struct TempDb {
  std::string path = (std::filesystem::temp_directory_path() / ("signet-server-" + std::to_string(getpid()) + "-" +
                                                                 std::to_string(std::rand()) + ".db")).string();
  ~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

struct Answer {
  int status = 0;
  json body;
  std::string text;
  httplib::Headers headers;
};

// A browser-like client: keeps the session cookie, sends the CSRF token on changes.
struct Client {
  int port;
  std::string cookie, csrf;
  std::string origin;  // sent as Origin when set

  Answer send(const std::string& method, const std::string& path, const json& body = nullptr, httplib::Headers extra = {}) {
    httplib::Client http("127.0.0.1", port);
    http.set_read_timeout(120, 0);
    httplib::Headers headers = std::move(extra);
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    if (!csrf.empty() && method != "GET") headers.emplace("X-CSRF-Token", csrf);
    if (!origin.empty()) headers.emplace("Origin", origin);
    std::string payload = body.is_null() ? "" : body.dump();
    httplib::Result r = method == "GET"      ? http.Get(path, headers)
                        : method == "POST"   ? http.Post(path, headers, payload, "application/json")
                        : method == "PUT"    ? http.Put(path, headers, payload, "application/json")
                                             : http.Delete(path, headers, payload, "application/json");
    Answer a;
    if (!r) {
      a.status = -1;
      return a;
    }
    a.status = r->status;
    a.text = r->body;
    a.headers = r->headers;
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }

  Answer sign_in(const std::string& user, const std::string& password) {
    auto a = send("POST", "/api/session", {{"username", user}, {"password", password}});
    if (a.status == 200) {
      auto set_cookie = a.headers.find("Set-Cookie")->second;
      cookie = set_cookie.substr(0, set_cookie.find(';'));
      csrf = a.body["csrfToken"];
    }
    return a;
  }
};

// The message an error answer gives for one field ("" when it names none).
std::string field(const Answer& a, const char* name) {
  return a.body["error"]["fields"].contains(name) ? a.body["error"]["fields"][name].get<std::string>() : std::string();
}
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct ServerUnderTest {
  TempDb db;
  std::unique_ptr<store::Store> store = store::open_sqlite(db.path);
  std::unique_ptr<server::Server> server;
  std::thread thread;

  explicit ServerUnderTest(std::function<std::unique_ptr<provider::Scope>(io::EventLoop&, const accounts::Target&)> make_scope = {},
                           std::function<void(server::ServerOptions&)> adjust = {}) {
    builtins::install(*store);
    server::ServerOptions options;
    options.port = 0;
    options.max_body_bytes = 1u << 20;
    options.default_regions = {"us-east-1"};
    options.engine.limits.workers = 1;
    options.engine.make_scope = make_scope ? make_scope : [](io::EventLoop&, const accounts::Target&) -> std::unique_ptr<provider::Scope> {
      throw std::runtime_error("no AWS account in this test");
    };
    options.secrets = std::make_shared<notify::SecretBox>(std::string(32, 's'));
    options.delivery.first_backoff = std::chrono::milliseconds(20);
    options.schedule_tick = std::chrono::milliseconds(100);
    if (adjust) adjust(options);
    server = std::make_unique<server::Server>(*store, options);
    server->bind();
    thread = std::thread([this] { server->run(); });
  }
  ~ServerUnderTest() {
    server->stop();
    thread.join();
  }
  Client client() const { return {server->port(), "", "", ""}; }

  void add_user(const std::string& name, const std::string& role) { store->add_user({name, role, server::hash_password(kPassword), ""}); }
  Client signed_in(const std::string& name, const std::string& role) {
    add_user(name, role);
    Client c = client();
    EXPECT_EQ(c.sign_in(name, kPassword).status, 200);
    return c;
  }
};

// A path that matches a route's pattern: each group gets a plausible value.
std::string sample_path(const std::string& pattern) {
  std::string path = std::regex_replace(pattern, std::regex(R"(\(\\d\+\))"), "1");
  return std::regex_replace(path, std::regex(R"(\([^)]*\))"), "CUSTOM-0001");
}

json custom_signature() {
  return {{"description", "Ensure MFA is enabled for all IAM users that have a password"},
          {"provider", "aws"},
          {"service", "IAM"},
          {"resourceType", "user"},
          {"riskLevel", "High"},
          {"passMessage", "MFA is enabled"},
          {"failMessage", "MFA is not enabled"},
          {"remediationSteps", "1. Sign in\n2. Enable MFA"},
          {"compliance", {"CIS-AWS-3.0:1.10"}},
          {"code", "module.exports = async (apiCaller, resource) => ({ statusSig: true });"}};
}

}  // namespace

TEST(Server, EveryApiRouteAnswers401WithoutASession) {
  ServerUnderTest s;
  auto c = s.client();
  std::size_t checked = 0;
  for (const auto& route : s.server->routes()) {
    if (!route.needs_sign_in) continue;
    auto a = c.send(route.method, sample_path(route.pattern), json::object());
    EXPECT_EQ(a.status, 401) << route.method << " " << route.pattern;
    EXPECT_EQ(a.body["error"]["code"], "unauthenticated") << route.method << " " << route.pattern;
    ++checked;
  }
  EXPECT_GE(checked, 25u);
  EXPECT_EQ(c.send("GET", "/api/no-such-thing").status, 401) << "unknown API paths say nothing to strangers";
  // A forged cookie or token is no session either.
  c.cookie = "signet_session=forged";
  EXPECT_EQ(c.send("GET", "/api/signatures").status, 401);
  EXPECT_EQ(c.send("GET", "/api/signatures", nullptr, {{"Authorization", "Bearer sgt_0000"}}).status, 401);
}

TEST(Server, TheOpenApiDocumentDescribesEveryRoute) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  auto doc = c.send("GET", "/api/openapi.json").body;
  ASSERT_TRUE(doc.contains("paths"));
  std::set<std::string> documented;
  for (const auto& [path, methods] : doc["paths"].items())
    for (const auto& [method, op] : methods.items()) {
      std::string upper = method;
      for (auto& ch : upper) ch = static_cast<char>(std::toupper(ch));
      // {id} and friends become a sample value, which must match exactly one route's pattern.
      std::string concrete = std::regex_replace(path, std::regex(R"(\{id\})"), path.find("/api/signatures/") == 0 ? "CUSTOM-0001" : "1");
      concrete = std::regex_replace(concrete, std::regex(R"(\{[a-z]+\})"), "iam");
      int matches = 0;
      for (const auto& route : s.server->routes())
        if (route.method == upper && std::regex_match(concrete, std::regex(route.pattern))) {
          ++matches;
          EXPECT_EQ(op["x-signet-role"], route.needs_sign_in ? route.role : "public") << upper << " " << path;
        }
      EXPECT_GE(matches, 1) << upper << " " << path << " is documented but not served";
      documented.insert(upper + " " + path);
    }
  EXPECT_EQ(documented.size(), s.server->routes().size()) << "every served route is documented, once";
}

TEST(Server, FirstAdminComesFromTheOneTimeSetupToken) {
  TempDb db;
  auto store = store::open_sqlite(db.path);
  server::ServerOptions options;
  options.port = 0;
  options.secrets = std::make_shared<notify::SecretBox>(std::string(32, 's'));
  server::Server server(*store, options);
  server.bind();
  std::thread t([&] { server.run(); });
  Client c{server.port(), "", "", ""};
  std::string token = server.setup_token();
  ASSERT_EQ(token.size(), 32u);
  EXPECT_EQ(c.send("GET", "/api/setup").body["needed"], true);
  auto wrong = c.send("POST", "/api/setup", {{"token", "nope"}, {"username", "ada"}, {"password", kPassword}});
  EXPECT_EQ(wrong.status, 403);
  auto weak = c.send("POST", "/api/setup", {{"token", token}, {"username", "ada"}, {"password", "short"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_TRUE(weak.body["error"]["fields"].contains("password"));
  EXPECT_EQ(c.send("POST", "/api/setup", {{"token", token}, {"username", "ada"}, {"password", kPassword}}).status, 201);
  EXPECT_EQ(store->user("ada")->role, "admin");
  EXPECT_EQ(store->user("ada")->password_hash.rfind("$argon2id$", 0), 0u) << "argon2id, never the password";
  EXPECT_EQ(c.send("POST", "/api/setup", {{"token", token}, {"username", "eve"}, {"password", kPassword}}).status, 409);
  EXPECT_EQ(server.setup_token(), "");
  EXPECT_EQ(c.sign_in("ada", kPassword).status, 200);
  server.stop();
  t.join();
}

TEST(Server, SessionCookieIsHttpOnlyStrictAndSignOutEndsIt) {
  ServerUnderTest s;
  s.add_user("ada", "admin");
  auto c = s.client();
  auto a = c.sign_in("ada", kPassword);
  ASSERT_EQ(a.status, 200);
  auto cookie = a.headers.find("Set-Cookie")->second;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(c.send("GET", "/api/session").body["user"], "ada");
  EXPECT_EQ(c.send("DELETE", "/api/session").status, 200);
  EXPECT_EQ(c.send("GET", "/api/session").status, 401);
  EXPECT_EQ(c.sign_in("ada", "wrong password!").status, 401);
  EXPECT_EQ(c.sign_in("nobody", kPassword).status, 401);
}

TEST(Server, UsersChangeTheirOwnPasswordAndOtherSessionsEnd) {
  ServerUnderTest s;
  auto here = s.signed_in("ada", "viewer");
  Client elsewhere = s.client();
  ASSERT_EQ(elsewhere.sign_in("ada", kPassword).status, 200);
  auto wrong = here.send("POST", "/api/session/password", {{"currentPassword", "not it at all"}, {"newPassword", "a brand new password"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(wrong.body["error"]["fields"].contains("currentPassword"));
  EXPECT_EQ(here.send("POST", "/api/session/password", {{"currentPassword", kPassword}, {"newPassword", "short"}}).status, 422);
  auto changed = here.send("POST", "/api/session/password", {{"currentPassword", kPassword}, {"newPassword", "a brand new password"}});
  ASSERT_EQ(changed.status, 200);
  auto set_cookie = changed.headers.find("Set-Cookie")->second;
  here.cookie = set_cookie.substr(0, set_cookie.find(';'));
  here.csrf = changed.body["csrfToken"];
  EXPECT_EQ(here.send("GET", "/api/session").status, 200) << "this session goes on";
  EXPECT_EQ(elsewhere.send("GET", "/api/session").status, 401) << "the others end";
  EXPECT_EQ(s.client().sign_in("ada", kPassword).status, 401);
  EXPECT_EQ(s.client().sign_in("ada", "a brand new password").status, 200);
}

TEST(Server, SignInAttemptsAreRateLimited) {
  ServerUnderTest s;
  s.add_user("ada", "admin");
  auto c = s.client();
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.sign_in("ada", "wrong password " + std::to_string(i)).status, 401);
  auto limited = c.sign_in("ada", kPassword);
  EXPECT_EQ(limited.status, 429) << "even the right password waits once the limit is reached";
  EXPECT_EQ(limited.body["error"]["code"], "too_many_attempts");
  EXPECT_GT(std::stoi(limited.headers.find("Retry-After")->second), 0);
}

TEST(Server, CrossSiteChangesAreRefused) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  // The session's own token, from the console's own origin: allowed.
  c.origin = "http://127.0.0.1:" + std::to_string(s.server->port());
  EXPECT_EQ(c.send("POST", "/api/signatures", custom_signature()).status, 201);
  // Another site posting with the victim's cookie: refused, token or not.
  Client forged = c;
  forged.origin = "http://evil.example";
  auto a = forged.send("POST", "/api/signatures", custom_signature());
  EXPECT_EQ(a.status, 403);
  EXPECT_EQ(a.body["error"]["code"], "cross_site");
  EXPECT_EQ(c.send("POST", "/api/signatures", custom_signature(), {{"Sec-Fetch-Site", "cross-site"}}).status, 403);
  // The cookie alone (a form post, no header): refused.
  Client no_token = c;
  no_token.csrf.clear();
  no_token.origin.clear();
  auto b = no_token.send("DELETE", "/api/signatures/CUSTOM-0001");
  EXPECT_EQ(b.status, 403);
  EXPECT_EQ(b.body["error"]["code"], "csrf");
  // A cross-site sign-in (login CSRF) is refused too.
  Client stranger = s.client();
  stranger.origin = "http://evil.example";
  EXPECT_EQ(stranger.sign_in("ada", kPassword).status, 403);
  EXPECT_EQ(s.store->signatures().back().metadata.id, "CUSTOM-0001") << "nothing was deleted";
}

TEST(Server, RolesLimitWhatEachUserMayDo) {
  ServerUnderTest s;
  auto viewer = s.signed_in("vic", "viewer");
  auto editor = s.signed_in("eddie", "editor");
  EXPECT_EQ(viewer.send("GET", "/api/signatures").status, 200);
  auto refused = viewer.send("POST", "/api/signatures", custom_signature());
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body["error"]["code"], "forbidden");
  EXPECT_EQ(viewer.send("POST", "/api/scans", json::object()).status, 403);
  EXPECT_EQ(viewer.send("POST", "/api/tests", {{"code", "x"}, {"metadata", custom_signature()}}).status, 403);
  EXPECT_EQ(editor.send("POST", "/api/signatures", custom_signature()).status, 201);
  EXPECT_EQ(editor.send("GET", "/api/users").status, 403);
  EXPECT_EQ(editor.send("PUT", "/api/settings", {{"regions", {"eu-west-1"}}}).status, 403);
  EXPECT_EQ(viewer.send("PUT", "/api/signatures/CUSTOM-0001", custom_signature()).status, 403);
  EXPECT_EQ(viewer.send("DELETE", "/api/signatures/CUSTOM-0001").status, 403);
  // An admin changes a role; it takes effect on the next request.
  auto admin = s.signed_in("ada", "admin");
  EXPECT_EQ(admin.send("PUT", "/api/users/vic", {{"role", "root"}}).status, 422);
  EXPECT_EQ(admin.send("PUT", "/api/users/ada", {{"role", "viewer"}}).status, 422) << "not your own role";
  EXPECT_EQ(admin.send("PUT", "/api/users/vic", {{"role", "editor"}}).body["role"], "editor");
  EXPECT_EQ(viewer.send("POST", "/api/signatures/CUSTOM-0001/disable").status, 200);
  // A new password ends the user's sessions.
  EXPECT_EQ(admin.send("PUT", "/api/users/vic", {{"password", "another long password"}}).status, 200);
  EXPECT_EQ(viewer.send("GET", "/api/session").status, 401);
  EXPECT_EQ(viewer.sign_in("vic", "another long password").status, 200);
}

TEST(Server, ApiTokensWorkWithoutCookiesAndStopWhenRevoked) {
  ServerUnderTest s;
  auto admin = s.signed_in("ada", "admin");
  auto created = admin.send("POST", "/api/tokens", {{"name", "ci"}});
  ASSERT_EQ(created.status, 201);
  std::string token = created.body["token"];
  EXPECT_EQ(token.rfind("sgt_", 0), 0u);
  Client ci = s.client();
  httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(ci.send("GET", "/api/signatures", nullptr, bearer).status, 200);
  EXPECT_EQ(ci.send("POST", "/api/signatures", custom_signature(), bearer).status, 201) << "no CSRF token: no browser sends it";
  auto listed = admin.send("GET", "/api/tokens").body["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0].contains("token")) << "a token is shown once";
  EXPECT_EQ(admin.send("DELETE", "/api/tokens/" + std::to_string(listed[0]["id"].get<int>())).status, 200);
  EXPECT_EQ(ci.send("GET", "/api/signatures", nullptr, bearer).status, 401);
}

TEST(Server, InvalidSignaturesAreRefusedFieldByFieldAndNothingIsSaved) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  std::size_t before = s.store->signatures().size();
  json bad = custom_signature();
  bad.erase("description");
  bad["riskLevel"] = "Critical";
  bad["service"] = "NoSuchService";
  bad["compliance"] = {"not a tag"};
  auto a = c.send("POST", "/api/signatures", bad);
  EXPECT_EQ(a.status, 422);
  auto fields = a.body["error"]["fields"];
  for (const char* f : {"description", "riskLevel", "service", "compliance"}) EXPECT_TRUE(fields.contains(f)) << f << " in " << fields.dump();
  json broken = custom_signature();
  broken["code"] = "module.exports = function (apiCaller, resource) {\n  return { statusSig: true ;\n};\n";
  auto b = c.send("POST", "/api/signatures", broken);
  EXPECT_EQ(b.status, 422);
  EXPECT_NE(b.body["error"]["fields"]["code"].get<std::string>().find("(signature.js:2:"), std::string::npos) << b.text;
  json wrong_type = custom_signature();
  wrong_type["resourceType"] = "bucket";
  EXPECT_TRUE(c.send("POST", "/api/signatures", wrong_type).body["error"]["fields"].contains("resourceType"));
  EXPECT_EQ(c.send("POST", "/api/signatures", json::array()).status, 400);
  httplib::Client raw("127.0.0.1", s.server->port());
  auto not_json = raw.Post("/api/signatures", {{"Cookie", c.cookie}, {"X-CSRF-Token", c.csrf}}, "{nope", "application/json");
  EXPECT_EQ(not_json->status, 400);
  EXPECT_EQ(s.store->signatures().size(), before);
  EXPECT_EQ(c.send("POST", "/api/signatures/validate", custom_signature()).body["valid"], true);
}

TEST(Server, BodiesLargerThanTheLimitAreRefused) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  json big = custom_signature();
  big["pageDetail"] = std::string(2u << 20, 'x');
  auto a = c.send("POST", "/api/signatures", big);
  EXPECT_EQ(a.status, 413);
  EXPECT_EQ(a.body["error"]["code"], "too_large");
}

TEST(Server, QuotesMarkupAndSqlMetacharactersAreStoredAndReturnedVerbatim) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  json sig = custom_signature();
  sig["description"] = "Robert'); DROP TABLE signatures;-- \"quoted\" <script>alert(1)</script> %_\\";
  sig["failMessage"] = "<img src=x onerror=alert(1)> ' OR 1=1 --";
  auto created = c.send("POST", "/api/signatures", sig);
  ASSERT_EQ(created.status, 201) << created.text;
  auto id = created.body["id"].get<std::string>();
  auto read = c.send("GET", "/api/signatures/" + id).body;
  EXPECT_EQ(read["description"], sig["description"]);
  EXPECT_EQ(read["failMessage"], sig["failMessage"]);
  EXPECT_EQ(c.send("GET", "/api/signatures").body["total"], s.store->signatures().size()) << "the table is still there";
  // Paged by id, filtered in any case; last results and code only when asked.
  auto custom = c.send("GET", "/api/signatures?builtin=0").body;
  ASSERT_EQ(custom["total"], 1);
  EXPECT_EQ(custom["items"][0]["id"], id);
  EXPECT_FALSE(custom["items"][0].contains("code"));
  auto iam = c.send("GET", "/api/signatures?builtin=1&q=iam&limit=5&offset=2").body;
  EXPECT_GT(iam["total"].get<std::size_t>(), 7u);
  ASSERT_EQ(iam["items"].size(), 5u);
  EXPECT_EQ(iam["offset"], 2);
  for (const auto& item : iam["items"]) EXPECT_TRUE(item["builtin"].get<bool>()) << item.dump();
  EXPECT_LT(iam["items"][0]["id"].get<std::string>(), iam["items"][1]["id"].get<std::string>());
  auto buckets = c.send("GET", "/api/signatures?service=s3&limit=1").body;
  EXPECT_GT(buckets["total"].get<int>(), 1);
  EXPECT_EQ(buckets["items"][0]["service"], "S3");
  EXPECT_EQ(c.send("GET", "/api/signatures?service=S3").body["total"], buckets["total"]);
  EXPECT_EQ(c.send("GET", "/api/signatures?builtin=maybe").status, 422);
  EXPECT_EQ(c.send("GET", "/api/signatures?limit=-1").status, 422);
  auto exported = c.send("GET", "/api/signatures/export?custom=1").body["signatures"];
  ASSERT_EQ(exported.size(), 1u);
  // Export and import round-trip the same texts.
  EXPECT_EQ(c.send("DELETE", "/api/signatures/" + id).status, 200);
  auto imported = c.send("POST", "/api/signatures/import", {{"signatures", exported}});
  ASSERT_EQ(imported.status, 200) << imported.text;
  EXPECT_EQ(c.send("GET", "/api/signatures/" + id).body["description"], sig["description"]);
}

TEST(Server, BuiltInSignaturesCanBeDisabledButNotChangedOrDeleted) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  auto builtin = s.store->signatures().front();
  ASSERT_TRUE(builtin.builtin);
  std::string path = "/api/signatures/" + builtin.metadata.id;
  EXPECT_EQ(c.send("PUT", path, custom_signature()).status, 409);
  EXPECT_EQ(c.send("DELETE", path).status, 409);
  EXPECT_EQ(c.send("POST", path + "/disable").body["enabled"], false);
  EXPECT_FALSE(s.store->signature(builtin.metadata.id)->metadata.enabled);
  EXPECT_EQ(c.send("GET", "/api/signatures/NOPE-1").status, 404);
}

TEST(Server, EditorCompletionsComeFromTheModels) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "viewer");
  auto services = c.send("GET", "/api/aws/services").body["services"];
  EXPECT_GT(services.size(), 300u);
  auto iam = c.send("GET", "/api/aws/services/IAM").body;
  bool list_mfa = false, create_user = false;
  for (const auto& op : iam["operations"]) {
    if (op["name"] == "listMFADevices") {
      list_mfa = true;
      EXPECT_EQ(op["paginated"], true);
      bool user_name = false;
      for (const auto& p : op["params"]) user_name |= p["name"] == "UserName" && p["type"] == "string";
      EXPECT_TRUE(user_name) << op.dump();
    }
    create_user |= op["name"] == "createUser";
    if (op["name"] == "getUser") {
      EXPECT_EQ(op["params"].size(), 1u);
    }
    if (op["name"] == "getRole") {
      EXPECT_EQ(op["params"][0]["required"], true) << "required parameters come first";
    }
  }
  EXPECT_TRUE(list_mfa);
  EXPECT_FALSE(create_user) << "only operations a signature may call are offered";
  EXPECT_EQ(c.send("GET", "/api/aws/services/nosuch").status, 404);
  auto catalog = c.send("GET", "/api/catalog").body;
  EXPECT_TRUE(catalog["services"]["aws"].contains("IAM"));
  EXPECT_TRUE(catalog["services"]["azure"].contains("Microsoft.Storage"));
  EXPECT_EQ(catalog["services"]["azure"]["Microsoft.Storage"][0]["cloudName"], "Microsoft.Storage/storageAccounts");
  // Azure's completions: the catalog's namespaces and their listing endpoints.
  auto azure = c.send("GET", "/api/azure/services").body["services"];
  EXPECT_NE(std::find(azure.begin(), azure.end(), "Microsoft.KeyVault"), azure.end()) << azure.dump();
  auto keys = c.send("GET", "/api/azure/services/microsoft.keyvault").body;
  EXPECT_EQ(keys["service"], "Microsoft.KeyVault");
  bool vault_keys = false;
  for (const auto& op : keys["operations"])
    vault_keys |= op["name"] == "{id}/keys" && op["params"][0]["name"] == "id";
  EXPECT_TRUE(vault_keys) << keys.dump();
  EXPECT_EQ(c.send("GET", "/api/azure/services/Microsoft.Nothing").status, 404);
  EXPECT_NE(catalog["template"].get<std::string>().find("module.exports"), std::string::npos);
  bool documents_lib = false;
  for (const auto& member : catalog["lib"]) documents_lib |= member["name"] == "lib.iam.allows" && !member["doc"].get<std::string>().empty();
  EXPECT_TRUE(documents_lib) << "the editor completes lib's members from the catalog";
}

TEST(Server, SettingsAreValidatedAndKept) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  auto bad = c.send("PUT", "/api/settings", {{"regions", {"mars-1"}}, {"testTimeLimitSeconds", 0}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(bad.body["error"]["fields"].contains("regions"));
  EXPECT_TRUE(bad.body["error"]["fields"].contains("testTimeLimitSeconds"));
  auto strikes = c.send("PUT", "/api/settings", {{"limitStrikes", -1}});
  EXPECT_EQ(strikes.status, 422);
  EXPECT_TRUE(strikes.body["error"]["fields"].contains("limitStrikes"));
  EXPECT_EQ(c.send("PUT", "/api/settings", {{"maxRequestsPerSecond", "fast"}}).status, 422);
  auto ok = c.send("PUT", "/api/settings", {{"regions", {"eu-west-1"}}, {"testTimeLimitSeconds", 30}, {"limitStrikes", 5},
                                            {"maxRequestsPerSecond", 50}, {"maxServiceRequestsPerSecond", 10}});
  EXPECT_EQ(ok.body["limitStrikes"], 5);
  EXPECT_EQ(ok.body["maxRequestsPerSecond"], 50);
  EXPECT_EQ(ok.body["maxServiceRequestsPerSecond"], 10);
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(c.send("GET", "/api/settings").body["regions"], json({"eu-west-1"}));
}

// Lists of names that match nothing are refused with 422, the field and every unknown value,
// before anything starts or is saved; known ones (any case for services) still work.
TEST(Server, UnknownSignaturesServicesAndRegionsAreRefusedByField) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");

  auto scan = c.send("POST", "/api/scans", {{"services", {"IAM", "EC3", "Spaceships"}}, {"regions", {"us-east-1", "us-nowhere-1"}}});
  ASSERT_EQ(scan.status, 422) << scan.text;
  EXPECT_EQ(scan.body["error"]["code"], "invalid");
  EXPECT_TRUE(has(field(scan, "services"), "EC3 (did you mean EC2?), Spaceships")) << scan.text;
  EXPECT_EQ(field(scan, "services").rfind("unknown service(s): EC3 (did you mean EC2?), Spaceships; known: ", 0), 0u)
      << "only the unknown ones are named, then the known ones";
  EXPECT_TRUE(has(field(scan, "services"), ", IAM,")) << scan.text;
  EXPECT_TRUE(has(field(scan, "regions"), "unknown region(s): us-nowhere-1;")) << scan.text;
  EXPECT_TRUE(has(scan.body["error"]["message"].get<std::string>(), "us-nowhere-1"));
  EXPECT_TRUE(c.send("GET", "/api/scans").body["items"].empty()) << "nothing was scanned";
  auto form = c.send("POST", "/api/scans", {{"services", "iam, kafka"}, {"regions", "eu-west-1"}});
  EXPECT_EQ(form.status, 202) << "known to the catalog or the models, in any case: " << form.text;

  auto test = c.send("POST", "/api/tests", {{"code", "module.exports = () => ({ statusSig: true });"},
                                            {"metadata", {{"service", "IAM"}, {"resourceType", "user"}}},
                                            {"regions", {"mars-1", "us-nowhere-1"}}});
  ASSERT_EQ(test.status, 422) << test.text;
  EXPECT_TRUE(has(field(test, "regions"), "unknown region(s): mars-1, us-nowhere-1")) << test.text;

  auto settings = c.send("PUT", "/api/settings", {{"regions", {"us-nowhere-1"}}});
  ASSERT_EQ(settings.status, 422);
  EXPECT_TRUE(has(field(settings, "regions"), "us-nowhere-1")) << settings.text;
  EXPECT_EQ(c.send("GET", "/api/settings").body["regions"], json({"us-east-1"})) << "nothing saved";

  json channel = {{"name", "team"}, {"type", "webhook"}, {"url", "https://hooks.example.com/x"},
                  {"services", {"EC3", "S3"}}, {"signatures", {"NO-SUCH-ID", "AWS-IAM-001", "X-2"}}};
  auto bad_channel = c.send("POST", "/api/channels", channel);
  ASSERT_EQ(bad_channel.status, 422) << bad_channel.text;
  EXPECT_TRUE(has(field(bad_channel, "services"), "unknown service(s): EC3 (did you mean EC2?)")) << bad_channel.text;
  EXPECT_TRUE(has(field(bad_channel, "signatures"), "unknown signature id(s): NO-SUCH-ID, X-2")) << bad_channel.text;
  json mixed = channel;
  mixed["type"] = "pigeon";
  auto both = c.send("POST", "/api/channels", mixed);
  EXPECT_TRUE(both.body["error"]["fields"].contains("type") && both.body["error"]["fields"].contains("signatures"))
      << "every problem at once: " << both.text;
  EXPECT_TRUE(c.send("GET", "/api/channels").body["items"].empty());
  channel["services"] = {"ec2", "S3"};
  channel["signatures"] = {"aws-iam-001"};  // channel filters ignore case
  auto good_channel = c.send("POST", "/api/channels", channel);
  ASSERT_EQ(good_channel.status, 201) << good_channel.text;
  std::string channel_path = "/api/channels/" + std::to_string(good_channel.body["id"].get<int>());
  auto changed = c.send("PUT", channel_path, {{"signatures", {"CUSTOM-0099"}}});
  EXPECT_EQ(changed.status, 422);
  EXPECT_TRUE(has(field(changed, "signatures"), "CUSTOM-0099")) << changed.text;

  auto schedule = c.send("POST", "/api/schedules", {{"name", "nightly"}, {"every", "1d"}, {"regions", {"eu-west-1", "us-nowhere-1"}}});
  ASSERT_EQ(schedule.status, 422) << schedule.text;
  EXPECT_TRUE(has(field(schedule, "regions"), "unknown region(s): us-nowhere-1;")) << schedule.text;
  EXPECT_TRUE(c.send("GET", "/api/schedules").body["items"].empty());
  EXPECT_EQ(c.send("POST", "/api/schedules", {{"name", "nightly"}, {"every", "1d"}, {"regions", {"eu-west-1"}}}).status, 201);
}

// ---- against the AWS emulator ----

struct LiveServer {
  emulator::MotoServer moto;
  io::EventLoop setup_loop;
  aws::ClientOptions options;
  std::shared_ptr<aws::CredentialChain> keys = aws::CredentialChain::fixed({"testing", "testing", "", std::nullopt});
  std::unique_ptr<ServerUnderTest> s;

  LiveServer() {
    options.endpoints.all = moto.endpoint();
    s = std::make_unique<ServerUnderTest>([this](io::EventLoop& loop, const accounts::Target&) -> std::unique_ptr<provider::Scope> {
      return std::make_unique<aws::AwsScope>(std::make_unique<aws::AwsClient>(loop, aws::Models::embedded(), keys, options));
    });
  }
  void write(const char* service, const char* op, const json& params) {
    aws::ClientOptions writes = options;
    writes.read_only = false;
    aws::AwsClient writer(setup_loop, aws::Models::embedded(), keys, writes);
    std::optional<cloud::CallResult> r;
    writer.call({service, op, "us-east-1", params}, [&](cloud::CallResult x) { r = std::move(x); });
    setup_loop.run_until([&] { return r.has_value(); });
    ASSERT_TRUE(r->error.is_null()) << r->error.dump();
  }
};

std::vector<std::pair<std::string, json>> parse_events(const std::string& text) {
  std::vector<std::pair<std::string, json>> events;
  std::regex block(R"(event: (\w+)\ndata: ([^\n]*)\n\n)");
  for (std::sregex_iterator it(text.begin(), text.end(), block), end; it != end; ++it)
    events.emplace_back((*it)[1], json::parse((*it)[2].str()));
  return events;
}

TEST(ServerLive, TestStreamsResultsOfUnsavedCodeAsServerSentEvents) {
  LiveServer live;
  for (const char* user : {"alice", "bob"}) live.write("iam", "CreateUser", {{"UserName", user}});
  auto c = live.s->signed_in("eddie", "editor");
  std::string code = R"js(module.exports = async function (apiCaller, resource) {
  const res = await apiCaller({ service: "IAM", endpoint: "listMFADevices", params: { UserName: resource.name } });
  console.log("checked " + resource.name);
  return { statusSig: resource.name === "alice" };
};)js";
  auto a = c.send("POST", "/api/tests", {{"code", code}, {"metadata", {{"service", "IAM"}, {"resourceType", "user"}, {"passMessage", "ok"}}},
                                         {"regions", {"us-east-1"}}});
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_NE(a.headers.find("Content-Type")->second.find("text/event-stream"), std::string::npos);
  auto events = parse_events(a.text);
  std::map<std::string, std::string> status_by_user;
  json done, recording;
  bool saw_console = false;
  for (const auto& [event, data] : events) {
    if (event == "result") {
      status_by_user[data["resource"]["name"]] = data["status"];
      saw_console |= !data["console"].empty() && data["console"][0]["text"].get<std::string>().rfind("checked ", 0) == 0;
    }
    if (event == "done") done = data;
    if (event == "recording") recording = data;
  }
  // The run's recording: each resource's ListMFADevices answer and the resources themselves,
  // in the forms `signet test --responses` and `--resources` read.
  ASSERT_TRUE(recording.is_object()) << a.text;
  std::set<std::string> recorded_users, recorded_resources;
  for (const auto& call : recording["calls"]["calls"]) {
    EXPECT_EQ(call["endpoint"], "ListMFADevices");
    EXPECT_TRUE(call["apiResponse"].is_array()) << call;
    recorded_users.insert(call["params"]["UserName"].get<std::string>());
  }
  for (const auto& r : recording["resources"]["resources"]) recorded_resources.insert(r["name"].get<std::string>());
  EXPECT_TRUE(recorded_users.count("alice") && recorded_users.count("bob")) << recording.dump();
  EXPECT_TRUE(recorded_resources.count("alice") && recorded_resources.count("bob")) << recording.dump();
  EXPECT_EQ(status_by_user["alice"], "Pass");
  EXPECT_EQ(status_by_user["bob"], "Fail");
  EXPECT_TRUE(saw_console);
  ASSERT_TRUE(done.is_object()) << a.text;
  EXPECT_EQ(done["counts"]["Pass"], 1);
  EXPECT_EQ(events.front().first, "status");

  // A syntax error is reported with its line and column, and nothing runs.
  auto broken = c.send("POST", "/api/tests", {{"code", "module.exports = function () {\n  return {;\n};"}, {"metadata", {{"service", "IAM"}}}});
  auto broken_events = parse_events(broken.text);
  bool syntax = false;
  for (const auto& [event, data] : broken_events) {
    EXPECT_NE(event, "result");
    if (event == "syntaxError") {
      syntax = true;
      EXPECT_EQ(data["line"], 2);
      EXPECT_GT(data["column"].get<int>(), 0);
    }
  }
  EXPECT_TRUE(syntax) << broken.text;
  // A Test needs to know which resources to run on.
  auto no_service = c.send("POST", "/api/tests", {{"code", code}, {"metadata", json::object()}});
  EXPECT_EQ(no_service.status, 422);
  EXPECT_TRUE(no_service.body["error"]["fields"].contains("service"));
}

TEST(ServerLive, ScansRunOneAtATimeAndTheirRisksAreListed) {
  LiveServer live;
  for (const char* user : {"alice", "bob"}) live.write("iam", "CreateUser", {{"UserName", user}});
  auto c = live.s->signed_in("ada", "admin");
  // Only our signature: the built-ins are disabled for a quick scan.
  for (auto& sig : live.s->store->signatures()) live.s->store->set_enabled(sig.metadata.id, false);
  json sig = custom_signature();
  sig["code"] = "module.exports = async (apiCaller, resource) => ({ statusSig: resource.name !== 'bob', statusMessage: resource.name });";
  ASSERT_EQ(c.send("POST", "/api/signatures", sig).status, 201);
  ASSERT_EQ(c.send("POST", "/api/scans", json::object()).status, 202);
  auto second = c.send("POST", "/api/scans", json::object());
  bool running = c.send("GET", "/api/scans/current").body["running"];
  if (running) {
    EXPECT_EQ(second.status, 409) << "one scan at a time";
  }
  for (int i = 0; i < 600 && c.send("GET", "/api/scans/current").body["running"] == true; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto scans = c.send("GET", "/api/scans").body;
  ASSERT_GE(scans["items"].size(), 1u);
  EXPECT_EQ(scans["total"], scans["items"].size());
  EXPECT_EQ(scans["items"][0]["status"], "complete") << scans.dump();
  auto risks = c.send("GET", "/api/risks").body;
  EXPECT_EQ(risks["counts"]["High"], 1);
  ASSERT_EQ(risks["items"].size(), 1u) << risks.dump();
  EXPECT_EQ(risks["total"], 1);
  EXPECT_EQ(risks["items"][0]["resourceName"], "bob");
  EXPECT_EQ(risks["items"][0]["risk"], "new");
  EXPECT_EQ(risks["items"][0]["remediationSteps"], "1. Sign in\n2. Enable MFA");
  EXPECT_EQ(c.send("GET", "/api/risks?level=Low").body["items"].size(), 0u);
  EXPECT_EQ(c.send("GET", "/api/risks?service=iam").body["items"].size(), 1u);
  // Paged, grouped and refused by the server, not the page.
  auto past = c.send("GET", "/api/risks?offset=1&limit=1").body;
  EXPECT_TRUE(past["items"].empty());
  EXPECT_EQ(past["total"], 1) << "the total whatever the page";
  auto groups = c.send("GET", "/api/risks?group=signature").body["groups"];
  ASSERT_EQ(groups.size(), 1u) << groups.dump();
  EXPECT_EQ(groups[0]["key"], "CUSTOM-0001");
  EXPECT_EQ(groups[0]["count"], 1);
  EXPECT_EQ(c.send("GET", "/api/risks?limit=many").status, 422);
  EXPECT_EQ(c.send("GET", "/api/risks?limit=5000").status, 422);
  EXPECT_EQ(c.send("GET", "/api/risks?level=Critical").status, 422);
  EXPECT_EQ(c.send("GET", "/api/risks?sort=colour").status, 422);
  auto resources = c.send("GET", "/api/resources?limit=1").body;
  EXPECT_EQ(resources["total"], 2) << resources.dump();  // alice and bob
  ASSERT_EQ(resources["items"].size(), 1u);
  EXPECT_EQ(resources["items"][0]["name"], "alice");
  // bob is gone: the next scan lists his risk as fixed.
  live.write("iam", "DeleteUser", {{"UserName", "bob"}});
  ASSERT_EQ(c.send("POST", "/api/scans", json::object()).status, 202);
  for (int i = 0; i < 600 && c.send("GET", "/api/scans/current").body["running"] == true; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(c.send("GET", "/api/risks").body["items"].size(), 0u);
  auto fixed = c.send("GET", "/api/risks?status=fixed").body["items"];
  ASSERT_EQ(fixed.size(), 1u);
  EXPECT_EQ(fixed[0]["resourceName"], "bob");
  auto signatures = c.send("GET", "/api/signatures?builtin=0").body["items"];
  ASSERT_FALSE(signatures.empty());
  for (const auto& s : signatures)
    if (s["id"] == "CUSTOM-0001") {
      EXPECT_EQ(s["lastResults"]["Pass"], 1);
    }
}

namespace {

void wait_for_scans(Client& c) {
  for (int i = 0; i < 600 && c.send("GET", "/api/scans/current").body["running"] == true; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

}  // namespace

TEST(ServerLive, ChannelsAreToldOfNewAndFixedRisksOncePerScan) {
  LiveServer live;
  for (const char* user : {"alice", "bob"}) live.write("iam", "CreateUser", {{"UserName", user}});
  signet::testing::LocalHttpServer receiver;
  std::mutex mutex;
  std::vector<httplib::Request> hook, s3_only;
  std::atomic<int> broken_calls{0};
  receiver.server.Post("/hook", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    hook.push_back(req);
    res.status = 200;
  });
  receiver.server.Post("/s3-only", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    s3_only.push_back(req);
    res.status = 200;
  });
  receiver.server.Post("/broken", [&](const httplib::Request&, httplib::Response& res) {
    ++broken_calls;
    res.status = 500;
  });
  receiver.start();
  signet::testing::LocalSmtpSink sink;

  auto c = live.s->signed_in("ada", "admin");
  for (auto& sig : live.s->store->signatures()) live.s->store->set_enabled(sig.metadata.id, false);
  json sig = custom_signature();
  sig["code"] = "module.exports = async (apiCaller, resource) => ({ statusSig: resource.name !== 'bob' });";
  ASSERT_EQ(c.send("POST", "/api/signatures", sig).status, 201);
  ASSERT_EQ(c.send("PUT", "/api/settings", {{"publicUrl", "https://signet.example/"}}).status, 200);
  auto add = [&](const json& channel) {
    auto a = c.send("POST", "/api/channels", channel);
    EXPECT_EQ(a.status, 201) << a.text;
    return a.body;
  };
  add({{"name", "security hook"}, {"type", "webhook"}, {"url", receiver.url() + "/hook"}, {"signingSecret", "hmac-key"},
       {"minLevel", "High"}, {"notifyFixed", true}});
  add({{"name", "storage team"}, {"type", "webhook"}, {"url", receiver.url() + "/s3-only"}, {"minLevel", "Low"}, {"services", {"S3"}}});
  add({{"name", "broken"}, {"type", "webhook"}, {"url", receiver.url() + "/broken"}, {"minLevel", "Low"}});
  add({{"name", "mail"}, {"type", "email"}, {"smtpUrl", sink.url()}, {"starttls", "off"}, {"from", "signet@example.com"},
       {"to", {"sec@example.com"}}, {"minLevel", "Medium"}});
  auto listed = c.send("GET", "/api/channels").text;
  EXPECT_EQ(listed.find("hmac-key"), std::string::npos) << "secrets are never returned";
  EXPECT_EQ(listed.find("/hook"), std::string::npos);

  // Scan 1: bob's High risk is new.
  ASSERT_EQ(c.send("POST", "/api/scans", json::object()).status, 202);
  wait_for_scans(c);
  EXPECT_EQ(c.send("GET", "/api/scans").body["items"][0]["status"], "complete") << "a broken channel does not break the scan";
  {
    std::lock_guard lock(mutex);
    ASSERT_EQ(hook.size(), 1u);
    auto body = json::parse(hook[0].body);
    ASSERT_EQ(body["new"].size(), 1u);
    EXPECT_EQ(body["new"][0]["resourceName"], "bob");
    EXPECT_EQ(body["new"][0]["riskLevel"], "High");
    EXPECT_EQ(body["new"][0]["url"], "https://signet.example/#/risks?scan=1&signature=CUSTOM-0001");
    EXPECT_EQ(hook[0].get_header_value("X-Signet-Signature"),
              notify::webhook_signature("hmac-key", hook[0].get_header_value("X-Signet-Timestamp"), hook[0].body));
    EXPECT_TRUE(s3_only.empty()) << "an IAM risk does not concern the S3 channel";
  }
  EXPECT_EQ(broken_calls.load(), 4) << "tried, then retried with back-off";
  ASSERT_EQ(sink.messages().size(), 1u);
  EXPECT_NE(sink.messages()[0].data.find("New risks: 1 High"), std::string::npos);
  auto deliveries = c.send("GET", "/api/deliveries").body["items"];
  ASSERT_EQ(deliveries.size(), 3u) << deliveries.dump();
  int failed = 0;
  for (const auto& d : deliveries)
    if (d["status"] == "failed") {
      ++failed;
      EXPECT_EQ(d["channelName"], "broken");
      EXPECT_EQ(d["attempts"], 4);
    }
  EXPECT_EQ(failed, 1);

  // Scan 2: nothing changed, nothing is said.
  ASSERT_EQ(c.send("POST", "/api/scans", json::object()).status, 202);
  wait_for_scans(c);
  EXPECT_EQ(hook.size(), 1u);
  EXPECT_EQ(sink.messages().size(), 1u);
  EXPECT_EQ(broken_calls.load(), 4);

  // Scan 3: bob is gone; the channel that asked for fixed risks hears of it, the others do not.
  live.write("iam", "DeleteUser", {{"UserName", "bob"}});
  ASSERT_EQ(c.send("POST", "/api/scans", json::object()).status, 202);
  wait_for_scans(c);
  {
    std::lock_guard lock(mutex);
    ASSERT_EQ(hook.size(), 2u);
    auto body = json::parse(hook[1].body);
    EXPECT_TRUE(body["new"].empty());
    ASSERT_EQ(body["fixed"].size(), 1u);
    EXPECT_EQ(body["fixed"][0]["resourceName"], "bob");
  }
  EXPECT_EQ(sink.messages().size(), 1u) << "the mail channel did not ask for fixed risks";
  // A test message on demand.
  auto channels = c.send("GET", "/api/channels").body["items"];
  auto test = c.send("POST", "/api/channels/" + std::to_string(channels[0]["id"].get<int>()) + "/test");
  EXPECT_EQ(test.body["status"], "sent");
  EXPECT_EQ(json::parse(hook.back().body)["type"], "signet.test");
}

TEST(ServerLive, EachAccountsRisksAreCountedAgainstItsOwnPreviousScan) {
  LiveServer live;  // every account reaches the same emulator here; what differs is the bookkeeping
  live.write("iam", "CreateUser", {{"UserName", "bob"}});
  auto c = live.s->signed_in("ada", "admin");
  for (auto& sig : live.s->store->signatures()) live.s->store->set_enabled(sig.metadata.id, false);
  json sig = custom_signature();
  sig["code"] = "module.exports = async () => ({ statusSig: false });";
  ASSERT_EQ(c.send("POST", "/api/signatures", sig).status, 201);
  for (const char* name : {"home", "staging"}) ASSERT_EQ(c.send("POST", "/api/accounts", {{"name", name}}).status, 201);
  auto taken = c.send("POST", "/api/accounts", {{"name", "home"}});
  EXPECT_EQ(taken.status, 422);
  EXPECT_TRUE(has(field(taken, "name"), "already")) << taken.text;
  auto bad = c.send("POST", "/api/accounts", {{"name", "x"}, {"access", {{"roleArn", "nope"}}}, {"regions", {"us-nowhere-1"}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(has(field(bad, "access.roleArn"), "role ARN") && has(field(bad, "regions"), "us-nowhere-1")) << bad.text;
  auto unknown = c.send("POST", "/api/scans", {{"accounts", "prod"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(has(field(unknown, "accounts"), "unknown account(s): prod")) << unknown.text;

  auto scan = [&](const std::string& account) {
    ASSERT_EQ(c.send("POST", "/api/scans", {{"accounts", account}}).status, 202);
    wait_for_scans(c);
  };
  scan("home");
  scan("staging");
  auto all = c.send("GET", "/api/risks").body;
  ASSERT_EQ(all["accounts"].size(), 2u) << all.dump();
  ASSERT_EQ(all["items"].size(), 2u) << "bob, in each account";
  std::set<std::string> named;
  for (const auto& r : all["items"]) {
    named.insert(r.value("accountName", ""));
    EXPECT_EQ(r["risk"], "new") << "each account's first scan";
    EXPECT_EQ(r.value("accountId", ""), "123456789012");
  }
  EXPECT_EQ(named, (std::set<std::string>{"home", "staging"}));
  scan("home");
  auto own = c.send("GET", "/api/risks?account=home").body;
  EXPECT_EQ(own["account"], "home");
  ASSERT_EQ(own["items"].size(), 1u);
  EXPECT_EQ(own["items"][0]["risk"], "open") << "against home's previous scan, not staging's";
  EXPECT_EQ(c.send("GET", "/api/risks?account=staging").body["scan"]["id"], 2) << c.send("GET", "/api/scans").text;
  EXPECT_EQ(c.send("GET", "/api/scans?account=home").body["total"], 2);
  EXPECT_EQ(c.send("GET", "/api/accounts").body["items"][0].value("accountId", ""), "123456789012") << "learned at the first scan";

  // The Overview: the estate's open risks after each scan, by account, service and signature.
  auto overview = c.send("GET", "/api/overview").body;
  ASSERT_EQ(overview["trend"].size(), 3u) << overview.dump();
  EXPECT_EQ(overview["trend"][0]["High"], 1);
  EXPECT_EQ(overview["trend"][1]["High"], 2) << "home's risk and staging's";
  EXPECT_EQ(overview["trend"][2]["High"], 2) << "home scanned again: still one each";
  ASSERT_EQ(overview["byAccount"].size(), 2u);
  EXPECT_EQ(overview["byService"][0]["service"], "IAM");
  EXPECT_EQ(overview["byService"][0]["High"], 2);
  EXPECT_EQ(overview["topSignatures"][0]["failing"], 2);
  EXPECT_EQ(c.send("GET", "/api/overview?account=staging").body["trend"].size(), 1u);

  // The mutelist: staging's risk is accepted; it is Muted, not counted, shown on request.
  auto bad_rule = c.send("POST", "/api/mutelist", {{"match", {{"accounts", {"staging"}}}}});
  EXPECT_EQ(bad_rule.status, 422);
  EXPECT_FALSE(field(bad_rule, "reason").empty()) << "a rule needs its reason: " << bad_rule.text;
  auto rule = c.send("POST", "/api/mutelist", {{"match", {{"accounts", {"staging"}}}}, {"reason", "staging is disposable"}});
  ASSERT_EQ(rule.status, 201) << rule.text;
  EXPECT_EQ(rule.body["author"], "ada");
  scan("staging");
  auto quiet = c.send("GET", "/api/risks?account=staging").body;
  EXPECT_TRUE(quiet["items"].empty()) << quiet.dump();
  EXPECT_EQ(quiet["muted"], 1);
  EXPECT_EQ(quiet["counts"]["High"], 0);
  auto shown = c.send("GET", "/api/risks?account=staging&muted=1").body;
  ASSERT_EQ(shown["items"].size(), 1u);
  EXPECT_EQ(shown["items"][0]["risk"], "muted");
  EXPECT_EQ(shown["items"][0]["mutedBy"]["ruleId"], rule.body["id"]);
  auto listed = c.send("GET", "/api/mutelist").body["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["state"], "active");
  EXPECT_FALSE(listed[0].value("lastMatchedAt", "").empty());
  EXPECT_NE(c.send("GET", "/api/mutelist/export").text.find("staging is disposable"), std::string::npos);
  auto prowler = c.send("POST", "/api/mutelist/import", {{"dryRun", true}, {"yaml", "Mutelist:\n  Accounts:\n    \"*\":\n      Checks:\n"
                                                                                     "        \"no_such_check\":\n          Regions: [\"*\"]\n"
                                                                                     "          Resources: [\"*\"]\n"}});
  ASSERT_EQ(prowler.status, 200) << prowler.text;
  EXPECT_FALSE(prowler.body["notes"].empty()) << "an unmapped check is said, not dropped";
  EXPECT_EQ(c.send("DELETE", "/api/mutelist/" + std::to_string(rule.body["id"].get<int>())).status, 200);
}

TEST(ServerLive, SchedulesStartOneScanWhenDueEvenAfterDowntime) {
  LiveServer live;
  live.write("iam", "CreateUser", {{"UserName", "alice"}});
  auto c = live.s->signed_in("ada", "admin");
  for (auto& sig : live.s->store->signatures()) live.s->store->set_enabled(sig.metadata.id, false);
  ASSERT_EQ(c.send("POST", "/api/signatures", custom_signature()).status, 201);
  auto bad = c.send("POST", "/api/schedules", {{"name", "x"}, {"cron", "61 * * * *"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body["error"]["fields"]["cron"].get<std::string>().find("minute"), std::string::npos);
  auto created = c.send("POST", "/api/schedules", {{"name", "hourly"}, {"every", "1h"}, {"regions", {"us-east-1"}}});
  ASSERT_EQ(created.status, 201) << created.text;
  auto id = created.body["id"].get<std::int64_t>();
  EXPECT_FALSE(created.body["nextRunAt"].get<std::string>().empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(c.send("GET", "/api/scans").body["items"].empty()) << "not due yet";
  // The server "was down" for three runs: the next run is long past.
  auto record = *live.s->store->record("schedule", id);
  record["nextRunAt"] = "2026-01-01T00:00:00Z";
  live.s->store->update_record("schedule", id, record);
  json schedule;
  for (int i = 0; i < 300; ++i) {
    schedule = c.send("GET", "/api/schedules").body["items"][0];
    if (schedule["lastStatus"] == "complete") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(schedule["lastStatus"], "complete") << schedule.dump();
  EXPECT_GT(schedule["lastScanId"].get<int>(), 0);
  EXPECT_GT(schedule["nextRunAt"].get<std::string>(), schedule["lastRunAt"].get<std::string>());
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(c.send("GET", "/api/scans").body["total"], 1) << "one catch-up scan, not a burst";
  EXPECT_EQ(c.send("PUT", "/api/schedules/" + std::to_string(id), {{"enabled", false}}).body["enabled"], false);
  EXPECT_EQ(c.send("DELETE", "/api/schedules/" + std::to_string(id)).status, 200);
  EXPECT_TRUE(c.send("GET", "/api/schedules").body["items"].empty());
}

TEST(Server, ConfigurationListsArePagedLikeEveryOtherList) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  for (const char* name : {"one", "two", "three"})
    ASSERT_EQ(c.send("POST", "/api/schedules", {{"name", name}, {"every", "1d"}}).status, 201);
  for (const char* name : {"ben", "cy"})
    ASSERT_EQ(c.send("POST", "/api/users", {{"name", name}, {"role", "viewer"}, {"password", "a long password 1"}}).status, 201);
  auto first = c.send("GET", "/api/schedules?limit=2").body;
  EXPECT_EQ(first["total"], 3);
  ASSERT_EQ(first["items"].size(), 2u);
  EXPECT_EQ(first["items"][0]["name"], "one");
  auto rest = c.send("GET", "/api/schedules?limit=2&offset=2").body;
  ASSERT_EQ(rest["items"].size(), 1u);
  EXPECT_EQ(rest["items"][0]["name"], "three");
  EXPECT_EQ(c.send("GET", "/api/schedules?offset=9").body["items"].size(), 0u);
  auto users = c.send("GET", "/api/users?offset=1&limit=1").body;
  EXPECT_EQ(users["total"], 3);  // ada, ben, cy
  EXPECT_EQ(users["items"].size(), 1u);
  for (const char* path : {"/api/accounts", "/api/organizations", "/api/channels", "/api/mutelist", "/api/tokens", "/api/deliveries"}) {
    auto page = c.send("GET", path);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_TRUE(page.body["items"].is_array() && page.body.contains("total")) << path << ": " << page.text;
    EXPECT_EQ(c.send("GET", std::string(path) + "?limit=x").status, 422) << path;
  }
}

TEST(Server, ComplianceReadsTheLatestScansControlByControl) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "viewer");
  auto row = [](const std::string& signature, const std::string& resource, const std::string& status) {
    return json{{"signatureId", signature}, {"provider", "aws"}, {"riskLevel", "High"}, {"service", "IAM"}, {"region", "us-east-1"},
                {"resourceId", resource}, {"resourceName", resource}, {"resourceKey", resource}, {"status", status},
                {"message", status}, {"durationMs", 1}, {"console", json::array()}};
  };
  EXPECT_EQ(c.send("GET", "/api/compliance").body["scans"].size(), 0u) << "no scan yet: an answer, not an error";
  auto scan = s.store->begin_scan({"prod", "111122223333", "prod <main>"});
  s.store->add_results(scan, {row("AWS-IAM-001", "root", "Fail"), row("AWS-IAM-001", "alice", "Pass")});
  s.store->mark_risks(scan, 0);
  s.store->finish_scan(scan, "complete", {});
  // The control AWS-IAM-001 serves in CIS 3.0, from its own tags.
  std::string control;
  for (const auto& sig : s.store->signatures())
    if (sig.metadata.id == "AWS-IAM-001")
      for (const auto& tag : sig.metadata.compliance)
        if (tag.rfind("CIS-AWS-3.0:", 0) == 0) control = tag.substr(12);
  ASSERT_FALSE(control.empty());

  auto all = c.send("GET", "/api/compliance").body;
  ASSERT_EQ(all["scans"].size(), 1u);
  bool seen = false;
  for (const auto& f : all["frameworks"])
    if (f["id"] == "CIS-AWS-3.0") {
      seen = true;
      EXPECT_GE(f["summary"]["fail"].get<int>(), 1);
      EXPECT_FALSE(f.contains("controls")) << "the list is summaries";
    }
  EXPECT_TRUE(seen);
  auto one = c.send("GET", "/api/compliance/cis-aws-3.0?account=prod").body;
  EXPECT_EQ(one["id"], "CIS-AWS-3.0");
  bool found = false;
  for (const auto& ctl : one["controls"])
    if (ctl["id"] == control) {
      found = true;
      EXPECT_EQ(ctl["status"], "fail");
      EXPECT_EQ(ctl["failing"], 1);
      EXPECT_EQ(ctl["passing"], 1);
    }
  EXPECT_TRUE(found) << control;
  auto html = c.send("GET", "/api/compliance/CIS-AWS-3.0?format=html");
  EXPECT_EQ(html.status, 200);
  EXPECT_NE(html.text.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(html.text.find("prod &lt;main&gt;"), std::string::npos) << "names are escaped";
  auto unknown = c.send("GET", "/api/compliance/CIS-AWS-3.1");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.text.find("did you mean CIS-AWS-3.0"), std::string::npos) << unknown.text;
  EXPECT_EQ(c.send("GET", "/api/compliance?account=nobody").status, 404);
  EXPECT_EQ(c.send("GET", "/api/compliance/AWS-FSBP?format=pdf").status, 422);
  EXPECT_EQ(c.send("GET", "/api/compliance?scan=x1").status, 422);
}

TEST(Server, OddInputIsRefusedClearlyAndChangesNothing) {
  ServerUnderTest s;
  auto c = s.signed_in("ada", "admin");
  auto import = c.send("POST", "/api/signatures/import", {{"signatures", {1, {{"name", 5}}, {{"yaml", "x"}}}}});
  EXPECT_EQ(import.status, 422) << import.text;
  EXPECT_EQ(import.body["error"]["fields"].size(), 3u);
  EXPECT_EQ(c.send("GET", "/api/scans/99999999999999999999999").status, 404);
  EXPECT_EQ(c.send("DELETE", "/api/channels/99999999999999999999999").status, 404);
  EXPECT_EQ(c.send("GET", "/api/deliveries?limit=lots").status, 422);
  ASSERT_EQ(c.send("PUT", "/api/settings", {{"regions", {"eu-west-1"}}}).status, 200);
  auto half = c.send("PUT", "/api/settings", {{"regions", {"us-east-2"}}, {"testTimeLimitSeconds", 0}});
  EXPECT_EQ(half.status, 422);
  EXPECT_EQ(c.send("GET", "/api/settings").body["regions"], json({"eu-west-1"})) << "a refused change saves nothing";
}
