// The Azure client against the Azure fake: paths and API versions as Resource Manager wants
// them, pages concatenated, Graph, throttling, errors, and what it refuses to send.
#include "azure/client/client.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <optional>

#include "azure/test_helpers.h"
#include "emulator/azure_fake.h"
#include "testing/local_http_server.h"

using namespace signet;
using namespace signet::azure;
using nlohmann::json;
using namespace std::chrono_literals;
using namespace signet::azure::testing;

namespace {

std::size_t count_requests(const emulator::AzureFake& fake, const std::string& part) {
  std::size_t n = 0;
  for (const auto& r : fake.requests()) n += r.find(part) != std::string::npos;
  return n;
}

}  // namespace

TEST(AzureClient, ListsEveryPageWithTheNewestStableApiVersionTheSubscriptionRegistered) {
  emulator::AzureFake fake(emulator::azure_test_tenant());  // two items a page
  io::EventLoop loop;
  AzureClient client(loop, secret_chain(fake), fake_options(fake.url()));
  auto accounts = call(client, loop, {"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", subscription()});
  ASSERT_TRUE(accounts.error.is_null()) << accounts.error.dump();
  ASSERT_TRUE(accounts.api_response.is_array());
  EXPECT_EQ(accounts.api_response.size(), 3u) << "three accounts over two pages";
  EXPECT_EQ(accounts.pages, 2u);
  EXPECT_EQ(count_requests(fake, "storageAccounts?api-version=2023-05-01"), 1u) << "the newest stable, not 2024-01-01-preview";

  // A child collection under a resource id, and a resource group's scope; the registrations
  // were read once for all of them.
  std::string id = accounts.api_response[0]["id"];
  auto blob = call(client, loop, {"Microsoft.Storage", "{id}/blobServices", subscription(), {{"id", id}}});
  ASSERT_TRUE(blob.error.is_null()) << blob.error.dump();
  EXPECT_EQ(blob.api_response.size(), 1u);
  auto in_group = call(client, loop, {"Microsoft.Storage", "resourceGroups/{group}/providers/Microsoft.Storage/storageAccounts", subscription(), {{"group", "test-rg"}}});
  EXPECT_EQ(in_group.api_response.size(), 2u);
  EXPECT_EQ(count_requests(fake, "/providers?api-version=2021-04-01"), 1u) << "registrations read once per subscription";

  // A single resource is the whole object; an explicit version is sent as given.
  CallRequest one{"Microsoft.Storage", id, subscription()};
  one.api_version = "2023-01-01";
  auto account = call(client, loop, one);
  ASSERT_TRUE(account.api_response.is_object());
  EXPECT_EQ(account.api_response["id"], id);
  EXPECT_EQ(count_requests(fake, "api-version=2023-01-01"), 1u);
  EXPECT_TRUE(fake.writes().empty());
  EXPECT_EQ(client.stats().requests_by_service.at("Microsoft.Storage"), 5u) << "two pages, then one each";
}

TEST(AzureClient, ResourceManagersOwnCollectionsAndGraphPagesAndSingletons) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  io::EventLoop loop;
  AzureClient client(loop, secret_chain(fake), fake_options(fake.url()));
  auto groups = call(client, loop, {"Microsoft.Resources", "resourcegroups", subscription()});
  ASSERT_TRUE(groups.error.is_null()) << groups.error.dump();
  EXPECT_EQ(groups.api_response.size(), 2u);
  auto subscriptions = call(client, loop, {"Microsoft.Resources", "/subscriptions", ""});
  ASSERT_TRUE(subscriptions.error.is_null()) << subscriptions.error.dump();
  EXPECT_EQ(subscriptions.api_response[0]["subscriptionId"], subscription());

  auto users = call(client, loop, {"Graph", "users"});
  ASSERT_TRUE(users.error.is_null()) << users.error.dump();
  EXPECT_EQ(users.api_response.size(), 3u) << "two pages through @odata.nextLink";
  auto policy = call(client, loop, {"Graph", "policies/authorizationPolicy"});
  ASSERT_TRUE(policy.api_response.is_object());
  EXPECT_EQ(policy.api_response["allowInvitesFrom"], "everyone");
  EXPECT_EQ(count_requests(fake, "GET /v1.0/users"), 2u);
}

TEST(AzureClient, CloudErrorsAreResultsWithTheirCodes) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  io::EventLoop loop;
  AzureClient client(loop, secret_chain(fake), fake_options(fake.url()));
  auto missing = call(client, loop, {"Microsoft.Storage", "resourceGroups/test-rg/providers/Microsoft.Storage/storageAccounts/nosuch", subscription()});
  EXPECT_EQ(missing.error["code"], "ResourceNotFound");
  EXPECT_EQ(missing.error["statusCode"], 404);
  EXPECT_TRUE(missing.api_response.is_null());
  auto unregistered = call(client, loop, {"Microsoft.Batch", "providers/Microsoft.Batch/batchAccounts", subscription()});
  EXPECT_EQ(unregistered.error["code"], "NoRegisteredProviderFound") << unregistered.error.dump();

  AzureClient stranger(loop, CredentialChain::fixed("not-a-token"), fake_options(fake.url()));
  auto refused = call(stranger, loop, {"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", subscription()});
  EXPECT_EQ(refused.error["statusCode"], 401);
  EXPECT_EQ(refused.error["code"], "InvalidAuthenticationToken") << refused.error.dump();
}

TEST(AzureClient, ThrottledReadsWaitForRetryAfterAndComplete) {
  emulator::AzureFakeOptions tight;
  tight.reads_per_window = 3;
  tight.window = std::chrono::seconds(5);  // the first five reads fall in one window on any machine
  tight.retry_after_seconds = 1;
  emulator::AzureFake fake(emulator::azure_test_tenant(), tight);
  io::EventLoop loop;
  auto options = fake_options(fake.url());
  AzureClient client(loop, secret_chain(fake), options);
  int done = 0;
  std::vector<cloud::CallResult> results;
  for (int i = 0; i < 4; ++i)
    client.call({"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", subscription()}, [&](cloud::CallResult r) {
      results.push_back(std::move(r));
      ++done;
    });
  loop.run_until([&] { return done == 4; });
  int throttled = 0;
  for (const auto& r : results) {
    EXPECT_TRUE(r.error.is_null()) << r.error.dump();
    EXPECT_EQ(r.api_response.size(), 3u);
    throttled += r.throttled;
  }
  EXPECT_GT(throttled, 0) << "nine reads against three a window";
  EXPECT_GT(client.stats().throttled_by_service.at("Microsoft.Storage"), 0u);
  EXPECT_TRUE(options.rate.control->state({subscription(), "global", "Microsoft.Storage", ""}).throttled_once);
}

// ARM says how many reads the subscription has left in its window: below the client's floor,
// an answer slows the rate control as a throttle would, before any 429.
TEST(AzureClient, FewReadsLeftSlowTheClientBeforeArmThrottles) {
  emulator::AzureFakeOptions window;
  window.reads_per_window = 40;
  window.window = std::chrono::hours(1);
  emulator::AzureFake fake(emulator::azure_test_tenant(), window);
  io::EventLoop loop;
  auto options = fake_options(fake.url());
  options.low_remaining_reads = 39;  // the fake answers 40 - reads: the second read is below it
  AzureClient client(loop, secret_chain(fake), options);
  std::optional<cloud::CallResult> result;
  client.call({"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", subscription()}, [&](cloud::CallResult r) { result = std::move(r); });
  loop.run_until([&] { return result.has_value(); });
  EXPECT_TRUE(result->error.is_null()) << result->error.dump();
  EXPECT_EQ(result->throttled, 0) << "ARM never said 429";
  EXPECT_TRUE(options.rate.control->state({subscription(), "global", "Microsoft.Storage", ""}).throttled_once)
      << "but few reads were left: the rate control slowed down";
}

TEST(AzureClient, RequestsThatCouldWriteRevealSecretsOrLeaveTheirScopeAreRefusedBeforeSending) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  io::EventLoop loop;
  AzureClient client(loop, secret_chain(fake), fake_options(fake.url()));
  const std::string account = "resourceGroups/test-rg/providers/Microsoft.Storage/storageAccounts/cctstorageopen";
  struct Case {
    CallRequest request;
    const char* says;
  };
  CallRequest list_keys{"Microsoft.Storage", account + "/listKeys", subscription()};
  list_keys.method = "POST";
  CallRequest put{"Microsoft.Storage", account, subscription()};
  put.method = "PUT";
  CallRequest graph_post{"Graph", "users"};
  graph_post.method = "POST";
  CallRequest beta{"Graph", "users"};
  beta.api_version = "v2";
  for (const auto& c : std::vector<Case>{
           {list_keys, "lists access keys"},
           {{"Microsoft.Storage", account + "/listKeys", subscription()}, "lists access keys"},
           {put, "only GET and POST"},
           {graph_post, "only the POST operations listed as reads"},
           {{"Microsoft.ContainerService", "resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c/accessProfiles/clusterAdmin", subscription()}, "kubeconfig"},
           {{"Microsoft.Web", "resourceGroups/g/providers/Microsoft.Web/sites/s/config/appsettings", subscription()}, "secrets"},
           {{"Microsoft.Storage", "providers/Microsoft.Network/networkSecurityGroups", subscription()}, "addresses Microsoft.Network, not Microsoft.Storage"},
           {{"Microsoft.Storage", "https://evil.example/x", subscription()}, "must be a path"},
           {{"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts?$top=1", subscription()}, "must be a path"},
           {{"Microsoft.Storage", "{id}/blobServices", subscription(), {{"id", "/subscriptions/x/../../providers/Microsoft.Storage"}}}, "not a resource id"},
           {{"Microsoft.Storage", "{id}/blobServices", subscription()}, "needs params.id"},
           {{"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", ""}, "none is given"},
           {{"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", subscription(), {{"filter", {{"a", 1}}}}}, "must be text"},
           {{"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", subscription(), {{"api-version", "2023-05-01"}}}, "serviceParams.apiVersion"},
           {{"storage", "providers/Microsoft.Storage/storageAccounts", subscription()}, "resource provider namespace"},
           {beta, "v1.0 or beta"},
       }) {
    try {
      client.call(c.request, [](cloud::CallResult) { ADD_FAILURE() << "sent"; });
      ADD_FAILURE() << c.request.service << " " << c.request.endpoint << " was not refused";
    } catch (const cloud::CallRefused& e) {
      EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
    }
  }
  EXPECT_TRUE(fake.requests().empty()) << "nothing was sent";
}

TEST(AzureClient, ANextLinkToAnotherHostIsNotFollowedWithTheToken) {
  signet::testing::LocalHttpServer server;
  std::string seen_authorization;
  server.server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    seen_authorization = req.get_header_value("Authorization");
    res.set_content(R"({"value": [{"id": "a"}], "nextLink": "http://evil.example/steal?token=1"})", "application/json");
  });
  server.start();
  io::EventLoop loop;
  auto options = fake_options(server.url());
  AzureClient client(loop, CredentialChain::fixed("secret-token"), options);
  CallRequest request{"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", "s"};
  request.api_version = "2023-05-01";
  auto r = call(client, loop, request);
  EXPECT_EQ(r.error["code"], "InvalidNextLink") << r.error.dump();
  EXPECT_EQ(seen_authorization, "Bearer secret-token");
  EXPECT_EQ(client.stats().requests, 1u);
}

TEST(AzureClient, ApiVersionsAndResourceTypesFromPaths) {
  EXPECT_EQ(newest_stable_version(json{"2024-01-01-preview", "2023-05-01", "2022-09-01"}), "2023-05-01");
  EXPECT_EQ(newest_stable_version(json{"2024-01-01-preview", "2023-01-01-preview"}), "2024-01-01-preview");
  EXPECT_EQ(newest_stable_version(json::array()), "");
  EXPECT_EQ(resource_type_of("/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a/blobServices/default"),
            "Microsoft.Storage/storageAccounts/blobServices");
  EXPECT_EQ(resource_type_of("/subscriptions/s/providers/Microsoft.Security/pricings"), "Microsoft.Security/pricings");
  EXPECT_EQ(resource_type_of("/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a/providers/Microsoft.Insights/diagnosticSettings"),
            "Microsoft.Insights/diagnosticSettings");
  EXPECT_EQ(resource_type_of("/subscriptions/s/resourcegroups"), "Microsoft.Resources/resourcegroups");
  EXPECT_EQ(resource_type_of("/subscriptions/s/resourceGroups/g"), "Microsoft.Resources/resourceGroups");
  EXPECT_EQ(resource_type_of("/subscriptions/s"), "Microsoft.Resources/subscriptions");
  EXPECT_EQ(resource_type_of("/subscriptions/s/providers"), "Microsoft.Resources/providers");
  EXPECT_EQ(resource_type_of("/subscriptions/s/locations"), "Microsoft.Resources/locations");
}

// --- Key Vault's data plane ----------------------------------------------------------------

namespace {

// The fake's vaults as Resource Manager lists them: name -> vaultUri.
std::map<std::string, std::string> vault_uris(AzureClient& client, io::EventLoop& loop) {
  auto vaults = call(client, loop, {"Microsoft.KeyVault", "providers/Microsoft.KeyVault/vaults", subscription()});
  EXPECT_TRUE(vaults.error.is_null()) << vaults.error.dump();
  std::map<std::string, std::string> out;
  for (const auto& v : vaults.api_response) out[v["name"]] = v["properties"]["vaultUri"];
  return out;
}

// A loopback listener that answers every request with `answer` ({url} written as its own URL)
// and keeps each request's Authorization header: what a host that must never get a token saw.
struct Listener {
  signet::testing::LocalHttpServer server;
  std::mutex mutex;
  std::vector<std::string> authorizations;  // one per request
  explicit Listener(std::string answer) {
    server.server.Get(".*", [this, answer](const httplib::Request& req, httplib::Response& res) {
      std::string body = answer;
      for (auto at = body.find("{url}"); at != std::string::npos; at = body.find("{url}")) body.replace(at, 5, server.url());
      std::lock_guard lock(mutex);
      authorizations.push_back(req.get_header_value("Authorization"));
      res.set_content(body, "application/json");
    });
    server.start();
  }
  std::vector<std::string> seen() {
    std::lock_guard lock(mutex);
    return authorizations;
  }
};

std::string refusal(AzureClient& client, const CallRequest& request) {
  try {
    client.call(request, [](cloud::CallResult) { ADD_FAILURE() << "sent"; });
  } catch (const cloud::CallRefused& e) {
    return e.what();
  }
  return "(not refused)";
}

}  // namespace

TEST(AzureClient, ReadsAVaultsCertificatesAndPoliciesWithAKeyVaultTokenOverPages) {
  emulator::AzureFake fake(emulator::azure_test_tenant());  // two items a page
  io::EventLoop loop;
  AzureClient client(loop, secret_chain(fake), fake_options(fake.url()));
  auto uris = vault_uris(client, loop);
  ASSERT_EQ(uris["cckeyvault-nopurge"], fake.url() + "/keyvault/cckeyvault-nopurge/") << "the fixture's {fake} is the fake's URL";

  // "{vaultUri}certificates": every page, with the Key Vault API version; the fake answers only
  // a token for Key Vault's audience, which the chain asked Entra ID for beside ARM's.
  auto listed = call(client, loop, {"Microsoft.KeyVault", "{vaultUri}certificates", subscription(), {{"vaultUri", uris["cckeyvault-nopurge"]}}});
  ASSERT_TRUE(listed.error.is_null()) << listed.error.dump();
  ASSERT_EQ(listed.api_response.size(), 3u);
  EXPECT_EQ(listed.pages, 2u);
  EXPECT_EQ(count_requests(fake, "GET /keyvault/cckeyvault-nopurge/certificates?api-version=7.4 200"), 1u);
  EXPECT_EQ(count_requests(fake, "GET /keyvault/cckeyvault-nopurge/certificates?$skiptoken="), 1u) << "the second page through nextLink";
  EXPECT_EQ(fake.tokens_issued().at("secret"), 2) << "one token for ARM, one for Key Vault, each cached";

  // A certificate's policy under its id (a URL), and the same through the literal URL form.
  std::string legacy;
  for (const auto& c : listed.api_response)
    if (c["id"].get<std::string>().ends_with("/legacy-portal")) legacy = c["id"];
  ASSERT_FALSE(legacy.empty()) << listed.api_response.dump();
  auto policy = call(client, loop, {"Microsoft.KeyVault", "{id}/policy", subscription(), {{"id", legacy}}});
  ASSERT_TRUE(policy.error.is_null()) << policy.error.dump();
  EXPECT_EQ(policy.api_response["x509_props"]["validity_months"], 24);
  EXPECT_EQ(policy.api_response["id"], legacy + "/policy");
  auto literal = call(client, loop, {"Microsoft.KeyVault", legacy + "/policy", subscription()});
  EXPECT_EQ(literal.api_response, policy.api_response);
  auto by_name = call(client, loop, {"Microsoft.KeyVault", "{vaultUri}/certificates/{name}", subscription(),
                                     {{"vaultUri", uris["cckeyvault-nopurge"]}, {"name", "orders-api-tls"}}});
  EXPECT_EQ(by_name.api_response["policy"]["x509_props"]["validity_months"], 12) << "a slash after the URL, or none";

  // A vault without certificates, key and secret listings, an explicit API version.
  auto none = call(client, loop, {"Microsoft.KeyVault", "{vaultUri}certificates", subscription(), {{"vaultUri", uris["cckeyvault-secure"]}}});
  ASSERT_TRUE(none.error.is_null()) << none.error.dump();
  EXPECT_TRUE(none.api_response.is_array() && none.api_response.empty());
  CallRequest secrets{"Microsoft.KeyVault", "{vaultUri}secrets", subscription(), {{"vaultUri", uris["cckeyvault-nopurge"]}}};
  secrets.api_version = "7.5";
  auto secret_list = call(client, loop, secrets);
  ASSERT_TRUE(secret_list.error.is_null()) << secret_list.error.dump();
  EXPECT_EQ(secret_list.api_response.size(), 5u) << "two secrets and the three certificates' own";
  for (const auto& s : secret_list.api_response) EXPECT_FALSE(s.contains("value")) << s.dump();
  EXPECT_EQ(count_requests(fake, "secrets?api-version=7.5"), 1u);
  EXPECT_EQ(call(client, loop, {"Microsoft.KeyVault", "{vaultUri}keys", subscription(), {{"vaultUri", uris["cckeyvault-secure"]}}}).api_response.size(), 1u);
  EXPECT_TRUE(fake.writes().empty()) << "no change and no secret value was asked for";
  EXPECT_EQ(client.stats().requests_by_service.at("Microsoft.KeyVault"), 11u) << "the vaults, then two pages, one each, three pages of secrets, one";
}

TEST(AzureClient, AVaultsErrorsAreResultsWithTheirCodes) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  io::EventLoop loop;
  AzureClient client(loop, secret_chain(fake), fake_options(fake.url()));
  const std::string vault = vault_uris(client, loop)["cckeyvault-nopurge"];
  auto missing = call(client, loop, {"Microsoft.KeyVault", "{vaultUri}certificates/{name}/policy", subscription(), {{"vaultUri", vault}, {"name", "nosuch"}}});
  EXPECT_EQ(missing.error["code"], "CertificateNotFound") << missing.error.dump();
  EXPECT_EQ(missing.error["statusCode"], 404);
  EXPECT_NE(missing.error["message"].get<std::string>().find("nosuch"), std::string::npos);
  CallRequest future{"Microsoft.KeyVault", "{vaultUri}certificates", subscription(), {{"vaultUri", vault}}};
  future.api_version = "9.9";
  auto version = call(client, loop, future);
  EXPECT_EQ(version.error["code"], "BadParameter") << version.error.dump();
  EXPECT_EQ(version.error["statusCode"], 400);

  // A token that is not Key Vault's: the vault's 401, mapped like ARM's.
  AzureClient stranger(loop, CredentialChain::fixed("not-a-token"), fake_options(fake.url()));
  auto refused = call(stranger, loop, {"Microsoft.KeyVault", "{vaultUri}certificates", subscription(), {{"vaultUri", vault}}});
  EXPECT_EQ(refused.error["statusCode"], 401);
  EXPECT_EQ(refused.error["code"], "Unauthorized") << refused.error.dump();
}

TEST(AzureClient, AVaultUrlOnAnotherHostIsRefusedAndNeverGetsTheToken) {
  Listener elsewhere(R"({"value": []})");
  emulator::AzureFake fake(emulator::azure_test_tenant());
  io::EventLoop loop;
  // With the override (tests): only the fake's vaults; a loopback host on another port is not one.
  AzureClient client(loop, CredentialChain::fixed("secret-token"), fake_options(fake.url()));
  const std::string host = elsewhere.server.url().substr(7);
  for (const std::string& uri : {elsewhere.server.url() + "/keyvault/cckeyvault-nopurge/", elsewhere.server.url() + "/",
                                 std::string("https://cckeyvault-nopurge.vault.azure.net/")}) {
    SCOPED_TRACE(uri);
    std::string why = refusal(client, {"Microsoft.KeyVault", "{vaultUri}certificates", subscription(), {{"vaultUri", uri}}});
    EXPECT_NE(why.find("the Key Vault token goes only to vaults under " + fake.url() + "/keyvault/"), std::string::npos) << why;
  }
  EXPECT_NE(refusal(client, {"Microsoft.KeyVault", "{vaultUri}certificates", subscription(), {{"vaultUri", elsewhere.server.url() + "/"}}}).find(host),
            std::string::npos)
      << "the error names the host";
  EXPECT_NE(refusal(client, {"Microsoft.KeyVault", elsewhere.server.url() + "/keyvault/v/certificates", subscription()}).find(host), std::string::npos);

  // Without it (every real client): https, one vault name under the cloud's Key Vault DNS suffix.
  AzureClient real(loop, CredentialChain::fixed("secret-token"));
  for (const std::string& uri : {elsewhere.server.url() + "/", std::string("https://evil.example/"), std::string("https://myvault.vault.azure.net.evil.example/"),
                                 std::string("https://a.b.vault.azure.net/"), std::string("http://myvault.vault.azure.net/"),
                                 std::string("https://myvault.vault.azure.net:8443/"), std::string("https://user@myvault.vault.azure.net/"),
                                 std::string("https://myvault.vault.usgovcloudapi.net/"), std::string("https://vault.azure.net/"),
                                 std::string("https://my_vault.vault.azure.net/")}) {
    SCOPED_TRACE(uri);
    std::string why = refusal(real, {"Microsoft.KeyVault", "{vaultUri}certificates", "", {{"vaultUri", uri}}});
    EXPECT_NE(why.find("the Key Vault token goes only to vaults of this cloud (https://NAME.vault.azure.net/)"), std::string::npos) << why;
  }
  EXPECT_EQ(real.resolve({"Microsoft.KeyVault", "{vaultUri}certificates", "", {{"vaultUri", "https://MyVault.vault.azure.net:443/"}}}),
            "https://myvault.vault.azure.net/certificates");
  AzureClient government(loop, CredentialChain::fixed("t", "AzureUSGovernment"));
  EXPECT_EQ(government.resolve({"Microsoft.KeyVault", "{id}/policy", "", {{"id", "https://gov.vault.usgovcloudapi.net/certificates/web"}}}),
            "https://gov.vault.usgovcloudapi.net/certificates/web/policy");
  EXPECT_NE(refusal(government, {"Microsoft.KeyVault", "https://myvault.vault.azure.net/certificates", ""}).find("vault.usgovcloudapi.net"), std::string::npos);
  EXPECT_TRUE(elsewhere.seen().empty()) << "nothing reached the other host";
  EXPECT_TRUE(fake.requests().empty());
}

TEST(AzureClient, AVaultsNextLinkIsFollowedOnlyWithinTheVault) {
  // A vault (the listener, as the override's) whose page links elsewhere: the first page's
  // request carries the token, the next link is not followed.
  for (const std::string& next : {std::string("http://evil.example/keyvault/v/certificates?$skiptoken=1"), std::string("{url}/keyvault/other/certificates?$skiptoken=1")}) {
    SCOPED_TRACE(next);
    Listener vault(json{{"value", {{{"id", "{url}/keyvault/v/certificates/a"}}}}, {"nextLink", next}}.dump());
    io::EventLoop loop;
    AzureClient client(loop, CredentialChain::fixed("secret-token"), fake_options(vault.server.url()));
    auto r = call(client, loop, {"Microsoft.KeyVault", "{vaultUri}certificates", "", {{"vaultUri", vault.server.url() + "/keyvault/v/"}}});
    EXPECT_EQ(r.error["code"], "InvalidNextLink") << r.error.dump();
    EXPECT_EQ(vault.seen(), std::vector<std::string>{"Bearer secret-token"});
  }
  // Key Vault writes its next links with :443; the same vault all the same.
  const VaultUrl page = parse_vault_url("https://MyVault.vault.azure.net:443/certificates?api-version=7.4&$skiptoken=x&maxresults=25", "vault.azure.net");
  EXPECT_EQ(page.vault, "https://myvault.vault.azure.net");
  EXPECT_EQ(page.path, "/certificates");
  EXPECT_EQ(page.query, "api-version=7.4&$skiptoken=x&maxresults=25");
  const VaultUrl local = parse_vault_url("http://127.0.0.1:9/keyvault/v1/keys", "vault.azure.net", "http://127.0.0.1:9/keyvault/");
  EXPECT_EQ(local.vault, "http://127.0.0.1:9/keyvault/v1");
  EXPECT_EQ(local.path, "/keys");
  EXPECT_THROW(parse_vault_url("http://127.0.0.1:9/elsewhere/v1/keys", "vault.azure.net", "http://127.0.0.1:9/keyvault"), cloud::CallRefused);
}

TEST(AzureClient, VaultReadsThatRevealSecretsOrWriteAreRefusedBeforeSending) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  io::EventLoop loop;
  AzureClient client(loop, secret_chain(fake), fake_options(fake.url()));
  const std::string vault = fake.url() + "/keyvault/cckeyvault-nopurge/";
  auto at = [&](const std::string& path) { return CallRequest{"Microsoft.KeyVault", "{vaultUri}" + path, subscription(), {{"vaultUri", vault}}}; };
  CallRequest decrypt = at("keys/legacy-signing/decrypt");
  decrypt.method = "POST";
  CallRequest backup = at("certificates/legacy-portal/backup");
  backup.method = "POST";
  CallRequest latest = at("certificates");
  latest.api_version = "latest";
  struct Case {
    CallRequest request;
    const char* says;
  };
  for (const auto& c : std::vector<Case>{
           {at("secrets/orders-db-connection"), "returns a secret's value"},
           {at("secrets/orders-db-connection/"), "returns a secret's value"},
           {at("secrets/orders-db-connection/7c6b5a4938271605f4e3d2c1b0a99887"), "returns a secret's value"},
           {at("deletedsecrets/old"), "a deleted secret's value"},
           {decrypt, "a vault's POSTs sign, encrypt, decrypt"},
           {backup, "back up"},
           {at("certificates/legacy-portal/pending"), "pending issuance"},
           {at("certificates/issuers/digicert"), "credentials"},
           {at("storage/account1/sas/def"), "signed access tokens"},
           {at(""), "not among the vault reads"},
           {at("certificates/legacy-portal/../../secrets/x"), ". or .."},
           {at("certificates/%2e%2e/secrets"), ". or .."},
           {{"Microsoft.KeyVault", "{vaultUri}certificates", subscription(), {{"vaultUri", vault + "?x=1"}}}, "holds a query"},
           {latest, "not a Key Vault API version"},
           {{"Microsoft.Storage", "{vaultUri}certificates", subscription(), {{"vaultUri", vault}}}, "only Microsoft.KeyVault's data plane"},
           {{"Microsoft.Storage", vault + "certificates", subscription()}, "must be a path"},
           {{"Microsoft.KeyVault", "{id}/https://x", subscription(), {{"id", vault}}}, "must be a path"},
       }) {
    SCOPED_TRACE(c.request.endpoint);
    EXPECT_NE(refusal(client, c.request).find(c.says), std::string::npos) << refusal(client, c.request);
  }
  // What it reads: listings (never a value), versions, policies, keys' public parts.
  for (const char* path : {"secrets", "secrets/orders-db-connection/versions", "keys/legacy-signing", "keys/legacy-signing/rotationpolicy",
                           "keys/legacy-signing/0a9b8c7d6e5f40312a3b4c5d6e7f8091", "certificates/legacy-portal/versions",
                           "certificates/legacy-portal/3c9a1e5f7b2d4086a1c3e5f7092b4d6f", "certificates/contacts", "deletedcertificates"})
    EXPECT_EQ(client.resolve(at(path)), vault + path);
  EXPECT_TRUE(fake.requests().empty()) << "nothing was sent";
}
