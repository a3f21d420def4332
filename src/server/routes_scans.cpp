// Routes: scans (start one, progress, history), the risks of a scan, the resources scanned.
#include "server/server_impl.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/names.h"
#include "common/strings.h"
#include "engine/scan.h"

namespace signet::server {

using nlohmann::json;

json Server::Impl::scan_json(const store::ScanSummary& s) {
  json j = {{"id", s.id}, {"startedAt", s.started_at}, {"finishedAt", s.finished_at}, {"status", s.status},
            {"account", s.stats.value("account", "")}, {"accountName", s.stats.value("accountName", s.stats.value("account", ""))},
            {"accountId", s.stats.value("accountId", "")}, {"stats", s.stats}};
  if (s.status == "running")
    for (const auto& progress : jobs.scan_progress())
      if (progress.value("scanId", 0) == s.id) j["progress"] = progress;
  return j;
}

namespace {

// Whether a scan is of the account a request names: by its key, its name or its id.
bool names_account(const store::ScanSummary& s, const std::string& account) {
  return s.stats.value("account", "") == account || (!account.empty() && (s.stats.value("accountName", "") == account ||
                                                                           s.stats.value("accountId", "") == account));
}

}  // namespace

std::vector<Server::Impl::AccountScans> Server::Impl::account_scans(const std::optional<std::string>& account) {
  std::vector<AccountScans> out;
  std::map<std::string, std::size_t> index;  // account key -> position in out
  for (auto& s : store.scans()) {  // newest first
    if (s.status != "complete" || (account && !names_account(s, *account))) continue;
    std::string key = s.stats.value("account", "");
    auto it = index.find(key);
    if (it == index.end()) {
      index[key] = out.size();
      out.push_back({s, std::nullopt});
    } else if (!out[it->second].previous) {
      out[it->second].previous = s;
    }
  }
  return out;
}

Server::Impl::CurrentRisks Server::Impl::current_risks(const std::vector<AccountScans>& accounts) {
  CurrentRisks now;
  for (const auto& a : accounts) {
    auto current = store.results(a.latest.id);
    auto fixed = engine::mark_risks(a.previous ? store.results(a.previous->id) : std::vector<json>{}, current);
    for (auto& r : current)
      if (r.value("status", "") == "Fail") now.fails.push_back(std::move(r));
      else if (r.value("status", "") == "Muted") now.muted.push_back(std::move(r));
    for (auto& r : fixed) now.fixed.push_back(std::move(r));
  }
  return now;
}

void Server::Impl::register_scan_routes() {
  // ---- scans ----
  route("GET", "/api/scans", viewer, [this](Call& c) {
    json out = json::array();
    std::size_t limit = 100;
    std::optional<std::string> account;
    if (c.req.has_param("account")) account = c.query("account");
    for (const auto& s : store.scans()) {
      if (out.size() >= limit) break;
      if (account && !names_account(s, *account)) continue;
      out.push_back(scan_json(s));
    }
    c.reply(out);
  });
  route("POST", "/api/scans", editor, [this](Call& c) {
    auto body = c.body();
    // "accounts": all (default), or names, account ids, OU ids; "account" names one.
    std::string accounts = body.contains("accounts") ? join(text_list(body, "accounts"), ",") : text_field(body, "account", false);
    auto regions = text_list(body, "regions"), services = text_list(body, "services");
    parse_and_require_known([&] { check_accounts(accounts); return 0; }, {services_check(services), regions_check(regions)});
    auto options = scan_options(regions);
    for (auto& s : services) options.services.insert(s);
    if (!start_scan(accounts, options, 0)) throw ApiError(409, "busy", "a scan of these accounts is running; wait for it to finish");
    spdlog::info("{} started a scan of {}", c.who->user, accounts.empty() ? "every enabled account" : "'" + accounts + "'");
    c.reply({{"started", true}}, 202);
  });
  route("GET", "/api/scans/current", viewer, [this](Call& c) {
    auto running = jobs.scan_progress();
    // A run is running from its start, before it knows its accounts.
    c.reply({{"running", jobs.scan_running()}, {"progress", running.empty() ? json() : running[0]}, {"scans", running}});
  });
  route("GET", R"(/api/scans/(\d+))", viewer, [this](Call& c) {
    std::int64_t id = c.id_param(1, "scan");
    for (const auto& s : store.scans())
      if (s.id == id) {
        json j = scan_json(s);
        if (c.query("results") == "1") j["results"] = store.results(id);
        c.reply(j);
        return;
      }
    throw ApiError(404, "not_found", "no scan " + std::to_string(id));
  });

  // ---- risks, overview and resources ----
  route("GET", "/api/risks", viewer, [this](Call& c) {
    // The risks now: each account's latest complete scan (or the one asked for), new and
    // fixed counted against that account's previous complete scan; every account unless
    // one is asked for (by its name, id or key).
    std::vector<AccountScans> shown;
    std::optional<std::string> account;
    if (c.req.has_param("account")) account = c.query("account");
    if (std::string wanted = c.query("scan"); !wanted.empty()) {
      auto all = store.scans();
      auto it = std::find_if(all.begin(), all.end(), [&](const auto& s) { return std::to_string(s.id) == wanted && s.status == "complete"; });
      if (it == all.end()) throw ApiError(404, "not_found", "no complete scan " + wanted);
      AccountScans one{*it, std::nullopt};
      for (auto later = it + 1; later != all.end(); ++later)
        if (later->status == "complete" && later->stats.value("account", "") == one.key()) {
          one.previous = *later;
          break;
        }
      shown.push_back(one);
    } else {
      shown = account_scans(account);
    }
    json account_list = json::array();
    for (const auto& a : account_scans())
      account_list.push_back({{"key", a.key()}, {"name", a.latest.stats.value("accountName", a.key())},
                              {"id", a.latest.stats.value("accountId", "")}, {"scanId", a.latest.id}, {"finishedAt", a.latest.finished_at}});
    auto now = current_risks(shown);
    std::string level = c.query("level"), service = c.query("service"), region = c.query("region"), status = c.query("status"),
                signature_id = c.query("signature"), text = to_lower(c.query("q"));
    json counts = {{"High", 0}, {"Medium", 0}, {"Low", 0}};
    json risks = json::array();
    auto filtered_out = [&](const json& r) {
      if (!level.empty() && r.value("riskLevel", "") != level) return true;
      if (!service.empty() && to_lower(r.value("service", "")) != to_lower(service)) return true;
      if (!region.empty() && r.value("region", "") != region) return true;
      if (!signature_id.empty() && r.value("signatureId", "") != signature_id) return true;
      return !text.empty() && to_lower(r.value("description", "") + " " + r.value("resourceName", "") + " " + r.value("message", "") +
                                       " " + r.value("accountName", "")).find(text) == std::string::npos;
    };
    auto consider = [&](json& r) {
      if (r.value("risk", "") != "fixed" && counts.contains(r.value("riskLevel", "")))
        counts[r["riskLevel"].get<std::string>()] = counts[r["riskLevel"].get<std::string>()].get<int>() + 1;
      if (filtered_out(r)) return;
      // Without a status filter: what needs attention, new and open; "fixed" must be asked for.
      std::string risk = r.value("risk", "");
      if (status.empty() ? risk == "fixed" : risk != status) return;
      r.erase("console");
      risks.push_back(std::move(r));
    };
    for (auto& r : now.fails) consider(r);
    for (auto& r : now.fixed) consider(r);
    // Muted results are no risks: shown on request (muted=1), with the rule that muted them.
    const std::size_t muted_count = now.muted.size();
    if (c.query("muted") == "1")
      for (auto& r : now.muted) {
        if (filtered_out(r)) continue;
        r["risk"] = "muted";
        r.erase("console");
        risks.push_back(std::move(r));
      }
    // Most severe first; then by account, signature and resource, the same order every time.
    std::stable_sort(risks.begin(), risks.end(), [](const json& a, const json& b) {
      auto key = [](const json& r) {
        return std::make_tuple(-engine::level_rank(r.value("riskLevel", "")), r.value("accountName", ""), r.value("signatureId", ""),
                               r.value("region", ""), r.value("resourceName", ""));
      };
      return key(a) < key(b);
    });
    json scans = json::array();
    for (const auto& a : shown) scans.push_back(scan_json(a.latest));
    c.reply({{"scan", shown.size() == 1 ? scan_json(shown[0].latest) : json()},
             {"scans", scans},
             {"account", shown.size() == 1 ? json(shown[0].key()) : account ? json(*account) : json()},
             {"accounts", account_list},
             {"counts", counts},
             {"muted", muted_count},
             {"risks", risks}});
  });
  // What the Overview charts: open risks by level over the last scans (the estate as each
  // scan left it), by account, by service, and the signatures failing most.
  route("GET", "/api/overview", viewer, [this](Call& c) {
    std::optional<std::string> account;
    if (c.req.has_param("account")) account = c.query("account");
    std::size_t points = 30;
    auto levels = [] { return json{{"High", 0}, {"Medium", 0}, {"Low", 0}}; };
    auto add = [](json& counts, const std::string& level, int n) {
      if (counts.contains(level)) counts[level] = counts[level].get<int>() + n;
    };
    // The trend, oldest first: after each complete scan, the sum over accounts of their latest counts.
    std::vector<store::ScanSummary> complete;
    for (auto& s : store.scans())
      if (s.status == "complete" && (!account || names_account(s, *account))) complete.push_back(s);
    std::reverse(complete.begin(), complete.end());
    std::map<std::string, json> latest_counts;  // account key -> its latest scan's Fail counts by level
    json trend = json::array();
    for (const auto& s : complete) {
      json counts = s.stats.contains("failByLevel") ? s.stats["failByLevel"] : levels();
      if (!s.stats.contains("failByLevel"))  // scans from before failByLevel was kept
        for (const auto& r : store.results(s.id))
          if (r.value("status", "") == "Fail") add(counts, r.value("riskLevel", ""), 1);
      latest_counts[s.stats.value("account", "")] = counts;
      json point = levels();
      for (const auto& [key, c] : latest_counts)
        for (const char* level : {"High", "Medium", "Low"}) add(point, level, c[level].get<int>());
      point["scanId"] = s.id;
      point["finishedAt"] = s.finished_at;
      point["account"] = s.stats.value("accountName", s.stats.value("account", ""));
      trend.push_back(point);
    }
    if (trend.size() > points) trend.erase(trend.begin(), trend.end() - static_cast<std::ptrdiff_t>(points));
    auto now = current_risks(account_scans(account));
    std::map<std::string, json> by_account, by_service;
    std::map<std::string, json> by_signature;
    for (const auto& r : now.fails) {
      std::string level = r.value("riskLevel", "");
      json& a = by_account[r.value("accountName", "")];
      if (a.is_null()) a = levels(), a["account"] = r.value("accountName", ""), a["accountId"] = r.value("accountId", json());
      add(a, level, 1);
      json& svc = by_service[r.value("service", "")];
      if (svc.is_null()) svc = levels(), svc["service"] = r.value("service", "");
      add(svc, level, 1);
      json& sig = by_signature[r.value("signatureId", "")];
      if (sig.is_null())
        sig = {{"signatureId", r.value("signatureId", "")}, {"description", r.value("description", "")}, {"riskLevel", level}, {"failing", 0}};
      sig["failing"] = sig["failing"].get<int>() + 1;
    }
    auto total = [](const json& j) { return j["High"].get<int>() + j["Medium"].get<int>() + j["Low"].get<int>(); };
    auto sorted = [&](std::map<std::string, json>& m, const std::function<int(const json&)>& weight) {
      json out = json::array();
      for (auto& [k, v] : m) out.push_back(v);
      std::stable_sort(out.begin(), out.end(), [&](const json& a, const json& b) { return weight(a) > weight(b); });
      return out;
    };
    json top = sorted(by_signature, [](const json& s) { return s["failing"].get<int>(); });
    if (top.size() > 10) top.erase(top.begin() + 10, top.end());
    c.reply({{"trend", trend},
             {"byAccount", sorted(by_account, total)},
             {"byService", sorted(by_service, total)},
             {"topSignatures", top}});
  });
  route("GET", "/api/resources", viewer, [this](Call& c) {
    std::optional<std::string> account;
    if (c.req.has_param("account")) account = c.query("account");
    json out = json::array();
    json scans = json::array();
    std::set<std::string> seen;
    std::string service = c.query("service");
    for (const auto& a : account_scans(account)) {
      scans.push_back(a.latest.id);
      for (const auto& r : store.results(a.latest.id)) {
        std::string key = r.value("resourceKey", "");
        if (key.empty() || key == "account" || !seen.insert(a.key() + "|" + key).second) continue;
        if (!service.empty() && to_lower(r.value("service", "")) != to_lower(service)) continue;
        out.push_back({{"key", key}, {"id", r["resourceId"]}, {"name", r["resourceName"]}, {"arn", r["resourceArn"]},
                       {"service", r["service"]}, {"region", r["region"]}, {"vpc", r["vpc"]},
                       {"accountId", r.value("accountId", json())}, {"accountName", r.value("accountName", json())}});
      }
    }
    c.reply({{"scan", scans.empty() ? json() : scans[0]}, {"scans", scans}, {"resources", out}});
  });
}

}  // namespace signet::server
