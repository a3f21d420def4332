// Routes: scans (start one, progress, history), the risks of a scan, the resources scanned.
#include "server/server_impl.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "common/names.h"
#include "common/strings.h"
#include "engine/scan.h"

namespace signet::server {

using nlohmann::json;

json Server::Impl::scan_json(const store::ScanSummary& s) {
  json j = {{"id", s.id}, {"startedAt", s.started_at}, {"finishedAt", s.finished_at}, {"status", s.status},
            {"account", s.account}, {"accountName", s.account_name.empty() ? s.account : s.account_name},
            {"accountId", s.account_id}, {"stats", s.stats}};
  if (s.status == "running")
    for (const auto& progress : jobs.scan_progress())
      if (progress.value("scanId", 0) == s.id) j["progress"] = progress;
  return j;
}

std::vector<store::ScanSummary> Server::Impl::shown_scans(const Call& c) {
  if (std::string wanted = c.query("scan"); !wanted.empty()) {
    std::int64_t id = 0;
    try {
      id = std::stoll(wanted);
    } catch (const std::exception&) {
      throw ApiError(404, "not_found", "no complete scan " + wanted);
    }
    auto scan = store.scan(id);
    if (!scan || scan->status != "complete") throw ApiError(404, "not_found", "no complete scan " + wanted);
    return {*scan};
  }
  std::optional<std::string> account;
  if (c.req.has_param("account")) account = c.query("account");
  return store.latest_complete_scans(account);
}

namespace {

std::vector<std::int64_t> ids_of(const std::vector<store::ScanSummary>& scans) {
  std::vector<std::int64_t> ids;
  for (const auto& s : scans) ids.push_back(s.id);
  return ids;
}

// The list answer every paged route gives.
json level_counts(const std::vector<json>& groups) {
  json counts = {{"High", 0}, {"Medium", 0}, {"Low", 0}};
  for (const auto& g : groups)
    if (counts.contains(g["key"].get<std::string>())) counts[g["key"].get<std::string>()] = g["count"];
  return counts;
}

}  // namespace

void Server::Impl::register_scan_routes() {
  // ---- scans ----
  route("GET", "/api/scans", viewer, [this](Call& c) {
    store::ScanFilter filter;
    if (c.req.has_param("account")) filter.account = c.query("account");
    auto page = c.page(50);
    filter.offset = page.offset;
    filter.limit = page.limit;
    json items = json::array();
    for (const auto& s : store.scans(filter)) items.push_back(scan_json(s));
    c.reply(page_json(std::move(items), store.count_scans(filter), page));
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
    auto scan = store.scan(id);
    if (!scan) throw ApiError(404, "not_found", "no scan " + std::to_string(id));
    json j = scan_json(*scan);
    if (c.query("results") == "1") {  // its results, a page at a time, as written
      auto page = c.page(100);
      store::ResultQuery q;
      q.scans = {id};
      if (std::string status = c.query("status"); !status.empty()) q.statuses = {status};
      q.sort = "signature";
      q.offset = page.offset;
      q.limit = page.limit;
      auto rows = store.query_results(q);
      j["results"] = page_json(std::move(rows.items), rows.total, page);
    }
    c.reply(j);
  });

  // ---- risks, overview and resources ----
  route("GET", "/api/risks", viewer, [this](Call& c) {
    // The risks now: each account's latest complete scan (or the scan asked for), marked
    // new/open against that account's previous complete scan when the scan was written;
    // filtered, sorted and paged by the store.
    auto shown = shown_scans(c);
    auto page = c.page(100);
    store::ResultQuery q;
    q.scans = ids_of(shown);
    std::string status = c.query("status");
    if (status == "new" || status == "open" || status == "fixed") {
      q.statuses = {"Fail"};
      q.risks = {status};
    } else if (!status.empty()) {
      throw ApiError(422, "invalid", "status must be new, open or fixed", {{"status", "new, open or fixed"}});
    } else {
      // What needs attention: new and open; muted ones too when asked (muted=1), with the
      // rule that muted them. Fixed ones must be asked for.
      q.statuses = {"Fail"};
      if (c.query("muted") == "1") q.statuses.push_back("Muted");
    }
    if (std::string level = c.query("level"); !level.empty()) {
      if (engine::level_rank(level) == 0) throw ApiError(422, "invalid", "level must be High, Medium or Low", {{"level", "High, Medium or Low"}});
      q.levels = {level};
    }
    q.service = c.query("service");
    q.region = c.query("region");
    q.signature = c.query("signature");
    q.text = c.query("q");
    if (std::string sort = c.query("sort"); !sort.empty()) q.sort = sort;
    q.descending = c.query("order") == "desc";
    q.offset = page.offset;
    q.limit = page.limit;
    store::ResultPage rows;
    try {
      rows = store.query_results(q);
    } catch (const std::invalid_argument& e) {
      throw ApiError(422, "invalid", e.what(), {{"sort", e.what()}});
    }
    for (auto& r : rows.items) {
      if (r.value("status", "") == "Muted") r["risk"] = "muted";
      r.erase("console");
    }
    // The counts by level and the muted count are of the scans shown, whatever the filters.
    store::ResultQuery all;
    all.scans = q.scans;
    all.statuses = {"Fail"};
    json counts = level_counts(store.group_results(all, "level"));
    all.statuses = {"Muted"};
    all.limit = 1;
    std::size_t muted = store.query_results(all).total;
    json accounts = json::array();
    for (const auto& s : store.latest_complete_scans())
      accounts.push_back({{"key", s.account}, {"name", s.account_name.empty() ? s.account : s.account_name}, {"id", s.account_id},
                          {"scanId", s.id}, {"finishedAt", s.finished_at}});
    json scans = json::array();
    for (const auto& s : shown) scans.push_back(scan_json(s));
    json answer = page_json(std::move(rows.items), rows.total, page);
    answer["scan"] = shown.size() == 1 ? scans[0] : json();
    answer["scans"] = scans;
    answer["account"] = shown.size() == 1 ? json(shown[0].account) : c.req.has_param("account") ? json(c.query("account")) : json();
    answer["accounts"] = accounts;
    answer["counts"] = counts;
    answer["muted"] = muted;
    // "group=signature": the matching risks counted by signature (most severe, then most
    // failing first): what people read first ("AWS-EC2-001: 300 failing volumes").
    if (c.query("group") == "signature") {
      store::ResultQuery grouped = q;
      grouped.offset = 0;
      grouped.limit = 0;
      answer["groups"] = store.group_results(grouped, "signature");
    } else if (!c.query("group").empty()) {
      throw ApiError(422, "invalid", "group must be signature", {{"group", "signature"}});
    }
    c.reply(answer);
  });
  // What the Overview charts: open risks by level over the last scans (the estate as each
  // scan left it), by account, by service, and the signatures failing most.
  route("GET", "/api/overview", viewer, [this](Call& c) {
    std::optional<std::string> account;
    if (c.req.has_param("account")) account = c.query("account");
    const std::size_t points = 30;
    auto levels = [] { return json{{"High", 0}, {"Medium", 0}, {"Low", 0}}; };
    auto add = [](json& counts, const json& more) {
      for (const char* level : {"High", "Medium", "Low"}) counts[level] = counts[level].get<int>() + more.value(level, 0);
    };
    // The trend, oldest first: after each complete scan, the sum over accounts of their
    // latest counts (kept in each scan's stats; counted by the store for older scans).
    store::ScanFilter complete_filter;
    complete_filter.account = account;
    complete_filter.status = "complete";
    complete_filter.limit = 500;  // enough history for the last points of every account
    auto complete = store.scans(complete_filter);
    std::reverse(complete.begin(), complete.end());
    std::map<std::string, json> latest_counts;  // account key -> its latest scan's Fail counts by level
    json trend = json::array();
    for (const auto& s : complete) {
      json counts = s.stats.value("failByLevel", json());
      if (!counts.is_object()) {
        store::ResultQuery q;
        q.scans = {s.id};
        q.statuses = {"Fail"};
        counts = level_counts(store.group_results(q, "level"));
      }
      latest_counts[s.account] = counts;
      json point = levels();
      for (const auto& [key, n] : latest_counts) add(point, n);
      point["scanId"] = s.id;
      point["finishedAt"] = s.finished_at;
      point["account"] = s.account_name.empty() ? s.account : s.account_name;
      trend.push_back(point);
    }
    if (trend.size() > points) trend.erase(trend.begin(), trend.end() - static_cast<std::ptrdiff_t>(points));
    auto latest = store.latest_complete_scans(account);
    json by_account = json::array();
    for (const auto& s : latest) {
      json a = levels();
      add(a, latest_counts.count(s.account) ? latest_counts[s.account] : s.stats.value("failByLevel", json::object()));
      a["account"] = s.account_name.empty() ? s.account : s.account_name;
      a["accountId"] = s.account_id.empty() ? json() : json(s.account_id);
      by_account.push_back(a);
    }
    store::ResultQuery q;
    q.scans = ids_of(latest);
    q.statuses = {"Fail"};
    std::map<std::string, json> services;
    for (const char* level : {"High", "Medium", "Low"}) {
      q.levels = {level};
      for (const auto& g : store.group_results(q, "service")) {
        json& svc = services[g["key"].get<std::string>()];
        if (svc.is_null()) svc = levels(), svc["service"] = g["key"];
        svc[level] = g["count"];
      }
    }
    q.levels.clear();
    json by_service = json::array();
    for (auto& [name, counts] : services) by_service.push_back(counts);
    auto total = [](const json& j) { return j["High"].get<int>() + j["Medium"].get<int>() + j["Low"].get<int>(); };
    auto by_total = [&](const json& a, const json& b) { return total(a) > total(b); };
    std::stable_sort(by_account.begin(), by_account.end(), by_total);
    std::stable_sort(by_service.begin(), by_service.end(), by_total);
    json top = json::array();
    for (const auto& g : store.group_results(q, "signature")) {
      if (top.size() == 10) break;
      top.push_back({{"signatureId", g["key"]}, {"description", g.value("description", "")}, {"riskLevel", g["riskLevel"]}, {"failing", g["count"]}});
    }
    std::stable_sort(top.begin(), top.end(), [](const json& a, const json& b) { return a["failing"].get<int>() > b["failing"].get<int>(); });
    c.reply({{"trend", trend}, {"byAccount", by_account}, {"byService", by_service}, {"topSignatures", top}});
  });
  route("GET", "/api/resources", viewer, [this](Call& c) {
    auto shown = shown_scans(c);
    auto page = c.page(100);
    store::ResultQuery q;
    q.scans = ids_of(shown);
    q.risks = {};
    q.service = c.query("service");
    q.region = c.query("region");
    q.text = c.query("q");
    q.descending = c.query("order") == "desc";
    q.offset = page.offset;
    q.limit = page.limit;
    auto rows = store.query_resources(q);
    json answer = page_json(std::move(rows.items), rows.total, page);
    answer["scans"] = ids_of(shown);
    answer["scan"] = shown.empty() ? json() : json(shown[0].id);
    c.reply(answer);
  });
}

}  // namespace signet::server
