#include "azure/scope/azure_scope.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/strings.h"

extern "C" const char signet_azure_catalog[];

namespace signet::azure {

using nlohmann::json;

const inventory::Catalog& catalog() {
  static const inventory::Catalog catalog(json::parse(signet_azure_catalog));
  return catalog;
}

namespace {

// "properties.roleName" in an item; null when any step is missing.
json at_path(const json& item, const std::string& path) {
  const json* at = &item;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!at->is_object() || !at->contains(key)) return nullptr;
    at = &(*at)[key];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *at;
}

// ".../resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet[/subnets/a]" -> the
// virtual network's id; "" when `id` is not inside one.
std::string network_of(const std::string& id) {
  static const std::string marker = "/providers/microsoft.network/virtualnetworks/";
  auto at = to_lower(id).find(marker);
  if (at == std::string::npos) return "";
  auto end = id.find('/', at + marker.size());
  return id.substr(0, end);
}

// The virtual network an item lives in: its own id's, else the first subnet or network it
// names in its properties (a NIC's ipConfigurations, a gateway's subnet, a cluster's agent pool).
std::string network_in(const json& value, std::size_t& budget) {
  if (budget == 0) return "";
  --budget;
  if (value.is_string()) return network_of(value.get_ref<const std::string&>());
  if (value.is_structured())
    for (const auto& element : value)
      if (std::string found = network_in(element, budget); !found.empty()) return found;
  return "";
}

// A field's string value, "" when it is missing or not a string (a cloud's odd answer).
std::string text_of(const json& item, const char* key) {
  auto it = item.find(key);
  return it != item.end() && it->is_string() ? it->get<std::string>() : "";
}

json tags_of(const json& tags) {
  json out = json::object();
  if (tags.is_object())
    for (const auto& [k, v] : tags.items()) out[k] = v.is_string() ? v.get<std::string>() : v.dump();
  return out;
}

// A namespace the subscription has not registered has none of its resources: an answer.
bool means_none(const json& error) {
  const std::string code = error.value("code", "");
  return code == "NoRegisteredProviderFound" || code == "MissingSubscriptionRegistration" || code == "SubscriptionNotRegistered";
}

}  // namespace

json make_resource(const inventory::ResourceType& type, const json& item, const std::string& subscription, const std::string& parent_region) {
  std::string id = text_of(item, "id");
  json name = type.spec.contains("name") ? at_path(item, type.spec["name"]) : item.value("name", json());  // item: an object
  std::string shown = name.is_string() ? name.get<std::string>() : "";
  if (shown.empty()) shown = id.empty() ? "" : id.substr(id.rfind('/') + 1);
  if (id.empty()) id = shown;
  std::string region = type.global() ? "global" : to_lower(text_of(item, "location"));
  region.erase(std::remove(region.begin(), region.end(), ' '), region.end());  // "East US" -> "eastus"
  if (region.empty()) region = parent_region.empty() ? "global" : parent_region;
  std::size_t budget = 2000;
  std::string network = network_of(id);
  if (network.empty() && item.contains("properties")) network = network_in(item["properties"], budget);
  return {{"id", id},
          {"name", shown},
          {"arn", nullptr},
          {"accountId", subscription.empty() ? json() : json(subscription)},
          {"provider", "azure"},
          {"service", type.service()},
          {"type", type.type()},
          {"region", region},
          {"vpc", network.empty() ? json() : json(network)},
          {"tags", tags_of(item.value("tags", json()))},  // not an object: none
          {"data", item}};
}

namespace {

class AzureSession : public provider::Session, public std::enable_shared_from_this<AzureSession> {
 public:
  AzureSession(AzureClient& client, std::string subscription) : client_(client), subscription_(std::move(subscription)) {}

  void call(const cloud::Call& call, std::function<void(cloud::CallAnswer)> answer, std::function<void(std::string)> refuse) override {
    CallRequest request{call.service, call.endpoint, subscription_, call.params.is_object() ? call.params : json::object(),
                        call.api_version, call.method.empty() ? "GET" : call.method, call.body};
    try {
      send(request, [answer](const cloud::CallResult& r) { answer(r); });
    } catch (const cloud::CallRefused& e) {
      refuse(std::string("apiCaller: ") + e.what());
    }
  }
  cloud::EndpointForm endpoint_form() const override { return cloud::EndpointForm::Path; }

  void identify(const std::vector<std::string>&, std::function<void(provider::Identity)> done) override {
    // The answer may come after the caller let go of this session: it keeps the session alive.
    send({"Microsoft.Resources", "/subscriptions/{subscriptionId}", subscription_}, [self = shared_from_this(), done](const cloud::CallResult& r) {
      provider::Identity who;
      if (!r.error.is_null()) {
        const int status = r.error.value("statusCode", 0);
        const std::string text = cloud::error_text(r.error);
        // No answer, no token, or a subscription these credentials cannot read: nothing would work.
        if (status == 0 || status == 401 || status == 403 || status == 404 || refused(text)) who.unreachable = text;
        return done(who);
      }
      who.scope_id = text_of(r.api_response, "subscriptionId");
      if (who.scope_id.empty()) who.scope_id = self->subscription_;
      who.principal = text_of(r.api_response, "displayName");
      done(who);
    });
  }

  void discover(const inventory::InventoryOptions& options, std::function<void(inventory::Inventory)> done) override;
  provider::SessionStats stats() const override { return cache_.stats(); }

  static bool refused(const std::string& text) {
    for (const char* code : {"AuthorizationFailed", "InvalidAuthenticationToken", "AuthenticationFailed", "Authorization_RequestDenied",
                             "Forbidden", "LinkedAuthorizationFailed", "no credentials"})
      if (text.find(code) != std::string::npos) return true;
    return false;
  }

 private:
  friend struct Discovery;
  // Through the cache: the inventory's listings answer signatures' identical calls.
  void send(const CallRequest& request, cloud::CallCache::Done done) {
    std::string key = to_lower(request.service) + "\n" + request.endpoint + "\n" + request.params.dump() + "\n" + request.api_version +
                      "\n" + request.method + "\n" + (request.body.is_null() ? "" : request.body.dump());
    cache_.call(key, [&](cloud::CallCache::Done answered) { client_.call(request, std::move(answered)); }, std::move(done));
  }

  AzureClient& client_;
  std::string subscription_;
  cloud::CallCache cache_;
};

// One discovery: each type listed once (a child's parents first), finished when nothing is
// outstanding.
struct Discovery : std::enable_shared_from_this<Discovery> {
  std::shared_ptr<AzureSession> session;
  const inventory::Catalog& catalog;
  inventory::InventoryOptions options;
  std::function<void(inventory::Inventory)> done;
  std::set<const inventory::ResourceType*> wanted;
  struct Listing {
    bool finished = false;
    std::vector<json> resources;
    std::vector<std::function<void()>> waiting;
  };
  std::map<const inventory::ResourceType*, Listing> listings;
  inventory::Inventory found;
  std::size_t outstanding = 0;
  bool finished = false;

  Discovery(std::shared_ptr<AzureSession> s, const inventory::Catalog& c, inventory::InventoryOptions o, std::function<void(inventory::Inventory)> d)
      : session(std::move(s)), catalog(c), options(std::move(o)), done(std::move(d)) {}

  const inventory::ResourceType* parent_of(const inventory::ResourceType& type) const {
    if (!type.spec.contains("parent")) return nullptr;
    const std::string parent = type.spec["parent"];
    if (const auto* same = catalog.find(type.service(), parent)) return same;
    for (const auto& other : catalog.types())  // of another namespace: a vault's diagnostic settings
      if (other.type() == parent) return &other;
    return nullptr;
  }

  void start() {
    if (options.types.empty()) {
      std::set<std::string> services;
      for (const auto& s : options.services) services.insert(to_lower(s));
      for (const auto& t : catalog.types())
        if (services.empty() || services.count(to_lower(t.service()))) options.types.push_back(&t);
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
  void list(const inventory::ResourceType* type, std::function<void()> then) {
    auto [it, fresh] = listings.try_emplace(type);
    Listing& listing = it->second;
    if (listing.finished) return then();
    listing.waiting.push_back(std::move(then));
    if (!fresh) return;
    ++outstanding;
    const inventory::ResourceType* parent = parent_of(*type);
    if (type->spec.contains("parent") && !parent) {
      problem(*type, "its parent type '" + type->spec["parent"].get<std::string>() + "' is not in the catalog");
      return listed(type);
    }
    if (!parent) return fetch(type, json::object(), "", [this, type] { listed(type); });
    auto self = shared_from_this();
    list(parent, [this, self, type, parent] {
      const auto& parents = listings[parent].resources;
      auto remaining = std::make_shared<std::size_t>(parents.size() + 1);
      auto one_done = [this, self, type, remaining] {
        if (--*remaining == 0) listed(type);
      };
      for (const auto& p : parents) fetch(type, {{"parent.id", p["id"]}}, p["region"].get<std::string>(), one_done);  // ours: strings
      one_done();
    });
  }

  void fetch(const inventory::ResourceType* type, const json& params, const std::string& parent_region, std::function<void()> then) {
    CallRequest request{type->service(), type->spec["list"]["endpoint"], session->subscription_, params};
    auto self = shared_from_this();
    try {
      session->send(request, [this, self, type, parent_region, then](const cloud::CallResult& r) {
        if (!r.error.is_null()) {
          if (!means_none(r.error)) problem(*type, cloud::error_text(r.error));
        } else {
          json items = type->spec.value("single", false) ? json::array({r.api_response}) : r.api_response;
          if (items.is_array())
            for (const auto& item : items)
              if (item.is_object()) listings[type].resources.push_back(make_resource(*type, item, session->subscription_, parent_region));
        }
        then();
      });
    } catch (const cloud::CallRefused& e) {  // a catalog entry the client refuses: a catalog bug, said as a problem
      problem(*type, std::string("refused: ") + e.what());
      then();
    }
  }

  void listed(const inventory::ResourceType* type) {
    Listing& listing = listings[type];
    listing.finished = true;
    auto waiting = std::move(listing.waiting);
    for (auto& w : waiting) w();
    release();
  }

  void problem(const inventory::ResourceType& type, const std::string& message) {
    found.problems.push_back({type.service(), type.type(), "global", message});
  }

  bool in_regions(const json& resource) const {
    if (options.regions.empty()) return true;
    const std::string region = resource.value("region", "");
    return region == "global" || std::find(options.regions.begin(), options.regions.end(), region) != options.regions.end();
  }

  void finish() {
    finished = true;
    found.account_id = session->subscription_;
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

void AzureSession::discover(const inventory::InventoryOptions& options, std::function<void(inventory::Inventory)> done) {
  auto discovery = std::make_shared<Discovery>(shared_from_this(), azure::catalog(), options, std::move(done));
  discovery->start();
}

}  // namespace

std::shared_ptr<provider::Session> AzureScope::open_session() { return std::make_shared<AzureSession>(*client_, subscription_); }

bool AzureScope::refused_access(const std::string& error_text) const { return AzureSession::refused(error_text); }

}  // namespace signet::azure
