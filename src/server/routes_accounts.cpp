// Routes: the estate — stored accounts and organization sources (admin), testing an
// account's access, listing an organization's members.
#include "server/server_impl.h"

#include "provider/providers.h"

#include <set>

#include "common/strings.h"
#include "inventory/inventory.h"

namespace signet::server {

using nlohmann::json;

void Server::Impl::check_accounts(const std::string& selection) {
  auto parsed = accounts::Selection::parse(selection);
  if (parsed.all()) return;
  std::string problem = accounts::check_selection(parsed, account_records.all(), organization_records.all());
  if (!problem.empty()) throw InvalidFields(problem, {{"accounts", problem}});
}

namespace {

json access_report_json(const accounts::AccessReport& r) {
  return {{"reached", r.reached}, {"error", r.error},   {"accountId", r.scope_id}, {"identity", r.identity}, {"credentials", r.credentials},
          {"regions", r.regions}, {"probed", r.probed}, {"refused", r.refused}};
}

}  // namespace

void Server::Impl::register_account_routes() {
  // Regions against the record's provider's names (AWS regions, Azure locations).
  auto record_regions_check = [](const json& body, const std::string& stored_provider) {
    const auto* p = provider::find(accounts::provider_of(body, stored_provider));
    return p ? p->check_regions(listed_in(body, "regions")) : NameCheck{"regions", {}, ""};
  };

  auto unique_account_name = [this](const accounts::Account& a) { accounts::require_free_name(store, a.name, a.id, -1); };
  auto unique_organization_name = [this](const accounts::Organization& o) { accounts::require_free_name(store, o.name, -1, o.id); };
  record_routes<accounts::Account>(
      "/api/accounts", "account", account_records,
      [record_regions_check](const json& body, const accounts::Account* base) {
        return parse_and_require_known([&] { return accounts::parse_account(body, base); }, {record_regions_check(body, base ? base->provider : "aws")});
      },
      [](const accounts::Account& a) { return accounts::to_json(a); }, unique_account_name);
  record_routes<accounts::Organization>(
      "/api/organizations", "organization", organization_records,
      [record_regions_check](const json& body, const accounts::Organization* base) {
        return parse_and_require_known([&] { return accounts::parse_organization(body, base); }, {record_regions_check(body, base ? base->provider : "aws")});
      },
      [](const accounts::Organization& o) { return accounts::to_json(o); }, unique_organization_name);

  // Who the account's credentials are, its regions, and which listing calls it refuses.
  route("POST", R"(/api/accounts/(\d+)/test)", admin, [this](Call& c) {
    auto account = account_records.find(c.id_param(1, "account"));
    if (!account) throw ApiError(404, "not_found", "no account " + c.param(1));
    if (!options.engine.test_access) throw ApiError(400, "unsupported", "this server cannot test accounts");
    accounts::AccessReport report;
    try {
      report = options.engine.test_access(accounts::target_of(*account));
    } catch (const std::runtime_error& e) {
      throw ApiError(502, "cloud", e.what());
    }
    if (report.reached && account->account_id.empty()) {
      account->account_id = report.scope_id;
      account_records.update(*account);
    }
    c.reply(access_report_json(report));
  });
  // The members as the organization lists them, and which are scanned (and why not).
  route("GET", R"(/api/organizations/(\d+)/members)", admin, [this](Call& c) {
    auto o = organization_records.find(c.id_param(1, "organization"));
    if (!o) throw ApiError(404, "not_found", "no organization " + c.param(1));
    std::vector<accounts::Member> members;
    try {
      members = options.engine.list_members(*o, true, accounts::needs_tags(*o));
    } catch (const std::runtime_error& e) {
      throw ApiError(502, "cloud", e.what());
    }
    std::vector<std::string> skipped;
    std::set<std::string> scanned;
    for (const auto& m : accounts::select_members(*o, members, &skipped)) scanned.insert(m.id);
    json out = json::array();
    for (const auto& m : members) {
      json tags = json::object();
      for (const auto& [k, v] : m.tags) tags[k] = v;
      out.push_back({{"id", m.id}, {"name", m.name}, {"email", m.email}, {"status", m.status}, {"parents", m.parents},
                     {"tags", tags}, {"management", m.management}, {"scanned", scanned.count(m.id) > 0}});
    }
    c.reply({{"members", out}, {"skipped", skipped}});
  });
}

}  // namespace signet::server
