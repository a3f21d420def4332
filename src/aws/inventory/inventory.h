#pragma once
// AWS resource discovery: the catalog (data, catalog/*.json, one file per service) says how
// each resource type is listed; discover() lists them through the AWS client in every
// selected region and gives resources in the spec's shape (SPEC.md 1.4).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/client/call_cache.h"
#include "aws/client/client.h"
#include "common/names.h"
#include "inventory/inventory.h"

namespace signet::aws {

const inventory::Catalog& catalog();  // the embedded one

// Every listing call (service, operation and the catalog's params, whose {account},
// {region} and {partition} the caller fills; no region), once, but those of child types
// (which need a parent's id): what `accounts test` probes.
std::vector<CallRequest> listing_calls(const inventory::Catalog& catalog = aws::catalog());

// Services (field "services") the catalog or the AWS models know, by any of their names,
// case-insensitively; `catalog_only`: the catalog's alone (what the inventory can list).
NameCheck check_services(const std::vector<std::string>& services, const Models& models, bool catalog_only = false,
                         const inventory::Catalog& catalog = aws::catalog());

// Lists everything asked for; `done` runs once on the loop thread. Throws CallRefused for
// a catalog entry the client refuses (a catalog bug).
void discover(AwsClient& client, const inventory::Catalog& catalog, const inventory::InventoryOptions& options,
              std::function<void(inventory::Inventory)> done);
// The same through a call cache it shares (a scan's: signatures then reuse its answers).
void discover(CallCache& calls, const inventory::Catalog& catalog, const inventory::InventoryOptions& options,
              std::function<void(inventory::Inventory)> done);

// The items of a listing call's answer (apiCaller's apiResponse form): the answer itself
// for paginated lists, its `items` path otherwise, the whole answer for `single` types,
// each item's inner list for `flatten`. Exposed for tests over recorded answers.
nlohmann::json listed_items(const inventory::ResourceType& type, const nlohmann::json& answer);

// Turns one listed item into a resource (exposed for tests). `parent`: for a type listed once
// per resource of another (catalog "parent": API Gateway stages of a REST API, ECS services
// of a cluster), that resource ({id, name, arn}), which its templates may name.
nlohmann::json make_resource(const inventory::ResourceType& type, const nlohmann::json& item, const std::string& region,
                             const std::string& account, const std::string& partition, const nlohmann::json& parent = nlohmann::json());

// What any catalog call's params may name of the account: {account}, {region} and the
// region's {partition} (as the client's endpoints resolve it for `service`).
std::map<std::string, std::string> account_values(const AwsClient& client, const std::string& service, const std::string& region,
                                                  const std::string& account_id);

}  // namespace signet::aws
