#include "cluster/cluster.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <map>
#include <set>
#include <thread>

#include "accounts/estate_scan.h"
#include "common/time.h"
#include "inventory/inventory.h"
#include "provider/providers.h"

namespace signet::cluster {

using nlohmann::json;

namespace {

json access_json(const accounts::Access& a) {
  return {{"profile", a.profile}, {"roleArn", a.role_arn}, {"externalId", a.external_id}, {"sessionName", a.session_name},
          {"durationSeconds", a.duration_seconds}};
}

accounts::Access access_of(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("an access must be an object");
  accounts::Access a;
  a.profile = j.value("profile", "");
  a.role_arn = j.value("roleArn", "");
  a.external_id = j.value("externalId", "");
  a.session_name = j.value("sessionName", "");
  a.duration_seconds = j.value("durationSeconds", 0);
  return a;
}

std::vector<std::string> texts(const json& j, const char* field) {
  if (!j.contains(field)) return {};
  if (!j[field].is_array()) throw std::invalid_argument(std::string(field) + " must be a list");
  std::vector<std::string> out;
  for (const auto& v : j[field]) {
    if (!v.is_string()) throw std::invalid_argument(std::string(field) + " must hold text");
    out.push_back(v);
  }
  return out;
}

}  // namespace

json Unit::to_json() const {
  json t = {{"key", target.key}, {"name", target.name}, {"accountId", target.account_id}, {"organization", target.organization},
            {"provider", target.provider}, {"access", access_json(target.access)}, {"regions", target.regions},
            {"maxRequestsPerSecond", target.max_requests_per_second},
            {"maxServiceRequestsPerSecond", target.max_service_requests_per_second}};
  if (target.through) t["through"] = access_json(*target.through);
  return {{"scanId", scan_id},
          {"key", key},
          {"target", t},
          {"regions", regions},
          {"signatures", signatures},
          {"reportsAccount", reports_account},
          {"options",
           {{"account", options.account}, {"accountName", options.account_name}, {"accountId", options.account_id},
            {"organization", options.organization}, {"run", options.run}, {"minLevel", options.min_level},
            {"evaluationTimeLimitMs", options.evaluation_time_limit.count()}, {"limitStrikes", options.limit_strikes},
            {"maxRequestsPerSecond", options.rate_caps.per_account}, {"maxServiceRequestsPerSecond", options.rate_caps.per_account_service}}}};
}

Unit Unit::from_json(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("a unit must be an object");
  Unit u;
  if (!j.contains("scanId") || !j["scanId"].is_number_integer() || j["scanId"].get<std::int64_t>() <= 0)
    throw std::invalid_argument("a unit needs its scanId");
  u.scan_id = j["scanId"];
  if (!j.contains("key") || !j["key"].is_string() || j["key"].get<std::string>().empty()) throw std::invalid_argument("a unit needs its key");
  u.key = j["key"];
  const json& t = j.value("target", json::object());
  if (!t.is_object()) throw std::invalid_argument("target must be an object");
  u.target.key = t.value("key", "");
  u.target.name = t.value("name", "");
  u.target.account_id = t.value("accountId", "");
  u.target.organization = t.value("organization", "");
  u.target.provider = t.value("provider", "aws");
  u.target.access = access_of(t.value("access", json::object()));
  if (t.contains("through")) u.target.through = access_of(t["through"]);
  u.target.regions = texts(t, "regions");
  u.target.max_requests_per_second = t.value("maxRequestsPerSecond", 0.0);
  u.target.max_service_requests_per_second = t.value("maxServiceRequestsPerSecond", 0.0);
  u.regions = texts(j, "regions");
  u.signatures = texts(j, "signatures");
  if (u.signatures.empty()) throw std::invalid_argument("a unit needs signatures");
  u.reports_account = j.value("reportsAccount", false);
  const json& o = j.value("options", json::object());
  if (!o.is_object()) throw std::invalid_argument("options must be an object");
  u.options.account = o.value("account", "");
  u.options.account_name = o.value("accountName", "");
  u.options.account_id = o.value("accountId", "");
  u.options.organization = o.value("organization", "");
  u.options.run = o.value("run", "");
  u.options.min_level = o.value("minLevel", "");
  u.options.evaluation_time_limit = std::chrono::milliseconds(o.value("evaluationTimeLimitMs", std::int64_t{60000}));
  if (u.options.evaluation_time_limit.count() <= 0) throw std::invalid_argument("evaluationTimeLimitMs must be positive");
  u.options.limit_strikes = o.value("limitStrikes", 3u);
  u.options.rate_caps.per_account = o.value("maxRequestsPerSecond", 0.0);
  u.options.rate_caps.per_account_service = o.value("maxServiceRequestsPerSecond", 0.0);
  u.options.regions = u.regions;
  u.options.signature_ids = std::set<std::string>(u.signatures.begin(), u.signatures.end());
  u.options.scan_id = u.scan_id;
  u.options.unit = u.key;
  u.options.reports_account = u.reports_account;
  return u;
}

std::vector<Unit> plan_units(std::int64_t scan_id, const accounts::Target& target, const std::vector<store::StoredSignature>& signatures,
                             const engine::ScanOptions& options, std::size_t batch) {
  const auto* catalog = provider::catalog_of(target.provider);
  if (!catalog) throw std::invalid_argument("account " + target.name + ": '" + target.provider + "' is not a provider");
  // The target's provider's signatures by the resource type they run on (unknown types
  // together: each is an Error row of the unit that holds it), global types apart.
  std::map<std::string, std::vector<std::string>> regional, global;
  for (const auto& s : signatures) {
    if (s.metadata.provider != target.provider) continue;
    const auto* type = catalog->find(s.metadata.service, s.metadata.resource_type);
    std::string key = type ? type->service() + "/" + type->type() : "?";
    (type && type->global() ? global : regional)[key].push_back(s.metadata.id);
  }
  auto batches = [&](const std::map<std::string, std::vector<std::string>>& by_type) {
    std::vector<std::vector<std::string>> out;
    for (const auto& [type, ids] : by_type) {
      if (out.empty() || out.back().size() + ids.size() > batch) out.emplace_back();
      out.back().insert(out.back().end(), ids.begin(), ids.end());
    }
    return out;
  };
  std::vector<std::string> regions = options.regions.empty() ? target.regions : options.regions;
  std::vector<std::vector<std::string>> region_sets;
  if (regions.empty()) region_sets.push_back({});  // every enabled region: found by the unit itself
  for (const auto& r : regions) region_sets.push_back({r});
  std::vector<Unit> units;
  auto add = [&](const std::vector<std::string>& region_set, std::vector<std::string> ids) {
    Unit u;
    u.scan_id = scan_id;
    u.key = (region_set.empty() ? std::string("all") : region_set[0]) + "/" + std::to_string(units.size() + 1);
    u.target = target;
    u.regions = region_set;
    u.signatures = std::move(ids);
    u.reports_account = units.empty();
    u.options = options;
    u.options.regions = region_set;
    units.push_back(std::move(u));
  };
  for (std::size_t i = 0; i < region_sets.size(); ++i) {
    for (auto& ids : batches(regional)) add(region_sets[i], ids);
    if (i == 0)
      for (auto& ids : batches(global)) add(region_sets[i], ids);
  }
  return units;
}

std::vector<std::int64_t> start_run(store::Store& store, queue::WorkQueue& queue, const std::vector<accounts::Target>& targets,
                                    const engine::ScanOptions& run, const std::vector<std::string>& default_regions, std::size_t batch) {
  auto signatures = engine::chosen_signatures(store, run);
  engine::ScanOptions shared = run;
  shared.run = accounts::run_id(run);
  std::vector<std::int64_t> scans;
  for (const auto& target : targets) {
    engine::ScanOptions options = accounts::options_for(target, shared, default_regions);
    std::int64_t scan = store.begin_scan({options.account, options.account_id, options.account_name, target.provider, options.run});
    auto units = plan_units(scan, target, signatures, options, batch);
    std::vector<std::pair<std::string, json>> kept;
    for (const auto& u : units) kept.emplace_back(u.key, u.to_json());
    if (units.empty()) {  // nothing to run: finished at once
      store.mark_risks(scan, store.previous_complete_scan(options.account, scan));
      store.finish_scan(scan, "complete", engine::merge_stats({}, options));
    } else {
      store.add_units(scan, kept);
      for (const auto& [key, spec] : kept) queue.publish(spec);
    }
    scans.push_back(scan);
  }
  return scans;
}

std::optional<engine::ScanReport> finish_if_done(store::Store& store, std::int64_t scan_id) {
  auto counts = store.unit_counts(scan_id);
  if (counts.total == 0 || counts.done < counts.total) return std::nullopt;
  if (!store.claim_finish(scan_id)) return std::nullopt;  // another process finishes it
  auto scan = store.scan(scan_id);
  if (!scan) return std::nullopt;
  engine::ScanOptions who;
  who.account = scan->account;
  who.account_name = scan->account_name;
  who.account_id = scan->account_id;
  who.run = scan->run;
  engine::ScanReport report;
  report.scan_id = scan_id;
  report.stats = engine::merge_stats(store.unit_stats(scan_id), who);
  std::string status = report.stats["unreachable"].is_string() ? "failed" : "complete";
  if (status == "complete") {
    auto marks = store.mark_risks(scan_id, store.previous_complete_scan(scan->account, scan_id));
    report.stats["new"] = marks.fresh;
    report.stats["open"] = marks.open;
    report.stats["fixed"] = marks.fixed;
  }
  if (auto started = parse_iso_utc(scan->started_at))
    report.stats["seconds"] = std::chrono::duration<double>(std::chrono::system_clock::now() - *started).count();
  store.finish_scan(scan_id, status, report.stats);
  return report;
}

std::size_t republish_idle(store::Store& store, queue::WorkQueue& queue, std::chrono::seconds silence) {
  std::size_t published = 0;
  // While the queue still holds work, a silent unit is only waiting its turn (a long backlog,
  // few workers), or is a dead worker's, which the visibility time-out hands over: not lost.
  if (queue.waiting() > 0) return 0;
  store::ScanFilter running;
  running.status = "running";
  for (const auto& scan : store.scans(running))
    for (const auto& [key, spec] : store.idle_units(scan.id, silence)) {
      queue.publish(spec);
      store.touch_unit(scan.id, key, "(queued again)");  // silent once more only after another `silence`
      ++published;
    }
  return published;
}

std::vector<engine::ScanReport> wait_for_scans(store::Store& store, queue::WorkQueue& queue, const std::vector<std::int64_t>& scans,
                                               const RunProgress& progress, std::chrono::seconds silence) {
  std::map<std::int64_t, std::pair<std::size_t, bool>> seen;  // scan -> units done, finished
  auto next_republish = std::chrono::steady_clock::now() + silence / 4;
  for (;;) {
    std::size_t finished = 0;
    for (auto id : scans) {
      auto scan = store.scan(id);
      bool over = !scan || scan->status == "complete" || scan->status == "failed";
      finished += over;
      auto counts = store.unit_counts(id);
      auto& last = seen[id];
      if (progress && (last.first != counts.done || last.second != over || counts.done == 0)) progress(id, counts.done, counts.total, over);
      last = {counts.done, over};
    }
    if (finished == scans.size()) break;
    if (std::chrono::steady_clock::now() >= next_republish) {
      if (auto n = republish_idle(store, queue, silence)) spdlog::warn("{} silent unit(s) queued again", n);
      next_republish = std::chrono::steady_clock::now() + silence / 4;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  std::vector<engine::ScanReport> reports;
  for (auto id : scans) {
    auto scan = store.scan(id);
    reports.push_back({id, scan ? scan->stats : json::object()});
  }
  return reports;
}

void run_worker(store::Store& store, queue::WorkQueue& queue, const WorkerOptions& options) {
  std::string name = options.name;
  if (name.empty()) {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    name = std::string(host) + ":" + std::to_string(getpid());
  }
  io::EventLoop loop;
  sandbox::Sandbox box(loop, options.limits);
  auto next_republish = std::chrono::steady_clock::now() + options.republish_after;
  while (!options.stop()) {
    if (options.republish_after.count() > 0 && std::chrono::steady_clock::now() >= next_republish) {
      if (auto n = republish_idle(store, queue, options.republish_after)) spdlog::warn("worker {}: {} silent unit(s) queued again", name, n);
      next_republish = std::chrono::steady_clock::now() + options.republish_after / 4;
    }
    std::optional<queue::Message> message;
    auto idle = queue.take_over(name, 1);
    if (!idle.empty()) message = idle.front();
    else message = queue.claim(name, options.block);
    if (!message) continue;
    Unit unit;
    try {
      unit = Unit::from_json(message->unit);
    } catch (const std::exception& e) {
      spdlog::error("worker {}: unit {} is not one ({}); dropped", name, message->id, e.what());
      queue.ack(message->id);
      continue;
    }
    auto scan = store.scan(unit.scan_id);
    if (!scan || (scan->status != "running" && scan->status != "interrupted")) {
      queue.ack(message->id);  // its scan is gone or finished: nothing to do
      continue;
    }
    store.touch_unit(unit.scan_id, unit.key, name);
    spdlog::info("worker {}: unit {} of scan {} ({}, {} signature(s), regions {})", name, unit.key, unit.scan_id, unit.target.name,
                 unit.signatures.size(), unit.regions.empty() ? std::string("all") : unit.regions[0]);
    // Signs of life while it runs: the queue keeps it ours, the store knows it is alive.
    std::function<void()> touch;
    io::EventLoop::TimerId timer = 0;
    touch = [&] {
      try {
        queue.touch(name, message->id);
        store.touch_unit(unit.scan_id, unit.key, name);
      } catch (const std::exception& e) {
        spdlog::warn("worker {}: could not give a sign of life for unit {}: {}", name, unit.key, e.what());
      }
      timer = loop.add_timer(io::Clock::now() + options.touch_every, touch);
    };
    timer = loop.add_timer(io::Clock::now() + options.touch_every, touch);
    try {
      auto scope = options.make_scope(loop, unit.target);
      engine::ScanReport report = engine::run_scan(loop, box, *scope, store, unit.options);
      if (!report.unit_done) spdlog::info("worker {}: unit {} of scan {} was finished by another worker first", name, unit.key, unit.scan_id);
      loop.cancel_timer(timer);
      try {
        queue.ack(message->id);
      } catch (const std::exception& e) {
        // The unit is done in the store; a lost acknowledgement only means it may be handed out again.
        spdlog::warn("worker {}: unit {} of scan {} is done, but its acknowledgement was lost: {}", name, unit.key, unit.scan_id, e.what());
      }
      if (auto finished = finish_if_done(store, unit.scan_id)) {
        spdlog::info("worker {}: scan {} finished", name, unit.scan_id);
        if (options.on_scan_finished) options.on_scan_finished(*finished);
      }
    } catch (const std::exception& e) {
      loop.cancel_timer(timer);
      // Not acknowledged: after the visibility time-out another worker takes it over.
      spdlog::error("worker {}: unit {} of scan {} failed: {}", name, unit.key, unit.scan_id, e.what());
    }
  }
}

}  // namespace signet::cluster
