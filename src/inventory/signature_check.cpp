#include "inventory/signature_check.h"

#include "inventory/inventory.h"

namespace signet::inventory {

signature::ServiceCheck known_service() {
  return [](const std::string&, const std::string& service) { return Catalog::aws().knows_service(service); };
}

std::vector<signature::FieldError> catalog_errors(const signature::Metadata& m) {
  std::vector<signature::FieldError> errors;
  const auto& catalog = Catalog::aws();
  if (!m.service.empty() && catalog.knows_service(m.service) && !m.resource_type.empty() && !catalog.find(m.service, m.resource_type))
    errors.push_back({"resourceType", "'" + m.resource_type + "' is not a resource type of " + m.service + " in the catalog"});
  return errors;
}

}  // namespace signet::inventory
