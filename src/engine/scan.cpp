#include "engine/scan.h"

#include <map>

#include "common/strings.h"
#include "engine/resource.h"
#include "engine/test_run.h"
#include "inventory/inventory.h"
#include "mutelist/mutelist.h"

namespace signet::engine {

using nlohmann::json;

std::size_t ScanReport::count(const std::string& status) const { return stats.value(to_lower(status), std::size_t{0}); }

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
          {"provider", resource.value("provider", s.metadata.provider)},
          {"accountId", resource["accountId"]},
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
  return {{"signatureId", s.metadata.id}, {"provider", s.metadata.provider}, {"accountId", nullptr},
          {"description", s.metadata.description}, {"riskLevel", s.metadata.risk_level},
          {"service", s.metadata.service}, {"region", ""}, {"vpc", nullptr}, {"resourceId", ""}, {"resourceName", ""},
          {"resourceArn", nullptr}, {"resourceKey", ""}, {"status", "Error"}, {"message", message}, {"durationMs", 0},
          {"console", json::array()}, {"remediationSteps", s.metadata.remediation_steps}, {"compliance", s.metadata.compliance}};
}

// Why an evaluation ended in Error: what makes a scan incomplete, by cause.
std::string error_cause(const std::string& message) {
  static const std::vector<std::pair<std::string, std::string>> causes = {
      {"throttled: ", "throttled"}, {"refused: ", "refused"}, {"skipped: ", "skipped"},
      {"time limit exceeded", "time limit"}, {"out of memory", "memory limit"}};
  for (const auto& [prefix, name] : causes)
    if (message.rfind(prefix, 0) == 0) return name;
  return "signature error";
}

// Results are written in batches of this many, or after this long, whichever comes first;
// a scan with nothing to write still gives a sign of life this often.
constexpr std::size_t kBatchSize = 500;
constexpr auto kFlushEvery = std::chrono::seconds(5);

json listing_problems(const inventory::Inventory& found) {
  json problems = json::array();
  for (const auto& p : found.problems)
    problems.push_back({{"service", p.service}, {"type", p.type}, {"region", p.region}, {"message", p.message}});
  return problems;
}

}  // namespace

namespace {

// The error row for an account that could not be scanned at all.
json account_error(const ScanOptions& o, const std::string& provider, const std::string& message) {
  return {{"signatureId", ""}, {"provider", provider}, {"accountId", o.account_id.empty() ? json() : json(o.account_id)},
          {"description", "The account could be scanned"}, {"riskLevel", "High"}, {"service", ""}, {"region", ""},
          {"vpc", nullptr}, {"resourceId", ""}, {"resourceName", ""}, {"resourceArn", nullptr}, {"resourceKey", "account"},
          {"status", "Error"}, {"message", message}, {"durationMs", 0}, {"console", json::array()},
          {"remediationSteps", "Check the account's access with `signet accounts test`."}, {"compliance", json::array()}};
}

// One account's scan, driven by the loop's callbacks: who the credentials are, then the
// inventory, then every signature over its resources; `finished` runs once the results
// are in the store.
class AccountScan {
 public:
  AccountScan(sandbox::Sandbox& sandbox, provider::Scope& scope, store::Store& store, ScanOptions options, ProgressFn progress,
              std::function<void()> finished)
      : sandbox_(sandbox), scope_(scope), store_(store), options_(std::move(options)), progress_(std::move(progress)),
        finished_(std::move(finished)) {
    if (options_.account_name.empty()) options_.account_name = options_.account;
    p_.account = options_.account;
    p_.account_name = options_.account_name;
  }

  ScanReport report;

  void start() {
    started_ = io::Clock::now();
    client_before_ = scope_.stats();
    session_ = scope_.open_session();
    if (options_.rate_caps.per_account > 0 || options_.rate_caps.per_account_service > 0) scope_.set_rate_caps(options_.rate_caps);
    choose_signatures();
    mutes_.emplace(mutelist::MuteRules(store_).all(), std::chrono::system_clock::now());
    if (unit_mode()) {
      report.scan_id = options_.scan_id;  // begun by whoever planned the units
    } else {
      report.scan_id = store_.begin_scan({options_.account, options_.account_id, options_.account_name, scope_.provider(), options_.run});
      schedule_flush();
    }
    p_.scan_id = report.scan_id;
    if (progress_) progress_(p_);
    session_->identify(options_.regions, [this](provider::Identity who) { on_identity(std::move(who)); });
  }

 private:
  void choose_signatures() {
    const auto& catalog = scope_.catalog();
    signatures_ = chosen_signatures(store_, options_);
    // Another provider's signatures do not run here; one asked for by id says why not.
    std::erase_if(signatures_, [&](const store::StoredSignature& s) {
      if (to_lower(s.metadata.provider) == scope_.provider()) return false;
      if (options_.signature_ids.count(s.metadata.id))
        record(signature_error(s, "signature " + s.metadata.id + " is for " + s.metadata.provider + "; this account is of " + scope_.provider()));
      return true;
    });
    p_.signatures = signatures_.size();
    inventory_options_.regions = options_.regions;
    for (const auto& s : signatures_) {
      const auto* type = catalog.find(s.metadata.service, s.metadata.resource_type);
      if (!type) {
        record(signature_error(s, "the catalog has no resource type '" + s.metadata.resource_type + "' for service " + s.metadata.service));
        continue;
      }
      type_of_[s.metadata.id] = type;
      auto& types = inventory_options_.types;
      if (std::find(types.begin(), types.end(), type) == types.end()) types.push_back(type);
    }
  }

  void on_identity(const provider::Identity& who) {
    if (!who.unreachable.empty()) return give_up("cannot reach the account: " + who.unreachable);
    std::string id = who.scope_id.empty() ? options_.account_id : who.scope_id;  // unknown: as expected
    if (!options_.account_id.empty() && id != options_.account_id)
      return give_up("the credentials reach account " + id + " (" + who.principal + "), not " + options_.account_id);
    options_.account_id = id;
    if (inventory_options_.types.empty()) return on_inventory(inventory::Inventory{});
    session_->discover(inventory_options_, [this](inventory::Inventory i) { on_inventory(std::move(i)); });
  }

  void on_inventory(inventory::Inventory found) {
    found_ = std::move(found);
    if (found_.resources.empty() && !found_.problems.empty() &&
        std::all_of(found_.problems.begin(), found_.problems.end(), [this](const auto& p) { return scope_.refused_access(p.message); }))
      return give_up("every listing was refused (" + std::to_string(found_.problems.size()) + ", e.g. " + found_.problems.front().service +
                     " " + found_.problems.front().type + " in " + found_.problems.front().region + ": " + found_.problems.front().message + ")");
    for (const auto& r : found_.resources)
      resources_by_type_[r["service"].get<std::string>() + "/" + r["type"].get<std::string>()].push_back(&r);
    evaluate_all();
  }

  // Every signature over its resources, all through one apiCaller cache. Submitted in
  // turns (one resource of each signature, then the next), so that no signature fills the
  // workers' queues on its own and a runaway one is caught before most of its work started.
  void evaluate_all() {
    struct Work {
      const store::StoredSignature* signature;
      std::shared_ptr<const sandbox::Script> script;
      const std::vector<const json*>* resources;
    };
    std::vector<Work> work;
    for (const auto& s : signatures_)
      if (auto it = type_of_.find(s.metadata.id); it != type_of_.end()) {
        auto& resources = resources_by_type_[it->second->service() + "/" + it->second->type()];
        remaining_[s.metadata.id] = resources.size();
        work.push_back({&s, sandbox::Script::make(s.code, s.metadata.id + ".js"), &resources});
      }
    for (const auto& [id, n] : remaining_) p_.signatures_done += n == 0;
    submitting_ = true;
    for (std::size_t turn = 0;; ++turn) {
      bool any = false;
      for (const Work& w : work) {
        if (turn >= w.resources->size()) continue;
        any = true;
        submit(*w.signature, w.script, *(*w.resources)[turn]);
      }
      if (!any) break;
    }
    submitting_ = false;
    p_.evaluations_total = submitted_;
    if (progress_) progress_(p_);
    if (done_ == submitted_) finish("complete");
  }

  std::string group_of(const store::StoredSignature& sig) const { return std::to_string(report.scan_id) + "/" + sig.metadata.id; }

  void submit(const store::StoredSignature& sig, const std::shared_ptr<const sandbox::Script>& script, const json& resource) {
    ++submitted_;
    // The first call the cloud throttled past patience or refused: the verdict that
    // follows cannot be trusted, so a Fail or an Error says that first.
    auto trouble = std::make_shared<std::string>();
    auto api = make_api_handler(session_, resource["region"], [trouble](const std::string& t) {
      if (trouble->empty()) *trouble = t;
    });
    sandbox::Evaluation ev{script, resource.dump(-1, ' ', false, json::error_handler_t::replace), io::Clock::time_point::max(), api, nullptr};
    ev.budget = options_.evaluation_time_limit;
    ev.group = group_of(sig);
    const store::StoredSignature* s = &sig;
    const json* r = &resource;
    ev.on_done = [this, s, r, trouble](sandbox::Outcome outcome) { on_result(*s, *r, *trouble, std::move(outcome)); };
    sandbox_.evaluate(std::move(ev));
  }

  void on_result(const store::StoredSignature& sig, const json& resource, const std::string& trouble, sandbox::Outcome outcome) {
    if (!trouble.empty() && outcome.status != sandbox::Status::Pass) {
      std::string then = outcome.status == sandbox::Status::Fail ? "the signature then said Fail" : "the signature then failed";
      if (outcome.message) then += ": " + *outcome.message;
      outcome.status = sandbox::Status::Error;
      outcome.message = trouble + "; " + then;
    }
    if (--remaining_[sig.metadata.id] == 0) ++p_.signatures_done;
    worker_peak_rss_ = std::max(worker_peak_rss_, outcome.worker_peak_rss_bytes);
    json row;
    try {
      row = result_json(sig, resource, outcome, result_message(outcome, &sig.metadata));
      if (outcome.status == sandbox::Status::Fail) mute_if_accepted(row, resource);
    } catch (const std::exception& e) {
      // Never lose an evaluation's end (the scan would wait for it): it is an Error saying why.
      outcome.status = sandbox::Status::Error;
      row = signature_error(sig, std::string("internal error recording the result for ") + resource.dump(-1, ' ', false, json::error_handler_t::replace).substr(0, 200) + ": " + e.what());
    }
    p_.errors += outcome.status == sandbox::Status::Error;
    record(std::move(row));
    p_.evaluations_done = ++done_;
    p_.api_calls = session_->stats().sent;
    if (outcome.limit != sandbox::Limit::None && options_.limit_strikes > 0) on_limit(sig, resource, outcome.limit);
    if (progress_) progress_(p_);
    if (!submitting_ && done_ == submitted_ && !finishing_) finish("complete");
  }

  // A Fail a mutelist rule accepts becomes Muted: kept with the rule, not a risk.
  void mute_if_accepted(json& row, const json& resource) {
    // Fields a listing may leave null (an account id unknown, a resource without ARN) read as "".
    auto text = [&](const char* key, const std::string& otherwise = "") {
      return resource.contains(key) && resource[key].is_string() ? resource[key].get<std::string>() : otherwise;
    };
    mutelist::Subject subject{text("accountId", options_.account_id), options_.account_name, text("region"), sig_id(row), text("id"),
                              text("name"), text("arn"), {}};
    if (resource.contains("tags") && resource["tags"].is_object())
      for (const auto& [k, v] : resource["tags"].items())
        if (v.is_string()) subject.tags[k] = v;
    const mutelist::Rule* rule = mutes_->match(subject);
    if (!rule) return;
    row["status"] = "Muted";
    row["mutedBy"] = {{"ruleId", rule->id}, {"reason", rule->reason}, {"author", rule->author}, {"expires", rule->expires}};
    ++muted_by_rule_[rule->id];
  }
  static std::string sig_id(const json& row) { return row.value("signatureId", ""); }

  struct Strikes {
    unsigned count = 0;
    std::string first;             // the first resource it broke a limit on
    std::set<std::string> limits;  // "time", "memory"
    std::size_t skipped = 0;
  };

  void on_limit(const store::StoredSignature& sig, const json& resource, sandbox::Limit limit) {
    Strikes& st = strikes_[sig.metadata.id];
    if (st.count == 0) st.first = resource.value("name", resource.value("id", ""));
    st.limits.insert(limit == sandbox::Limit::Time ? "time" : "memory");
    if (++st.count != options_.limit_strikes) return;
    std::string which = st.limits.size() == 2 ? "time and memory limits" : *st.limits.begin() + " limit";
    // Re-enters on_result for each cancelled evaluation before it returns. Every evaluation
    // was submitted before any could finish, so this reaches all that have not started.
    st.skipped = sandbox_.cancel(group_of(sig), "skipped: the signature exceeded its " + which + " on " + std::to_string(st.count) +
                                                    " resources (first: " + st.first + ")");
  }

  // The account could not be scanned: one Error row says why; the scan is kept as failed
  // (never the baseline new and fixed are counted against).
  void give_up(const std::string& cause) {
    std::string who = options_.account_name.empty() ? "the default account" : "account " + options_.account_name;
    if (!options_.account_id.empty() && options_.account_id != options_.account_name) who += " (" + options_.account_id + ")";
    unreachable_ = who + ": " + cause;
    // What was noted before (signatures without a resource type) gives way to the one row
    // that says why nothing could be scanned; nothing was written yet.
    pending_.clear();
    tally_ = Tally{};
    // Of a scan run by many workers, one unit says so; the others only fail.
    if (!unit_mode() || options_.reports_account) record(account_error(options_, scope_.provider(), unreachable_));
    p_.errors = 1;
    finish("failed");
  }

  // A unit of a scan run by many workers keeps its results until it is complete.
  bool unit_mode() const { return options_.scan_id != 0; }

  // A result is counted, then written with the next batch (a unit's: with the unit).
  void record(json row) {
    if (row["accountId"].is_null() && !options_.account_id.empty()) row["accountId"] = options_.account_id;
    row["accountName"] = options_.account_name;
    tally_.add(row);
    pending_.push_back(std::move(row));
    if (pending_.size() >= kBatchSize && !unit_mode()) flush();
  }

  // Writes what is pending (a sign of life even when nothing is), in one transaction.
  void flush() {
    if (unit_mode()) return;
    if (pending_.empty()) {
      store_.touch_scan(report.scan_id);
      return;
    }
    std::vector<json> batch;
    batch.swap(pending_);
    store_.add_results(report.scan_id, batch);
  }

  void schedule_flush() {
    flush_timer_ = scope_.loop().add_timer(io::Clock::now() + kFlushEvery, [this] {
      flush_timer_ = 0;
      flush();
      schedule_flush();
    });
  }

  // Counts kept as results pass, so the summary needs no second look at them.
  struct Tally {
    std::map<std::string, std::size_t> by_status;
    json fail_by_level = {{"High", 0}, {"Medium", 0}, {"Low", 0}};
    json errors_by_cause = json::object();
    void add(const json& row) {
      const std::string status = row.value("status", "");
      ++by_status[status];
      if (status == "Fail" && fail_by_level.contains(row.value("riskLevel", "")))
        fail_by_level[row["riskLevel"].get<std::string>()] = fail_by_level[row["riskLevel"].get<std::string>()].get<int>() + 1;
      if (status == "Error") {
        std::string cause = error_cause(row.value("message", ""));
        errors_by_cause[cause] = errors_by_cause.value(cause, 0) + 1;
      }
    }
    std::size_t count(const std::string& status) const {
      auto it = by_status.find(status);
      return it == by_status.end() ? 0 : it->second;
    }
  };

  void finish(const std::string& status) {
    finishing_ = true;
    if (flush_timer_) scope_.loop().cancel_timer(flush_timer_);
    flush_timer_ = 0;
    flush();
    if (!options_.account_id.empty()) store_.set_scan_account_id(report.scan_id, options_.account_id);
    // New, open or fixed against the previous complete scan of the account, settled in the
    // store once; a failed scan is never a baseline and marks nothing. A unit marks none:
    // the worker that finishes the scan's last unit does, for the whole scan.
    store::RiskMarks marks;
    if (status == "complete" && !unit_mode())
      marks = store_.mark_risks(report.scan_id, store_.previous_complete_scan(options_.account, report.scan_id));
    const cloud::ClientStats& now = scope_.stats();
    const provider::SessionStats calls = session_ ? session_->stats() : provider::SessionStats{};
    auto difference = [](const std::map<std::string, std::uint64_t>& after, const std::map<std::string, std::uint64_t>& before) {
      json out = json::object();
      for (const auto& [key, n] : after) {
        auto it = before.find(key);
        std::uint64_t sent = n - (it == before.end() ? 0 : it->second);
        if (sent) out[key] = sent;
      }
      return out;
    };
    json skipped = json::array();
    for (const auto& [id, st] : strikes_)
      if (options_.limit_strikes > 0 && st.count >= options_.limit_strikes)
        skipped.push_back({{"signatureId", id}, {"limitsBroken", st.count}, {"first", st.first}, {"skipped", st.skipped},
                           {"limits", st.limits}});
    report.stats = {{"account", options_.account},
                    {"failByLevel", tally_.fail_by_level},  // for trends without reading every result
                    {"accountName", options_.account_name},
                    {"accountId", options_.account_id},
                    {"organization", options_.organization},
                    {"run", options_.run},
                    {"unreachable", unreachable_.empty() ? json() : json(unreachable_)},  // why the account could not be scanned
                    {"signatures", signatures_.size()},
                    {"resources", found_.resources.size()},
                    {"evaluations", submitted_},
                    {"pass", tally_.count("Pass")},
                    {"fail", tally_.count("Fail")},
                    {"error", tally_.count("Error")},
                    {"new", marks.fresh},
                    {"open", marks.open},
                    {"fixed", marks.fixed},
                    {"apiRequestsSent", now.requests - client_before_.requests},
                    {"apiRequestsByService", difference(now.requests_by_service, client_before_.requests_by_service)},
                    {"apiRequestsByOperation", difference(now.requests_by_operation, client_before_.requests_by_operation)},
                    {"throttledAnswers", now.throttled - client_before_.throttled},
                    {"errorsByCause", tally_.errors_by_cause},
                    {"complete", status == "complete" && tally_.count("Error") == 0 && found_.problems.empty()},
                    {"apiCallsRequested", calls.requested},
                    {"apiCallsSent", calls.sent},
                    {"apiCallsSaved", calls.shared},
                    {"regions", found_.regions},
                    {"listingProblems", listing_problems(found_)},
                    {"skippedSignatures", skipped},
                    {"workerPeakRssBytes", worker_peak_rss_},
                    {"seconds", std::chrono::duration<double>(io::Clock::now() - started_).count()}};
    json muted_by_rule = json::object();
    std::vector<std::int64_t> matched;
    for (const auto& [id, n] : muted_by_rule_) {
      muted_by_rule[std::to_string(id)] = n;
      matched.push_back(id);
    }
    json expired_rules = json::array();
    if (mutes_)
      for (const auto& rule : mutes_->rules())
        if (mutelist::expired(rule, std::chrono::system_clock::now())) expired_rules.push_back({{"ruleId", rule.id}, {"expires", rule.expires}, {"reason", rule.reason}});
    report.stats["muted"] = tally_.count("Muted");
    report.stats["mutedByRule"] = muted_by_rule;
    report.stats["expiredMuteRules"] = expired_rules;  // they no longer mute: what they matched is a risk again
    if (!matched.empty()) mutelist::MuteRules(store_).record_matches(matched, std::chrono::system_clock::now());
    if (unit_mode()) {
      // The unit's results and stats, and the unit done, at once: a unit run twice is written once.
      // Which signatures ran, so that the scan counts each once over its regions' units.
      json ids = json::array();
      for (const auto& s : signatures_) ids.push_back(s.metadata.id);
      report.stats["signatureIds"] = ids;
      report.unit_done = store_.complete_unit(report.scan_id, options_.unit, pending_, report.stats);
      pending_.clear();
    } else {
      // The results are all in the store; only now is the scan marked done: a kill before
      // this leaves it running (then interrupted), never complete with rows missing.
      store_.finish_scan(report.scan_id, status, report.stats);
    }
    p_.finished = true;
    if (progress_) progress_(p_);
    if (finished_) finished_();
  }

  sandbox::Sandbox& sandbox_;
  provider::Scope& scope_;
  store::Store& store_;
  ScanOptions options_;
  ProgressFn progress_;
  std::function<void()> finished_;
  std::shared_ptr<provider::Session> session_;  // one for the whole scan: the inventory's answers serve the signatures too
  ScanProgress p_;
  io::Clock::time_point started_;
  cloud::ClientStats client_before_;  // the scan's requests are the difference
  std::vector<store::StoredSignature> signatures_;
  std::map<std::string, const inventory::ResourceType*> type_of_;  // by signature id
  inventory::InventoryOptions inventory_options_;
  inventory::Inventory found_;
  std::map<std::string, std::vector<const json*>> resources_by_type_;
  std::map<std::string, std::size_t> remaining_;  // evaluations left per signature
  std::map<std::string, Strikes> strikes_;        // by signature id
  std::size_t submitted_ = 0, done_ = 0;
  std::size_t worker_peak_rss_ = 0;  // the largest a sandbox worker grew, as the workers say
  bool submitting_ = false, finishing_ = false;
  std::string unreachable_;
  std::optional<mutelist::Mutelist> mutes_;            // the stored rules, as the scan started
  std::vector<json> pending_;  // results not yet written
  Tally tally_;
  io::EventLoop::TimerId flush_timer_ = 0;
  std::map<std::int64_t, std::size_t> muted_by_rule_;  // rule id -> results it muted
};

}  // namespace

std::vector<store::StoredSignature> chosen_signatures(const store::Store& store, const ScanOptions& options) {
  std::vector<store::StoredSignature> chosen;
  for (auto& s : store.signatures()) {
    if (!options.signature_ids.empty() ? !options.signature_ids.count(s.metadata.id) : !s.metadata.enabled) continue;
    if (level_rank(s.metadata.risk_level) < level_rank(options.min_level)) continue;
    if (!options.services.empty()) {
      bool wanted = false;
      for (const auto& svc : options.services) wanted |= to_lower(svc) == to_lower(s.metadata.service);
      if (!wanted) continue;
    }
    chosen.push_back(std::move(s));
  }
  return chosen;
}

json merge_stats(const std::vector<json>& parts, const ScanOptions& who) {
  json out = {{"account", who.account}, {"accountName", who.account_name.empty() ? who.account : who.account_name},
              {"accountId", who.account_id}, {"organization", who.organization}, {"run", who.run}, {"unreachable", nullptr},
              {"failByLevel", {{"High", 0}, {"Medium", 0}, {"Low", 0}}}, {"complete", true}, {"units", parts.size()}};
  auto add_counts = [](json& into, const json& from) {
    for (const auto& [key, n] : from.items())
      if (n.is_number()) into[key] = into.value(key, std::uint64_t{0}) + n.get<std::uint64_t>();
  };
  std::set<std::string> regions, signature_ids;
  bool units_name_signatures = false;
  for (const auto& p : parts) {
    for (const auto& id : p.value("signatureIds", json::array()))
      if (id.is_string()) signature_ids.insert(id.get<std::string>());
    units_name_signatures = units_name_signatures || p.contains("signatureIds");
    for (const char* key : {"signatures", "resources", "evaluations", "pass", "fail", "error", "muted", "apiRequestsSent",
                            "throttledAnswers", "apiCallsRequested", "apiCallsSent", "apiCallsSaved"})
      out[key] = out.value(key, std::uint64_t{0}) + p.value(key, std::uint64_t{0});
    for (const char* key : {"failByLevel", "apiRequestsByService", "apiRequestsByOperation", "errorsByCause", "mutedByRule"}) {
      if (!out.contains(key)) out[key] = json::object();
      add_counts(out[key], p.value(key, json::object()));
    }
    for (const char* key : {"listingProblems", "skippedSignatures", "expiredMuteRules"}) {
      if (!out.contains(key)) out[key] = json::array();
      for (const auto& item : p.value(key, json::array()))
        if (std::find(out[key].begin(), out[key].end(), item) == out[key].end()) out[key].push_back(item);
    }
    for (const auto& r : p.value("regions", json::array()))
      if (r.is_string()) regions.insert(r.get<std::string>());
    out["complete"] = out["complete"].get<bool>() && p.value("complete", false);
    out["workerPeakRssBytes"] = std::max(out.value("workerPeakRssBytes", std::uint64_t{0}), p.value("workerPeakRssBytes", std::uint64_t{0}));
    if (p.value("unreachable", json()).is_string() && out["unreachable"].is_null()) out["unreachable"] = p["unreachable"];
    if (out["accountId"] == "" && p.value("accountId", "") != "") out["accountId"] = p["accountId"];
  }
  out["regions"] = regions;
  // A signature runs in one unit per region: counted once.
  if (units_name_signatures) out["signatures"] = signature_ids.size();
  return out;
}

std::vector<ScanReport> run_scans(io::EventLoop& loop, sandbox::Sandbox& sandbox, const std::vector<AccountToScan>& accounts,
                                  store::Store& store, unsigned concurrency, const ProgressFn& progress) {
  std::vector<std::unique_ptr<AccountScan>> scans;
  std::size_t next = 0, finished = 0;
  std::function<void()> start_next = [&] {
    if (next >= accounts.size()) return;
    AccountScan& scan = *scans[next++];
    // Started from the loop, never from inside another scan's callback.
    loop.post([&scan] { scan.start(); });
  };
  for (const auto& a : accounts) {
    if (!a.scope) throw std::invalid_argument("run_scans: account '" + a.options.account + "' has no scope");
    scans.push_back(std::make_unique<AccountScan>(sandbox, *a.scope, store, a.options, progress, [&] {
      ++finished;
      start_next();
    }));
  }
  for (unsigned i = 0; i < std::max(1u, concurrency); ++i) start_next();
  loop.run_until([&] { return finished == accounts.size(); });
  std::vector<ScanReport> reports;
  for (auto& s : scans) reports.push_back(std::move(s->report));
  return reports;
}

ScanReport run_scan(io::EventLoop& loop, sandbox::Sandbox& sandbox, provider::Scope& scope, store::Store& store,
                    const ScanOptions& options, const ProgressFn& progress) {
  return std::move(run_scans(loop, sandbox, {AccountToScan{options, &scope}}, store, 1, progress).front());
}

ScanReport combine(const std::vector<ScanReport>& reports) {
  if (reports.size() == 1) return reports.front();
  ScanReport all;
  json accounts = json::array();
  json totals = json::object();  // summed over the accounts
  bool complete = true;
  for (const auto& r : reports) {
    json account = r.stats;
    account["scanId"] = r.scan_id;
    accounts.push_back(account);
    complete = complete && r.stats.value("complete", false);
    for (const char* key : {"resources", "evaluations", "pass", "fail", "error", "muted", "new", "open", "fixed", "apiRequestsSent", "throttledAnswers"})
      totals[key] = totals.value(key, std::uint64_t{0}) + r.stats.value(key, std::uint64_t{0});
    totals["signatures"] = std::max(totals.value("signatures", std::uint64_t{0}), r.stats.value("signatures", std::uint64_t{0}));
    const json levels = r.stats.value("failByLevel", json::object());
    json& by_level = totals["failByLevel"];
    if (!by_level.is_object()) by_level = json::object();
    for (const auto& [level, n] : levels.items()) by_level[level] = by_level.value(level, 0) + n.get<int>();
  }
  all.scan_id = reports.empty() ? 0 : reports.front().scan_id;
  all.stats = totals;
  all.stats["complete"] = complete;
  all.stats["accounts"] = accounts;
  all.stats["listingProblems"] = json::array();
  for (const auto& r : reports)
    for (const auto& p : r.stats.value("listingProblems", json::array())) all.stats["listingProblems"].push_back(p);
  return all;
}

}  // namespace signet::engine
