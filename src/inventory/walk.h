#pragma once
// Discovery over a catalog for providers whose listings are uniform calls (Azure's, Google
// Cloud's): each type asked for is listed once; a child type (catalog "parent": a vault's
// keys, a key ring's keys) once per resource of its parent type, the parent listed first
// for it and given back only when asked for too; resources outside the regions asked for
// are left out ("global" ones never are); a listing that fails is a problem, not an end. A
// `hidden` type (Cloud KMS locations) is listed only for its children, unless named in
// `options.types`.
// The provider says how one listing is made (`ListOne`).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "inventory/inventory.h"

namespace signet::inventory {

// The resources of one listing, or why there are none (`problem` set). Called exactly once.
using Listed = std::function<void(std::vector<nlohmann::json> resources, std::string problem)>;
// Lists `type`; for a child type, under `parent` (one resource of its parent type, in the
// spec's shape), else `parent` is null.
using ListOne = std::function<void(const ResourceType& type, const nlohmann::json* parent, Listed listed)>;

// `done` runs once, with `scope_id` as the inventory's account id. A type whose parent type
// is not in the catalog is a problem.
void walk_catalog(const Catalog& catalog, InventoryOptions options, std::string scope_id, ListOne list_one,
                  std::function<void(Inventory)> done);

}  // namespace signet::inventory
