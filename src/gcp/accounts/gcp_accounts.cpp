#include "gcp/accounts/gcp_accounts.h"

#include <optional>
#include <regex>

#include "common/json_path.h"
#include "common/strings.h"
#include "gcp/scope/gcp_provider.h"
#include "gcp/scope/gcp_scope.h"

namespace signet::gcp {

using accounts::AccessReport;
using accounts::Member;
using accounts::Organization;
using accounts::Target;
using nlohmann::json;

namespace {

// One call, waited for on `loop` (the few calls made before a scan: listing projects).
cloud::CallResult call_now(io::EventLoop& loop, GcpClient& client, const CallRequest& request) {
  std::optional<cloud::CallResult> out;
  client.call(request, [&](cloud::CallResult r) { out = std::move(r); });
  loop.run_until([&] { return out.has_value(); });
  return std::move(*out);
}

}  // namespace

std::unique_ptr<provider::Scope> GcpConnector::scope(io::EventLoop& loop, const Target& target) {
  if (!is_project_id(target.account_id))
    throw std::runtime_error("account " + target.name + ": a Google Cloud account needs its project id, not '" + target.account_id + "'");
  ClientOptions options = base_;
  if (target.max_requests_per_second > 0 || target.max_service_requests_per_second > 0)
    options.rate.caps = {target.max_requests_per_second, target.max_service_requests_per_second};
  return std::make_unique<GcpScope>(std::make_unique<GcpClient>(loop, credentials_, discovery_, options), target.account_id);
}

std::vector<Member> GcpConnector::list_members(const Organization& source, bool parents, bool tags) {
  io::EventLoop loop;
  GcpClient client(loop, credentials_, discovery_, base_);
  cloud::CallResult listed;
  try {
    listed = call_now(loop, client, {"cloudresourcemanager", "projects.list", "", json::object(), "v1"});
  } catch (const cloud::CallRefused& e) {
    throw std::runtime_error("organization " + source.name + ": its projects could not be listed: " + e.what());
  }
  if (!listed.error.is_null())
    throw std::runtime_error("organization " + source.name + ": its projects could not be listed: " + cloud::error_text(listed.error));
  std::vector<Member> members;
  for (const auto& p : listed.api_response.is_array() ? listed.api_response : json::array()) {
    const std::string id = text_at(p, "projectId");
    if (id.empty()) continue;
    Member m;
    m.id = id;
    m.name = text_at(p, "name").empty() ? id : text_at(p, "name");
    const std::string state = text_at(p, "lifecycleState");
    // DELETE_REQUESTED, DELETE_IN_PROGRESS: not scanned (select_members says so).
    m.status = state == "ACTIVE" ? "ACTIVE" : state.empty() ? "" : to_lower(state);
    if (tags && p.value("labels", json()).is_object())
      for (const auto& [k, v] : p["labels"].items()) m.tags.push_back({k, v.is_string() ? v.get<std::string>() : v.dump()});
    members.push_back(std::move(m));
  }
  if (!parents) return members;
  for (auto& m : members) {  // the folders and organization above each project, from the top
    cloud::CallResult ancestry = call_now(loop, client, {"cloudresourcemanager", "projects.getAncestry", "", {{"projectId", m.id}}, "v1"});
    if (!ancestry.error.is_null())
      throw std::runtime_error("organization " + source.name + ": the ancestry of project " + m.id + " could not be read: " + cloud::error_text(ancestry.error));
    const json list = ancestry.api_response.value("ancestor", json::array());
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      const json id = it->value("resourceId", json());
      const std::string type = text_at(id, "type"), value = text_at(id, "id");
      if (type == "organization") m.parents.push_back("organizations/" + value);
      else if (type == "folder") m.parents.push_back("folders/" + value);
    }
  }
  return members;
}

AccessReport GcpConnector::test_access(const Target& target) {
  io::EventLoop loop;
  auto reach = scope(loop, target);
  AccessReport report = accounts::test_scope_access(*reach, target.regions, [](const provider::Identity& who) {
    return "project " + who.scope_id + " as " + who.principal;
  });
  report.credentials = credentials_->source();
  return report;
}

AccessReport GcpConnector::test_source(const Organization& source) {
  AccessReport report;
  try {
    auto members = list_members(source);
    report.reached = true;
    report.identity = "organization: " + std::to_string(members.size()) + " projects readable";
    report.credentials = credentials_->source();
  } catch (const std::runtime_error& e) {
    report.error = e.what();
  }
  return report;
}

}  // namespace signet::gcp
