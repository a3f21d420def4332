// The Azure resource catalog (catalog.json) checked as the AWS catalog is against its models:
// every type's listing is a call the client accepts and addresses the type it names, and the
// fake tenant's resources are listed type by type.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "azure/client/client.h"
#include "common/files.h"
#include "common/strings.h"
#include "azure/test_helpers.h"
#include "emulator/azure_fake.h"
#include "testing/local_http_server.h"

using namespace signet;
using namespace signet::azure;
using nlohmann::json;
using namespace signet::azure::testing;

namespace {

const json& catalog() {
  static const json doc = json::parse(read_file(SIGNET_SOURCE_DIR "/src/azure/catalog/catalog.json"));
  return doc;
}

const json* find_type(const std::string& service, const std::string& type) {
  for (const auto& t : catalog()["types"])
    if (t["service"] == service && t["type"] == type) return &t;
  return nullptr;
}

// A made-up id of an ARM type: ".../providers/NS/T1/n1/T2/n2".
std::string sample_id(const std::string& arm_type) {
  auto slash = arm_type.find('/');
  std::string id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/" + arm_type.substr(0, slash);
  std::size_t n = 0;
  for (std::size_t at = slash; at != std::string::npos;) {
    auto next = arm_type.find('/', at + 1);
    id += "/" + arm_type.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1) + "/n" + std::to_string(++n);
    at = next;
  }
  return id;
}

// The values a child's listing names of a made-up parent of `arm_type`: {parent.id}, and a
// vault's {parent.data.properties.vaultUri}.
json parent_sample(const std::string& arm_type, const std::string& endpoint) {
  json params = json::object();
  if (endpoint.find("{parent.id}") != std::string::npos) params["parent.id"] = sample_id(arm_type);
  if (endpoint.find("{parent.data.properties.vaultUri}") != std::string::npos) params["parent.data.properties.vaultUri"] = "https://n1.vault.azure.net/";
  return params;
}

// A type's listing; a child's under its parent (a listed item).
cloud::CallResult list(AzureClient& client, io::EventLoop& loop, const json& type, const json& parent = nullptr) {
  CallRequest request{type["service"], type["list"]["endpoint"], subscription()};
  const std::string endpoint = type["list"]["endpoint"];
  if (endpoint.find("{parent.id}") != std::string::npos) request.params["parent.id"] = parent["id"];
  if (endpoint.find("{parent.data.properties.vaultUri}") != std::string::npos) request.params["parent.data.properties.vaultUri"] = parent["properties"]["vaultUri"];
  return call(client, loop, request);
}

}  // namespace

TEST(AzureCatalog, EveryTypeNamesAListingTheClientAcceptsForItsArmType) {
  const json& types = catalog()["types"];
  EXPECT_GE(types.size(), 40u) << "the issue asks for at least 40";
  io::EventLoop loop;
  AzureClient client(loop, CredentialChain::fixed("unused"));
  std::set<std::pair<std::string, std::string>> seen;
  std::set<std::string> services;
  for (const auto& t : types) {
    const std::string service = t.at("service"), type = t.at("type");
    SCOPED_TRACE(service + " " + type);
    EXPECT_TRUE(seen.insert({service, type}).second) << "listed twice";
    services.insert(service);
    ASSERT_TRUE(t.contains("list") && t["list"].contains("endpoint"));
    CallRequest request{service, t["list"]["endpoint"], "00000000-0000-0000-0000-000000000000"};
    if (t.contains("parent")) {
      // The parent is of the same namespace, or of another (a vault's diagnostic settings).
      const json* parent = find_type(service, t["parent"]);
      for (const auto& other : types)
        if (!parent && other["type"] == t["parent"]) parent = &other;
      ASSERT_TRUE(parent) << "its parent type is not in the catalog";
      request.params = parent_sample((*parent)["armType"], request.endpoint);
    }
    std::string path;
    try {
      path = client.resolve(request);
    } catch (const cloud::CallRefused& e) {
      ADD_FAILURE() << "the client refuses its listing: " << e.what();
      continue;
    }
    if (service == "Graph") continue;
    if (!t.contains("armType")) {  // a vault's data plane: no Resource Manager type
      EXPECT_EQ(path.rfind("https://n1.vault.azure.net/", 0), 0u) << path;
      continue;
    }
    EXPECT_EQ(to_lower(resource_type_of(path)), to_lower(t["armType"].get<std::string>())) << path;
  }
  EXPECT_GE(services.size(), 15u);
}

TEST(AzureCatalog, TheFakeTenantsResourcesAreListedTypeByType) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  io::EventLoop loop;
  AzureClient client(loop, secret_chain(fake), fake_options(fake.url()));

  const json& sub = emulator::azure_test_tenant()["subscriptions"][0];
  std::map<std::string, std::size_t> in_fixture;  // armType (lower case) -> resources
  for (const auto& r : sub["resources"]) {
    const std::string id = r["id"];
    if (id.find("/providers/") == id.rfind("/providers/")) ++in_fixture[to_lower(r["type"].get<std::string>())];  // not an extension resource
  }
  std::set<std::string> registered;
  for (const auto& p : sub["providers"]) registered.insert(to_lower(p["namespace"].get<std::string>()));

  std::size_t listed_types = 0;
  std::map<std::string, json> listed;  // type -> its items, for children
  for (const auto& t : catalog()["types"]) {
    if (t["service"] == "Graph" || t.contains("parent") || t.value("single", false)) continue;
    SCOPED_TRACE(t["service"].get<std::string>() + " " + t["type"].get<std::string>());
    auto r = list(client, loop, t);
    const std::string ns = to_lower(t["service"].get<std::string>());
    if (ns != "microsoft.resources" && !registered.count(ns)) {
      EXPECT_EQ(r.error.value("code", ""), "NoRegisteredProviderFound") << r.error.dump();
      continue;
    }
    ASSERT_TRUE(r.error.is_null()) << r.error.dump();
    ASSERT_TRUE(r.api_response.is_array());
    if (ns != "microsoft.resources") {
      EXPECT_EQ(r.api_response.size(), in_fixture[to_lower(t["armType"].get<std::string>())]);
    }
    listed[t["type"]] = r.api_response;
    ++listed_types;
  }
  EXPECT_GE(listed_types, 5u);
  // A child type: once per parent, the fixture's blob services under its accounts.
  std::size_t blob_services = 0;
  for (const auto& account : listed.at("storageAccount")) {
    auto r = list(client, loop, *find_type("Microsoft.Storage", "blobService"), account);
    ASSERT_TRUE(r.error.is_null()) << r.error.dump();
    blob_services += r.api_response.size();
  }
  EXPECT_EQ(blob_services, in_fixture["microsoft.storage/storageaccounts/blobservices"]);
  // An extension type under its parent: each vault's diagnostic settings (Microsoft.Insights).
  std::size_t vault_settings = 0, in_fixture_vault_settings = 0;
  for (const auto& vault : listed.at("vault")) {
    auto r = list(client, loop, *find_type("Microsoft.Insights", "vaultDiagnosticSetting"), vault);
    ASSERT_TRUE(r.error.is_null()) << r.error.dump();
    vault_settings += r.api_response.size();
  }
  for (const auto& r : sub["resources"])
    in_fixture_vault_settings += r["id"].get<std::string>().find("/vaults/") != std::string::npos && r["type"] == "Microsoft.Insights/diagnosticSettings";
  EXPECT_GT(in_fixture_vault_settings, 0u);
  EXPECT_EQ(vault_settings, in_fixture_vault_settings);
  // A data-plane type under its parent: each vault's certificates, from its vaultUri.
  std::size_t certificates = 0, in_fixture_certificates = 0;
  for (const auto& vault : listed.at("vault")) {
    auto r = list(client, loop, *find_type("Microsoft.KeyVault", "certificate"), vault);
    ASSERT_TRUE(r.error.is_null()) << r.error.dump();
    certificates += r.api_response.size();
  }
  for (const auto& [name, vault] : emulator::azure_test_tenant()["keyVaults"].items())
    if (name[0] != '_') in_fixture_certificates += vault["certificates"].size();
  EXPECT_EQ(in_fixture_certificates, 3u);
  EXPECT_EQ(certificates, in_fixture_certificates);

  // A type Resource Manager lists per resource group only: each group's virtual network gateways.
  std::size_t gateways = 0;
  for (const auto& group : listed.at("resourceGroup")) {
    auto r = list(client, loop, *find_type("Microsoft.Network", "virtualNetworkGateway"), group);
    ASSERT_TRUE(r.error.is_null()) << r.error.dump();
    gateways += r.api_response.size();
  }
  EXPECT_GT(gateways, 0u);
  EXPECT_EQ(gateways, in_fixture["microsoft.network/virtualnetworkgateways"]);
  // Entra ID through Graph: the users, and the singleton policies.
  EXPECT_EQ(list(client, loop, *find_type("Graph", "user")).api_response.size(), emulator::azure_test_tenant()["graph"]["users"].size());
  EXPECT_EQ(list(client, loop, *find_type("Graph", "securityDefaults")).api_response.value("isEnabled", true), false);
  EXPECT_TRUE(fake.writes().empty());
}

// Key Vault's recorded answer to a certificate listing (Cloud Custodian's cassette, API 7.3):
// a vault on loopback answers it, and the client makes the same list of it that the catalog's
// certificate type is made of (one page: nextLink null).
TEST(AzureCatalog, ARecordedCertificateListingIsReadAsAList) {
  const json cassette = json::parse(read_file(SIGNET_TESTDATA_DIR "/cloud-recordings/azure-cassettes/KeyVaultCertificatesTest.test_key_vault_certificates_keyvault.json"));
  const json& interaction = cassette["interactions"].at(3);
  ASSERT_EQ(interaction["request"]["uri"], "https://cckeyvault1yghq6zt4ewg2e.vault.azure.net/certificates?api-version=7.3");
  const json recorded = interaction["response"]["body"]["data"];
  signet::testing::LocalHttpServer vault;
  std::string asked;
  vault.server.Get(".*", [&](const httplib::Request& req, httplib::Response& res) {
    asked = req.path + "?" + httplib::detail::params_to_query_str(req.params);
    res.set_content(recorded.dump(), "application/json");
  });
  vault.start();
  io::EventLoop loop;
  AzureClient client(loop, CredentialChain::fixed("t"), fake_options(vault.url()));
  CallRequest request{"Microsoft.KeyVault", find_type("Microsoft.KeyVault", "certificate")->at("list")["endpoint"], subscription(),
                      {{"parent.data.properties.vaultUri", vault.url() + "/keyvault/cckeyvault1yghq6zt4ewg2e/"}}};
  request.api_version = "7.3";
  auto r = call(client, loop, request);
  ASSERT_TRUE(r.error.is_null()) << r.error.dump();
  EXPECT_EQ(asked, "/keyvault/cckeyvault1yghq6zt4ewg2e/certificates?api-version=7.3");
  ASSERT_EQ(r.api_response.size(), 2u);
  EXPECT_EQ(r.pages, 1u);
  EXPECT_EQ(r.api_response, recorded["value"]);
  EXPECT_EQ(r.api_response[0]["id"], "https://cckeyvault1yghq6zt4ewg2e.vault.azure.net/certificates/cctest1");
  EXPECT_EQ(r.api_response[1]["attributes"]["exp"], 1697821625);
}
