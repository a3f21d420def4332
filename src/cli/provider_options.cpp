#include "cli/provider_options.h"

#include "aws/accounts/aws_accounts.h"
#include "aws/scope/aws_provider.h"
#include "aws/scope/aws_scope.h"
#include "azure/accounts/azure_accounts.h"
#include "azure/scope/azure_scope.h"
#include "gcp/accounts/gcp_accounts.h"
#include "gcp/scope/gcp_provider.h"
#include "gcp/scope/gcp_scope.h"
#include "provider/providers.h"

namespace signet::cli {

void ProviderOptions::add_to(CLI::App& command, bool choose) {
  if (choose)
    command.add_option("--provider", provider,
                       "The cloud: aws (default), azure (the subscription of --subscription) or gcp (the project of --project)")
        ->check(CLI::IsMember(provider::names()));
  aws.add_to(command);
  azure.add_to(command, false);
  gcp.add_to(command);
}

GcpOptions ProviderOptions::gcp_reach() const {
  GcpOptions reach = gcp;
  if (aws.max_attempts > 0) reach.max_attempts = aws.max_attempts;
  reach.max_items = aws.max_items;
  reach.models_dir = aws.models_dir;  // --models-dir: the chosen provider's models
  return reach;
}

AzureOptions ProviderOptions::azure_reach() const {
  AzureOptions reach = azure;
  if (aws.max_attempts > 0) reach.max_attempts = aws.max_attempts;
  reach.max_items = aws.max_items;
  return reach;
}

std::unique_ptr<provider::Scope> ProviderOptions::make_scope(io::EventLoop& loop, const std::string& which) const {
  if (is_aws(which)) return std::make_unique<aws::AwsScope>(aws.make_client(loop));
  if ((which.empty() ? provider : which) == "gcp") {
    const GcpOptions reach = gcp_reach();
    auto chain = reach.credentials();
    std::string project = reach.project_or_default();
    if (project.empty()) project = chain->project_id();
    if (project.empty()) throw std::invalid_argument("Google Cloud needs --project (or GOOGLE_CLOUD_PROJECT)");
    return std::make_unique<gcp::GcpScope>(reach.make_client(loop, chain), project);
  }
  AzureOptions reach = azure_reach();
  const std::string subscription = reach.subscription_or_environment();
  if (subscription.empty()) throw std::invalid_argument("Azure needs --subscription (or AZURE_SUBSCRIPTION_ID)");
  return std::make_unique<azure::AzureScope>(reach.make_client(loop), subscription);
}

accounts::Connectors ProviderOptions::connectors() const {
  accounts::Connectors out;
  out.add("aws", std::make_shared<aws::AwsConnector>(aws.models(), aws.client_options(), aws.default_region()));
  const AzureOptions reach = azure_reach();
  out.add("azure", std::make_shared<azure::AzureConnector>(reach.credentials(), reach.client_options()));
  const GcpOptions google = gcp_reach();
  out.add("gcp", std::make_shared<gcp::GcpConnector>(google.credentials(), google.discovery(), google.client_options()));
  return out;
}

std::map<std::string, std::shared_ptr<const provider::Provider>> ProviderOptions::completion_providers() const {
  return {{"aws", std::make_shared<aws::AwsProvider>(aws.models())}, {"gcp", std::make_shared<gcp::GcpProvider>(gcp_reach().discovery())}};
}

std::string ProviderOptions::account_key(const std::string& which) const {
  const std::string p = which.empty() ? provider : which;
  return p == "aws" ? aws.profile : p == "gcp" ? gcp.project_or_default() : azure.subscription_or_environment();
}

std::vector<NameCheck> ProviderOptions::check_names(const std::vector<std::string>& services, const std::vector<std::string>& regions,
                                                    bool catalog_only) const {
  if (is_aws()) {  // against --models-dir's models, when given
    aws::AwsProvider with_models(aws.models());
    return {with_models.check_services(services, catalog_only), with_models.check_regions(regions)};
  }
  const auto* p = provider::find(provider);
  if (!p) return {NameCheck{"provider", {provider}, "unknown provider: " + provider}};
  return {p->check_services(services, catalog_only), p->check_regions(regions)};
}

}  // namespace signet::cli
