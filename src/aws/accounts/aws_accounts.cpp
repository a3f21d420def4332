#include "aws/accounts/aws_accounts.h"

#include "aws/scope/aws_scope.h"

#include <deque>
#include <set>

#include "aws/policy/policy.h"
#include "aws/inventory/inventory.h"
#include "common/strings.h"

namespace signet::aws {

using nlohmann::json;

namespace {

std::string access_key(const Access& a) {
  return a.profile + "|" + a.role_arn + "|" + a.external_id + "|" + a.session_name + "|" + std::to_string(a.duration_seconds);
}

// One call, waited for on `loop` (for the few calls made before a scan: listing members).
cloud::CallResult call_now(io::EventLoop& loop, AwsClient& client, const CallRequest& request) {
  std::optional<cloud::CallResult> out;
  client.call(request, [&](cloud::CallResult r) { out = std::move(r); });
  loop.run_until([&] { return out.has_value(); });
  return std::move(*out);
}


}  // namespace

AwsConnector::AwsConnector(std::shared_ptr<const Models> models, ClientOptions base, std::string default_region)
    : models_(std::move(models)), base_(std::move(base)), default_region_(std::move(default_region)) {
  sts_ = make_sts_caller(models_, base_.endpoints, base_.http);
}

std::shared_ptr<CredentialChain> AwsConnector::credentials(const Access& access, const std::optional<Access>& through) {
  std::shared_ptr<CredentialChain> source = through ? credentials(*through) : nullptr;
  if (default_chain_ && access.profile.empty()) {
    if (access.role_arn.empty()) return default_chain_;
    if (!source) source = default_chain_;
  }
  std::lock_guard lock(mutex_);
  std::string key = access_key(access) + (through ? "<-" + access_key(*through) : "");
  if (auto it = chains_.find(key); it != chains_.end()) return it->second;
  ChainOptions options;
  options.profile = access.profile;
  options.sts = sts_;
  options.default_region = default_region_;
  if (!access.role_arn.empty()) {
    options.role = RoleToAssume{access.role_arn, access.external_id, access.session_name, access.duration_seconds, ""};
    options.role_source = source;
  }
  auto chain = std::make_shared<CredentialChain>(options);
  chains_[key] = chain;
  return chain;
}

std::unique_ptr<provider::Scope> AwsConnector::scope(io::EventLoop& loop, const Target& target) {
  return std::make_unique<AwsScope>(client(loop, target));
}

std::unique_ptr<AwsClient> AwsConnector::client(io::EventLoop& loop, const Target& target) {
  ClientOptions options = base_;
  options.rate_account = target.key.empty() ? base_.rate_account : "account:" + target.key;
  if (target.max_requests_per_second > 0) options.rate.caps.per_account = target.max_requests_per_second;
  if (target.max_service_requests_per_second > 0) options.rate.caps.per_account_service = target.max_service_requests_per_second;
  return std::make_unique<AwsClient>(loop, models_, credentials(target.access, target.through), options);
}

std::vector<Member> AwsConnector::list_members(const Organization& organization, bool parents, bool tags) {
  io::EventLoop loop;
  Target management;
  management.key = "organization:" + organization.name;
  management.access = organization.management;
  auto client = this->client(loop, management);
  auto call = [&](const std::string& operation, json params) {
    cloud::CallResult r = call_now(loop, *client, {"organizations", operation, default_region_, std::move(params)});
    if (!r.error.is_null())
      throw std::runtime_error("organization " + organization.name + ": Organizations " + operation + " failed: " + cloud::error_text(r.error));
    return r.api_response;
  };
  std::string management_id = call("DescribeOrganization", json::object())["Organization"].value("MasterAccountId", "");
  std::vector<Member> members;
  std::map<std::string, std::size_t> index;  // account id -> position
  for (const auto& a : call("ListAccounts", json::object())) {
    Member m{a.value("Id", ""), a.value("Name", ""), a.value("Email", ""), a.value("Status", ""), {}, {}};
    // Newer answers carry State (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED) beside the older Status.
    if (a.contains("State") && a["State"].is_string()) m.status = a["State"];
    m.management = m.id == management_id;
    index[m.id] = members.size();
    members.push_back(std::move(m));
  }
  if (parents) {
    // Down from each root: every OU's accounts get the path of ids above them.
    std::deque<std::vector<std::string>> paths;
    for (const auto& root : call("ListRoots", json::object())) paths.push_back({root.value("Id", "")});
    std::set<std::string> seen;
    while (!paths.empty()) {
      std::vector<std::string> path = std::move(paths.front());
      paths.pop_front();
      const std::string parent = path.back();
      if (!seen.insert(parent).second) continue;
      for (const auto& a : call("ListAccountsForParent", {{"ParentId", parent}}))
        if (auto it = index.find(a.value("Id", "")); it != index.end()) members[it->second].parents = path;
      for (const auto& ou : call("ListOrganizationalUnitsForParent", {{"ParentId", parent}})) {
        auto child = path;
        child.push_back(ou.value("Id", ""));
        paths.push_back(std::move(child));
      }
    }
  }
  if (tags)
    for (auto& m : members)
      for (const auto& t : call("ListTagsForResource", {{"ResourceId", m.id}})) m.tags.push_back({t.value("Key", ""), t.value("Value", "")});
  return members;
}

AccessReport test_access(io::EventLoop& loop, AwsClient& client, const Target& target, const std::string& default_region,
                         const std::vector<CallRequest>& probes) {
  AccessReport report;
  std::string region = target.regions.empty() ? default_region : target.regions.front();
  cloud::CallResult who = call_now(loop, client, {"sts", "GetCallerIdentity", region});
  if (!who.error.is_null()) {
    report.error = cloud::error_text(who.error);
    return report;
  }
  report.reached = true;
  report.scope_id = who.api_response.value("Account", "");
  report.identity = "account " + report.scope_id + " as " + who.api_response.value("Arn", "");
  if (!target.regions.empty()) {
    report.regions = target.regions;
  } else {
    cloud::CallResult regions = call_now(loop, client, {"ec2", "DescribeRegions", region});
    if (!regions.error.is_null()) report.refused.push_back("ec2:DescribeRegions: " + cloud::error_text(regions.error));
    for (const auto& r : regions.api_response.value("Regions", json::array())) report.regions.push_back(r.value("RegionName", ""));
  }
  // Each probe once, in the first region; only refusals count (a missing resource is fine).
  std::size_t pending = 0;
  for (const auto& probe : probes) {
    ++pending;
    CallRequest request = probe;
    request.region = region;
    request.paginate = false;
    request.params = inventory::fill_params(request.params, account_values(client, request.service, region, report.scope_id));
    client.call(request, [&, request, operation = probe.operation](cloud::CallResult r) {
      --pending;
      ++report.probed;
      std::string code = r.error.is_null() ? "" : r.error.value("code", "");
      int status = r.error.is_null() ? 0 : r.error.value("statusCode", 0);
      if (code.find("AccessDenied") != std::string::npos || code == "UnauthorizedOperation" || code == "AuthorizationError" ||
          status == 403)
        report.refused.push_back(iam_action(*client.check(request), operation) + ": " + cloud::error_text(r.error));
    });
  }
  loop.run_until([&] { return pending == 0; });
  std::sort(report.refused.begin(), report.refused.end());
  return report;
}

AccessReport AwsConnector::test_access(const Target& target) {
  io::EventLoop loop;
  auto reach = client(loop, target);
  AccessReport report = aws::test_access(loop, *reach, target, default_region_, listing_calls());
  report.credentials = credentials(target.access, target.through)->source();
  return report;
}

AccessReport AwsConnector::test_source(const Organization& organization) {
  Target management;
  management.key = "organization:" + organization.name;
  management.name = organization.name;
  management.access = organization.management;
  io::EventLoop loop;
  auto reach = client(loop, management);
  AccessReport report = aws::test_access(loop, *reach, management, default_region_, {{"organizations", "ListAccounts"}});
  report.credentials = credentials(management.access)->source();
  return report;
}

}  // namespace signet::aws
