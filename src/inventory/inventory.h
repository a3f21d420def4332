#pragma once
// Resource discovery: the catalog (data, aws_catalog.json) says how each resource type is
// listed; the inventory lists them through the AWS client in every selected region and
// gives resources in the spec's shape (SPEC.md 1.4).
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/client/call_cache.h"
#include "aws/client/client.h"
#include "common/names.h"

namespace signet::inventory {

struct ResourceType {
  nlohmann::json spec;  // its catalog entry
  std::string service() const { return spec["service"]; }
  std::string type() const { return spec["type"]; }
  bool global() const { return spec.value("global", false); }
};

class Catalog {
 public:
  explicit Catalog(nlohmann::json document);
  static const Catalog& aws();  // the embedded catalog

  const std::vector<ResourceType>& types() const { return types_; }
  bool knows_service(const std::string& service) const;  // case-insensitive
  // The type a signature's metadata names: lowerCamel ("securityGroup"), the cloud's own name
  // for it (CloudFormation's, Resource Manager's), or empty for the service's primary type.
  // nullptr when unknown.
  const ResourceType* find(const std::string& service, const std::string& type = "") const;
  std::vector<std::string> services() const;
  // Every listing call (service, operation and the catalog's params, whose {account},
  // {region} and {partition} the caller fills; no region), once, but those of child types
  // (which need a parent's id): what `accounts test` probes.
  std::vector<aws::CallRequest> listing_calls() const;

 private:
  std::vector<ResourceType> types_;
};

// Services (field "services") the catalog or the AWS models know, by any of their names,
// case-insensitively; `catalog_only`: the catalog's alone (what the inventory can list).
// The message suggests the closest name and lists the catalog's services.
NameCheck check_services(const std::vector<std::string>& services, const aws::Models& models, bool catalog_only = false,
                         const Catalog& catalog = Catalog::aws());

struct InventoryOptions {
  std::vector<std::string> regions;  // empty: every region enabled for the account
  std::set<std::string> services;    // empty: all; compared case-insensitively
  std::vector<const ResourceType*> types;  // given: only these
};

struct ListingProblem {
  std::string service, type, region, message;
};

struct Inventory {
  std::vector<nlohmann::json> resources;  // in the spec's shape
  std::vector<ListingProblem> problems;   // listings that failed (AccessDenied, ...)
  std::vector<std::string> regions;
  std::string account_id;
};

// Lists everything asked for; `done` runs once on the loop thread. Throws CallRefused for
// a catalog entry the client refuses (a catalog bug).
void discover(aws::AwsClient& client, const Catalog& catalog, const InventoryOptions& options,
              std::function<void(Inventory)> done);
// The same through a call cache it shares (a scan's: signatures then reuse its answers).
void discover(aws::CallCache& calls, const Catalog& catalog, const InventoryOptions& options,
              std::function<void(Inventory)> done);

// The items of a listing call's answer (apiCaller's apiResponse form): the answer itself
// for paginated lists, its `items` path otherwise, the whole answer for `single` types,
// each item's inner list for `flatten`. Exposed for tests over recorded answers.
nlohmann::json listed_items(const ResourceType& type, const nlohmann::json& answer);

// Turns one listed item into a resource (exposed for tests). `parent`: for a type listed once
// per resource of another (catalog "parent": API Gateway stages of a REST API, ECS services
// of a cluster), that resource ({id, name, arn}), which its templates may name.
nlohmann::json make_resource(const ResourceType& type, const nlohmann::json& item, const std::string& region,
                             const std::string& account, const std::string& partition,
                             const nlohmann::json& parent = nlohmann::json());

// `values` ({id}, {name}, {parent.id}, ...) filled into every string of a catalog call's
// params, nested lists and objects included (ECS DescribeServices takes "services": ["{id}"]).
// Exposed for tests.
nlohmann::json fill_params(const nlohmann::json& params, const std::map<std::string, std::string>& values);

// What any catalog call's params may name of the account: {account}, {region} and the
// region's {partition} (as the client's endpoints resolve it for `service`).
std::map<std::string, std::string> account_values(const aws::AwsClient& client, const std::string& service, const std::string& region,
                                                  const std::string& account_id);

}  // namespace signet::inventory
