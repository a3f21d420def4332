#include "inventory/walk.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/strings.h"

namespace signet::inventory {

using nlohmann::json;

namespace {

// One walk: each type listed once (a child's parents first), finished when nothing is outstanding.
struct Walk : std::enable_shared_from_this<Walk> {
  const Catalog& catalog;
  InventoryOptions options;
  std::string scope_id;
  ListOne list_one;
  std::function<void(Inventory)> done;
  std::set<const ResourceType*> wanted;
  struct Listing {
    bool finished = false;
    std::vector<json> resources;
    std::vector<std::function<void()>> waiting;
  };
  std::map<const ResourceType*, Listing> listings;
  Inventory found;
  std::size_t outstanding = 0;
  bool finished = false;

  Walk(const Catalog& c, InventoryOptions o, std::string id, ListOne l, std::function<void(Inventory)> d)
      : catalog(c), options(std::move(o)), scope_id(std::move(id)), list_one(std::move(l)), done(std::move(d)) {}

  const ResourceType* parent_of(const ResourceType& type) const {
    if (!type.spec.contains("parent") || !type.spec["parent"].is_string()) return nullptr;
    const std::string parent = type.spec["parent"];
    if (const auto* same = catalog.find(type.service(), parent)) return same;
    for (const auto& other : catalog.types())  // of another service: a vault's diagnostic settings
      if (other.type() == parent) return &other;
    return nullptr;
  }

  void start() {
    if (options.types.empty()) {
      std::set<std::string> services;
      for (const auto& s : options.services) services.insert(to_lower(s));
      for (const auto& t : catalog.types())  // a hidden type is listed for its children only, unless asked for by name
        if ((services.empty() || services.count(to_lower(t.service()))) && !t.spec.value("hidden", false)) options.types.push_back(&t);
    }
    wanted.insert(options.types.begin(), options.types.end());
    ++outstanding;  // held until every listing has started
    for (const auto* type : options.types) list(type, [] {});
    release();
  }

  void release() {
    if (--outstanding == 0 && !finished) finish();
  }

  // Lists `type` (once), then runs `then`.
  void list(const ResourceType* type, std::function<void()> then) {
    auto [it, fresh] = listings.try_emplace(type);
    Listing& listing = it->second;
    if (listing.finished) return then();
    listing.waiting.push_back(std::move(then));
    if (!fresh) return;
    ++outstanding;
    const ResourceType* parent = parent_of(*type);
    if (type->spec.contains("parent") && !parent) {
      problem(*type, "its parent type '" + type->spec["parent"].dump() + "' is not in the catalog");
      return listed(type);
    }
    if (!parent) return fetch(type, nullptr, [this, type] { listed(type); });
    auto self = shared_from_this();
    list(parent, [this, self, type, parent] {
      // A hidden parent only fans out (a region, a location): its children are where it is, so
      // those outside the regions asked for are not listed at all. Other parents' children may
      // live elsewhere (a resource group's gateways): listed, then filtered by their own region.
      std::vector<const json*> parents;
      for (const auto& p : listings[parent].resources)
        if (!parent->spec.value("hidden", false) || in_regions(p)) parents.push_back(&p);
      auto remaining = std::make_shared<std::size_t>(parents.size() + 1);
      auto one_done = [this, self, type, remaining] {
        if (--*remaining == 0) listed(type);
      };
      for (const json* p : parents) fetch(type, p, one_done);
      one_done();
    });
  }

  void fetch(const ResourceType* type, const json* parent, std::function<void()> then) {
    auto self = shared_from_this();
    list_one(*type, parent, [this, self, type, then](std::vector<json> resources, std::string why) {
      if (!why.empty()) problem(*type, why);
      auto& kept = listings[type].resources;
      for (auto& r : resources) kept.push_back(std::move(r));
      then();
    });
  }

  void listed(const ResourceType* type) {
    Listing& listing = listings[type];
    listing.finished = true;
    auto waiting = std::move(listing.waiting);
    for (auto& w : waiting) w();
    release();
  }

  void problem(const ResourceType& type, const std::string& message) { found.problems.push_back({type.service(), type.type(), "global", message}); }

  bool in_regions(const json& resource) const {
    if (options.regions.empty()) return true;
    const std::string region = resource.value("region", "");
    return region == "global" || std::find(options.regions.begin(), options.regions.end(), region) != options.regions.end();
  }

  void finish() {
    finished = true;
    found.account_id = scope_id;
    std::set<std::string> regions(options.regions.begin(), options.regions.end());
    for (const auto* type : options.types)  // in the catalog's order of the types asked for
      for (auto& r : listings[type].resources)
        if (wanted.count(type) && in_regions(r)) {
          if (options.regions.empty() && r.value("region", "") != "global") regions.insert(r.value("region", ""));
          found.resources.push_back(std::move(r));
        }
    found.regions.assign(regions.begin(), regions.end());
    auto callback = std::move(done);
    callback(std::move(found));
  }
};

}  // namespace

void walk_catalog(const Catalog& catalog, InventoryOptions options, std::string scope_id, ListOne list_one, std::function<void(Inventory)> done) {
  std::make_shared<Walk>(catalog, std::move(options), std::move(scope_id), std::move(list_one), std::move(done))->start();
}

}  // namespace signet::inventory
