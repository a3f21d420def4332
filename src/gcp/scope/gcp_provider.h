#pragma once
// Google Cloud as a provider (provider/provider.h): the embedded catalog, services by the
// catalog's APIs, regions by Google Cloud's region names (regions.json; a zone is a region
// and a letter), and the editor's methods from the Discovery documents.
#include <memory>

#include "gcp/discovery/discovery.h"
#include "provider/provider.h"

namespace signet::gcp {

bool is_project_id(const std::string& id);

class GcpProvider : public provider::Provider {
 public:
  // `discovery`: where the editor's methods come from; null: the default (cache, then Google).
  explicit GcpProvider(std::shared_ptr<Discovery> discovery = nullptr);
  std::string name() const override { return "gcp"; }
  std::string title() const override { return "Google Cloud"; }
  std::string scope_noun() const override { return "Google Cloud project"; }
  std::string source_noun() const override { return "Google Cloud organization (every readable project)"; }
  const inventory::Catalog& catalog() const override;
  NameCheck check_services(const std::vector<std::string>& services, bool catalog_only = false) const override;
  NameCheck check_regions(const std::vector<std::string>& regions) const override;
  std::vector<std::string> callable_services() const override;
  std::optional<nlohmann::json> endpoints_of(const std::string& service) const override;
  std::string check_scope_id(const std::string& id) const override;
  bool selects_by_id(const std::string& item) const override;
  SourceFilters source_filters() const override;

 private:
  std::shared_ptr<Discovery> discovery_;
};

// Google Cloud's regions (and multi-regions) by their API names, and "global".
const std::vector<std::string>& regions();

}  // namespace signet::gcp
