// The Azure client against the Azure fake: paths and API versions as Resource Manager wants
// them, pages concatenated, Graph, throttling, errors, and what it refuses to send.
#include "azure/client/client.h"

#include <gtest/gtest.h>

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
