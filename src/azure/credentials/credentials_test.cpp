// Azure's credential chain against the Azure fake's Entra ID, IMDS and App Service endpoints:
// each source in DefaultAzureCredential's order, caching and refresh, and failures that say
// which source failed and why. (Each test runs in its own process: the environment it sets
// is its own.)
#include "azure/credentials/credentials.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/base64.h"
#include "emulator/azure_fake.h"

using namespace signet;
using namespace signet::azure;
using nlohmann::json;

namespace {

const json& client_with(const std::string& field) {
  for (const auto& c : emulator::azure_test_tenant()["clients"])
    if (c.contains(field)) return c;
  throw std::runtime_error("the test tenant has no client with " + field);
}

std::string tenant() { return emulator::azure_test_tenant()["tenantId"]; }

void clear_environment() {
  for (const char* v : {"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
                        "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_AUTHORITY_HOST", "IDENTITY_ENDPOINT",
                        "IDENTITY_HEADER"})
    unsetenv(v);
}

// Options that reach only the fake: its IMDS, no Azure CLI.
CredentialOptions fake_only(const emulator::AzureFake& fake) {
  clear_environment();
  CredentialOptions o;
  o.authority_host = fake.url();
  o.imds_endpoint = fake.url();
  o.run_command = [](const std::vector<std::string>& argv) -> std::string { throw CredentialError(argv[0] + " is not installed"); };
  return o;
}

// AZURE_TENANT_ID and AZURE_CLIENT_ID: the test tenant's and this client's.
void set_tenant_and_client(const json& client) {
  setenv("AZURE_TENANT_ID", tenant().c_str(), 1);
  setenv("AZURE_CLIENT_ID", client["clientId"].get<std::string>().c_str(), 1);
}

std::string temp_file(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / ("signet-azure-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path;
}

const std::string kArm = "https://management.azure.com";
const std::string kGraph = "https://graph.microsoft.com";

}  // namespace

TEST(AzureCredentials, AClientSecretFromTheEnvironmentGivesTokensCachedPerAudience) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  CredentialOptions options = fake_only(fake);
  const json& c = client_with("secret");
  set_tenant_and_client(c);
  setenv("AZURE_CLIENT_SECRET", c["secret"].get<std::string>().c_str(), 1);
  CredentialChain chain(options);
  std::string arm = chain.token(kArm);
  EXPECT_EQ(arm.rfind("fake-arm-", 0), 0u) << arm;
  EXPECT_EQ(chain.token(kArm), arm) << "cached";
  EXPECT_EQ(chain.token(kGraph).rfind("fake-graph-", 0), 0u) << "a token per audience";
  EXPECT_EQ(chain.source(), "environment (client secret)");
  EXPECT_EQ(fake.tokens_issued().at("secret"), 2);
  EXPECT_EQ(chain.tenant_id(), tenant());
}

TEST(AzureCredentials, ExplicitSettingsComeBeforeTheEnvironmentAndAWrongSecretSaysSo) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  CredentialOptions options = fake_only(fake);
  const json& c = client_with("secret");
  setenv("AZURE_TENANT_ID", "00000000-0000-0000-0000-000000000000", 1);  // overridden below
  options.tenant_id = tenant();
  options.client_id = c["clientId"];
  options.client_secret = "not-the-secret";
  CredentialChain chain(options);
  try {
    chain.token(kArm);
    FAIL() << "a wrong secret gave a token";
  } catch (const CredentialError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("environment (client secret)"), std::string::npos) << what;
    EXPECT_NE(what.find("AADSTS7000215"), std::string::npos) << what;
  }
  EXPECT_EQ(fake.tokens_issued().count("imds"), 0u) << "a configured source that fails does not fall through to another identity";
}

TEST(AzureCredentials, ACertificateSignsAnAssertionTheTokenEndpointVerifies) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  CredentialOptions options = fake_only(fake);
  const json& c = client_with("certificatePem");
  set_tenant_and_client(c);
  std::string pem = temp_file("cert.pem", c["privateKeyPem"].get<std::string>() + c["certificatePem"].get<std::string>());
  setenv("AZURE_CLIENT_CERTIFICATE_PATH", pem.c_str(), 1);
  CredentialChain chain(options);
  EXPECT_EQ(chain.token(kArm).rfind("fake-arm-", 0), 0u);
  EXPECT_EQ(chain.source(), "environment (client certificate)");
  EXPECT_EQ(fake.tokens_issued().at("certificate"), 1);

  // The assertion names the certificate by its thumbprint and expires soon.
  std::string jwt = certificate_assertion(c["privateKeyPem"].get<std::string>() + c["certificatePem"].get<std::string>(), "",
                                          c["clientId"], "https://login.example/t/oauth2/v2.0/token");
  auto header = json::parse(*base64_decode(jwt.substr(0, jwt.find('.'))));
  EXPECT_EQ(header["alg"], "RS256");
  EXPECT_EQ(header["x5t"].get<std::string>().size(), 27u) << "a SHA-1 thumbprint, base64url";

  // A file without the key is refused clearly; so is one that is not a certificate at all.
  EXPECT_THROW(certificate_assertion(c["certificatePem"], "", c["clientId"], "aud"), CredentialError);
  try {
    certificate_assertion("not a certificate", "", c["clientId"], "aud");
    FAIL();
  } catch (const CredentialError& e) {
    EXPECT_NE(std::string(e.what()).find("neither PEM nor PKCS#12"), std::string::npos) << e.what();
  }
  std::filesystem::remove(pem);
}

TEST(AzureCredentials, AnotherKeysAssertionIsRefusedByTheTokenEndpoint) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  CredentialOptions options = fake_only(fake);
  const json& c = client_with("certificatePem");
  // A fresh key with the registered certificate: the signature cannot verify.
  EVP_PKEY* other = EVP_RSA_gen(2048);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, other, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long size = BIO_get_mem_data(bio, &data);
  std::string other_pem(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  EVP_PKEY_free(other);
  options.tenant_id = tenant();
  options.client_id = c["clientId"];
  options.certificate_path = temp_file("other.pem", other_pem + c["certificatePem"].get<std::string>());
  CredentialChain chain(options);
  try {
    chain.token(kArm);
    FAIL() << "an assertion signed by another key gave a token";
  } catch (const CredentialError& e) {
    EXPECT_NE(std::string(e.what()).find("signature"), std::string::npos) << e.what();
  }
  std::filesystem::remove(options.certificate_path);
}

TEST(AzureCredentials, WorkloadIdentityReadsItsFederatedTokenFile) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  CredentialOptions options = fake_only(fake);
  const json& c = client_with("federatedToken");
  set_tenant_and_client(c);
  std::string file = temp_file("federated", c["federatedToken"].get<std::string>() + "\n");
  setenv("AZURE_FEDERATED_TOKEN_FILE", file.c_str(), 1);
  CredentialChain chain(options);
  EXPECT_EQ(chain.token(kArm).rfind("fake-arm-", 0), 0u);
  EXPECT_EQ(chain.source(), "workload identity");
  EXPECT_EQ(fake.tokens_issued().at("federated"), 1);
  std::filesystem::remove(file);
}

TEST(AzureCredentials, ManagedIdentityThroughAppServiceOrTheMetadataService) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  {
    CredentialChain chain(fake_only(fake));  // nothing in the environment: IMDS answers
    EXPECT_EQ(chain.token(kArm).rfind("fake-arm-", 0), 0u);
    EXPECT_EQ(chain.source(), "managed identity");
    EXPECT_EQ(fake.tokens_issued().at("imds"), 1);
  }
  CredentialOptions options = fake_only(fake);
  setenv("IDENTITY_ENDPOINT", (fake.url() + "/msi/token").c_str(), 1);
  setenv("IDENTITY_HEADER", emulator::azure_test_tenant()["managedIdentity"]["identityHeader"].get<std::string>().c_str(), 1);
  CredentialChain app_service(options);
  EXPECT_EQ(app_service.token(kGraph).rfind("fake-graph-", 0), 0u);
  EXPECT_EQ(fake.tokens_issued().at("appservice"), 1);
}

TEST(AzureCredentials, TheAzureCliIsTheLastResortAndNothingConfiguredSaysWhatWasTried) {
  emulator::AzureFake fake(emulator::azure_test_tenant());
  CredentialOptions options = fake_only(fake);
  options.imds_endpoint = "http://127.0.0.1:1";  // no managed identity here
  std::vector<std::string> asked;
  options.run_command = [&](const std::vector<std::string>& argv) {
    asked = argv;
    return std::string(R"({"accessToken": "cli-token", "expires_on": 4102444800, "tokenType": "Bearer"})");
  };
  CredentialChain cli(options);
  EXPECT_EQ(cli.token(kArm), "cli-token");
  EXPECT_EQ(cli.source(), "Azure CLI");
  ASSERT_GE(asked.size(), 7u);
  EXPECT_EQ(asked[0], "az");
  EXPECT_EQ(asked[6], kArm);

  CredentialOptions none = fake_only(fake);
  none.imds_endpoint = "http://127.0.0.1:1";
  CredentialChain nothing(none);
  try {
    nothing.token(kArm);
    FAIL();
  } catch (const CredentialError& e) {
    std::string what = e.what();
    for (const char* tried : {"environment (client secret)", "workload identity", "managed identity", "Azure CLI", "az login"})
      EXPECT_NE(what.find(tried), std::string::npos) << what;
  }
}

TEST(AzureCredentials, TokensAreRefreshedBeforeTheyExpire) {
  emulator::AzureFakeOptions short_lived;
  short_lived.token_lifetime = std::chrono::seconds(60);  // inside the 300 s refresh margin
  emulator::AzureFake fake(emulator::azure_test_tenant(), short_lived);
  CredentialOptions options = fake_only(fake);
  const json& c = client_with("secret");
  options.tenant_id = tenant();
  options.client_id = c["clientId"];
  options.client_secret = c["secret"];
  CredentialChain chain(options);
  std::string first = chain.token(kArm);
  std::string second = chain.token(kArm);
  EXPECT_NE(first, second) << "a token this close to expiry is replaced";
  EXPECT_EQ(fake.tokens_issued().at("secret"), 2);
}

TEST(AzureCredentials, NationalCloudsAreDataAndUnknownOnesAreNamed) {
  EXPECT_EQ(AzureCloud::named("AzureUSGovernment").resource_manager, "https://management.usgovcloudapi.net");
  EXPECT_EQ(AzureCloud::named("azurechinacloud").graph, "https://microsoftgraph.chinacloudapi.cn");
  EXPECT_EQ(AzureCloud::named("AzureChinaCloud").key_vault, "https://vault.azure.cn");
  EXPECT_EQ(AzureCloud::named("AzureUSGovernment").key_vault_dns_suffix, "vault.usgovcloudapi.net");
  EXPECT_EQ(AzureCloud::named("AzureCloud").key_vault_dns_suffix, "vault.azure.net");
  try {
    AzureCloud::named("AzureMoon");
    FAIL();
  } catch (const CredentialError& e) {
    EXPECT_NE(std::string(e.what()).find("AzureCloud, "), std::string::npos) << e.what();
  }
}
