// The Google Cloud client against the fake: calls checked against the Discovery documents
// before anything is sent, the read-only policy, paging, aggregated lists, reading POSTs,
// Google's errors, and throttling.
#include "gcp/client/client.h"

#include <gtest/gtest.h>

#include "gcp/test_helpers.h"

using namespace signet;
using namespace signet::gcp;
using nlohmann::json;
using gcp::testing::call_now;
using gcp::testing::FakeGoogle;

namespace {

// The message of the CallRefused `request` gets, "" when it is not refused.
std::string refusal(GcpClient& client, const CallRequest& request) {
  try {
    client.resolve(request);
  } catch (const cloud::CallRefused& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(GcpClient, PagesThroughAListAndGathersAnAggregatedListsZones) {
  FakeGoogle google;
  io::EventLoop loop;
  auto client = google.client(loop);
  auto firewalls = call_now(loop, *client, {"compute", "firewalls.list", "signet-prod", {{"project", "signet-prod"}}});
  ASSERT_TRUE(firewalls.error.is_null()) << firewalls.error.dump();
  const auto& expected = emulator::gcp_test_org()["projects"][0]["apis"]["compute.googleapis.com"]["compute/v1/projects/signet-prod/global/firewalls"]["items"];
  ASSERT_GT(expected.size(), 2u) << "more than a page of the fake's";
  EXPECT_EQ(firewalls.api_response.size(), expected.size());
  EXPECT_EQ(firewalls.pages, (expected.size() + 1) / 2);
  std::set<std::string> names;
  for (const auto& f : firewalls.api_response) names.insert(f.value("name", ""));
  EXPECT_EQ(names.size(), expected.size()) << "each item once";

  auto instances = call_now(loop, *client, {"compute", "compute.instances.aggregatedList", "signet-prod", {{"project", "signet-prod"}}, "v1"});
  ASSERT_TRUE(instances.error.is_null()) << instances.error.dump();
  std::set<std::string> zones;
  for (const auto& i : instances.api_response) zones.insert(i.value("zone", "").substr(i.value("zone", "").rfind('/') + 1));
  EXPECT_EQ(zones, (std::set<std::string>{"europe-west1-b", "us-central1-a"})) << "us-central1-b's list is empty";

  auto first_page = call_now(loop, *client, {"compute", "firewalls.list", "signet-prod", {{"project", "signet-prod"}}, "", nullptr, false});
  EXPECT_EQ(first_page.api_response.size(), 2u) << "--no-paginate: the first page only";

  // A method whose answer is not a list gives the answer; a reading POST sends its body.
  auto project = call_now(loop, *client, {"compute", "projects.get", "signet-prod", {{"project", "signet-prod"}}});
  ASSERT_TRUE(project.api_response.is_object()) << project.api_response.dump().substr(0, 200);
  EXPECT_EQ(project.api_response.value("name", ""), "signet-prod");
  auto policy = call_now(loop, *client, {"cloudresourcemanager", "projects.getIamPolicy", "signet-prod", {{"resource", "signet-prod"}}, "v1",
                                         {{"options", {{"requestedPolicyVersion", 3}}}}});
  ASSERT_TRUE(policy.error.is_null()) << policy.error.dump();
  EXPECT_TRUE(policy.api_response.contains("bindings")) << policy.api_response.dump().substr(0, 200);
  EXPECT_TRUE(google.fake.writes().empty());
  EXPECT_GT(client->stats().requests_by_operation.at("compute:compute.firewalls.list"), 1u);
}

TEST(GcpClient, RefusesWhatTheDocumentsDoNotDescribeAndWhatWritesBeforeSending) {
  FakeGoogle google;
  io::EventLoop loop;
  auto client = google.client(loop);
  EXPECT_NE(refusal(*client, {"compute", "firewalls.lst", "", {{"project", "p-123456"}}}).find("did you mean firewalls.list?"), std::string::npos);
  EXPECT_NE(refusal(*client, {"compute", "firewalls.list", "", {{"projet", "p-123456"}}}).find("'projet' is not one of its parameters (did you mean project?)"),
            std::string::npos);
  EXPECT_NE(refusal(*client, {"compute", "firewalls.list", "", json::object()}).find("needs params.project"), std::string::npos);
  EXPECT_NE(refusal(*client, {"compute", "firewalls.list", "", {{"project", "p-123456"}, {"maxResults", "many"}}}).find("must be an integer"),
            std::string::npos);
  EXPECT_NE(refusal(*client, {"cloudkms", "projects.locations.keyRings.list", "", {{"parent", "projects/p/../x"}}}).find("is not of the form"),
            std::string::npos);
  EXPECT_NE(refusal(*client, {"compute", "instances.delete", "", {{"project", "p-123456"}, {"zone", "z"}, {"instance", "i"}}}).find("Signet only reads"),
            std::string::npos);
  EXPECT_NE(refusal(*client, {"cloudresourcemanager", "projects.setIamPolicy", "", {{"resource", "p-123456"}}, "v1"}).find("Signet only reads"),
            std::string::npos);
  EXPECT_NE(refusal(*client, {"storage", "objects.list", "", {{"bucket", "b"}}}).find("reads the data in buckets"), std::string::npos);
  EXPECT_NE(refusal(*client, {"nosuchapi", "things.list", "", json::object()}).find("nosuchapi"), std::string::npos);
  EXPECT_NE(refusal(*client, {"compute", "firewalls.list", "", json::array()}).find("params must be an object"), std::string::npos);
  // A parameter's pattern is checked; a simple path parameter is encoded whole (no slash
  // gets through), a {+name} one keeps its slashes but no . or .. segment.
  EXPECT_NE(refusal(*client, {"compute", "firewalls.get", "", {{"project", "p-123456"}, {"firewall", "a/b c"}}}).find("is not of the form"),
            std::string::npos);
  auto resolved = client->resolve({"storage", "buckets.getIamPolicy", "", {{"bucket", "a/b c"}}});
  EXPECT_EQ(resolved.url, google.fake.url() + "/www.googleapis.com/storage/v1/b/a%2Fb%20c/iam");
  resolved = client->resolve({"compute", "firewalls.get", "", {{"project", "p-123456"}, {"firewall", "ssh"}}});
  EXPECT_EQ(resolved.url, google.fake.url() + "/compute.googleapis.com/compute/v1/projects/p-123456/global/firewalls/ssh");
  for (const auto& r : google.fake.requests())
    EXPECT_NE(r.find("/discovery/v1/apis"), std::string::npos) << "refused calls send nothing but the documents' fetches: " << r;
}

TEST(GcpClient, GooglesErrorsCarryTheirStatusAndADisabledApiIsSaid) {
  FakeGoogle google;
  io::EventLoop loop;
  auto scanner = google.client(loop);
  auto disabled = call_now(loop, *scanner, {"sqladmin", "instances.list", "signet-sandbox", {{"project", "signet-sandbox"}}, "v1beta4"});
  EXPECT_EQ(disabled.error.value("statusCode", 0), 403);
  EXPECT_EQ(disabled.error.value("code", ""), "PERMISSION_DENIED");
  EXPECT_NE(disabled.error.value("message", "").find("has not been used in project"), std::string::npos) << disabled.error.dump();

  auto missing = call_now(loop, *scanner, {"compute", "firewalls.get", "signet-prod", {{"project", "signet-prod"}, {"firewall", "nope"}}});
  EXPECT_EQ(missing.error.value("statusCode", 0), 404);
  EXPECT_EQ(missing.error.value("code", ""), "NOT_FOUND");

  auto outsider = google.client(loop, gcp::testing::kNoAccess);
  auto refused = call_now(loop, *outsider, {"compute", "firewalls.list", "signet-prod", {{"project", "signet-prod"}}});
  EXPECT_EQ(refused.error.value("statusCode", 0), 403);
  EXPECT_EQ(refused.error.value("code", ""), "PERMISSION_DENIED");
  EXPECT_EQ(refused.attempts, 1) << "a refusal is not retried";
}

TEST(GcpClient, AThrottledProjectIsWaitedForAndEveryCallCompletes) {
  emulator::GcpFakeOptions options;
  options.reads_per_window = 4;
  options.window = std::chrono::milliseconds(500);
  FakeGoogle google(options);
  io::EventLoop loop;
  auto client = google.client(loop);
  std::size_t done = 0, failed = 0;
  for (int i = 0; i < 12; ++i)
    client->call({"compute", "networks.list", "signet-prod", {{"project", "signet-prod"}}}, [&](cloud::CallResult r) {
      ++done;
      if (!r.error.is_null()) ++failed;
    });
  loop.run_until([&] { return done == 12; });
  EXPECT_EQ(failed, 0u);
  EXPECT_GT(client->stats().throttled, 0u) << "the fake's budget is smaller than the calls";
  EXPECT_EQ(client->stats().throttled_by_service.at("compute"), client->stats().throttled);
}

TEST(GcpDiscovery, FetchesOnceThenReadsTheCacheAndPrefersTheDirectorysVersion) {
  FakeGoogle google;
  gcp::testing::TempFolder cache("gcp-discovery-cache");
  DiscoveryOptions options;
  options.discovery_root = google.fake.url() + "/www.googleapis.com";
  options.cache_dir = cache.path.string();
  Discovery first(options);
  EXPECT_EQ(first.preferred_version("compute"), "v1");
  EXPECT_EQ(first.api("compute")->version(), "v1");
  EXPECT_EQ(first.api("compute", "v1").get(), first.api("compute").get()) << "one document per API and version";
  EXPECT_TRUE(std::filesystem::exists(cache.path / "compute.v1.json"));
  const auto fetched = google.fake.requests().size();
  options.fetch = false;
  Discovery offline(options);
  EXPECT_TRUE(offline.api("compute", "v1")->method("firewalls.list"));
  EXPECT_EQ(google.fake.requests().size(), fetched) << "the cache answered";
  try {
    Discovery(options).api("nosuchapi", "v1");
    FAIL() << "not cached, and fetching is off";
  } catch (const DiscoveryError& e) {
    EXPECT_NE(std::string(e.what()).find("nosuchapi v1"), std::string::npos) << e.what();
  }
}
