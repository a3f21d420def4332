#pragma once
// What Signet knows of a cloud provider besides its scopes (scope.h): its catalog, the names a
// user may give (services, regions or locations), and what the editor completes. Each
// provider implements it in its own folder (aws/scope, azure/scope); providers.h lists them.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/names.h"
#include "common/utf8.h"
#include "inventory/inventory.h"

namespace signet::provider {

class Provider {
 public:
  virtual ~Provider() = default;
  virtual std::string name() const = 0;   // as signatures' metadata names it: "aws", "azure"
  virtual std::string title() const = 0;  // as people name it: "AWS", "Azure"
  // What one scope is, and what a source of them is, as the console's forms offer them:
  // "AWS account" / "AWS Organizations", "Azure subscription" / "Azure tenant (...)".
  virtual std::string scope_noun() const = 0;
  virtual std::string source_noun() const = 0;
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

  // Stored accounts and organizations of this provider (accounts/): "" when `id` may be a
  // scope's id (an account, subscription or project; "" when the provider learns it at the
  // first test), else what it must be. And whether a record reaches its scope with access
  // settings of its own (AWS: a profile, or a role to assume, per account and per
  // organization); otherwise every scope is reached with the scanner's own credentials.
  virtual std::string check_scope_id(const std::string& id) const = 0;
  virtual bool records_have_access() const { return false; }
  // Where records have access settings: the role a source's management identity assumes to
  // reach member `member_id`, whose role in every member is named `role_name`.
  virtual std::string member_role(const std::string& management_role, const std::string& member_id, const std::string& role_name) const {
    (void)management_role, (void)member_id, (void)role_name;
    return "";
  }
  // Whether an item of a selection (`--accounts`, a schedule's accounts) names one of this
  // provider's scopes or their parents by id, in a form no stored record's name may take: it
  // selects a source's members by id or by parent.
  virtual bool selects_by_id(const std::string& item) const = 0;

  // An organization source's member filters (include/exclude): what a parent (an OU, a
  // folder), a member's id and a tag (or label) filter must be, said as "an OU id (ou-...)";
  // a kind with no form is not a filter of this provider's sources.
  struct SourceFilters {
    std::string parent_form, member_form, tag_form;
    std::function<bool(const std::string&)> is_parent, is_member, is_tag;
  };
  virtual SourceFilters source_filters() const = 0;
};

// A tag or label filter of a source: key=value, or a key for any value.
inline bool is_tag_filter(const std::string& text) { return !text.empty() && text[0] != '=' && text.size() <= 400 && is_utf8(text); }

}  // namespace signet::provider
