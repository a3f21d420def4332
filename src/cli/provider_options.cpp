#include "cli/provider_options.h"

#include "aws/endpoints/endpoints.h"
#include "aws/scope/aws_scope.h"
#include "azure/scope/azure_scope.h"
#include "inventory/inventory.h"
#include "provider/providers.h"

namespace signet::cli {

void ProviderOptions::add_to(CLI::App& command, bool choose) {
  if (choose)
    command.add_option("--provider", provider, "The cloud: aws (default) or azure (the subscription of --subscription)")
        ->check(CLI::IsMember(provider::names()));
  aws.add_to(command);
  azure.add_to(command, false);
}

AzureOptions ProviderOptions::azure_reach() const {
  AzureOptions reach = azure;
  if (aws.max_attempts > 0) reach.max_attempts = aws.max_attempts;
  reach.max_items = aws.max_items;
  return reach;
}

std::unique_ptr<provider::Scope> ProviderOptions::make_scope(io::EventLoop& loop, const std::string& which) const {
  if (is_aws(which)) return std::make_unique<aws::AwsScope>(aws.make_client(loop));
  AzureOptions reach = azure_reach();
  const std::string subscription = reach.subscription_or_environment();
  if (subscription.empty()) throw std::invalid_argument("Azure needs --subscription (or AZURE_SUBSCRIPTION_ID)");
  return std::make_unique<azure::AzureScope>(reach.make_client(loop), subscription);
}

accounts::Connectors ProviderOptions::connectors() const {
  accounts::Connectors out;
  out.aws = std::make_shared<accounts::AwsConnector>(aws.models(), aws.client_options(), aws.default_region());
  const AzureOptions reach = azure_reach();
  out.azure = std::make_shared<accounts::AzureConnector>(reach.credentials(), reach.client_options());
  return out;
}

std::string ProviderOptions::account_key(const std::string& which) const {
  return is_aws(which) ? aws.profile : azure.subscription_or_environment();
}

std::vector<NameCheck> ProviderOptions::check_names(const std::vector<std::string>& services, const std::vector<std::string>& regions,
                                                    bool catalog_only) const {
  auto models = aws.models();
  if (is_aws()) return {inventory::check_services(services, *models, catalog_only), aws::check_regions(regions, models->endpoints())};
  const auto* catalog = provider::catalog_of(provider);
  if (!catalog) return {NameCheck{"provider", {provider}, "unknown provider: " + provider}};
  return {inventory::check_services(services, *models, true, *catalog)};
}

}  // namespace signet::cli
