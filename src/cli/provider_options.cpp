#include "cli/provider_options.h"

#include "aws/accounts/aws_accounts.h"
#include "aws/scope/aws_provider.h"
#include "aws/scope/aws_scope.h"
#include "azure/accounts/azure_accounts.h"
#include "azure/scope/azure_scope.h"
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
  out.add("aws", std::make_shared<aws::AwsConnector>(aws.models(), aws.client_options(), aws.default_region()));
  const AzureOptions reach = azure_reach();
  out.add("azure", std::make_shared<azure::AzureConnector>(reach.credentials(), reach.client_options()));
  return out;
}

std::string ProviderOptions::account_key(const std::string& which) const {
  return is_aws(which) ? aws.profile : azure.subscription_or_environment();
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
