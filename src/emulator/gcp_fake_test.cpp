// The Google Cloud fake answers as Google's token endpoint, metadata server, IAM Credentials,
// Discovery service and REST APIs do: what a client must get right (assertions, tokens,
// paging, aggregated lists, error bodies, refusals, throttling) is checked here, against
// recorded answers where there are some, so that the Google Cloud provider's tests against
// the fake mean something. The fixture is checked too: each of its paths must be a method
// path of its API's Discovery document.
#include "emulator/gcp_fake.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <regex>
#include <set>
#include <thread>

#include "common/bzip2.h"
#include "common/files.h"
#include "common/jwt.h"
#include "common/time.h"
#include "common/url_path.h"

using namespace signet;
using namespace signet::emulator;
using nlohmann::json;

namespace {

const std::string kScanner = "signet-scanner@signet-prod.iam.gserviceaccount.com";
const std::string kNoAccess = "signet-noaccess@signet-dev.iam.gserviceaccount.com";
const std::string kAuditor = "signet-auditor@signet-prod.iam.gserviceaccount.com";
const std::string kAlice = "alice@example-org.test";
const std::string kScope = "https://www.googleapis.com/auth/cloud-platform";

std::string recording_dir() { return SIGNET_TESTDATA_DIR "/cloud-recordings/gcp-flights"; }

// A recorded answer's body (gcp-flights/TEST/CALL.json, or a .json.bz2).
json recorded_body(const std::string& relative) {
  const std::string path = recording_dir() + "/" + relative;
  const std::string bytes = path.size() > 4 && path.substr(path.size() - 4) == ".bz2" ? bunzip2(read_file(path)) : read_file(path);
  return json::parse(bytes).at("body");
}

struct Answer {
  int status = 0;
  json body;
  std::string text;
  httplib::Headers headers;
};

Answer ask(const std::string& url, const std::string& method, const std::string& target, const httplib::Headers& headers = {},
           const httplib::Params& form = {}, const std::string& json_body = "") {
  httplib::Client client(url);
  httplib::Result r = method == "GET"    ? client.Get(target, headers)
                      : method == "POST" ? (form.empty() ? client.Post(target, headers, json_body.empty() ? "{}" : json_body, "application/json")
                                                         : client.Post(target, headers, form))
                      : method == "PUT"  ? client.Put(target, headers, "{}", "application/json")
                      : method == "PATCH" ? client.Patch(target, headers, "{}", "application/json")
                                          : client.Delete(target, headers);
  if (!r) throw std::runtime_error("no answer from the fake for " + method + " " + target);
  return {r->status, json::parse(r->body, nullptr, false), r->body, r->headers};
}

httplib::Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

// An RS256 assertion as Google's client libraries make one from a key file.
std::string assertion(const json& key_file, json claims, const json& header_extra = json::object()) {
  json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", key_file["private_key_id"]}};
  header.update(header_extra);
  PrivateKey key = read_private_key_pem(key_file["private_key"].get<std::string>());
  return rs256_jwt(header, claims, key.get());
}

json claims_for(const GcpFake& fake, const std::string& email) {
  const long long now = std::time(nullptr);
  return {{"iss", email}, {"scope", kScope}, {"aud", fake.token_uri()}, {"iat", now}, {"exp", now + 3600}};
}

Answer assertion_grant(const GcpFake& fake, const std::string& jwt) {
  return ask(fake.url(), "POST", "/oauth2.googleapis.com/token", {}, {{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"}, {"assertion", jwt}});
}

std::string token_of(const GcpFake& fake, const std::string& email) {
  auto a = assertion_grant(fake, assertion(fake.service_account_key(email), claims_for(fake, email)));
  EXPECT_EQ(a.status, 200) << a.text;
  return a.body.value("access_token", "");
}

std::string alice_token(const GcpFake& fake) {
  const json user = fake.authorized_user(kAlice);
  auto a = ask(fake.url(), "POST", "/oauth2.googleapis.com/token", {},
               {{"grant_type", "refresh_token"}, {"client_id", user["client_id"].get<std::string>()},
                {"client_secret", user["client_secret"].get<std::string>()}, {"refresh_token", user["refresh_token"].get<std::string>()}});
  EXPECT_EQ(a.status, 200) << a.text;
  return a.body.value("access_token", "");
}

// Every page of a list, following nextPageToken.
std::vector<Answer> every_page(const GcpFake& fake, const std::string& target, const std::string& token) {
  std::vector<Answer> pages;
  std::string page_token;
  do {
    const std::string sep = target.find('?') == std::string::npos ? "?" : "&";
    pages.push_back(ask(fake.url(), "GET", target + (page_token.empty() ? "" : sep + "pageToken=" + page_token), bearer(token)));
    EXPECT_EQ(pages.back().status, 200) << pages.back().text;
    page_token = pages.back().body.value("nextPageToken", "");
  } while (!page_token.empty() && pages.size() < 50);
  return pages;
}

const json& prod_project() { return gcp_test_org()["projects"][0]; }

// The object under `key`, or an empty one (a reference: items() of a temporary would dangle
// in a range-for).
const json& object_at(const json& parent, const char* key) {
  static const json none = json::object();
  return parent.contains(key) ? parent[key] : none;
}

}  // namespace

TEST(GcpFake, ExchangesSignedAssertionsAndRefreshTokensForTokensAsGoogleDoes) {
  GcpFake fake(gcp_test_org());
  const json key = fake.service_account_key(kScanner);
  EXPECT_EQ(key["type"], "service_account");
  EXPECT_EQ(key["token_uri"], fake.url() + "/oauth2.googleapis.com/token");
  EXPECT_EQ(key["client_email"], kScanner);

  auto good = assertion_grant(fake, assertion(key, claims_for(fake, kScanner)));
  ASSERT_EQ(good.status, 200) << good.text;
  EXPECT_EQ(good.body["token_type"], "Bearer");
  EXPECT_EQ(good.body["expires_in"], 3600);
  EXPECT_EQ(good.body["access_token"].get<std::string>().rfind("ya29.", 0), 0u);
  json canonical = claims_for(fake, kScanner);
  canonical["aud"] = "https://oauth2.googleapis.com/token";
  EXPECT_EQ(assertion_grant(fake, assertion(key, canonical)).status, 200) << "Google takes its own token URI as the audience too";

  auto refused = [&](const std::string& jwt) {
    auto a = assertion_grant(fake, jwt);
    EXPECT_EQ(a.status, 400) << a.text;
    return a.body.value("error", "") + ": " + a.body.value("error_description", "");
  };
  std::string tampered = assertion(key, claims_for(fake, kScanner));
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(refused(tampered), "invalid_grant: Invalid JWT Signature.");
  json other_key = fake.service_account_key(kNoAccess);
  other_key["private_key_id"] = key["private_key_id"];
  EXPECT_EQ(refused(assertion(other_key, claims_for(fake, kScanner))), "invalid_grant: Invalid JWT Signature.") << "signed by another account's key";
  json wrong_audience = claims_for(fake, kScanner);
  wrong_audience["aud"] = "https://example.test/token";
  EXPECT_NE(refused(assertion(key, wrong_audience)).find("Failed audience check"), std::string::npos);
  json expired = claims_for(fake, kScanner);
  expired["iat"] = expired["iat"].get<long long>() - 7200;
  expired["exp"] = expired["exp"].get<long long>() - 7200;
  EXPECT_NE(refused(assertion(key, expired)).find("short-lived token"), std::string::npos);
  json too_long = claims_for(fake, kScanner);
  too_long["exp"] = too_long["iat"].get<long long>() + 7200;
  EXPECT_NE(refused(assertion(key, too_long)).find("short-lived token"), std::string::npos);
  json stranger = claims_for(fake, "stranger@signet-prod.iam.gserviceaccount.com");
  EXPECT_EQ(refused(assertion(key, stranger)), "invalid_grant: Invalid grant: account not found");
  json no_scope = claims_for(fake, kScanner);
  no_scope.erase("scope");
  EXPECT_EQ(refused(assertion(key, no_scope)).substr(0, 14), "invalid_scope:");

  const json user = fake.authorized_user(kAlice);
  EXPECT_EQ(user["type"], "authorized_user");
  auto refresh = [&](const std::string& secret, const std::string& refresh_token) {
    return ask(fake.url(), "POST", "/oauth2.googleapis.com/token", {},
               {{"grant_type", "refresh_token"}, {"client_id", user["client_id"].get<std::string>()}, {"client_secret", secret},
                {"refresh_token", refresh_token}});
  };
  auto refreshed = refresh(user["client_secret"], user["refresh_token"]);
  ASSERT_EQ(refreshed.status, 200) << refreshed.text;
  EXPECT_NE(refreshed.body.value("scope", "").find(kScope), std::string::npos);
  auto bad_secret = refresh("nope", user["refresh_token"]);
  EXPECT_EQ(bad_secret.status, 401);
  EXPECT_EQ(bad_secret.body["error"], "invalid_client");
  auto revoked = refresh(user["client_secret"], "1//revoked");
  EXPECT_EQ(revoked.status, 400);
  EXPECT_EQ(revoked.body["error"], "invalid_grant");
  EXPECT_EQ(ask(fake.url(), "POST", "/oauth2.googleapis.com/token", {}, {{"grant_type", "password"}}).body["error"], "unsupported_grant_type");

  EXPECT_EQ(fake.tokens_issued(), (std::map<std::string, int>{{"jwt-bearer", 2}, {"refresh_token", 1}}));
  EXPECT_THROW(fake.service_account_key("nobody@example.test"), std::invalid_argument);
  for (const auto& line : fake.requests()) EXPECT_EQ(line.find("assertion="), std::string::npos) << "a form's secrets stay out of the log: " << line;
}

TEST(GcpFake, TheMetadataServerWantsItsHeaderAndGivesTheVmAccountsToken) {
  GcpFake fake(gcp_test_org());
  httplib::Client metadata("http://" + fake.metadata_host());
  auto bare = metadata.Get("/computeMetadata/v1/instance/service-accounts/default/token");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 403);
  EXPECT_NE(bare->body.find("Missing Metadata-Flavor:Google header"), std::string::npos);

  const httplib::Headers flavor = {{"Metadata-Flavor", "Google"}};
  auto token = metadata.Get("/computeMetadata/v1/instance/service-accounts/default/token", flavor);
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 200);
  EXPECT_EQ(token->get_header_value("Metadata-Flavor"), "Google") << "clients check it to know they reached the metadata server";
  const json body = json::parse(token->body);
  EXPECT_EQ(body["token_type"], "Bearer");
  const std::string email = gcp_test_org()["metadataServer"]["serviceAccount"];
  EXPECT_EQ(metadata.Get("/computeMetadata/v1/instance/service-accounts/default/email", flavor)->body, email);
  EXPECT_EQ(metadata.Get("/computeMetadata/v1/project/project-id", flavor)->body, "signet-prod");
  EXPECT_EQ(metadata.Get("/computeMetadata/v1/project/numeric-project-id", flavor)->body, prod_project()["projectNumber"]);

  const std::string vm = body["access_token"];
  EXPECT_EQ(ask(fake.url(), "GET", "/pubsub.googleapis.com/v1/projects/signet-prod/topics", bearer(vm)).status, 200);
  EXPECT_EQ(ask(fake.url(), "GET", "/pubsub.googleapis.com/v1/projects/signet-dev/topics", bearer(vm)).status, 403) << "the VM's account reads its own project";
  EXPECT_EQ(fake.tokens_issued()["metadata"], 1);
}

TEST(GcpFake, ImpersonationIsGrantedOnlyWhereTheFixtureAllowsIt) {
  GcpFake fake(gcp_test_org());
  const std::string scanner = token_of(fake, kScanner);
  const std::string path = "/iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/" + kAuditor + ":generateAccessToken";
  const std::string request = json{{"scope", {kScope}}, {"lifetime", "1200s"}}.dump();

  auto granted = ask(fake.url(), "POST", path, bearer(scanner), {}, request);
  ASSERT_EQ(granted.status, 200) << granted.text;
  const auto expires = parse_iso_utc(granted.body.value("expireTime", ""));
  ASSERT_TRUE(expires) << "expireTime is RFC 3339: " << granted.body.dump();
  EXPECT_NEAR(std::chrono::duration<double>(*expires - std::chrono::system_clock::now()).count(), 1200, 5);
  const std::string auditor = granted.body["accessToken"];
  EXPECT_EQ(ask(fake.url(), "GET", "/cloudresourcemanager.googleapis.com/v1/projects/signet-sandbox", bearer(auditor)).status, 200);

  auto refused = ask(fake.url(), "POST", path, bearer(token_of(fake, kNoAccess)), {}, request);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body["error"]["status"], "PERMISSION_DENIED");
  EXPECT_EQ(refused.body["error"]["details"][0]["reason"], "IAM_PERMISSION_DENIED");
  const std::string not_allowed = "/iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/" + kScanner + ":generateAccessToken";
  EXPECT_EQ(ask(fake.url(), "POST", not_allowed, bearer(auditor), {}, request).status, 403) << "the rule goes one way";
  EXPECT_EQ(ask(fake.url(), "POST", path, {}, {}, request).status, 401);
  EXPECT_EQ(fake.tokens_issued()["impersonation"], 1);
  EXPECT_TRUE(fake.writes().empty()) << "asking for a token is not a write";
}

TEST(GcpFake, ApisWantALiveBearerToken) {
  GcpFakeOptions options;
  options.token_lifetime = std::chrono::seconds(2);
  GcpFake fake(gcp_test_org(), options);
  const std::string target = "/compute.googleapis.com/compute/v1/projects/signet-prod/global/firewalls";
  auto missing = ask(fake.url(), "GET", target);
  EXPECT_EQ(missing.status, 401);
  EXPECT_EQ(missing.body["error"]["code"], 401);
  EXPECT_EQ(missing.body["error"]["status"], "UNAUTHENTICATED");
  EXPECT_EQ(missing.body["error"]["details"][0]["reason"], "CREDENTIALS_MISSING");
  EXPECT_NE(missing.headers.find("WWW-Authenticate"), missing.headers.end());
  auto forged = ask(fake.url(), "GET", target, bearer("ya29.forged"));
  EXPECT_EQ(forged.status, 401);
  EXPECT_EQ(forged.body["error"]["message"].get<std::string>().rfind("Request had invalid authentication credentials. Expected OAuth 2 access token", 0), 0u);
  const std::string token = token_of(fake, kScanner);
  EXPECT_EQ(ask(fake.url(), "GET", target, bearer(token)).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  auto expired = ask(fake.url(), "GET", target, bearer(token));
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(expired.body["error"]["details"][0]["reason"], "ACCESS_TOKEN_EXPIRED");
}

TEST(GcpFake, CollectionsArePagedWithOpaqueTokensAndItemsFoundByName) {
  GcpFake fake(gcp_test_org());
  const std::string token = token_of(fake, kScanner);
  const std::string firewalls = "/compute.googleapis.com/compute/v1/projects/signet-prod/global/firewalls";
  const json& fixture = prod_project()["apis"]["compute.googleapis.com"]["compute/v1/projects/signet-prod/global/firewalls"]["items"];

  auto pages = every_page(fake, firewalls, token);
  EXPECT_EQ(pages.size(), 3u) << "6 firewalls, 2 a page";
  std::multiset<std::string> seen;
  for (const auto& page : pages) {
    EXPECT_EQ(page.body["kind"], "compute#firewallList");
    EXPECT_LE(page.body["items"].size(), 2u);
    for (const auto& item : page.body["items"]) seen.insert(item["name"].get<std::string>());
  }
  std::multiset<std::string> expected;
  for (const auto& item : fixture) expected.insert(item["name"].get<std::string>());
  EXPECT_EQ(seen, expected) << "every item once";
  EXPECT_EQ(every_page(fake, firewalls + "?maxResults=1", token).size(), 6u) << "maxResults below the fake's page size is honored";
  auto bad = ask(fake.url(), "GET", firewalls + "?pageToken=bm90LW91cnM", bearer(token));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["status"], "INVALID_ARGUMENT");

  auto one = ask(fake.url(), "GET", firewalls + "/default-allow-ssh", bearer(token));
  ASSERT_EQ(one.status, 200) << one.text;
  EXPECT_EQ(one.body["sourceRanges"][0], "0.0.0.0/0");
  EXPECT_EQ(ask(fake.url(), "GET", "/container.googleapis.com/v1/projects/signet-prod/locations/us-central1/clusters/prod-gke", bearer(token)).body["name"],
            "prod-gke")
      << "a cluster by its location, from the locations/- list";
  EXPECT_EQ(ask(fake.url(), "GET", "/iam.googleapis.com/v1/projects/signet-prod/serviceAccounts/" + kScanner, bearer(token)).body["email"], kScanner);
  EXPECT_EQ(ask(fake.url(), "GET", "/www.googleapis.com/bigquery/v2/projects/signet-prod/datasets/analytics/tables/events", bearer(token)).body["id"],
            "signet-prod:analytics.events");
  auto dataset = ask(fake.url(), "GET", "/www.googleapis.com/bigquery/v2/projects/signet-prod/datasets/public_reports", bearer(token));
  EXPECT_TRUE(dataset.body.contains("access")) << "a dataset's own answer, not its list entry";
  EXPECT_EQ(ask(fake.url(), "GET", "/cloudresourcemanager.googleapis.com/v1/projects/signet-prod", bearer(token)).body["projectNumber"],
            prod_project()["projectNumber"]);
  const std::string by_number = "/serviceusage.googleapis.com/v1/projects/" + prod_project()["projectNumber"].get<std::string>() + "/services?filter=state:ENABLED";
  EXPECT_EQ(ask(fake.url(), "GET", by_number, bearer(token)).body["services"].size(), 2u) << "projects/NUMBER is projects/ID";
  auto buckets = ask(fake.url(), "GET", "/www.googleapis.com/storage/v1/b?project=signet-dev", bearer(token));
  ASSERT_EQ(buckets.status, 200);
  EXPECT_EQ(buckets.body["items"][0]["name"], "signet-dev-scratch") << "buckets are listed per project";
  EXPECT_EQ(ask(fake.url(), "GET", "/www.googleapis.com/storage/v1/b/signet-prod-public-assets/iam", bearer(token)).body["bindings"][0]["members"][0], "allUsers");
  EXPECT_FALSE(ask(fake.url(), "GET", "/monitoring.googleapis.com/v3/projects/signet-dev/alertPolicies", bearer(token)).body.contains("alertPolicies"))
      << "Google leaves an empty list out";

  auto missing = ask(fake.url(), "GET", firewalls + "/nothere", bearer(token));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["error"]["code"], 404);
  EXPECT_EQ(missing.body["error"]["status"], "NOT_FOUND");
  EXPECT_EQ(missing.body["error"]["message"], "The resource 'projects/signet-prod/global/firewalls/nothere' was not found");
  EXPECT_EQ(missing.body["error"]["errors"][0]["reason"], "notFound");
  EXPECT_EQ(missing.body["error"]["errors"][0]["domain"], "global");
  EXPECT_EQ(ask(fake.url(), "GET", "/logging.googleapis.com/v2/projects/signet-prod/nothing", bearer(token)).body["error"]["status"], "NOT_FOUND");
}

TEST(GcpFake, AggregatedListsGatherZonesRegionsAndGlobalAndPageByItems) {
  GcpFake fake(gcp_test_org());
  const std::string token = token_of(fake, kScanner);
  auto pages = every_page(fake, "/compute.googleapis.com/compute/v1/projects/signet-prod/aggregated/instances", token);
  ASSERT_EQ(pages.size(), 2u) << "3 instances, 2 a page";
  std::set<std::string> names;
  for (const auto& page : pages) {
    EXPECT_EQ(page.body["kind"], "compute#instanceAggregatedList");
    EXPECT_EQ(page.body["id"], "projects/signet-prod/aggregated/instances");
    EXPECT_EQ(page.body["selfLink"], "https://www.googleapis.com/compute/v1/projects/signet-prod/aggregated/instances");
    for (const auto& [scope, entry] : page.body["items"].items()) {
      if (entry.contains("warning")) {
        EXPECT_EQ(entry["warning"]["code"], "NO_RESULTS_ON_PAGE");
        EXPECT_EQ(entry["warning"]["data"][0]["value"], scope);
        continue;
      }
      for (const auto& i : entry["instances"]) {
        EXPECT_NE(i["zone"].get<std::string>().find(scope), std::string::npos) << "each under its own zone";
        names.insert(i["name"].get<std::string>());
      }
    }
  }
  EXPECT_EQ(names, (std::set<std::string>{"web-1", "bastion-1", "batch-worker"}));
  EXPECT_TRUE(pages[0].body["items"]["zones/us-central1-b"].contains("warning")) << "a zone with no instances";

  std::map<std::string, std::size_t> rules;  // by scope
  for (const auto& page : every_page(fake, "/compute.googleapis.com/compute/v1/projects/signet-prod/aggregated/forwardingRules?maxResults=10", token))
    for (const auto& [scope, entry] : page.body["items"].items()) rules[scope] += entry.value("forwardingRules", json::array()).size();
  EXPECT_EQ(rules, (std::map<std::string, std::size_t>{{"global", 2}, {"regions/us-central1", 1}})) << "global ones too; maxResults past the page size is capped";
  EXPECT_EQ(ask(fake.url(), "GET", "/compute.googleapis.com/compute/v1/projects/signet-prod/aggregated/nothings", bearer(token)).status, 404);
}

TEST(GcpFake, ReadingPostsAnswerAndEveryWriteIsRefusedAndCounted) {
  GcpFake fake(gcp_test_org());
  const std::string token = token_of(fake, kScanner);
  const std::string policy = "/cloudresourcemanager.googleapis.com/v1/projects/signet-prod:getIamPolicy";
  auto prod = ask(fake.url(), "POST", policy, bearer(token), {}, R"({"options": {"requestedPolicyVersion": 3}})");
  ASSERT_EQ(prod.status, 200) << prod.text;
  EXPECT_FALSE(prod.body["bindings"].empty());
  EXPECT_EQ(prod.body["auditConfigs"][0]["service"], "allServices");
  auto dev = ask(fake.url(), "POST", "/cloudresourcemanager.googleapis.com/v1/projects/signet-dev:getIamPolicy", bearer(token));
  EXPECT_FALSE(dev.body.contains("auditConfigs"));
  const std::string ancestry = "/cloudresourcemanager.googleapis.com/v1/projects/" + prod_project()["projectNumber"].get<std::string>() + ":getAncestry";
  EXPECT_EQ(ask(fake.url(), "POST", ancestry, bearer(token)).body["ancestor"].size(), 3u);
  EXPECT_TRUE(fake.writes().empty());

  const std::string firewall = "/compute.googleapis.com/compute/v1/projects/signet-prod/global/firewalls/default-allow-ssh";
  EXPECT_EQ(ask(fake.url(), "PATCH", firewall, bearer(token)).status, 403);
  EXPECT_EQ(ask(fake.url(), "DELETE", firewall, bearer(token)).status, 403);
  EXPECT_EQ(ask(fake.url(), "PUT", "/www.googleapis.com/storage/v1/b/signet-prod-public-assets/iam", bearer(token)).status, 403);
  auto set_policy = ask(fake.url(), "POST", "/cloudresourcemanager.googleapis.com/v1/projects/signet-prod:setIamPolicy", bearer(token));
  EXPECT_EQ(set_policy.status, 403);
  EXPECT_EQ(set_policy.body["error"]["status"], "PERMISSION_DENIED");
  EXPECT_EQ(ask(fake.url(), "DELETE", firewall).status, 401) << "without a token: refused as unauthenticated, counted all the same";
  EXPECT_EQ(fake.writes(), (std::vector<std::string>{"PATCH " + firewall, "DELETE " + firewall, "PUT /www.googleapis.com/storage/v1/b/signet-prod-public-assets/iam",
                                                     "POST /cloudresourcemanager.googleapis.com/v1/projects/signet-prod:setIamPolicy", "DELETE " + firewall}));
  EXPECT_EQ(fake.requests()[1], "POST " + policy + " 200");
}

TEST(GcpFake, APrincipalReadsOnlyTheProjectsTheFixtureLetsIt) {
  GcpFake fake(gcp_test_org());
  const std::string scanner = token_of(fake, kScanner), nobody = token_of(fake, kNoAccess), alice = alice_token(fake);
  const std::string prod_topics = "/pubsub.googleapis.com/v1/projects/signet-prod/topics";
  auto denied = ask(fake.url(), "GET", prod_topics, bearer(nobody));
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(denied.body["error"]["status"], "PERMISSION_DENIED");
  EXPECT_EQ(ask(fake.url(), "GET", "/www.googleapis.com/storage/v1/b/signet-prod-backups/iam", bearer(nobody)).status, 403)
      << "a bucket's project is the one that holds it";
  EXPECT_EQ(ask(fake.url(), "GET", prod_topics, bearer(alice)).status, 403);
  EXPECT_EQ(ask(fake.url(), "GET", "/pubsub.googleapis.com/v1/projects/signet-dev/topics", bearer(alice)).status, 200);
  EXPECT_EQ(ask(fake.url(), "GET", "/pubsub.googleapis.com/v1/projects/not-ours/topics", bearer(scanner)).status, 403);

  // The organization source: projects under a folder, folders under the organization.
  const std::string projects = "/cloudresourcemanager.googleapis.com/v1/projects";
  auto under_prod = ask(fake.url(), "GET", projects + "?filter=parent.type:folder%20parent.id:702184426311", bearer(scanner));
  ASSERT_EQ(under_prod.body["projects"].size(), 1u) << under_prod.text;
  EXPECT_EQ(under_prod.body["projects"][0]["projectId"], "signet-prod");
  auto right_under_org = ask(fake.url(), "GET", projects + "?filter=parent.type:organization%20parent.id:433637338589", bearer(scanner));
  EXPECT_EQ(right_under_org.body["projects"][0]["projectId"], "signet-sandbox");
  std::set<std::string> all;
  for (const auto& page : every_page(fake, projects, scanner))
    for (const auto& p : page.body["projects"]) all.insert(p["projectId"].get<std::string>());
  EXPECT_EQ(all, (std::set<std::string>{"signet-prod", "signet-dev", "signet-sandbox"}));
  auto alices = ask(fake.url(), "GET", projects, bearer(alice));
  ASSERT_EQ(alices.status, 200);
  EXPECT_EQ(alices.body["projects"].size(), 1u) << "projects.list shows the projects one may read";
  EXPECT_EQ(ask(fake.url(), "GET", projects, bearer(nobody)).body, json::object());
  auto folders = ask(fake.url(), "GET", "/cloudresourcemanager.googleapis.com/v2/folders?parent=organizations/433637338589", bearer(scanner));
  EXPECT_EQ(folders.body["folders"].size(), 2u) << folders.text;
  EXPECT_FALSE(ask(fake.url(), "GET", "/cloudresourcemanager.googleapis.com/v2/folders?parent=folders/702184426311", bearer(scanner)).body.contains("folders"));
  EXPECT_EQ(ask(fake.url(), "GET", "/cloudresourcemanager.googleapis.com/v2/folders", bearer(scanner)).status, 400) << "v2 wants a parent";
  EXPECT_EQ(ask(fake.url(), "GET", "/cloudresourcemanager.googleapis.com/v2/folders?parent=organizations/433637338589", bearer(nobody)).status, 403);
}

TEST(GcpFake, ADisabledApiAnswersGooglesServiceDisabledError) {
  GcpFake fake(gcp_test_org());
  const std::string token = token_of(fake, kScanner);
  auto disabled = ask(fake.url(), "GET", "/www.googleapis.com/sql/v1beta4/projects/signet-sandbox/instances", bearer(token));
  ASSERT_EQ(disabled.status, 403);
  const std::string number = gcp_test_org()["projects"][2]["projectNumber"];

  // As recorded from Google (the recording's project number is 123456789123).
  json recorded = recorded_body("sql-api-disabled/get-sql-v1beta4-projects-cloud-custodian-instances_1.json")["error"];
  std::string message = recorded["message"];
  for (auto at = message.find("123456789123"); at != std::string::npos; at = message.find("123456789123")) message.replace(at, 12, number);
  const json& error = disabled.body["error"];
  EXPECT_EQ(error["message"], message);
  EXPECT_EQ(error["status"], recorded["status"]);
  EXPECT_EQ(error["code"], recorded["code"]);
  json recorded_entry = recorded["errors"][0];
  recorded_entry["message"] = message;
  EXPECT_EQ(error["errors"][0], recorded_entry);
  // The details as Google sends them now (recorded: spanner-api-disabled).
  const json spanner = recorded_body("spanner-api-disabled/get-v1-projects-cloud-custodian-instances_1.json")["error"]["details"];
  ASSERT_EQ(error["details"].size(), spanner.size());
  for (std::size_t i = 0; i < spanner.size(); ++i) EXPECT_EQ(error["details"][i]["@type"], spanner[i]["@type"]);
  EXPECT_EQ(error["details"][1]["reason"], "SERVICE_DISABLED");
  EXPECT_EQ(error["details"][1]["metadata"], (json{{"service", "sqladmin.googleapis.com"}, {"consumer", "projects/" + number}}));

  EXPECT_EQ(ask(fake.url(), "GET", "/www.googleapis.com/sql/v1beta4/projects/signet-prod/instances", bearer(token)).status, 200);
  EXPECT_EQ(ask(fake.url(), "GET", "/www.googleapis.com/storage/v1/b?project=signet-sandbox", bearer(token)).status, 200) << "only sqladmin is off there";
}

TEST(GcpFake, AProjectPastItsReadBudgetGetsResourceExhausted) {
  GcpFakeOptions options;
  options.reads_per_window = 3;
  GcpFake fake(gcp_test_org(), options);
  const std::string token = token_of(fake, kScanner);
  const std::string target = "/compute.googleapis.com/compute/v1/projects/signet-prod/global/networks";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ask(fake.url(), "GET", target, bearer(token)).status, 200);
  auto throttled = ask(fake.url(), "GET", target, bearer(token));
  ASSERT_EQ(throttled.status, 429);
  const json& error = throttled.body["error"];
  EXPECT_EQ(error["code"], 429);
  EXPECT_EQ(error["status"], "RESOURCE_EXHAUSTED");
  EXPECT_EQ(error["message"].get<std::string>().rfind("Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service "
                                                       "'compute.googleapis.com'",
                                                       0),
            0u);
  EXPECT_EQ(error["errors"][0]["reason"], "rateLimitExceeded");
  EXPECT_EQ(error["details"][0]["reason"], "RATE_LIMIT_EXCEEDED");
  EXPECT_EQ(ask(fake.url(), "GET", "/compute.googleapis.com/compute/v1/projects/signet-dev/global/networks", bearer(token)).status, 200)
      << "each project has its own budget";
}

TEST(GcpFake, ServesTheRecordedDiscoveryDocumentsAndTheirDirectory) {
  GcpFake fake(gcp_test_org());
  auto compute = ask(fake.url(), "GET", "/www.googleapis.com/discovery/v1/apis/compute/v1/rest");
  ASSERT_EQ(compute.status, 200) << "no token needed";
  EXPECT_EQ(compute.body["id"], "compute:v1");
  EXPECT_EQ(ask(fake.url(), "GET", "/www.googleapis.com/discovery/v1/apis/sqladmin/v1beta4/rest").body["servicePath"], "sql/v1beta4/");
  auto unknown = ask(fake.url(), "GET", "/www.googleapis.com/discovery/v1/apis/topic/v1/rest");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body, recorded_body("discovery/get-discovery-v1-apis-topic-v1-rest_1.json.bz2"));

  auto preferred = [&](const std::string& api) {
    auto listed = ask(fake.url(), "GET", "/www.googleapis.com/discovery/v1/apis?name=" + api + "&preferred=true");
    EXPECT_EQ(listed.body["kind"], "discovery#directoryList");
    EXPECT_EQ(listed.body["items"].size(), 1u) << listed.text;
    return listed.body["items"][0];
  };
  const json c = preferred("compute");
  EXPECT_EQ(c["version"], "v1") << "the stable version over beta";
  EXPECT_EQ(c["discoveryRestUrl"], "https://www.googleapis.com/discovery/v1/apis/compute/v1/rest");
  EXPECT_EQ(c["preferred"], true);
  EXPECT_EQ(preferred("cloudresourcemanager")["version"], "v2");
  EXPECT_EQ(preferred("sqladmin")["version"], "v1beta4") << "no stable version: the newest beta";
  EXPECT_EQ(preferred("cloudasset")["version"], "v1");
  auto both = ask(fake.url(), "GET", "/www.googleapis.com/discovery/v1/apis?name=compute");
  ASSERT_EQ(both.body["items"].size(), 2u);
  for (const auto& item : both.body["items"]) EXPECT_EQ(item["preferred"], item["version"] == "v1");
  EXPECT_FALSE(ask(fake.url(), "GET", "/www.googleapis.com/discovery/v1/apis?name=nothing").body.contains("items"));

  // The hand-written documents of the APIs the recordings lack, beside them; without them, none.
  EXPECT_EQ(preferred("dataproc")["version"], "v1");
  auto apikeys = ask(fake.url(), "GET", "/www.googleapis.com/discovery/v1/apis/apikeys/v2/rest");
  EXPECT_EQ(apikeys.status, 200);
  EXPECT_EQ(apikeys.body["rootUrl"], "https://apikeys.googleapis.com/");
  GcpFakeOptions recorded_only;
  recorded_only.supplement_dir.clear();
  GcpFake without(gcp_test_org(), recorded_only);
  EXPECT_EQ(ask(without.url(), "GET", "/www.googleapis.com/discovery/v1/apis/apikeys/v2/rest").status, 404);

  GcpFakeOptions elsewhere;
  elsewhere.discovery_dir = "/nonexistent-signet-discovery";
  GcpFake empty(gcp_test_org(), elsewhere);
  auto unavailable = ask(empty.url(), "GET", "/www.googleapis.com/discovery/v1/apis/compute/v1/rest");
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_NE(unavailable.body["error"]["message"].get<std::string>().find("/nonexistent-signet-discovery"), std::string::npos);
}

// Keeps the fixture honest: each of its paths is a path of a GET (or, under posts, a POST)
// method of its API's Discovery document, with the document's parameters filled in.
TEST(GcpFake, EveryFixturePathIsADiscoveryMethodPath) {
  GcpFake fake(gcp_test_org());
  struct Template {
    std::string host, method;
    std::regex pattern;
    std::string text;
  };
  std::vector<Template> templates;
  auto directory = ask(fake.url(), "GET", "/www.googleapis.com/discovery/v1/apis");
  ASSERT_GE(directory.body["items"].size(), 29u);
  for (const auto& item : directory.body["items"]) {
    const std::string rest_url = item["discoveryRestUrl"];
    auto doc = ask(fake.url(), "GET", "/" + rest_url.substr(std::string("https://").size()));
    ASSERT_EQ(doc.status, 200) << rest_url;
    const std::string root = doc.body["rootUrl"], service_path = doc.body.value("servicePath", "");
    const std::string host = root.substr(8, root.find('/', 8) - 8);
    std::function<void(const json&)> walk = [&](const json& resource) {
      for (const auto& [name, method] : object_at(resource, "methods").items())
        for (const char* field : {"path", "flatPath"}) {
          if (!method.contains(field)) continue;
          // {+name} spans segments, {name} is one.
          const std::string path = service_path + method[field].get<std::string>();
          std::string pattern;
          for (std::size_t i = 0; i < path.size();) {
            if (path[i] == '{') {
              const auto close = path.find('}', i);
              pattern += path[i + 1] == '+' ? ".+" : "[^/]+";
              i = close + 1;
            } else {
              if (std::string(".[]()*+?^$|\\").find(path[i]) != std::string::npos) pattern += '\\';
              pattern += path[i++];
            }
          }
          templates.push_back({host, method.value("httpMethod", ""), std::regex(pattern), path});
        }
      for (const auto& [name, child] : object_at(resource, "resources").items()) walk(child);
    };
    walk(doc.body);
  }
  auto documented = [&](const std::string& host, const std::string& method, const std::string& path) {
    return std::any_of(templates.begin(), templates.end(),
                       [&](const Template& t) { return t.host == host && t.method == method && std::regex_match(path, t.pattern); });
  };

  std::vector<std::string> undocumented;
  std::size_t checked = 0;
  std::vector<const json*> scopes = {&gcp_test_org()["organization"]};
  for (const auto& p : gcp_test_org()["projects"]) scopes.push_back(&p);
  for (const json* scope : scopes) {
    for (const auto& [host, entries] : (*scope)["apis"].items())
      for (const auto& [key, entry] : entries.items()) {
        ++checked;
        if (!documented(host, "GET", key.substr(0, key.find('?')))) undocumented.push_back("GET " + host + "/" + key);
      }
    for (const auto& [key, answer] : object_at(*scope, "posts").items()) {
      ++checked;
      const auto slash = key.find('/');
      if (!documented(key.substr(0, slash), "POST", key.substr(slash + 1))) undocumented.push_back("POST " + key);
    }
  }
  EXPECT_GT(checked, 100u);
  EXPECT_TRUE(undocumented.empty()) << "fixture paths no Discovery method has:\n" << [&] {
    std::string all;
    for (const auto& u : undocumented) all += "  " + u + "\n";
    return all;
  }();
}

TEST(GcpFake, WritesCredentialFilesAsGoogleHandsThemOut) {
  GcpFake fake(gcp_test_org());
  const auto dir = std::filesystem::temp_directory_path() / ("signet-gcp-fake-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  fake.write_service_account_key(kScanner, dir / "key.json");
  fake.write_authorized_user(kAlice, dir / "adc.json");
  const json key = json::parse(read_file((dir / "key.json").string()));
  for (const char* field : {"type", "project_id", "private_key_id", "private_key", "client_email", "client_id", "token_uri"})
    EXPECT_TRUE(key.contains(field)) << field;
  EXPECT_EQ(key["project_id"], "signet-prod");
  EXPECT_EQ(std::filesystem::status(dir / "key.json").permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const json adc = json::parse(read_file((dir / "adc.json").string()));
  EXPECT_EQ(adc["type"], "authorized_user");
  EXPECT_EQ(adc["quota_project_id"], "signet-dev");
  EXPECT_THROW(fake.write_authorized_user("bob@example-org.test", dir / "bob.json"), std::invalid_argument);
  EXPECT_THROW(fake.write_service_account_key(kScanner, dir / "no" / "such" / "folder.json"), std::runtime_error);
  std::filesystem::remove_all(dir);
}
