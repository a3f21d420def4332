#pragma once
// Which cloud a command reaches when no stored account is named: `--provider` (aws, azure,
// gcp) beside the AWS options, with the Azure and Google Cloud ones; the scope it makes. The one place in the CLI
// that turns options into a provider's scope.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "accounts/connector.h"
#include "cli/aws_options.h"
#include "cli/azure_options.h"
#include "cli/gcp_options.h"
#include "common/names.h"
#include "provider/provider.h"
#include "provider/scope.h"

namespace signet::cli {

struct ProviderOptions {
  std::string provider = "aws";
  AwsOptions aws;
  AzureOptions azure;
  GcpOptions gcp;

  // `choose`: with the --provider option (a command whose signature says its provider has none).
  void add_to(CLI::App& command, bool choose = true);
  bool is_aws(const std::string& which = "") const { return (which.empty() ? provider : which) == "aws"; }
  // The scope of `which` provider (default: --provider's). Throws std::invalid_argument for
  // bad options (an Azure scope without a subscription).
  std::unique_ptr<provider::Scope> make_scope(io::EventLoop& loop, const std::string& which = "") const;
  // What reaches stored accounts and sources of every provider (AWS through its profiles and
  // roles, Azure through these options' credentials).
  accounts::Connectors connectors() const;
  // The editor's completions from these options' models (--models-dir: the AWS models or the
  // Google Discovery documents; --google-endpoint-url: a fake's Discovery service).
  std::map<std::string, std::shared_ptr<const provider::Provider>> completion_providers() const;
  // The key a scan's history is kept under: the AWS profile, the Azure subscription.
  std::string account_key(const std::string& which = "") const;
  // `services` the provider knows (its catalog's; unless `catalog_only`, any its client
  // calls too), and `regions` the provider has (AWS regions, Azure locations).
  std::vector<NameCheck> check_names(const std::vector<std::string>& services, const std::vector<std::string>& regions,
                                     bool catalog_only = false) const;

 private:
  AzureOptions azure_reach() const;  // the Azure options with the AWS options' limits, which serve both
  GcpOptions gcp_reach() const;      // likewise for Google Cloud, with --models-dir's Discovery documents
};

}  // namespace signet::cli
