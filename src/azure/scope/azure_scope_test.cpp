// Azure behind the provider interface, against the fake tenant: the inventory over the
// catalog, identity, apiCaller through the session, and a whole scan of Azure signatures.
#include "azure/scope/azure_scope.h"
#include "azure/scope/azure_provider.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "azure/test_helpers.h"
#include "common/files.h"
#include "common/strings.h"
#include "engine/scan.h"
#include "sandbox/test_harness.h"
#include "store/store.h"
#include "testing/signatures.h"

using namespace signet;
using namespace signet::azure;
using namespace signet::azure::testing;
using nlohmann::json;

namespace {

struct Tenant {
  emulator::AzureFake fake{emulator::azure_test_tenant()};
  io::EventLoop loop;
  AzureScope scope{std::make_unique<AzureClient>(loop, secret_chain(fake), fake_options(fake.url())), subscription()};

  inventory::Inventory discover(inventory::InventoryOptions options = {}) {
    std::optional<inventory::Inventory> found;
    scope.open_session()->discover(options, [&](inventory::Inventory i) { found = std::move(i); });
    loop.run_until([&] { return found.has_value(); });
    return *found;
  }
};

const json& fixture() { return emulator::azure_test_tenant()["subscriptions"][0]; }

std::map<std::string, std::vector<json>> by_type(const inventory::Inventory& found) {
  std::map<std::string, std::vector<json>> out;
  for (const auto& r : found.resources) out[r["service"].get<std::string>() + "/" + r["type"].get<std::string>()].push_back(r);
  return out;
}

}  // namespace

TEST(AzureScope, ListsEveryCatalogTypeOfTheTenantInTheSpecsShape) {
  Tenant t;
  auto found = t.discover();
  for (const auto& p : found.problems) ADD_FAILURE() << p.service << " " << p.type << ": " << p.message;
  EXPECT_EQ(found.account_id, subscription());
  auto types = by_type(found);
  // The fixture holds every catalog type; Microsoft.Batch is not registered: none, and no problem.
  for (const auto& type : catalog().types()) {
    const std::string key = type.service() + "/" + type.type();
    if (type.service() == "Microsoft.Batch") EXPECT_EQ(types.count(key), 0u) << key;
    else EXPECT_GE(types[key].size(), 1u) << key << " listed nothing";
  }
  EXPECT_EQ(types["Microsoft.Storage/storageAccount"].size(), 3u);
  EXPECT_EQ(types["Microsoft.Resources/resourceGroup"].size(), 2u);
  EXPECT_EQ(types["Graph/user"].size(), 3u);
  EXPECT_EQ(types["Microsoft.Resources/subscription"].size(), 1u);
  EXPECT_EQ(types["Microsoft.Resources/subscription"][0]["name"], fixture()["displayName"]);

  for (const auto& r : found.resources) {
    SCOPED_TRACE(r.dump().substr(0, 300));
    EXPECT_EQ(r["provider"], "azure");
    EXPECT_EQ(r["accountId"], subscription());
    for (const char* field : {"id", "name", "region"})
      EXPECT_TRUE(r[field].is_string() && !r[field].get<std::string>().empty()) << field;
    EXPECT_TRUE(r["data"].is_object());
  }
  // A storage account: its location, tags and listing item as given.
  const json* open = nullptr;
  for (const auto& r : types["Microsoft.Storage/storageAccount"])
    if (r["name"] == "cctstorageopen") open = &r;
  ASSERT_TRUE(open);
  EXPECT_EQ((*open)["region"], "westeurope");
  EXPECT_EQ((*open)["tags"], json({{"team", "data"}}));
  EXPECT_EQ((*open)["data"]["properties"]["minimumTlsVersion"], "TLS1_0");
  // A subnet lives in its virtual network, where its parent is; a NIC in its subnet's network.
  ASSERT_FALSE(types["Microsoft.Network/subnet"].empty());
  for (const auto& subnet : types["Microsoft.Network/subnet"]) {
    const std::string id = subnet["id"];
    EXPECT_EQ(subnet["vpc"], id.substr(0, id.find("/subnets/")));
    EXPECT_NE(subnet["region"], "global");
  }
  ASSERT_FALSE(types["Microsoft.Network/networkInterface"].empty());
  for (const auto& nic : types["Microsoft.Network/networkInterface"])
    EXPECT_NE(to_lower(nic["vpc"].is_string() ? nic["vpc"].get<std::string>() : "").find("/virtualnetworks/signet-vnet"), std::string::npos) << nic["id"];
  // Graph's objects are global.
  for (const auto& user : types["Graph/user"]) EXPECT_EQ(user["region"], "global");
  // A vault's certificates, from its data plane: their id a URL, named by its last segment,
  // where the vault is.
  std::set<std::string> certificates;
  for (const auto& c : types["Microsoft.KeyVault/certificate"]) {
    certificates.insert(c["name"].get<std::string>());
    EXPECT_EQ(c["id"], t.fake.url() + "/keyvault/cckeyvault-nopurge/certificates/" + c["name"].get<std::string>());
    EXPECT_EQ(c["region"], "westeurope");
    EXPECT_TRUE(c["data"].contains("x5t"));
  }
  EXPECT_EQ(certificates, (std::set<std::string>{"internal-mtls", "legacy-portal", "orders-api-tls"}));
  EXPECT_EQ(types["Microsoft.KeyVault/certificate"].size(), 3u) << "the other vault has none";
}

TEST(AzureScope, AVaultWithoutItsUriIsAListingProblemNamingIt) {
  json tenant = emulator::azure_test_tenant();
  for (auto& r : tenant["subscriptions"][0]["resources"])
    if (r["name"] == "cckeyvault-secure") r["properties"].erase("vaultUri");
  emulator::AzureFake fake(tenant);
  io::EventLoop loop;
  AzureScope scope(std::make_unique<AzureClient>(loop, secret_chain(fake), fake_options(fake.url())), subscription());
  inventory::InventoryOptions options;
  options.types = {catalog().find("Microsoft.KeyVault", "certificate")};
  std::optional<inventory::Inventory> found;
  scope.open_session()->discover(options, [&](inventory::Inventory i) { found = std::move(i); });
  loop.run_until([&] { return found.has_value(); });
  ASSERT_EQ(found->problems.size(), 1u);
  EXPECT_NE(found->problems[0].message.find("the vault cckeyvault-secure has no data.properties.vaultUri"), std::string::npos) << found->problems[0].message;
  EXPECT_EQ(by_type(*found)["Microsoft.KeyVault/certificate"].size(), 3u) << "the other vault's are listed";
}

TEST(AzureProvider, TheEditorOffersAVaultsCertificatesUnderItsUri) {
  auto endpoints = AzureProvider().endpoints_of("microsoft.keyvault");
  ASSERT_TRUE(endpoints.has_value());
  bool certificates = false;
  for (const auto& op : (*endpoints)["operations"])
    certificates |= op["name"] == "{vaultUri}certificates" && op["params"][0]["name"] == "vaultUri" && op["type"] == "certificate";
  EXPECT_TRUE(certificates) << endpoints->dump();
}

// Real answers (Cloud Custodian's recorded cassettes) of each type's listing that has one,
// through the resource maker: what a real subscription's inventory would hold.
TEST(AzureCatalog, RecordedListingsBecomeResources) {
  const json listings = json::parse(read_file(SIGNET_SOURCE_DIR "/src/azure/catalog/recorded_listings.json"))["listings"];
  EXPECT_GE(listings.size(), 40u);
  for (const auto& [key, where] : listings.items()) {
    SCOPED_TRACE(key);
    const std::string service = key.substr(0, key.find('/')), type_name = key.substr(key.find('/') + 1);
    const auto* type = azure::catalog().find(service, type_name);
    ASSERT_TRUE(type);
    const json cassette = json::parse(read_file(SIGNET_TESTDATA_DIR "/cloud-recordings/azure-cassettes/" + where["file"].get<std::string>()));
    const json& answer = cassette["interactions"].at(where["interaction"].get<std::size_t>())["response"];
    json body = answer["body"].contains("data") ? answer["body"]["data"] : answer["body"]["string"];
    if (body.is_string()) body = json::parse(body.get<std::string>());
    ASSERT_TRUE(body["value"].is_array() && !body["value"].empty()) << where;
    const std::string arm_type = to_lower(type->spec.value("armType", ""));
    for (const auto& item : body["value"]) {
      const json r = make_resource(*type, item, subscription(), "westeurope");
      for (const char* field : {"id", "name", "region"})
        EXPECT_TRUE(r[field].is_string() && !r[field].get<std::string>().empty()) << field << ": " << r[field] << " of " << item.dump().substr(0, 300);
      EXPECT_EQ(r["accountId"], subscription());
      EXPECT_TRUE(r["tags"].is_object());
      EXPECT_EQ(r["data"], item);
      // The items are of the type the catalog names (older single-server shapes of the same
      // child collection count: the last part of the type).
      const std::string item_type = item["type"].is_string() ? to_lower(item["type"].get<std::string>()) : "";
      if (item_type.find('/') != std::string::npos)
        EXPECT_EQ(item_type.substr(item_type.rfind('/')), arm_type.substr(arm_type.rfind('/'))) << item_type << " vs " << arm_type;
    }
  }
}

TEST(AzureScope, OnlyTheTypesAndLocationsAskedForAreListed) {
  Tenant t;
  inventory::InventoryOptions options;
  options.regions = {"eastus"};
  options.services = {"microsoft.storage"};
  auto found = t.discover(options);
  EXPECT_TRUE(found.problems.empty());
  auto types = by_type(found);
  ASSERT_EQ(types["Microsoft.Storage/storageAccount"].size(), 1u);
  EXPECT_EQ(types["Microsoft.Storage/storageAccount"][0]["name"], "cctstorageeast");
  for (const auto& [key, resources] : types) EXPECT_EQ(key.rfind("Microsoft.Storage/", 0), 0u) << key;
  // A child type alone: its parents are listed for it, but not given.
  options = {};
  options.types = {catalog().find("Microsoft.Storage", "blobService")};
  found = t.discover(options);
  types = by_type(found);
  EXPECT_EQ(types.size(), 1u);
  EXPECT_EQ(types["Microsoft.Storage/blobService"].size(), 2u);  // the fixture's two in West Europe
}

TEST(AzureScope, IdentityIsTheSubscriptionAndAnUnknownOneIsUnreachable) {
  Tenant t;
  std::optional<provider::Identity> who;
  t.scope.open_session()->identify({}, [&](provider::Identity i) { who = i; });
  t.loop.run_until([&] { return who.has_value(); });
  EXPECT_EQ(who->scope_id, subscription());
  EXPECT_EQ(who->principal, fixture()["displayName"]);
  EXPECT_TRUE(who->unreachable.empty());

  AzureScope elsewhere(t.scope.client(), "00000000-0000-0000-0000-00000000dead");
  who.reset();
  elsewhere.open_session()->identify({}, [&](provider::Identity i) { who = i; });
  t.loop.run_until([&] { return who.has_value(); });
  EXPECT_NE(who->unreachable.find("SubscriptionNotFound"), std::string::npos) << who->unreachable;
  EXPECT_TRUE(t.scope.refused_access("AuthorizationFailed: The client does not have authorization"));
  EXPECT_FALSE(t.scope.refused_access("ResourceNotFound: gone"));
}

namespace {

// An Azure signature, High, as tests write one.
store::StoredSignature azure_signature(const std::string& service, const std::string& type, const std::string& code) {
  return signet::testing::make_signature(service, type, "High", code, "azure");
}

}  // namespace

TEST(AzureScope, AScanRunsTheAzureSignaturesThroughApiCallerAndLeavesAwsOnesOut) {
  Tenant t;
  std::string db = (std::filesystem::temp_directory_path() / ("signet-azure-scan-" + std::to_string(getpid()) + ".db")).string();
  std::filesystem::remove(db);
  auto store = store::open_sqlite(db);
  // From the listing alone.
  const std::string https = store->add_signature(azure_signature("Microsoft.Storage", "storageAccount",
                                 "module.exports = async (apiCaller, r) => ({ statusSig: r.data.properties.supportsHttpsTrafficOnly === true });"));
  // Through apiCaller: the account's blob service, a path under the resource's id; the answer
  // comes once per region asked, from one call.
  const std::string soft_delete = store->add_signature(azure_signature("Microsoft.Storage", "storageAccount", R"js(
    module.exports = async (apiCaller, r) => {
      const res = await apiCaller({ service: "Microsoft.Storage", endpoint: "{id}/blobServices", params: { id: r.id },
                                    serviceParams: { region: [r.region, "global"] } });
      if (res.length !== 2 || JSON.stringify(res[0][0].apiResponse) !== JSON.stringify(res[1][0].apiResponse)) throw new Error("regions differ");
      const policy = res[0][0].apiResponse[0].properties.deleteRetentionPolicy || {};
      return { statusSig: policy.enabled === true, statusMessage: "soft delete " + (policy.enabled ? "on" : "off") };
    };)js"));
  // A call that reveals keys is refused: an Error naming why.
  const std::string keys = store->add_signature(azure_signature("Microsoft.Storage", "storageAccount", R"js(
    module.exports = async (apiCaller, r) => {
      await apiCaller({ service: "Microsoft.Storage", endpoint: "{id}/listKeys", params: { id: r.id }, serviceParams: { method: "POST" } });
      return { statusSig: true };
    };)js"));
  store->add_signature(signet::testing::make_signature("IAM", "user", "High", "module.exports = () => ({ statusSig: true });"));

  sandbox::Sandbox box(t.loop, sandbox::testing::test_limits());
  engine::ScanOptions options;
  options.account = "azure-test";
  auto report = engine::run_scan(t.loop, box, t.scope, *store, options);
  EXPECT_EQ(report.stats["signatures"], 3) << report.stats.dump();
  EXPECT_EQ(report.stats["resources"], 3);
  EXPECT_EQ(report.stats["accountId"], subscription());
  EXPECT_TRUE(report.stats["listingProblems"].empty()) << report.stats["listingProblems"].dump();

  std::map<std::string, std::map<std::string, std::string>> status;  // signature -> account -> status
  std::map<std::string, std::string> errors;
  for (const auto& r : store->results(report.scan_id)) {
    EXPECT_EQ(r["provider"], "azure");
    EXPECT_EQ(r["accountId"], subscription());
    status[r["signatureId"]][r["resourceName"]] = r["status"];
    if (r["status"] == "Error") errors[r["resourceName"]] = r["message"];
  }
  ASSERT_EQ(status.size(), 3u);  // the AWS signature did not run
  EXPECT_EQ(status[https]["cctstorageopen"], "Fail");
  EXPECT_EQ(status[https]["cctstoragelocked"], "Pass");
  EXPECT_EQ(status[soft_delete]["cctstorageopen"], "Fail");
  EXPECT_EQ(status[soft_delete]["cctstoragelocked"], "Pass");
  EXPECT_EQ(status[keys]["cctstoragelocked"], "Error");
  EXPECT_NE(errors["cctstoragelocked"].find("access keys"), std::string::npos) << errors["cctstoragelocked"];
  // The inventory's listing and the blob services: identical calls made once.
  EXPECT_GT(report.stats["apiCallsSaved"].get<int>(), 0) << report.stats.dump();
  std::filesystem::remove(db);
}
