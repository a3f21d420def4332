#pragma once
// Azure as a provider (provider/provider.h): the embedded catalog, services by the catalog's
// namespaces (and Graph), regions by Azure's location names (locations.json), and the
// editor's endpoints from the catalog's listing paths.
#include "provider/provider.h"

namespace signet::azure {

bool is_subscription_id(const std::string& id);  // a GUID

class AzureProvider : public provider::Provider {
 public:
  std::string name() const override { return "azure"; }
  std::string title() const override { return "Azure"; }
  std::string scope_noun() const override { return "Azure subscription"; }
  std::string source_noun() const override { return "Azure tenant (every readable subscription)"; }
  const inventory::Catalog& catalog() const override;
  NameCheck check_services(const std::vector<std::string>& services, bool catalog_only = false) const override;
  NameCheck check_regions(const std::vector<std::string>& regions) const override;
  std::vector<std::string> callable_services() const override;
  std::optional<nlohmann::json> endpoints_of(const std::string& service) const override;
  std::string check_scope_id(const std::string& id) const override;
  bool selects_by_id(const std::string& item) const override;
  SourceFilters source_filters() const override;
};

// Azure's locations by their API names ("eastus"), and "global".
const std::vector<std::string>& locations();

}  // namespace signet::azure
