#pragma once
// What every provider's resource discovery shares: a catalog (data: how each resource type is
// listed, one file per provider under its own folder) and what a discovery gives back,
// resources in the spec's shape (SPEC.md 1.4) and the listings that failed. Each provider
// lists through its own client (aws/inventory, azure/scope); nothing here names a cloud.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/names.h"

namespace signet::inventory {

struct ResourceType {
  nlohmann::json spec;     // its catalog entry
  std::string cloud_name;  // the cloud's own name for the type (CloudFormation's, Resource Manager's), or ""
  std::string service() const { return spec["service"]; }
  std::string type() const { return spec["type"]; }
  bool global() const { return spec.value("global", false); }
};

class Catalog {
 public:
  // `cloud_name_field`: the entries' field holding the cloud's own type name.
  explicit Catalog(nlohmann::json document, const std::string& cloud_name_field = "");

  const std::vector<ResourceType>& types() const { return types_; }
  bool knows_service(const std::string& service) const;  // case-insensitive
  // The type a signature's metadata names: lowerCamel ("securityGroup"), the cloud's own name
  // for it, or empty for the service's primary type. nullptr when unknown.
  const ResourceType* find(const std::string& service, const std::string& type = "") const;
  std::vector<std::string> services() const;

 private:
  std::vector<ResourceType> types_;
};

// Services (field "services") the catalog knows, case-insensitively, or that `also_known`
// accepts (a provider's client may call more than its catalog lists: `also` are those names,
// offered as suggestions, and `also_said` says so in the message). The message suggests the
// closest name and lists the catalog's services.
NameCheck check_services(const std::vector<std::string>& services, const Catalog& catalog,
                         const std::function<bool(const std::string&)>& also_known = {}, const std::vector<std::string>& also = {},
                         const std::string& also_said = "");

struct InventoryOptions {
  std::vector<std::string> regions;  // empty: every region enabled for the scope
  std::set<std::string> services;    // empty: all; compared case-insensitively
  std::vector<const ResourceType*> types;  // given: only these
};

struct ListingProblem {
  std::string service, type, region, message;
};

struct Inventory {
  std::vector<nlohmann::json> resources;  // in the spec's shape
  std::vector<ListingProblem> problems;   // listings that failed (access refused, ...)
  std::vector<std::string> regions;
  std::string account_id;
};

// `values` ({id}, {name}, {parent.id}, ...) filled into every string of a catalog call's
// params, nested lists and objects included (ECS DescribeServices takes "services": ["{id}"]).
nlohmann::json fill_params(const nlohmann::json& params, const std::map<std::string, std::string>& values);
std::string fill(std::string text, const std::map<std::string, std::string>& values);

}  // namespace signet::inventory
