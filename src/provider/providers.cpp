#include "provider/providers.h"

#include "azure/scope/azure_scope.h"

namespace signet::provider {

std::vector<std::string> names() { return {"aws", "azure"}; }

const inventory::Catalog* catalog_of(const std::string& provider) {
  if (provider == "aws") return &inventory::Catalog::aws();
  if (provider == "azure") return &azure::catalog();
  return nullptr;
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
