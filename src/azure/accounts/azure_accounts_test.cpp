// Azure subscriptions as accounts, against the Azure fake: a tenant's subscriptions listed
// through the scanner's credentials, each scanned as itself.
#include "azure/accounts/azure_accounts.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "accounts/estate_scan.h"
#include "azure/scope/azure_scope.h"
#include "azure/test_helpers.h"
#include "sandbox/test_harness.h"
#include "testing/signatures.h"

using namespace signet;
using nlohmann::json;

namespace {

// The test tenant with two more subscriptions: one empty, one disabled.
json tenant_of_three() {
  json tenant = emulator::azure_test_tenant();
  json second = {{"subscriptionId", "0000aaaa-0000-4000-8000-000000000001"}, {"displayName", "Sandbox"}, {"state", "Enabled"},
                 {"providers", json::array()}, {"resourceGroups", json::array()}, {"resources", json::array()}};
  json old = second;
  old["subscriptionId"] = "0000aaaa-0000-4000-8000-000000000002";
  old["displayName"] = "Old";
  old["state"] = "Disabled";
  tenant["subscriptions"].push_back(second);
  tenant["subscriptions"].push_back(old);
  return tenant;
}

}  // namespace

TEST(AzureAccounts, ATenantsSubscriptionsAreScannedEachAsItself) {
  emulator::AzureFake fake(tenant_of_three());
  auto connector = std::make_shared<azure::AzureConnector>(azure::testing::secret_chain(fake), azure::testing::fake_options(fake.url()));
  accounts::Organization tenant;
  tenant.name = "contoso";
  tenant.provider = "azure";
  auto members = connector->list_members(tenant);
  ASSERT_EQ(members.size(), 3u);
  EXPECT_EQ(members[0].id, azure::testing::subscription());
  EXPECT_EQ(members[0].name, "Signet test subscription");
  EXPECT_EQ(members[0].status, "ACTIVE");
  EXPECT_EQ(members[2].status, "disabled");

  accounts::Connectors connectors;
  connectors.add("azure", connector);  // no AWS here: an AWS target would be refused by name
  auto resolved = accounts::resolve({}, {}, {tenant}, connectors.member_lister());
  ASSERT_EQ(resolved.targets.size(), 2u);
  ASSERT_EQ(resolved.skipped.size(), 1u);
  EXPECT_NE(resolved.skipped[0].find("Old (0000aaaa-0000-4000-8000-000000000002) is disabled"), std::string::npos) << resolved.skipped[0];

  std::string db = (std::filesystem::temp_directory_path() / ("signet-azure-accounts-" + std::to_string(getpid()) + ".db")).string();
  std::filesystem::remove(db);
  auto store = store::open_sqlite(db);
  store->add_signature(signet::testing::make_signature("Microsoft.Storage", "storageAccount", "High",
                                                       "module.exports = async (apiCaller, r) => ({ statusSig: r.data.properties.supportsHttpsTrafficOnly === true });",
                                                       "azure"));
  io::EventLoop loop;
  sandbox::Sandbox box(loop, sandbox::testing::test_limits());
  auto work = accounts::plan_scans(resolved.targets, {}, {}, [&](const accounts::Target& t) { return connectors.scope(loop, t); });
  auto reports = engine::run_scans(loop, box, work.accounts, *store, 2);
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].stats["accountId"], azure::testing::subscription());
  EXPECT_EQ(reports[0].count("Fail"), 1u) << reports[0].stats.dump();
  EXPECT_EQ(reports[0].count("Pass"), 2u);
  EXPECT_EQ(reports[1].stats["accountId"], "0000aaaa-0000-4000-8000-000000000001");
  EXPECT_EQ(reports[1].stats["resources"], 0) << "the sandbox subscription is empty";
  EXPECT_TRUE(reports[1].stats["unreachable"].is_null()) << reports[1].stats.dump();
  for (const auto& r : reports) EXPECT_EQ(store->scan(r.scan_id)->provider, "azure");

  accounts::Target aws_target;
  aws_target.name = "legacy";
  EXPECT_THROW(connectors.scope(loop, aws_target), std::runtime_error) << "no AWS connector in this test";
  store.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
}

TEST(AzureAccounts, AccessTestsSayWhoTheSubscriptionIsAndWhichListingsItRefuses) {
  emulator::AzureFake fake(tenant_of_three());
  azure::AzureConnector connector(azure::testing::secret_chain(fake), azure::testing::fake_options(fake.url()));
  accounts::Target target;
  target.name = "prod";
  target.provider = "azure";
  target.account_id = azure::testing::subscription();
  accounts::AccessReport report = connector.test_access(target);
  ASSERT_TRUE(report.reached) << report.error;
  EXPECT_EQ(report.scope_id, azure::testing::subscription());
  EXPECT_EQ(report.identity, "subscription " + azure::testing::subscription() + " (Signet test subscription)");
  EXPECT_NE(report.credentials.find("client secret"), std::string::npos) << report.credentials;
  std::size_t top_level = 0;
  for (const auto& type : azure::catalog().types()) top_level += type.spec.contains("parent") ? 0 : 1;
  EXPECT_EQ(report.probed, top_level);
  EXPECT_TRUE(report.refused.empty()) << report.refused.front();

  target.account_id = "0000aaaa-0000-4000-8000-0000000000ff";  // not in the tenant
  accounts::AccessReport missing = connector.test_access(target);
  EXPECT_FALSE(missing.reached);
  EXPECT_FALSE(missing.error.empty());
  EXPECT_EQ(missing.probed, 0u);

  accounts::Organization tenant;
  tenant.name = "contoso";
  tenant.provider = "azure";
  accounts::AccessReport source = connector.test_source(tenant);
  ASSERT_TRUE(source.reached) << source.error;
  EXPECT_EQ(source.identity, "tenant: 3 subscriptions readable");
}
