#pragma once
// The Azure options shared by the commands that reach Azure: the cloud, the subscription,
// the service principal's ids (secrets only from the environment), endpoints for local
// fakes, and the client they make.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "azure/client/client.h"

namespace signet::cli {

struct AzureOptions {
  std::string cloud = "AzureCloud";
  std::string subscription;  // else AZURE_SUBSCRIPTION_ID
  std::string tenant;        // else AZURE_TENANT_ID
  std::string client_id;     // else AZURE_CLIENT_ID
  std::string resource_manager_url, graph_url, authority_host;  // default: the cloud's
  std::string key_vault_url;  // default: every vault at https://NAME.<the cloud's Key Vault DNS suffix>/
  int max_attempts = 3;
  std::size_t max_items = 100000;

  // `own_limits` false: beside the AWS options, whose --max-attempts and --max-items serve
  // both (copied in by the command).
  void add_to(CLI::App& command, bool own_limits = true);
  std::string subscription_or_environment() const;
  // Each throws std::invalid_argument for a URL that is not one, or an unknown cloud.
  std::shared_ptr<azure::CredentialChain> credentials() const;
  azure::ClientOptions client_options() const;
  std::unique_ptr<azure::AzureClient> make_client(io::EventLoop& loop) const;
};

}  // namespace signet::cli
