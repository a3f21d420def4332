#pragma once
// What reaches the Azure fake (not part of the library; the tests, the demo and the bench
// share it): the fake tenant's subscription, a client that reaches the fake with the tenant's
// secret client, and one call run to its end.
#include <memory>
#include <optional>
#include <string>

#include "azure/client/client.h"
#include "emulator/azure_fake.h"

namespace signet::azure::testing {

inline std::string subscription() { return emulator::azure_test_tenant()["subscriptions"][0]["subscriptionId"]; }

// The credential chain of the test tenant's client with a secret, against the fake.
inline std::shared_ptr<CredentialChain> secret_chain(const emulator::AzureFake& fake) {
  CredentialOptions o;
  o.authority_host = fake.url();
  o.tenant_id = emulator::azure_test_tenant()["tenantId"];
  for (const auto& c : emulator::azure_test_tenant()["clients"])
    if (c.contains("secret")) {
      o.client_id = c["clientId"];
      o.client_secret = c["secret"];
    }
  o.managed_identity = false;
  o.azure_cli = false;
  return std::make_shared<CredentialChain>(o);
}

// Resource Manager, Graph and the vaults (url/keyvault/NAME/) at `url`, quick retries, rate
// buckets of the test's own.
inline ClientOptions fake_options(const std::string& url) {
  ClientOptions o;
  o.resource_manager = url;
  o.graph = url;
  o.key_vault = url + "/keyvault";
  o.retry.base_delay = std::chrono::milliseconds(10);
  o.rate.control = std::make_shared<cloud::RateControl>();
  return o;
}

inline cloud::CallResult call(AzureClient& client, io::EventLoop& loop, const CallRequest& request) {
  std::optional<cloud::CallResult> result;
  client.call(request, [&](cloud::CallResult r) { result = std::move(r); });
  loop.run_until([&] { return result.has_value(); });
  return *result;
}

}  // namespace signet::azure::testing
