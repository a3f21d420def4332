#pragma once
// What Signet knows of a cloud provider besides its scopes (scope.h): its catalog, the names a
// user may give (services, regions or locations), and what the editor completes. Each
// provider implements it in its own folder (aws/scope, azure/scope); providers.h lists them.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/names.h"
#include "inventory/inventory.h"

namespace signet::provider {

class Provider {
 public:
  virtual ~Provider() = default;
  virtual std::string name() const = 0;   // as signatures' metadata names it: "aws", "azure"
  virtual std::string title() const = 0;  // as people name it: "AWS", "Azure"
  virtual const inventory::Catalog& catalog() const = 0;

  // Services a request names: those of the catalog (what the inventory lists) or, unless
  // `catalog_only`, any the provider's client can call.
  virtual NameCheck check_services(const std::vector<std::string>& services, bool catalog_only = false) const = 0;
  // Regions (AWS) or locations (Azure) by their API names.
  virtual NameCheck check_regions(const std::vector<std::string>& regions) const = 0;

  // For the editor's completion of apiCaller requests: the services it may call, and one
  // service's endpoints {service, apiVersion?, operations: [{name, paginated, type?, params:
  // [{name, type, required}]}]} (nullopt for a service it does not know).
  virtual std::vector<std::string> callable_services() const = 0;
  virtual std::optional<nlohmann::json> endpoints_of(const std::string& service) const = 0;
};

}  // namespace signet::provider
