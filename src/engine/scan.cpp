#include "engine/scan.h"

#include <map>

#include "common/strings.h"
#include "engine/live_calls.h"
#include "engine/resource.h"
#include "engine/test_run.h"
#include "inventory/inventory.h"

namespace signet::engine {

using nlohmann::json;

std::size_t ScanReport::count(const std::string& status) const {
  std::size_t n = 0;
  for (const auto& r : results) n += r.value("status", "") == status;
  return n;
}

int level_rank(const std::string& level) {
  if (level == "Low") return 1;
  if (level == "Medium") return 2;
  if (level == "High") return 3;
  return 0;
}

namespace {

std::string resource_key(const json& r) {
  if (r["arn"].is_string()) return r["arn"];
  return r.value("service", "") + "/" + r.value("type", "") + "/" + r.value("region", "") + "/" + r.value("id", "");
}

json result_json(const store::StoredSignature& s, const json& resource, const sandbox::Outcome& outcome, const std::string& message) {
  json console = json::array();
  for (const auto& line : outcome.console) console.push_back({{"level", line.level}, {"text", line.text}});
  return {{"signatureId", s.metadata.id},
          {"description", s.metadata.description},
          {"riskLevel", s.metadata.risk_level},
          {"service", resource.value("service", s.metadata.service)},
          {"region", resource.value("region", "")},
          {"vpc", resource["vpc"]},
          {"resourceId", resource.value("id", "")},
          {"resourceName", resource.value("name", "")},
          {"resourceArn", resource["arn"]},
          {"resourceKey", resource_key(resource)},
          {"status", sandbox::to_string(outcome.status)},
          {"message", message},
          {"durationMs", outcome.duration_ms},
          {"console", console},
          {"remediationSteps", s.metadata.remediation_steps},
          {"compliance", s.metadata.compliance}};
}

json signature_error(const store::StoredSignature& s, const std::string& message) {
  return {{"signatureId", s.metadata.id}, {"description", s.metadata.description}, {"riskLevel", s.metadata.risk_level},
          {"service", s.metadata.service}, {"region", ""}, {"vpc", nullptr}, {"resourceId", ""}, {"resourceName", ""},
          {"resourceArn", nullptr}, {"resourceKey", ""}, {"status", "Error"}, {"message", message}, {"durationMs", 0},
          {"console", json::array()}, {"remediationSteps", s.metadata.remediation_steps}, {"compliance", s.metadata.compliance}};
}

// Why evaluations ended in Error, counted: what makes a scan incomplete, by cause.
json errors_by_cause(const std::vector<json>& results) {
  static const std::vector<std::pair<std::string, std::string>> causes = {
      {"throttled: ", "throttled"}, {"refused: ", "refused"}, {"skipped: ", "skipped"},
      {"time limit exceeded", "time limit"}, {"out of memory", "memory limit"}};
  json counts = json::object();
  for (const auto& r : results) {
    if (r.value("status", "") != "Error") continue;
    const std::string message = r.value("message", "");
    std::string cause = "signature error";
    for (const auto& [prefix, name] : causes)
      if (message.rfind(prefix, 0) == 0) cause = name;
    counts[cause] = counts.value(cause, 0) + 1;
  }
  return counts;
}

json listing_problems(const inventory::Inventory& found) {
  json problems = json::array();
  for (const auto& p : found.problems)
    problems.push_back({{"service", p.service}, {"type", p.type}, {"region", p.region}, {"message", p.message}});
  return problems;
}

}  // namespace

std::vector<json> mark_risks(const std::vector<json>& previous, std::vector<json>& current) {
  auto key_of = [](const json& r) { return r.value("signatureId", "") + "|" + r.value("resourceKey", ""); };
  std::map<std::string, json> previous_failures;
  for (const auto& r : previous)
    if (r.value("status", "") == "Fail") previous_failures[key_of(r)] = r;
  std::set<std::string> failing_now;
  for (auto& r : current) {
    if (r.value("status", "") != "Fail") continue;
    failing_now.insert(key_of(r));
    r["risk"] = previous_failures.count(key_of(r)) ? "open" : "new";
  }
  std::vector<json> fixed;
  for (auto& [key, r] : previous_failures)
    if (!failing_now.count(key)) {
      r["risk"] = "fixed";
      fixed.push_back(std::move(r));
    }
  return fixed;
}

ScanReport run_scan(io::EventLoop& loop, sandbox::Sandbox& sandbox, aws::AwsClient& client, store::Store& store,
                    const ScanOptions& options, const std::function<void(const ScanProgress&)>& progress) {
  const auto& catalog = inventory::Catalog::aws();
  auto started = io::Clock::now();
  const aws::ClientStats client_before = client.stats();  // the scan's requests are the difference
  if (options.rate_caps.per_account > 0 || options.rate_caps.per_account_service > 0) client.set_rate_caps(options.rate_caps);
  ScanReport report;
  ScanProgress p;

  // The signatures to run and the resource types they need.
  std::vector<store::StoredSignature> signatures;
  for (auto& s : store.signatures()) {
    if (!options.signature_ids.empty() ? !options.signature_ids.count(s.metadata.id) : !s.metadata.enabled) continue;
    if (level_rank(s.metadata.risk_level) < level_rank(options.min_level)) continue;
    if (!options.services.empty()) {
      bool wanted = false;
      for (const auto& svc : options.services) wanted |= to_lower(svc) == to_lower(s.metadata.service);
      if (!wanted) continue;
    }
    signatures.push_back(std::move(s));
  }
  p.signatures = signatures.size();
  std::map<std::string, const inventory::ResourceType*> type_of;  // by signature id
  inventory::InventoryOptions inventory_options;
  inventory_options.regions = options.regions;
  report.scan_id = store.begin_scan();
  p.scan_id = report.scan_id;
  for (const auto& s : signatures) {
    const auto* type = catalog.find(s.metadata.service, s.metadata.resource_type);
    if (!type) {
      report.results.push_back(signature_error(s, "the catalog has no resource type '" + s.metadata.resource_type + "' for service " + s.metadata.service));
      continue;
    }
    type_of[s.metadata.id] = type;
    if (std::find(inventory_options.types.begin(), inventory_options.types.end(), type) == inventory_options.types.end())
      inventory_options.types.push_back(type);
  }

  // One call cache for the whole scan: the inventory's answers serve the signatures too.
  aws::CallCache cache(client);
  std::optional<inventory::Inventory> found;
  if (!inventory_options.types.empty()) {
    inventory::discover(cache, catalog, inventory_options, [&](inventory::Inventory i) { found = std::move(i); });
    loop.run_until([&] { return found.has_value(); });
  } else {
    found = inventory::Inventory{};
  }
  std::map<std::string, std::vector<const json*>> resources_by_type;
  for (const auto& r : found->resources) resources_by_type[r["service"].get<std::string>() + "/" + r["type"].get<std::string>()].push_back(&r);

  // Every signature over its resources, all through one apiCaller cache. Submitted in
  // turns (one resource of each signature, then the next), so that no signature fills the
  // workers' queues on its own and a runaway one is caught before most of its work started.
  auto calls = std::make_shared<LiveCalls>(cache);
  std::size_t done = 0, submitted = 0;
  std::size_t worker_peak_rss = 0;  // the largest a sandbox worker grew, as the workers say
  std::map<std::string, std::size_t> remaining;  // evaluations left per signature
  struct Work {
    const store::StoredSignature* signature;
    std::shared_ptr<const sandbox::Script> script;
    const std::vector<const json*>* resources;
  };
  std::vector<Work> work;
  for (const auto& s : signatures)
    if (auto it = type_of.find(s.metadata.id); it != type_of.end()) {
      auto& resources = resources_by_type[it->second->service() + "/" + it->second->type()];
      remaining[s.metadata.id] = resources.size();
      work.push_back({&s, sandbox::Script::make(s.code, s.metadata.id + ".js"), &resources});
    }
  for (const auto& [id, n] : remaining) p.signatures_done += n == 0;

  struct Strikes {
    unsigned count = 0;
    std::string first;        // the first resource it broke a limit on
    std::set<std::string> limits;  // "time", "memory"
    std::size_t skipped = 0;
  };
  std::map<std::string, Strikes> strikes;  // by signature id
  auto on_limit = [&](const store::StoredSignature& sig, const json& resource, sandbox::Limit limit) {
    Strikes& st = strikes[sig.metadata.id];
    if (st.count == 0) st.first = resource.value("name", resource.value("id", ""));
    st.limits.insert(limit == sandbox::Limit::Time ? "time" : "memory");
    if (++st.count != options.limit_strikes) return;
    std::string which = st.limits.size() == 2 ? "time and memory limits" : *st.limits.begin() + " limit";
    // Re-enters on_done for each cancelled evaluation before it returns. Every evaluation
    // was submitted before any could finish, so this reaches all that have not started.
    st.skipped = sandbox.cancel(sig.metadata.id, "skipped: the signature exceeded its " + which + " on " + std::to_string(st.count) +
                                        " resources (first: " + st.first + ")");
  };

  for (std::size_t turn = 0;; ++turn) {
    bool any = false;
    for (const Work& w : work) {
      if (turn >= w.resources->size()) continue;
      any = true;
      const json* resource = (*w.resources)[turn];
      const store::StoredSignature* sig = w.signature;
      ++submitted;
      // The first call the cloud throttled past patience or refused: the verdict that
      // follows cannot be trusted, so a Fail or an Error says that first.
      auto trouble = std::make_shared<std::string>();
      auto api = make_api_handler(calls, (*resource)["region"], [trouble](const std::string& t) {
        if (trouble->empty()) *trouble = t;
      });
      sandbox::Evaluation ev{w.script, resource->dump(-1, ' ', false, json::error_handler_t::replace), io::Clock::time_point::max(),
                             api, nullptr};
      ev.budget = options.evaluation_time_limit;
      ev.group = sig->metadata.id;
      ev.on_done = [&, resource, trouble, sig](sandbox::Outcome outcome) {
        if (!trouble->empty() && outcome.status != sandbox::Status::Pass) {
          std::string then = outcome.status == sandbox::Status::Fail ? "the signature then said Fail" : "the signature then failed";
          if (outcome.message) then += ": " + *outcome.message;
          outcome.status = sandbox::Status::Error;
          outcome.message = *trouble + "; " + then;
        }
        if (--remaining[sig->metadata.id] == 0) ++p.signatures_done;
        worker_peak_rss = std::max(worker_peak_rss, outcome.worker_peak_rss_bytes);
        json row = result_json(*sig, *resource, outcome, result_message(outcome, &sig->metadata));
        p.errors += outcome.status == sandbox::Status::Error;
        report.results.push_back(std::move(row));
        ++done;
        p.evaluations_done = done;
        p.api_calls = calls->stats().sent;
        if (outcome.limit != sandbox::Limit::None && options.limit_strikes > 0) on_limit(*sig, *resource, outcome.limit);
        if (progress) progress(p);
      };
      sandbox.evaluate(std::move(ev));
    }
    if (!any) break;
  }
  p.evaluations_total = submitted;
  if (progress) progress(p);
  loop.run_until([&] { return done == submitted; });

  // New, open or fixed against the previous complete scan.
  std::vector<json> previous;
  for (const auto& scan : store.scans())
    if (scan.id != report.scan_id && scan.status == "complete" && scan.stats.value("account", "") == options.account) {
      previous = store.results(scan.id);
      break;
    }
  report.fixed = mark_risks(previous, report.results);
  json requests_by_service = json::object();  // what the cloud received, the inventory's included
  for (const auto& [service, n] : client.stats().requests_by_service) {
    auto before = client_before.requests_by_service.find(service);
    std::uint64_t sent = n - (before == client_before.requests_by_service.end() ? 0 : before->second);
    if (sent) requests_by_service[service] = sent;
  }
  json skipped = json::array();
  for (const auto& [id, st] : strikes)
    if (options.limit_strikes > 0 && st.count >= options.limit_strikes)
      skipped.push_back({{"signatureId", id}, {"limitsBroken", st.count}, {"first", st.first}, {"skipped", st.skipped},
                         {"limits", st.limits}});
  report.stats = {{"account", options.account},
                  {"signatures", signatures.size()},
                  {"resources", found->resources.size()},
                  {"evaluations", submitted},
                  {"pass", report.count("Pass")},
                  {"fail", report.count("Fail")},
                  {"error", report.count("Error")},
                  {"fixed", report.fixed.size()},
                  {"apiRequestsSent", client.stats().requests - client_before.requests},
                  {"apiRequestsByService", requests_by_service},
                  {"throttledAnswers", client.stats().throttled - client_before.throttled},
                  {"errorsByCause", errors_by_cause(report.results)},
                  {"complete", report.count("Error") == 0 && found->problems.empty()},
                  {"apiCallsRequested", calls->stats().requested},
                  {"apiCallsSent", calls->stats().sent},
                  {"apiCallsSaved", calls->stats().shared},
                  {"regions", found->regions},
                  {"listingProblems", listing_problems(*found)},
                  {"skippedSignatures", skipped},
                  {"workerPeakRssBytes", worker_peak_rss},
                  {"seconds", std::chrono::duration<double>(io::Clock::now() - started).count()}};
  // One transaction for the results, then the scan is marked complete: a kill before that
  // leaves it 'running', never complete with half its results.
  store.add_results(report.scan_id, report.results);
  store.finish_scan(report.scan_id, "complete", report.stats);
  return report;
}

}  // namespace signet::engine
