#pragma once
// AWS as a provider (provider/provider.h): the embedded catalog, services by the catalog or
// any name of botocore's models, regions by the endpoints data, and the editor's operations
// from the models (read-only ones only).
#include <memory>

#include "aws/models/models.h"
#include "provider/provider.h"

namespace signet::aws {

class AwsProvider : public provider::Provider {
 public:
  // `models`: null for the embedded ones.
  explicit AwsProvider(std::shared_ptr<const Models> models = nullptr);
  std::string name() const override { return "aws"; }
  std::string title() const override { return "AWS"; }
  std::string scope_noun() const override { return "AWS account"; }
  std::string source_noun() const override { return "AWS Organizations"; }
  const inventory::Catalog& catalog() const override;
  NameCheck check_services(const std::vector<std::string>& services, bool catalog_only = false) const override;
  NameCheck check_regions(const std::vector<std::string>& regions) const override;
  std::vector<std::string> callable_services() const override;
  std::optional<nlohmann::json> endpoints_of(const std::string& service) const override;
  std::string check_scope_id(const std::string& id) const override;
  SourceFilters source_filters() const override;
  bool records_have_access() const override { return true; }
  std::string member_role(const std::string& management_role, const std::string& member_id, const std::string& role_name) const override;
  bool selects_by_id(const std::string& item) const override;

 private:
  std::shared_ptr<const Models> models_;
};

}  // namespace signet::aws
