// The Azure fake answers as Entra ID, Resource Manager and Graph do: what a client must get
// right (tokens, audiences, api-version, paging, throttling, error bodies) is checked here,
// so that the Azure provider's tests against it mean something.
#include "emulator/azure_fake.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "common/base64.h"

using namespace signet;
using namespace signet::emulator;
using nlohmann::json;

namespace {

const json& client_of(const std::string& has) {
  for (const auto& c : azure_test_tenant()["clients"])
    if (c.contains(has)) return c;
  throw std::runtime_error("the test tenant has no client with " + has);
}

std::string tenant_id() { return azure_test_tenant()["tenantId"]; }
std::string subscription() { return azure_test_tenant()["subscriptions"][0]["subscriptionId"]; }

struct Answer {
  int status = 0;
  json body;
  httplib::Headers headers;
};

Answer ask(const std::string& url, const std::string& method, const std::string& target, const httplib::Headers& headers = {},
           const httplib::Params& form = {}) {
  httplib::Client client(url);
  httplib::Result r = method == "GET"    ? client.Get(target, headers)
                      : method == "POST" ? (form.empty() ? client.Post(target, headers, "", "application/json") : client.Post(target, headers, form))
                      : method == "PUT"  ? client.Put(target, headers, "{}", "application/json")
                                         : client.Delete(target, headers);
  if (!r) throw std::runtime_error("no answer from the fake");
  return {r->status, json::parse(r->body, nullptr, false), r->headers};
}

std::string token(const AzureFake& fake, const std::string& scope = "https://management.azure.com/.default") {
  const json& c = client_of("secret");
  auto a = ask(fake.url(), "POST", "/" + tenant_id() + "/oauth2/v2.0/token", {},
               {{"grant_type", "client_credentials"}, {"client_id", c["clientId"].get<std::string>()}, {"client_secret", c["secret"].get<std::string>()}, {"scope", scope}});
  EXPECT_EQ(a.status, 200) << a.body.dump();
  return a.body.value("access_token", "");
}

httplib::Headers bearer(const std::string& t) { return {{"Authorization", "Bearer " + t}}; }

// An RS256 JWT signed with a PEM private key (what a certificate credential sends).
std::string signed_jwt(const json& claims, const std::string& key_pem) {
  std::string signing_input = base64url_encode(json{{"alg", "RS256"}, {"typ", "JWT"}}.dump()) + "." + base64url_encode(claims.dump());
  BIO* bio = BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t n = 0;
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, key);
  EVP_DigestSign(ctx, nullptr, &n, reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size());
  std::string signature(n, '\0');
  EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &n, reinterpret_cast<const unsigned char*>(signing_input.data()),
                 signing_input.size());
  signature.resize(n);
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  BIO_free(bio);
  return signing_input + "." + base64url_encode(signature);
}

}  // namespace

TEST(AzureFake, IssuesTokensForSecretsCertificatesFederatedTokensAndManagedIdentities) {
  AzureFake fake(azure_test_tenant());
  const std::string path = "/" + tenant_id() + "/oauth2/v2.0/token";
  const httplib::Params base = {{"grant_type", "client_credentials"}, {"scope", "https://management.azure.com/.default"}};
  auto with = [&](httplib::Params extra) {
    httplib::Params p = base;
    p.insert(extra.begin(), extra.end());
    return ask(fake.url(), "POST", path, {}, p);
  };
  const json& secret = client_of("secret");
  EXPECT_EQ(with({{"client_id", secret["clientId"].get<std::string>()}, {"client_secret", secret["secret"].get<std::string>()}}).status, 200);
  auto wrong = with({{"client_id", secret["clientId"].get<std::string>()}, {"client_secret", "nope"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.body["error"], "invalid_client");
  EXPECT_EQ(with({{"client_id", "unknown"}, {"client_secret", "x"}}).body["error"], "unauthorized_client");

  const json& cert = client_of("certificatePem");
  const long long now = std::time(nullptr);
  json claims = {{"aud", fake.url() + path}, {"iss", cert["clientId"]}, {"sub", cert["clientId"]}, {"exp", now + 600}, {"nbf", now}, {"jti", "1"}};
  const httplib::Params assertion_type = {{"client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"}};
  auto assert_with = [&](const std::string& jwt) {
    httplib::Params p = assertion_type;
    p.insert({"client_id", cert["clientId"].get<std::string>()});
    p.insert({"client_assertion", jwt});
    return with(p);
  };
  EXPECT_EQ(assert_with(signed_jwt(claims, cert["privateKeyPem"].get<std::string>())).status, 200);
  json expired = claims;
  expired["exp"] = now - 10;
  EXPECT_EQ(assert_with(signed_jwt(expired, cert["privateKeyPem"].get<std::string>())).status, 401);
  json other_aud = claims;
  other_aud["aud"] = "https://login.microsoftonline.com/x/oauth2/v2.0/token";
  EXPECT_NE(assert_with(signed_jwt(other_aud, cert["privateKeyPem"].get<std::string>())).body.value("error_description", "").find("aud is"), std::string::npos);
  std::string tampered = signed_jwt(claims, cert["privateKeyPem"].get<std::string>());
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_NE(assert_with(tampered).body.value("error_description", "").find("does not verify"), std::string::npos);

  const json& federated = client_of("federatedToken");
  httplib::Params f = assertion_type;
  f.insert({"client_id", federated["clientId"].get<std::string>()});
  f.insert({"client_assertion", federated["federatedToken"].get<std::string>()});
  EXPECT_EQ(with(f).status, 200);

  const std::string imds = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F";
  EXPECT_EQ(ask(fake.url(), "GET", imds).status, 400) << "IMDS wants the Metadata header";
  auto mi = ask(fake.url(), "GET", imds, {{"Metadata", "true"}});
  ASSERT_EQ(mi.status, 200);
  EXPECT_TRUE(mi.body["expires_in"].is_string()) << "managed identity endpoints give numbers as strings";
  const std::string app_service = "/msi/token?api-version=2019-08-01&resource=https%3A%2F%2Fmanagement.azure.com%2F";
  EXPECT_EQ(ask(fake.url(), "GET", app_service, {{"X-IDENTITY-HEADER", "wrong"}}).status, 401);
  EXPECT_EQ(ask(fake.url(), "GET", app_service, {{"X-IDENTITY-HEADER", azure_test_tenant()["managedIdentity"]["identityHeader"].get<std::string>()}}).status, 200);
  EXPECT_EQ(fake.tokens_issued(), (std::map<std::string, int>{{"appservice", 1}, {"certificate", 1}, {"federated", 1}, {"imds", 1}, {"secret", 1}}));
}

TEST(AzureFake, ResourceManagerChecksTokensAndApiVersionsAndPagesItsLists) {
  AzureFake fake(azure_test_tenant());
  const std::string arm = token(fake), graph = token(fake, "https://graph.microsoft.com/.default");
  const std::string accounts = "/subscriptions/" + subscription() + "/providers/Microsoft.Storage/storageAccounts";

  auto anonymous = ask(fake.url(), "GET", accounts + "?api-version=2023-01-01");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.body["error"]["code"], "AuthenticationFailed");
  EXPECT_TRUE(anonymous.headers.count("WWW-Authenticate"));
  EXPECT_EQ(ask(fake.url(), "GET", accounts + "?api-version=2023-01-01", bearer(graph)).body["error"]["code"], "InvalidAuthenticationTokenAudience");
  EXPECT_EQ(ask(fake.url(), "GET", accounts, bearer(arm)).body["error"]["code"], "MissingApiVersionParameter");
  auto old = ask(fake.url(), "GET", accounts + "?api-version=2015-01-01", bearer(arm));
  EXPECT_EQ(old.status, 400);
  EXPECT_NE(old.body["error"]["message"].get<std::string>().find("'2024-01-01-preview, 2023-05-01, 2023-01-01, 2022-09-01'"), std::string::npos);

  auto first = ask(fake.url(), "GET", accounts + "?api-version=2023-01-01", bearer(arm));
  ASSERT_EQ(first.status, 200) << first.body.dump();
  EXPECT_EQ(first.body["value"].size(), 2u);
  ASSERT_TRUE(first.body.contains("nextLink"));
  EXPECT_TRUE(first.headers.count("x-ms-ratelimit-remaining-subscription-reads"));
  const std::string next = first.body["nextLink"];
  ASSERT_EQ(next.rfind(fake.url(), 0), 0u) << next;
  auto second = ask(fake.url(), "GET", next.substr(fake.url().size()), bearer(arm));
  EXPECT_EQ(second.body["value"].size(), 1u);
  EXPECT_FALSE(second.body.contains("nextLink"));

  const std::string group = "/subscriptions/" + subscription() + "/resourceGroups/test-rg";
  EXPECT_EQ(ask(fake.url(), "GET", group + "/providers/Microsoft.Storage/storageAccounts?api-version=2023-01-01", bearer(arm)).body["value"].size(), 2u)
      << "a group lists its own";
  auto one = ask(fake.url(), "GET", group + "/providers/Microsoft.Storage/storageAccounts/cctstorageopen?api-version=2023-01-01", bearer(arm));
  EXPECT_EQ(one.body["properties"]["minimumTlsVersion"], "TLS1_0");
  auto blobs = ask(fake.url(), "GET", group + "/providers/Microsoft.Storage/storageAccounts/cctstorageopen/blobServices?api-version=2023-01-01", bearer(arm));
  ASSERT_EQ(blobs.body["value"].size(), 1u);
  EXPECT_EQ(blobs.body["value"][0]["properties"]["deleteRetentionPolicy"]["enabled"], false);
  auto missing = ask(fake.url(), "GET", group + "/providers/Microsoft.Storage/storageAccounts/nothere?api-version=2023-01-01", bearer(arm));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["error"]["code"], "ResourceNotFound");
  auto pricings = ask(fake.url(), "GET", "/subscriptions/" + subscription() + "/providers/Microsoft.Security/pricings?api-version=2024-01-01", bearer(arm));
  EXPECT_EQ(pricings.body["value"].size(), 2u);
  auto providers = ask(fake.url(), "GET", "/subscriptions/" + subscription() + "/providers?api-version=2021-04-01", bearer(arm));
  EXPECT_EQ(providers.body["value"].size(), 2u) << "registrations are paged too";
  EXPECT_EQ(ask(fake.url(), "GET", "/subscriptions?api-version=2022-12-01", bearer(arm)).body["value"][0]["subscriptionId"], subscription());

  auto write = ask(fake.url(), "PUT", group + "/providers/Microsoft.Storage/storageAccounts/new?api-version=2023-01-01", bearer(arm));
  EXPECT_EQ(write.status, 403);
  auto keys = ask(fake.url(), "POST", group + "/providers/Microsoft.Storage/storageAccounts/cctstorageopen/listKeys?api-version=2023-01-01", bearer(arm));
  EXPECT_EQ(keys.status, 403);
  EXPECT_EQ(fake.writes().size(), 2u) << "the test sees every write that reached it";
}

// Where an API version changed a type's shape, the fake answers in the shape of the version
// asked for; types Resource Manager lists per resource group, and extension resources under a
// resource (a VM's Defender assessments), are listed where Azure lists them.
TEST(AzureFake, AnswersInTheShapeOfTheApiVersionAskedFor) {
  AzureFake fake(azure_test_tenant());
  const std::string arm = token(fake), sub = "/subscriptions/" + subscription();
  const std::string contacts = sub + "/providers/Microsoft.Security/securityContacts";
  auto old = ask(fake.url(), "GET", contacts + "?api-version=2020-01-01-preview", bearer(arm));
  ASSERT_EQ(old.status, 200) << old.body.dump();
  ASSERT_EQ(old.body["value"].size(), 2u);
  for (const auto& c : old.body["value"]) {
    EXPECT_TRUE(c["properties"].contains("alertNotifications")) << c.dump();
    EXPECT_FALSE(c["properties"].contains("notificationsSources")) << c.dump();
    EXPECT_FALSE(c.contains("byApiVersion")) << "the fixture's own key is never answered";
  }
  auto secops = ask(fake.url(), "GET", contacts + "/secops?api-version=2023-12-01-preview", bearer(arm));
  ASSERT_EQ(secops.status, 200) << secops.body.dump();
  EXPECT_FALSE(secops.body["properties"].contains("alertNotifications"));
  EXPECT_FALSE(secops.body.contains("etag"));
  EXPECT_EQ(secops.body["properties"]["isEnabled"], true);
  EXPECT_EQ(secops.body["properties"]["notificationsSources"][1], json({{"sourceType", "AttackPath"}, {"minimalRiskLevel", "High"}}));
  EXPECT_EQ(secops.body["properties"]["notificationsByRole"]["roles"][0], "Owner") << "what did not change is kept";
  EXPECT_EQ(ask(fake.url(), "GET", contacts + "?api-version=2023-01-01", bearer(arm)).body["error"]["code"], "NoRegisteredProviderFound");

  const std::string gateways = "/providers/Microsoft.Network/virtualNetworkGateways?api-version=2024-05-01";
  auto in_group = ask(fake.url(), "GET", sub + "/resourceGroups/test-rg" + gateways, bearer(arm));
  ASSERT_EQ(in_group.status, 200) << in_group.body.dump();
  EXPECT_EQ(in_group.body["value"].size(), 2u);
  EXPECT_EQ(ask(fake.url(), "GET", sub + "/resourceGroups/empty-rg" + gateways, bearer(arm)).body["value"].size(), 0u);

  const std::string vm = sub + "/resourceGroups/test-rg/providers/Microsoft.Compute/virtualMachines/vm-legacy";
  auto assessed = ask(fake.url(), "GET", vm + "/providers/Microsoft.Security/assessments?api-version=2021-06-01", bearer(arm));
  ASSERT_EQ(assessed.status, 200) << assessed.body.dump();
  ASSERT_EQ(assessed.body["value"].size(), 2u) << "paged";
  EXPECT_EQ(assessed.body["value"][0]["properties"]["resourceDetails"]["Id"], vm);
  EXPECT_EQ(ask(fake.url(), "GET", sub + "/resourceGroups/test-rg/providers/Microsoft.Compute/virtualMachines/vm-app/providers/Microsoft.Security/assessments?api-version=2015-06-01-preview",
                bearer(arm)).status, 400);
}

TEST(AzureFake, ASubscriptionOverItsReadBudgetIsThrottledWithRetryAfter) {
  AzureFakeOptions options;
  options.reads_per_window = 3;
  options.window = std::chrono::seconds(60);
  options.retry_after_seconds = 7;
  AzureFake fake(azure_test_tenant(), options);
  const std::string arm = token(fake);
  const std::string target = "/subscriptions/" + subscription() + "/resourceGroups?api-version=2021-04-01";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(ask(fake.url(), "GET", target, bearer(arm)).status, 200);
  auto throttled = ask(fake.url(), "GET", target, bearer(arm));
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(throttled.body["error"]["code"], "TooManyRequests");
  EXPECT_EQ(throttled.headers.find("Retry-After")->second, "7");
}

TEST(AzureFake, GraphPagesCollectionsAndAnswersSingletons) {
  AzureFake fake(azure_test_tenant());
  const std::string graph = token(fake, "https://graph.microsoft.com/.default");
  EXPECT_EQ(ask(fake.url(), "GET", "/v1.0/users", bearer(token(fake))).status, 401) << "an ARM token is not for Graph";
  auto users = ask(fake.url(), "GET", "/v1.0/users", bearer(graph));
  ASSERT_EQ(users.status, 200);
  EXPECT_EQ(users.body["value"].size(), 2u);
  ASSERT_TRUE(users.body.contains("@odata.nextLink"));
  std::string next = users.body["@odata.nextLink"];
  EXPECT_EQ(ask(fake.url(), "GET", next.substr(fake.url().size()), bearer(graph)).body["value"].size(), 1u);
  EXPECT_EQ(ask(fake.url(), "GET", "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", bearer(graph)).body["isEnabled"], false);
  EXPECT_EQ(ask(fake.url(), "GET", "/v1.0/nothing", bearer(graph)).body["error"]["code"], "Request_ResourceNotFound");
}

TEST(AzureFake, GraphDerivesTransitiveMembershipsFromNestedGroupsAndRoles) {
  AzureFake fake(azure_test_tenant());
  const std::string graph = token(fake, "https://graph.microsoft.com/.default");
  // Every page of a Graph collection, following @odata.nextLink: the ids in order.
  auto ids = [&](const std::string& path) {
    std::vector<std::string> out;
    std::string next = path;
    while (!next.empty()) {
      auto page = ask(fake.url(), "GET", next, bearer(graph));
      EXPECT_EQ(page.status, 200) << next << ": " << page.body.dump();
      for (const auto& o : page.body.value("value", json::array())) out.push_back(o.value("@odata.type", "") + " " + o.value("displayName", ""));
      next = page.body.contains("@odata.nextLink") ? page.body["@odata.nextLink"].get<std::string>().substr(fake.url().size()) : "";
    }
    return out;
  };
  const std::string operators = "c1d2e3f4-0000-4000-8000-000000000024";  // nests SQL Admins and Partners
  EXPECT_EQ(ids("/v1.0/groups/" + operators + "/transitiveMembers"),
            (std::vector<std::string>{"#microsoft.graph.group SQL Admins", "#microsoft.graph.group Partners", "#microsoft.graph.user Bob Guest",
                                      "#microsoft.graph.user Alice Admin", "#microsoft.graph.user Carol"}))
      << "nested groups and their members, once, over pages";
  EXPECT_EQ(ids("/v1.0/users/b1c2d3e4-0000-4000-8000-000000000012/transitiveMemberOf"),
            (std::vector<std::string>{"#microsoft.graph.group Cloud Operators", "#microsoft.graph.group Partners", "#microsoft.graph.directoryRole Global Administrator"}))
      << "Bob: Partners directly, Cloud Operators through it, and his directory role";
  auto carol = ask(fake.url(), "GET", "/v1.0/users/b1c2d3e4-0000-4000-8000-000000000013/transitiveMemberOf", bearer(graph));
  ASSERT_EQ(carol.status, 200);
  EXPECT_EQ(carol.body["@odata.context"], "https://graph.microsoft.com/v1.0/$metadata#directoryObjects");
  auto roles = ask(fake.url(), "GET", "/v1.0/users/b1c2d3e4-0000-4000-8000-000000000011/transitiveMemberOf?$skiptoken=" + base64url_encode("4"), bearer(graph));
  ASSERT_EQ(roles.body["value"].size(), 2u) << roles.body.dump();
  EXPECT_EQ(roles.body["value"][0]["roleTemplateId"], "62e90394-69f5-4237-9190-012177145e10") << "a role by its template id, as Graph gives it";
  EXPECT_FALSE(roles.body["value"][0].contains("members")) << "no more than Graph's directoryRole";

  auto alice = ask(fake.url(), "GET", "/v1.0/users/b1c2d3e4-0000-4000-8000-000000000011", bearer(graph));
  EXPECT_EQ(alice.body["userPrincipalName"], "alice@signet.test") << "an object by id";
  EXPECT_EQ(alice.body["@odata.context"], "https://graph.microsoft.com/v1.0/$metadata#users/$entity");
  EXPECT_EQ(ask(fake.url(), "GET", "/v1.0/groups/" + operators + "/members", bearer(graph)).body["value"].size(), 2u);
  auto gone = ask(fake.url(), "GET", "/v1.0/groups/c1d2e3f4-0000-4000-8000-000000000099/transitiveMembers", bearer(graph));
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body["error"]["code"], "Request_ResourceNotFound");
  EXPECT_EQ(ask(fake.url(), "GET", "/v1.0/users/b1c2d3e4-0000-4000-8000-000000000011/manager", bearer(graph)).status, 404) << "what the fake does not derive";
}

TEST(AzureFake, VaultsServeCertificatesToKeyVaultTokensOnly) {
  AzureFake fake(azure_test_tenant());
  const std::string arm = token(fake), vault = token(fake, "https://vault.azure.net/.default");
  const std::string base = "/keyvault/cckeyvault-nopurge";

  // The vaults' URIs are the fake's own, as Resource Manager lists them.
  auto vaults = ask(fake.url(), "GET", "/subscriptions/" + subscription() + "/providers/Microsoft.KeyVault/vaults?api-version=2023-07-01", bearer(arm));
  ASSERT_EQ(vaults.status, 200) << vaults.body.dump();
  EXPECT_EQ(vaults.body["value"][0]["properties"]["vaultUri"], fake.url() + base + "/");
  EXPECT_EQ(fake.tenant()["subscriptions"][0]["resources"].dump().find("{fake}"), std::string::npos);

  // Key Vault's tokens only, and only to Key Vault: an ARM token is refused with the vault's
  // challenge, a Key Vault token by Resource Manager and Graph.
  auto anonymous = ask(fake.url(), "GET", base + "/certificates?api-version=7.4");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.body["error"]["code"], "Unauthorized");
  EXPECT_NE(anonymous.headers.find("WWW-Authenticate")->second.find("resource=\"https://vault.azure.net\""), std::string::npos);
  auto with_arm = ask(fake.url(), "GET", base + "/certificates?api-version=7.4", bearer(arm));
  EXPECT_EQ(with_arm.status, 401);
  EXPECT_NE(with_arm.body["error"]["message"].get<std::string>().find("Invalid audience"), std::string::npos) << with_arm.body.dump();
  EXPECT_EQ(ask(fake.url(), "GET", "/subscriptions/" + subscription() + "/resourcegroups?api-version=2021-04-01", bearer(vault)).body["error"]["code"],
            "InvalidAuthenticationTokenAudience");
  EXPECT_EQ(ask(fake.url(), "GET", "/v1.0/users", bearer(vault)).status, 401);
  const std::string imds = "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net%2F";
  const std::string managed = ask(fake.url(), "GET", imds, {{"Metadata", "true"}}).body.value("access_token", "");
  EXPECT_EQ(ask(fake.url(), "GET", base + "/certificates?api-version=7.4", bearer(managed)).status, 200) << "a managed identity's Key Vault token";

  // api-version required and known; the certificates a page at a time.
  auto no_version = ask(fake.url(), "GET", base + "/certificates", bearer(vault));
  EXPECT_EQ(no_version.status, 400);
  EXPECT_EQ(no_version.body["error"]["code"], "BadParameter");
  EXPECT_EQ(ask(fake.url(), "GET", base + "/certificates?api-version=2023-07-01", bearer(vault)).status, 400);
  auto first = ask(fake.url(), "GET", base + "/certificates?api-version=7.4", bearer(vault));
  ASSERT_EQ(first.status, 200) << first.body.dump();
  ASSERT_EQ(first.body["value"].size(), 2u);
  EXPECT_EQ(first.body["value"][0]["id"], fake.url() + base + "/certificates/legacy-portal");
  EXPECT_EQ(first.body["value"][0]["subject"], "") << "as Key Vault lists them";
  EXPECT_FALSE(first.body["value"][0].contains("policy"));
  const std::string next = first.body["nextLink"];
  ASSERT_EQ(next.rfind(fake.url() + base + "/certificates?", 0), 0u) << next;
  EXPECT_EQ(ask(fake.url(), "GET", next.substr(fake.url().size()), bearer(vault)).body["value"].size(), 1u);

  // A certificate with its policy, its versions, its policy alone; one over 12 months, one not.
  auto legacy = ask(fake.url(), "GET", base + "/certificates/legacy-portal?api-version=7.4", bearer(vault));
  ASSERT_EQ(legacy.status, 200);
  EXPECT_EQ(legacy.body["id"], fake.url() + base + "/certificates/legacy-portal/3c9a1e5f7b2d4086a1c3e5f7092b4d6f");
  EXPECT_EQ(legacy.body["sid"], fake.url() + base + "/secrets/legacy-portal/3c9a1e5f7b2d4086a1c3e5f7092b4d6f");
  EXPECT_EQ(legacy.body["policy"]["x509_props"]["validity_months"], 24);
  EXPECT_EQ(ask(fake.url(), "GET", base + "/certificates/legacy-portal/3c9a1e5f7b2d4086a1c3e5f7092b4d6f?api-version=7.4", bearer(vault)).body, legacy.body);
  auto versions = ask(fake.url(), "GET", base + "/certificates/legacy-portal/versions?api-version=7.4", bearer(vault));
  EXPECT_EQ(versions.body["value"][0]["id"], legacy.body["id"]);
  auto policy = ask(fake.url(), "GET", base + "/certificates/orders-api-tls/policy?api-version=7.4", bearer(vault));
  EXPECT_EQ(policy.body["id"], fake.url() + base + "/certificates/orders-api-tls/policy");
  EXPECT_EQ(policy.body["x509_props"]["validity_months"], 12);
  EXPECT_EQ(policy.body["issuer"]["name"], "Self");
  auto missing = ask(fake.url(), "GET", base + "/certificates/nosuch/policy?api-version=7.4", bearer(vault));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["error"]["code"], "CertificateNotFound");
  EXPECT_EQ(ask(fake.url(), "GET", "/keyvault/cckeyvault-secure/certificates?api-version=7.4", bearer(vault)).body["value"].size(), 0u);
  EXPECT_EQ(ask(fake.url(), "GET", "/keyvault/nosuchvault/certificates?api-version=7.4", bearer(vault)).status, 404);

  // Keys and secrets listed (a certificate's own among them), never a secret's value; changes refused.
  auto keys = ask(fake.url(), "GET", base + "/keys?api-version=7.4&maxresults=25", bearer(vault));
  EXPECT_EQ(keys.body["value"][0]["kid"], fake.url() + base + "/keys/sql-tde-protector");
  auto secrets = ask(fake.url(), "GET", "/keyvault/cckeyvault-secure/secrets?api-version=7.4", bearer(vault));
  ASSERT_EQ(secrets.body["value"].size(), 1u);
  EXPECT_FALSE(secrets.body["value"][0].contains("value"));
  EXPECT_EQ(ask(fake.url(), "GET", base + "/secrets/legacy-api-token?api-version=7.4", bearer(vault)).status, 403);
  EXPECT_EQ(ask(fake.url(), "DELETE", base + "/certificates/legacy-portal?api-version=7.4", bearer(vault)).status, 403);
  EXPECT_EQ(fake.writes(), (std::vector<std::string>{"GET " + base + "/secrets/legacy-api-token", "DELETE " + base + "/certificates/legacy-portal"}));
}
