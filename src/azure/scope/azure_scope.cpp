#include "azure/scope/azure_scope.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/json_path.h"
#include "common/strings.h"
#include "inventory/walk.h"

extern "C" const char signet_azure_catalog[];

namespace signet::azure {

using nlohmann::json;

const inventory::Catalog& catalog() {
  static const inventory::Catalog catalog(json::parse(signet_azure_catalog), "armType");
  return catalog;
}

namespace {

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

// The parent's values a child's listing names: {parent.id} (the resource's id) and
// {parent.data.PATH} (a field of its listed item, a vault's properties.vaultUri), as params of
// those names. `missing` names the first field the parent lacks (or holds as other than text).
json parent_params(const std::string& endpoint, const json& parent, std::string& missing) {
  json params = json::object();
  for (auto open = endpoint.find("{parent."); open != std::string::npos; open = endpoint.find("{parent.", open + 1)) {
    const auto close = endpoint.find('}', open);
    if (close == std::string::npos) break;  // the client says what is wrong with the endpoint
    const std::string name = endpoint.substr(open + 1, close - open - 1), field = name.substr(7);
    const json value = field == "id" ? parent.value("id", json()) : field.rfind("data.", 0) == 0 ? json_path_get(parent.value("data", json()), field.substr(5)) : json();
    if (!value.is_string() || value.get<std::string>().empty()) {
      if (missing.empty()) missing = field;
      continue;
    }
    params[name] = value;
  }
  return params;
}

// A namespace the subscription has not registered has none of its resources: an answer.
bool means_none(const json& error) {
  const std::string code = error.value("code", "");
  return code == "NoRegisteredProviderFound" || code == "MissingSubscriptionRegistration" || code == "SubscriptionNotRegistered";
}

}  // namespace

json make_resource(const inventory::ResourceType& type, const json& item, const std::string& subscription, const std::string& parent_region) {
  std::string id = text_of(item, "id");
  json name = type.spec.contains("name") ? json_path_get(item, type.spec["name"].get<std::string>()) : item.value("name", json());  // item: an object
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
  bool refused_access(const cloud::CallAnswer& answer) const override {
    if (!answer.error.is_object()) return false;
    const int status = answer.error.value("statusCode", 0);
    return status == 401 || status == 403 || refused(cloud::error_text(answer.error));
  }

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

void AzureSession::discover(const inventory::InventoryOptions& options, std::function<void(inventory::Inventory)> done) {
  // The listings go through this session's cache: it lives until the walk is done.
  auto self = shared_from_this();
  auto list_one = [self](const inventory::ResourceType& type, const json* parent, inventory::Listed listed) {
    const std::string endpoint = type.spec["list"]["endpoint"];
    json params = json::object();
    if (parent) {
      std::string missing;
      params = parent_params(endpoint, *parent, missing);
      if (!missing.empty()) return listed({}, "the " + (*parent)["type"].get<std::string>() + " " + (*parent)["name"].get<std::string>() + " has no " + missing);
    }
    const std::string parent_region = parent ? (*parent)["region"].get<std::string>() : "";
    CallRequest request{type.service(), endpoint, self->subscription_, params};
    try {
      self->send(request, [self, &type, parent_region, listed](const cloud::CallResult& r) {
        std::vector<json> resources;
        if (!r.error.is_null()) return listed({}, means_none(r.error) ? "" : cloud::error_text(r.error));
        json items = type.spec.value("single", false) ? json::array({r.api_response}) : r.api_response;
        if (items.is_array())
          for (const auto& item : items)
            if (item.is_object()) resources.push_back(make_resource(type, item, self->subscription_, parent_region));
        listed(std::move(resources), "");
      });
    } catch (const cloud::CallRefused& e) {  // a catalog entry the client refuses: a catalog bug, said as a problem
      listed({}, std::string("refused: ") + e.what());
    }
  };
  inventory::walk_catalog(azure::catalog(), options, subscription_, list_one, std::move(done));
}

}  // namespace

std::shared_ptr<provider::Session> AzureScope::open_session() { return std::make_shared<AzureSession>(*client_, subscription_); }

bool AzureScope::refused_access(const std::string& error_text) const { return AzureSession::refused(error_text); }

}  // namespace signet::azure
