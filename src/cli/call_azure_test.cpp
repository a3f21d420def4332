// `signet call azure` against the Azure fake, in-process: what it prints and how it exits.
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli/commands.h"
#include "emulator/azure_fake.h"

using namespace signet;
using nlohmann::json;

namespace {

struct Run {
  int exit_code = -1;
  std::string out, err;
};

// Runs `signet call azure ARGS...` with the test tenant's secret client in the environment.
Run call_azure(const emulator::AzureFake& fake, std::vector<std::string> args) {
  const json& tenant = emulator::azure_test_tenant();
  for (const auto& c : tenant["clients"])
    if (c.contains("secret")) {
      setenv("AZURE_CLIENT_ID", c["clientId"].get<std::string>().c_str(), 1);
      setenv("AZURE_CLIENT_SECRET", c["secret"].get<std::string>().c_str(), 1);
    }
  setenv("AZURE_TENANT_ID", tenant["tenantId"].get<std::string>().c_str(), 1);
  setenv("AZURE_SUBSCRIPTION_ID", tenant["subscriptions"][0]["subscriptionId"].get<std::string>().c_str(), 1);
  CLI::App app;
  Run run;
  cli::add_call_command(app, run.exit_code);
  std::vector<std::string> argv = {"call", "azure"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--authority-host", fake.url(), "--resource-manager-url", fake.url(), "--graph-url", fake.url(), "--key-vault-url", fake.url() + "/keyvault"});
  std::reverse(argv.begin(), argv.end());  // CLI11 takes them last first
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  app.parse(argv);
  run.out = ::testing::internal::GetCapturedStdout();
  run.err = ::testing::internal::GetCapturedStderr();
  return run;
}

}  // namespace

TEST(CallAzure, PrintsWhatResourceManagerAndGraphAnswer) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  auto accounts = call_azure(fake, {"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts"});
  ASSERT_EQ(accounts.exit_code, 0) << accounts.err;
  json listed = json::parse(accounts.out);
  EXPECT_EQ(listed.size(), 3u) << "every page";
  auto group = call_azure(fake, {"Microsoft.Storage", "resourceGroups/{g}/providers/Microsoft.Storage/storageAccounts", "--params",
                                 R"({"g": "empty-rg"})", "--api-version", "2023-01-01"});
  ASSERT_EQ(group.exit_code, 0) << group.err;
  EXPECT_EQ(json::parse(group.out)[0]["name"], "cctstorageeast");
  auto users = call_azure(fake, {"Graph", "users", "--no-paginate"});
  ASSERT_EQ(users.exit_code, 0) << users.err;
  EXPECT_EQ(json::parse(users.out).size(), 2u) << "the first page only";
  // A vault's data plane, at the fake's vaults (--key-vault-url).
  const std::string vault = fake.url() + "/keyvault/cckeyvault-nopurge/";
  auto certificates = call_azure(fake, {"Microsoft.KeyVault", "{vaultUri}certificates", "--params", json{{"vaultUri", vault}}.dump()});
  ASSERT_EQ(certificates.exit_code, 0) << certificates.err;
  EXPECT_EQ(json::parse(certificates.out).size(), 3u);
  auto secret = call_azure(fake, {"Microsoft.KeyVault", vault + "secrets/legacy-api-token"});
  EXPECT_EQ(secret.exit_code, 2);
  EXPECT_NE(secret.err.find("returns a secret's value"), std::string::npos) << secret.err;
  EXPECT_TRUE(fake.writes().empty());
}

TEST(CallAzure, CloudErrorsExitOneAndRefusalsExitTwoSayingWhy) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  auto missing = call_azure(fake, {"Microsoft.KeyVault", "resourceGroups/test-rg/providers/Microsoft.KeyVault/vaults/nosuch"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("ERROR: (ResourceNotFound) "), std::string::npos) << missing.err;
  auto keys = call_azure(fake, {"Microsoft.Storage", "resourceGroups/test-rg/providers/Microsoft.Storage/storageAccounts/cctstorageopen/listKeys",
                                "--method", "POST"});
  EXPECT_EQ(keys.exit_code, 2);
  EXPECT_NE(keys.err.find("lists access keys"), std::string::npos) << keys.err;
  auto bad_params = call_azure(fake, {"Microsoft.Storage", "providers/Microsoft.Storage/storageAccounts", "--params", "[1]"});
  EXPECT_EQ(bad_params.exit_code, 2);
  EXPECT_NE(bad_params.err.find("--params must be a JSON object"), std::string::npos) << bad_params.err;
  EXPECT_TRUE(fake.writes().empty());
}
