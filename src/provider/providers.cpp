#include "provider/providers.h"

#include "aws/scope/aws_provider.h"
#include "azure/scope/azure_provider.h"
#include "gcp/scope/gcp_provider.h"

namespace signet::provider {

std::vector<const Provider*> all() {
  static const aws::AwsProvider aws_provider;
  static const azure::AzureProvider azure_provider;
  static const gcp::GcpProvider gcp_provider;
  return {&aws_provider, &azure_provider, &gcp_provider};
}

std::vector<std::string> names() {
  std::vector<std::string> out;
  for (const auto* p : all()) out.push_back(p->name());
  return out;
}

const Provider* find(const std::string& name) {
  for (const auto* p : all())
    if (p->name() == name) return p;
  return nullptr;
}

const inventory::Catalog* catalog_of(const std::string& provider) {
  const auto* p = find(provider);
  return p ? &p->catalog() : nullptr;
}

namespace {

// The values no provider knows, with the first provider's message about them.
template <typename Check>
NameCheck known_to_any(const std::vector<std::string>& values, const Check& check) {
  std::vector<std::string> unknown = values;
  for (const auto* p : all()) {
    unknown = check(*p, unknown).unknown;
    if (unknown.empty()) return check(*p, unknown);
  }
  NameCheck out = check(*all().front(), unknown);
  std::string others;
  for (std::size_t i = 1; i < all().size(); ++i) others += (others.empty() ? "" : " or ") + all()[i]->title();
  if (!others.empty()) out.message += " (nor known to " + others + ")";
  return out;
}

}  // namespace

NameCheck check_services(const std::vector<std::string>& services, bool catalog_only) {
  if (services.empty()) return {"services", {}, ""};
  return known_to_any(services, [&](const Provider& p, const std::vector<std::string>& v) { return p.check_services(v, catalog_only); });
}

NameCheck check_regions(const std::vector<std::string>& regions) {
  if (regions.empty()) return {"regions", {}, ""};
  return known_to_any(regions, [](const Provider& p, const std::vector<std::string>& v) { return p.check_regions(v); });
}

bool selects_by_id(const std::string& item) {
  const auto providers = all();
  return std::any_of(providers.begin(), providers.end(), [&](const Provider* p) { return p->selects_by_id(item); });
}

signature::ServiceCheck known_service() {
  return [](const std::string& provider, const std::string& service) {
    const auto* catalog = catalog_of(provider);
    return catalog && catalog->knows_service(service);
  };
}

std::vector<signature::FieldError> catalog_errors(const signature::Metadata& m) {
  std::vector<signature::FieldError> errors;
  const auto* catalog = catalog_of(m.provider);
  if (catalog && !m.service.empty() && catalog->knows_service(m.service) && !m.resource_type.empty() && !catalog->find(m.service, m.resource_type))
    errors.push_back({"resourceType", "'" + m.resource_type + "' is not a resource type of " + m.service + " in the " + m.provider + " catalog"});
  return errors;
}

}  // namespace signet::provider
