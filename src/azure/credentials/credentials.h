#pragma once
// Azure's credential chain, in DefaultAzureCredential's order: a service principal from the
// environment (AZURE_TENANT_ID and AZURE_CLIENT_ID with AZURE_CLIENT_SECRET, or with
// AZURE_CLIENT_CERTIFICATE_PATH: a PEM or PKCS#12 file whose key signs an RS256 client
// assertion), workload identity (AZURE_FEDERATED_TOKEN_FILE), managed identity (App Service's
// IDENTITY_ENDPOINT and IDENTITY_HEADER, else the instance metadata service), then the Azure
// CLI (`az account get-access-token`). Settings given explicitly (a stored subscription's)
// come before the environment. Tokens are cached per audience and refreshed before expiry.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "cloud/http/http_client.h"

namespace signet::azure {

struct CredentialError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A national cloud (clouds.json): where Entra ID, Resource Manager, Graph and Key Vault's data
// plane answer. The audiences tokens are asked for are the cloud's own URLs, whatever
// endpoints override them.
struct AzureCloud {
  std::string name;
  std::string authority_host;    // https://login.microsoftonline.com
  std::string resource_manager;  // https://management.azure.com
  std::string graph;             // https://graph.microsoft.com
  std::string key_vault;         // https://vault.azure.net: the audience of every vault's data plane
  std::string key_vault_dns_suffix;  // vault.azure.net: a vault answers at https://NAME.vault.azure.net/
  // By the Azure CLI's name (AzureCloud, AzureUSGovernment, AzureChinaCloud); throws
  // CredentialError naming the known ones.
  static AzureCloud named(const std::string& name);
};

struct CredentialOptions {
  std::string cloud = "AzureCloud";
  std::string authority_host;  // else AZURE_AUTHORITY_HOST, else the cloud's
  // A service principal given explicitly; each empty field falls back to the environment.
  std::string tenant_id, client_id, client_secret, certificate_path, certificate_password, federated_token_file;
  bool managed_identity = true;
  std::string imds_endpoint = "http://169.254.169.254";  // tests point it at a fake
  bool azure_cli = true;
  // Runs a command (argv) and returns its standard output; throws CredentialError when it
  // cannot run or fails. Default: the real `az`.
  std::function<std::string(const std::vector<std::string>& argv)> run_command;
  std::chrono::seconds refresh_before{300};
  cloud::HttpOptions http{5000, 30000, 4, true};
};

class CredentialChain {
 public:
  explicit CredentialChain(CredentialOptions options = {});
  // A token a test hands out (never expires, never refreshed).
  static std::shared_ptr<CredentialChain> fixed(std::string token, std::string cloud = "AzureCloud");

  // A bearer token for `audience` (a cloud URL such as https://management.azure.com), cached
  // and refreshed `refresh_before` it expires. The first source that is configured is used
  // from then on; throws CredentialError saying what was tried and why each failed.
  std::string token(const std::string& audience);
  std::string source();  // "environment (client secret)", "managed identity (IMDS)", ...
  const AzureCloud& cloud() const { return cloud_; }
  std::string tenant_id() const;  // as configured; empty when the source does not say

 private:
  struct Token {
    std::string value;
    std::chrono::system_clock::time_point expires;
  };
  Token fetch(const std::string& audience);
  std::optional<Token> try_source(const std::string& kind, const std::string& audience);

  CredentialOptions options_;
  AzureCloud cloud_;
  std::mutex mutex_;
  std::map<std::string, Token> cached_;  // audience -> token
  std::string chosen_;                   // the source in use, once one gave a token
  std::optional<std::string> fixed_;
};

// The client assertion a certificate signs (exposed for tests): an RS256 JWT for `audience`
// (the token endpoint), issued by and about `client_id`, with the certificate's SHA-1
// thumbprint as x5t. `certificate` is the file's bytes (PEM with the key, or PKCS#12).
std::string certificate_assertion(const std::string& certificate, const std::string& password, const std::string& client_id,
                                  const std::string& audience);

}  // namespace signet::azure
