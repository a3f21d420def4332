#include "azure/accounts/azure_accounts.h"

#include <algorithm>
#include <optional>

#include "azure/scope/azure_provider.h"
#include "azure/scope/azure_scope.h"
#include "common/strings.h"

namespace signet::azure {

using accounts::AccessReport;
using accounts::Member;
using accounts::Organization;
using accounts::Target;

using nlohmann::json;

std::unique_ptr<provider::Scope> AzureConnector::scope(io::EventLoop& loop, const Target& target) {
  if (!is_subscription_id(target.account_id))
    throw std::runtime_error("account " + target.name + ": an Azure account needs its subscription id, not '" + target.account_id + "'");
  azure::ClientOptions options = base_;
  if (target.max_requests_per_second > 0 || target.max_service_requests_per_second > 0)
    options.rate.caps = {target.max_requests_per_second, target.max_service_requests_per_second};
  return std::make_unique<azure::AzureScope>(std::make_unique<azure::AzureClient>(loop, credentials_, options), target.account_id);
}

std::vector<Member> AzureConnector::list_members(const Organization& tenant, bool, bool) {
  io::EventLoop loop;
  azure::AzureClient client(loop, credentials_, base_);
  std::optional<cloud::CallResult> listed;
  client.call({"Microsoft.Resources", "/subscriptions"}, [&](cloud::CallResult r) { listed = std::move(r); });
  loop.run_until([&] { return listed.has_value(); });
  if (!listed->error.is_null())
    throw std::runtime_error("tenant " + tenant.name + ": its subscriptions could not be listed: " + cloud::error_text(listed->error));
  std::vector<Member> members;
  for (const auto& s : listed->api_response.is_array() ? listed->api_response : json::array()) {
    if (!s.is_object() || !s.contains("subscriptionId") || !s["subscriptionId"].is_string()) continue;
    Member m;
    m.id = s["subscriptionId"];
    m.name = s.value("displayName", json()).is_string() ? s["displayName"].get<std::string>() : m.id;
    const std::string state = s.value("state", json()).is_string() ? s["state"].get<std::string>() : "";
    // Disabled, Warned, PastDue, Deleted: not scanned (select_members says so).
    m.status = state == "Enabled" ? "ACTIVE" : state.empty() ? "" : to_lower(state);
    members.push_back(std::move(m));
  }
  return members;
}

AccessReport AzureConnector::test_access(const Target& target) {
  io::EventLoop loop;
  auto reach = scope(loop, target);
  AccessReport report = accounts::test_scope_access(*reach, target.regions, [](const provider::Identity& who) {
    return "subscription " + who.scope_id + " (" + who.principal + ")";
  });
  report.credentials = credentials_->source();  // known once a token was asked for
  return report;
}

AccessReport AzureConnector::test_source(const Organization& tenant) {
  AccessReport report;
  try {
    auto members = list_members(tenant);
    report.credentials = credentials_->source();
    report.reached = true;
    report.identity = "tenant: " + std::to_string(members.size()) + " subscriptions readable";
  } catch (const std::runtime_error& e) {
    report.error = e.what();
  }
  return report;
}

}  // namespace signet::azure
