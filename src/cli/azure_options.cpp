#include "cli/azure_options.h"

#include <cstdlib>

namespace signet::cli {

namespace {

void require_url(const std::string& option, const std::string& value) {
  if (!value.empty() && value.rfind("http://", 0) != 0 && value.rfind("https://", 0) != 0)
    throw std::invalid_argument(option + " '" + value + "' is not a URL such as https://management.azure.com");
}

}  // namespace

void AzureOptions::add_to(CLI::App& command, bool own_limits) {
  command.add_option("--cloud", cloud, "Azure cloud: AzureCloud (default), AzureUSGovernment or AzureChinaCloud");
  command.add_option("--subscription", subscription, "Subscription id (default: AZURE_SUBSCRIPTION_ID)");
  command.add_option("--tenant", tenant, "Entra ID tenant of the service principal (default: AZURE_TENANT_ID)");
  command.add_option("--client-id", client_id,
                     "Service principal or user-assigned identity (default: AZURE_CLIENT_ID; its secret or certificate only from "
                     "AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH)");
  command.add_option("--resource-manager-url", resource_manager_url, "Send Resource Manager calls to this URL (e.g. a local fake)");
  command.add_option("--graph-url", graph_url, "Send Microsoft Graph calls to this URL");
  command.add_option("--key-vault-url", key_vault_url,
                     "Reach Key Vault's data plane at URL/NAME/ instead of each vault's https://NAME.vault.azure.net/ (a local fake); "
                     "no other host then gets a Key Vault token");
  command.add_option("--authority-host", authority_host, "Entra ID's URL for tokens (default: AZURE_AUTHORITY_HOST, else the cloud's)");
  if (!own_limits) return;
  command.add_option("--max-attempts", max_attempts, "Tries per call, retries included (default 3)")->check(CLI::Range(1, 20));
  command.add_option("--max-items", max_items, "Most items one paged call gathers (default 100000)")->check(CLI::Range(1, 10000000));
}

std::string AzureOptions::subscription_or_environment() const {
  if (!subscription.empty()) return subscription;
  const char* v = std::getenv("AZURE_SUBSCRIPTION_ID");
  return v ? v : "";
}

std::shared_ptr<azure::CredentialChain> AzureOptions::credentials() const {
  require_url("--authority-host", authority_host);
  azure::CredentialOptions credentials;
  credentials.cloud = cloud;
  credentials.tenant_id = tenant;
  credentials.client_id = client_id;
  credentials.authority_host = authority_host;
  try {
    return std::make_shared<azure::CredentialChain>(credentials);
  } catch (const azure::CredentialError& e) {
    throw std::invalid_argument(e.what());
  }
}

azure::ClientOptions AzureOptions::client_options() const {
  require_url("--resource-manager-url", resource_manager_url);
  require_url("--graph-url", graph_url);
  require_url("--key-vault-url", key_vault_url);
  azure::ClientOptions options;
  options.resource_manager = resource_manager_url;
  options.graph = graph_url;
  options.key_vault = key_vault_url;
  options.retry.max_attempts = max_attempts;
  options.max_items = max_items;
  return options;
}

std::unique_ptr<azure::AzureClient> AzureOptions::make_client(io::EventLoop& loop) const {
  auto options = client_options();
  return std::make_unique<azure::AzureClient>(loop, credentials(), options);
}

}  // namespace signet::cli
