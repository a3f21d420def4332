// Google Cloud behind the provider interface, against the fake: a project's identity, its
// inventory over the catalog, apiCaller's defaults; and the catalog against the documents.
#include "gcp/scope/gcp_scope.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>

#include "gcp/accounts/gcp_accounts.h"
#include "gcp/scope/gcp_provider.h"
#include "common/files.h"
#include "gcp/test_helpers.h"

using namespace signet;
using namespace signet::gcp;
using gcp::testing::FakeGoogle;
using nlohmann::json;

namespace {

struct Project {
  FakeGoogle google;
  io::EventLoop loop;
  GcpScope scope;
  explicit Project(const std::string& id, const std::string& email = gcp::testing::kScanner) : scope(google.client(loop, email), id) {}

  inventory::Inventory discover(inventory::InventoryOptions options = {}) {
    std::optional<inventory::Inventory> found;
    scope.open_session()->discover(options, [&](inventory::Inventory i) { found = std::move(i); });
    loop.run_until([&] { return found.has_value(); });
    return std::move(*found);
  }
};

std::map<std::string, std::vector<json>> by_type(const inventory::Inventory& found) {
  std::map<std::string, std::vector<json>> out;
  for (const auto& r : found.resources) out[r["service"].get<std::string>() + "/" + r["type"].get<std::string>()].push_back(r);
  return out;
}

}  // namespace

TEST(GcpScope, AProjectsInventoryCoversTheCatalogInTheSpecsShape) {
  Project prod("signet-prod");
  auto found = prod.discover();
  for (const auto& p : found.problems) ADD_FAILURE() << p.service << "/" << p.type << ": " << p.message;
  EXPECT_EQ(found.account_id, "signet-prod");
  auto types = by_type(found);
  for (const auto& type : gcp::catalog().types()) {
    if (type.spec.value("hidden", false)) continue;
    EXPECT_TRUE(types.count(type.service() + "/" + type.type())) << type.service() << "/" << type.type() << " found nothing in signet-prod";
  }
  for (const auto& r : found.resources) {
    EXPECT_EQ(r["provider"], "gcp");
    EXPECT_EQ(r["accountId"], "signet-prod");
    EXPECT_FALSE(r["id"].get<std::string>().empty()) << r.dump().substr(0, 300);
    EXPECT_FALSE(r["name"].get<std::string>().empty()) << r.dump().substr(0, 300);
    EXPECT_FALSE(r["region"].get<std::string>().empty());
  }
  const json& firewall = types["compute/firewall"].front();
  EXPECT_EQ(firewall["region"], "global");
  EXPECT_EQ(firewall["id"].get<std::string>().rfind("https://www.googleapis.com/compute/v1/projects/signet-prod/global/firewalls/", 0), 0u) << firewall["id"];
  ASSERT_TRUE(firewall["vpc"].is_string());
  EXPECT_NE(firewall["vpc"].get<std::string>().find("/projects/signet-prod/global/networks/"), std::string::npos) << firewall["vpc"];
  for (const auto& instance : types["compute/instance"]) {
    EXPECT_TRUE(instance["region"] == "us-central1" || instance["region"] == "europe-west1") << "a zone's region: " << instance["region"];
    EXPECT_TRUE(instance["vpc"].is_string());
  }
  for (const auto& bucket : types["storage/bucket"]) EXPECT_TRUE(bucket["data"].contains("iamPolicy")) << "the detail call's answer: " << bucket["name"];
  for (const auto& dataset : types["bigquery/dataset"]) EXPECT_TRUE(dataset["data"].contains("access")) << dataset["name"];
  const json& project = types["cloudresourcemanager/project"].front();
  EXPECT_EQ(project["id"], "signet-prod");
  EXPECT_TRUE(project["data"]["iamPolicy"].contains("bindings"));
  for (const auto& key : types["cloudkms/cryptoKey"]) {
    const std::string name = key["data"]["name"];
    EXPECT_NE(name.find("/locations/" + key["region"].get<std::string>() + "/"), std::string::npos) << "a key is where its key ring is: " << name;
  }
  EXPECT_TRUE(prod.google.fake.writes().empty());
  EXPECT_FALSE(types.count("cloudkms/location")) << "a hidden parent type is listed for its children, not given";
  EXPECT_FALSE(types.count("compute/region"));
  // Dataproc clusters are listed region by region, over the project's Compute Engine regions.
  ASSERT_EQ(types["dataproc/cluster"].size(), 2u);
  for (const auto& cluster : types["dataproc/cluster"]) {
    EXPECT_EQ(cluster["region"], "us-central1") << "the region it was listed in";
    EXPECT_EQ(cluster["id"], cluster["data"]["clusterUuid"]);
  }
  EXPECT_EQ(types["accessapproval/settings"].size(), 1u);
  for (const auto& key : types["apikeys/key"]) EXPECT_EQ(key["region"], "global");

  // Only what is asked for, in the regions asked for (global ones always).
  inventory::InventoryOptions options;
  options.types = {gcp::catalog().find("compute", "instance"), gcp::catalog().find("compute", "firewall")};
  options.regions = {"europe-west1"};
  auto some = by_type(prod.discover(options));
  EXPECT_EQ(some.size(), 2u);
  for (const auto& i : some["compute/instance"]) EXPECT_EQ(i["region"], "europe-west1");

  // A type listed region by region is listed only in the regions asked for: the regions, then
  // one listing (not one per Compute Engine region).
  for (const char* region : {"us-central1", "europe-west1"}) {
    inventory::InventoryOptions one;
    one.types = {gcp::catalog().find("dataproc", "cluster")};
    one.regions = {region};
    auto session = prod.scope.open_session();
    std::optional<inventory::Inventory> clusters;
    session->discover(one, [&](inventory::Inventory i) { clusters = std::move(i); });
    prod.loop.run_until([&] { return clusters.has_value(); });
    EXPECT_TRUE(clusters->problems.empty());
    EXPECT_EQ(clusters->resources.size(), std::string(region) == "us-central1" ? 2u : 0u) << region;
    EXPECT_EQ(session->stats().sent, 2u) << region << ": regions.list and one clusters.list";
  }
}

TEST(GcpScope, ADisabledApiHasNoResourcesAndAnOutsiderCannotReachTheProject) {
  Project sandbox("signet-sandbox");
  auto found = sandbox.discover();
  for (const auto& p : found.problems) ADD_FAILURE() << p.service << "/" << p.type << ": " << p.message;
  EXPECT_FALSE(by_type(found).count("sqladmin/instance"));
  EXPECT_FALSE(by_type(found).count("dataproc/cluster"));
  EXPECT_FALSE(by_type(found).count("accessapproval/settings")) << "never enrolled: Google's NOT_FOUND is none, not a problem";

  std::optional<provider::Identity> who;
  sandbox.scope.open_session()->identify({}, [&](provider::Identity i) { who = std::move(i); });
  sandbox.loop.run_until([&] { return who.has_value(); });
  EXPECT_TRUE(who->unreachable.empty()) << who->unreachable;
  EXPECT_EQ(who->scope_id, "signet-sandbox");
  EXPECT_NE(who->principal.find(gcp::testing::kScanner), std::string::npos) << who->principal;

  Project outsider("signet-prod", gcp::testing::kNoAccess);
  std::optional<provider::Identity> refused;
  outsider.scope.open_session()->identify({}, [&](provider::Identity i) { refused = std::move(i); });
  outsider.loop.run_until([&] { return refused.has_value(); });
  EXPECT_NE(refused->unreachable.find("PERMISSION_DENIED"), std::string::npos) << refused->unreachable;
  EXPECT_TRUE(outsider.scope.refused_access(refused->unreachable));
}

TEST(GcpScope, ApiCallerNamesMethodIdsAndTheProjectDefaultsToTheScopes) {
  Project prod("signet-prod");
  auto session = prod.scope.open_session();
  EXPECT_EQ(session->endpoint_form(), cloud::EndpointForm::MethodId);
  std::optional<cloud::CallAnswer> answer;
  std::string refused;
  session->call({"compute", "firewalls.list", "global", "", json::object()}, [&](cloud::CallAnswer a) { answer = std::move(a); },
                [&](std::string why) { refused = why; });
  prod.loop.run_until([&] { return answer.has_value() || !refused.empty(); });
  ASSERT_TRUE(answer) << refused;
  EXPECT_TRUE(answer->error.is_null()) << answer->error.dump();
  EXPECT_GT(answer->api_response.size(), 2u);

  session->call({"compute", "instances.delete", "global", "", {{"zone", "us-central1-a"}, {"instance", "x"}}},
                [&](cloud::CallAnswer) { ADD_FAILURE() << "a write was answered"; }, [&](std::string why) { refused = why; });
  EXPECT_NE(refused.find("Signet only reads"), std::string::npos) << refused;
  cloud::CallAnswer denied;
  denied.error = {{"code", "PERMISSION_DENIED"}, {"message", "no"}, {"statusCode", 403}};
  EXPECT_TRUE(session->refused_access(denied));
  denied.error["message"] = "Cloud SQL Admin API has not been used in project 1 before or it is disabled.";
  EXPECT_FALSE(session->refused_access(denied)) << "a disabled API is no refusal of access";
}

TEST(GcpScope, RegionsOfZonesLocationsAndMultiRegions) {
  EXPECT_EQ(region_of("https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a"), "us-central1");
  EXPECT_EQ(region_of("us-central1-a"), "us-central1");
  EXPECT_EQ(region_of("europe-west1"), "europe-west1");
  EXPECT_EQ(region_of("projects/p/locations/us-east1/keyRings/k"), "us-east1");
  EXPECT_EQ(region_of("US"), "us");
  EXPECT_EQ(region_of(""), "");
  GcpProvider provider;
  EXPECT_TRUE(provider.check_regions({"us-central1", "us-central1-b", "eu", "global"}).ok());
  auto bad = provider.check_regions({"us-centrall1"});
  EXPECT_NE(bad.message.find("did you mean us-central1?"), std::string::npos) << bad.message;
  EXPECT_TRUE(provider.check_services({"compute", "Storage"}).ok());
  EXPECT_FALSE(provider.check_services({"computer"}).ok());
}

TEST(GcpCatalog, EveryTypesCallsAreMethodsOfTheirDocumentsThatTheClientSends) {
  gcp::testing::DiscoveryFolder folder;
  auto discovery = std::make_shared<Discovery>(folder.options());
  io::EventLoop loop;
  GcpClient client(loop, CredentialChain::fixed("t"), discovery);
  EXPECT_GE(gcp::catalog().types().size(), 30u);
  EXPECT_GE(gcp::catalog().services().size(), 12u);
  for (const auto& type : gcp::catalog().types()) {
    for (const char* call : {"list", "detail"}) {
      if (!type.spec.contains(call)) continue;
      const json& spec = type.spec[call];
      EXPECT_FALSE(spec.value("apiVersion", "").empty()) << type.type() << ": the catalog names the version its paths are written for";
      // Placeholders filled with values of the right form; the client's checks decide.
      json params = spec.value("params", json::object());
      for (auto& [name, value] : params.items()) {
        std::string v = value;
        for (auto [from, to] : {std::pair{"{project}", "signet-prod"}, {"{parent.id}", "projects/signet-prod/locations/us/keyRings/k"},
                                {"{parent.name}", "analytics"}, {"{name}", "thing"}})
          for (std::size_t at; (at = v.find(from)) != std::string::npos;) v.replace(at, std::string(from).size(), to);
        value = v;
      }
      if (type.type() == "serviceAccountKey") params["name"] = "projects/signet-prod/serviceAccounts/a@b";
      if (type.type() == "keyRing") params["parent"] = "projects/signet-prod/locations/us";
      try {
        auto resolved = client.resolve({type.service(), spec["method"], "", params, spec["apiVersion"], spec.value("body", json())});
        const std::string verb = resolved.method->id.substr(resolved.method->id.rfind('.') + 1);
        if (std::string(call) == "list" && !type.spec.value("single", false)) {
          EXPECT_FALSE(resolved.api->list_field(*resolved.method).empty()) << type.type() << ": " << resolved.method->id << " answers no list";
        }
      } catch (const cloud::CallRefused& e) {
        ADD_FAILURE() << type.service() << "/" << type.type() << " " << call << ": " << e.what();
      }
    }
  }
}

TEST(GcpCatalog, RecordedListingsBecomeResources) {
  // Real answers (Cloud Custodian's recordings) of each type's listing, through the client's
  // item logic and the resource maker: what a real project's inventory would hold.
  gcp::testing::DiscoveryFolder folder;
  Discovery discovery(folder.options());
  const json listings = json::parse(read_file(SIGNET_SOURCE_DIR "/src/gcp/catalog/recorded_listings.json"))["listings"];
  EXPECT_GE(listings.size(), 25u);
  for (const auto& [key, file] : listings.items()) {
    SCOPED_TRACE(key);
    const std::string service = key.substr(0, key.find('/')), type_name = key.substr(key.find('/') + 1);
    const auto* type = gcp::catalog().find(service, type_name);
    ASSERT_TRUE(type);
    json page = json::parse(read_file(SIGNET_TESTDATA_DIR "/cloud-recordings/gcp-flights/" + file.get<std::string>()))["body"];
    if (page.is_string()) page = json::parse(page.get<std::string>());
    std::vector<json> items;
    if (type->spec.value("single", false)) {
      items.push_back(page);
    } else {
      auto api = discovery.api(service, type->spec["list"]["apiVersion"]);
      const Method* method = api->method(type->spec["list"]["method"]);
      ASSERT_TRUE(method);
      each_item(*api, *method, page, [&](json& item) { items.push_back(item); return true; });
    }
    ASSERT_FALSE(items.empty()) << file;
    for (const auto& item : items) {
      json r = make_resource(*type, item, "cloud-custodian", "us-central1");
      EXPECT_FALSE(r["id"].get<std::string>().empty()) << item.dump().substr(0, 200);
      EXPECT_FALSE(r["name"].get<std::string>().empty()) << item.dump().substr(0, 200);
      EXPECT_NE(r["name"].get<std::string>().find('/'), 0u) << "a name, not a path: " << r["name"];
      EXPECT_FALSE(r["region"].get<std::string>().empty());
      if (type->spec.contains("vpc") && item.contains("network")) {
        EXPECT_TRUE(r["vpc"].is_string()) << item.dump().substr(0, 200);
      }
    }
  }
}

TEST(GcpAccounts, AnOrganizationsProjectsComeWithTheirFoldersAndLabelsAndEachIsTested) {
  FakeGoogle google;
  GcpConnector connector(google.credentials(), google.discovery, google.client_options());
  accounts::Organization org;
  org.name = "example";
  org.provider = "gcp";
  auto members = connector.list_members(org, true, true);
  std::map<std::string, accounts::Member> by_id;
  for (const auto& m : members) by_id[m.id] = m;
  ASSERT_TRUE(by_id.count("signet-prod") && by_id.count("signet-dev") && by_id.count("signet-sandbox")) << members.size();
  EXPECT_EQ(by_id["signet-prod"].status, "ACTIVE");
  ASSERT_FALSE(by_id["signet-prod"].parents.empty());
  EXPECT_EQ(by_id["signet-prod"].parents.front(), "organizations/433637338589") << "from the top";

  accounts::Target target;
  target.name = "prod";
  target.provider = "gcp";
  target.account_id = "signet-prod";
  auto report = connector.test_access(target);
  ASSERT_TRUE(report.reached) << report.error;
  EXPECT_EQ(report.identity.rfind("project signet-prod as service account key", 0), 0u) << report.identity;
  EXPECT_GT(report.probed, 20u);
  EXPECT_TRUE(report.refused.empty()) << report.refused.front();
  target.account_id = "Not_A_Project";
  EXPECT_THROW(connector.test_access(target), std::runtime_error);
}
