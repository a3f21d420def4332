#include "server/jobs.h"

#include "cluster/cluster.h"

#include <spdlog/spdlog.h>

#include <ctime>

#include "accounts/estate_scan.h"
#include "common/strings.h"

#include "engine/recording_calls.h"
#include "engine/test_run.h"

namespace signet::server {

using nlohmann::json;

void EventStream::push(const std::string& event, const json& data) {
  std::lock_guard lock(mutex_);
  events_.push_back("event: " + event + "\ndata: " + data.dump(-1, ' ', false, json::error_handler_t::replace) + "\n\n");
  ready_.notify_all();
}

void EventStream::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  ready_.notify_all();
}

std::optional<std::string> EventStream::next(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, wait, [&] { return closed_ || !events_.empty(); });
  if (!events_.empty()) {
    std::string event = std::move(events_.front());
    events_.pop_front();
    return event;
  }
  if (closed_) return std::nullopt;
  return std::string();
}

Jobs::Jobs(store::Store& store, EngineSettings settings) : store_(store), settings_(std::move(settings)) {}

Jobs::~Jobs() {
  std::lock_guard lock(mutex_);
  for (auto& [thread, finished] : threads_) thread.join();
}

void Jobs::launch(std::function<void()> work) {
  std::lock_guard lock(mutex_);
  // Reap the threads that ended since the last launch.
  for (auto it = threads_.begin(); it != threads_.end();) {
    if (*it->second) {
      it->first.join();
      it = threads_.erase(it);
    } else {
      ++it;
    }
  }
  auto finished = std::make_shared<std::atomic<bool>>(false);
  threads_.emplace_back(std::thread([work = std::move(work), finished] {
    work();
    *finished = true;
  }),
                        finished);
}

std::shared_ptr<EventStream> Jobs::start_test(TestRequest request) {
  if (++test_runs_ > settings_.max_test_runs) {
    --test_runs_;
    return nullptr;
  }
  auto stream = std::make_shared<EventStream>();
  launch([this, stream, request = std::move(request)] {
    auto started = io::Clock::now();
    try {
      io::EventLoop loop;
      auto scope = settings_.make_scope(loop, test_target(request.account));
      auto session = scope->open_session();  // the listing's answers serve the run's apiCaller too
      stream->push("status", {{"phase", "listing"}, {"message", "Listing " + request.metadata.service + " resources"}});
      auto live = engine::live_resources(*scope, *session, request.metadata, request.regions);
      json problems = json::array();
      for (const auto& p : live.problems) problems.push_back({{"type", p.type}, {"region", p.region}, {"message", p.message}});
      json resources = json::array();
      for (const auto& r : live.resources) resources.push_back(engine::resource_summary(r));
      stream->push("resources", {{"count", live.resources.size()}, {"resources", resources}, {"listingProblems", problems}});
      sandbox::Limits limits = settings_.limits;
      sandbox::Sandbox box(loop, limits);
      engine::TestOptions options;
      options.time_limit = request.time_limit;
      // Every answer the run got, offered as a download beside its resources (signet test --record).
      auto recording = std::make_shared<engine::RecordingCalls>(session);
      auto report = engine::run_test(loop, box, request.code, "signature.js", &request.metadata, live.resources, recording, options,
                                     [&](const engine::ResourceResult& r) { stream->push("result", engine::result_json(r)); });
      if (report.syntax_error) {
        const auto& e = *report.syntax_error;
        stream->push("syntaxError", {{"message", e.message}, {"line", e.line}, {"column", e.column}, {"text", e.to_string()}});
      } else {
        stream->push("recording", {{"calls", recording->document()}, {"resources", engine::resources_document(live.resources)}});
      }
      stream->push("done", {{"counts", report.counts()},
                            {"seconds", std::chrono::duration<double>(io::Clock::now() - started).count()},
                            {"apiCalls", session->stats().sent}});
    } catch (const std::exception& e) {
      spdlog::warn("test run of a {} signature failed: {}", request.metadata.service, e.what());
      stream->push("failed", {{"message", e.what()}});
    }
    stream->close();
    --test_runs_;
  });
  return stream;
}

accounts::Target Jobs::test_target(const std::string& account) const {
  accounts::AccountRecords records(store_);
  std::optional<accounts::Account> chosen;
  if (!account.empty()) {
    chosen = records.by_name(account);
    if (!chosen) throw std::invalid_argument("no stored account named '" + account + "'");
  } else {
    for (auto& a : records.all())
      if (a.enabled) {
        chosen = a;
        break;
      }
  }
  if (!chosen) return accounts::Target{};  // the server's own credentials
  return accounts::target_of(*chosen);
}

bool Jobs::start_scan(accounts::Selection selection, engine::ScanOptions options, std::vector<std::string> default_regions,
                      unsigned concurrency, ScanDone done) {
  const std::string run_key = selection.all() ? "all" : join(selection.items, ",");
  {
    std::lock_guard lock(progress_mutex_);
    if (!runs_.insert(run_key).second) return false;  // never the same run twice at once
  }
  launch([this, run_key, selection = std::move(selection), options = std::move(options), default_regions = std::move(default_regions),
          concurrency, done = std::move(done)] {
    std::vector<engine::ScanReport> reports;
    std::vector<std::string> reserved;  // the accounts this run holds
    std::set<std::int64_t> started_ids, finished_ids;
    std::string error;
    try {
      auto stored_accounts = accounts::AccountRecords(store_).all();
      auto stored_organizations = accounts::OrganizationRecords(store_).all();
      std::vector<accounts::Target> targets;
      if (stored_accounts.empty() && stored_organizations.empty()) {
        targets.push_back(accounts::Target{});  // the server's own credentials, as one account
      } else {
        accounts::Resolved resolved = accounts::resolve(selection, stored_accounts, stored_organizations, settings_.list_members);
        targets = std::move(resolved.targets);
        for (const auto& [source, cause] : resolved.failed_sources)
          error += (error.empty() ? "" : "; ") + std::string("organization ") + source + ": its members could not be listed: " + cause;
      }
      {
        std::lock_guard lock(progress_mutex_);
        std::erase_if(targets, [&](const accounts::Target& t) {
          if (progress_.count(t.key)) {
            spdlog::info("scan run '{}': account '{}' is being scanned by another run; left out", run_key, t.key);
            return true;
          }
          return false;
        });
        for (const auto& t : targets) {
          reserved.push_back(t.key);
          progress_[t.key] = {{"account", t.key}, {"accountName", t.name}, {"accountId", t.account_id}, {"phase", "starting"},
                              {"startedAt", std::time(nullptr)}};
        }
      }
      if (!settings_.queue.empty()) {
        // Workers run it: its units go on the queue, its progress is read from the store.
        queue::Redis redis(settings_.queue);
        queue::WorkQueue work(redis);
        auto scans = cluster::start_run(store_, work, targets, options, default_regions);
        std::map<std::int64_t, std::string> account_of;
        for (std::size_t i = 0; i < scans.size(); ++i) account_of[scans[i]] = targets[i].key;
        reports = cluster::wait_for_scans(store_, work, scans, [&](std::int64_t scan, std::size_t done, std::size_t total, bool finished) {
          std::lock_guard lock(progress_mutex_);
          progress_[account_of[scan]].update({{"phase", finished ? "finished" : "running"}, {"scanId", scan}, {"units", total}, {"unitsDone", done}});
        });
      } else {
        io::EventLoop loop;
        sandbox::Sandbox box(loop, settings_.limits);
        auto work = accounts::plan_scans(targets, options, default_regions,
                                         [&](const accounts::Target& t) { return settings_.make_scope(loop, t); });
        reports = engine::run_scans(loop, box, work.accounts, store_, concurrency, [&](const engine::ScanProgress& p) {
          if (p.finished) finished_ids.insert(p.scan_id);
          else started_ids.insert(p.scan_id);
          std::lock_guard lock(progress_mutex_);
          json& progress = progress_[p.account];
          progress.update({{"phase", p.finished ? "finished" : "running"}, {"scanId", p.scan_id},
                           {"signatures", p.signatures}, {"signaturesDone", p.signatures_done},
                           {"evaluations", p.evaluations_total}, {"evaluationsDone", p.evaluations_done},
                           {"errors", p.errors}, {"apiCalls", p.api_calls}});
        });
      }
      // What each stored account turned out to be, for selections by id and the console.
      accounts::AccountRecords records(store_);
      for (const auto& r : reports)
        if (auto account = records.by_name(r.stats.value("account", "")); account && account->account_id.empty()) {
          account->account_id = r.stats.value("accountId", "");
          if (!account->account_id.empty()) records.update(*account);
        }
      for (const auto& r : reports)
        spdlog::info("scan {} of account '{}' done: {} evaluations, {} new risks, {} fixed", r.scan_id, r.stats.value("accountName", ""),
                     r.stats.value("evaluations", 0), r.stats.value("new", 0), r.stats.value("fixed", 0));
    } catch (const std::exception& e) {
      error = e.what();
      spdlog::error("scan run '{}' failed: {}", run_key, error);
      // A scan left running by the failure is marked failed, never complete with half its results.
      for (auto id : started_ids)
        if (id && !finished_ids.count(id)) store_.finish_scan(id, "failed", {{"error", error}});
    }
    // What follows a scan (notifications) is its own business: nothing it does undoes the scan.
    if (done) {
      try {
        done(reports, error);
      } catch (const std::exception& e) {
        spdlog::error("after scan run '{}': {}", run_key, e.what());
      }
    }
    std::lock_guard lock(progress_mutex_);
    for (const auto& key : reserved) progress_.erase(key);
    runs_.erase(run_key);
  });
  return true;
}

json Jobs::scan_progress() const {
  std::lock_guard lock(progress_mutex_);
  json all = json::array();
  for (const auto& [account, progress] : progress_) all.push_back(progress);
  std::sort(all.begin(), all.end(), [](const json& a, const json& b) { return a.value("startedAt", 0L) > b.value("startedAt", 0L); });
  return all;
}

bool Jobs::scan_running() const {
  std::lock_guard lock(progress_mutex_);
  return !progress_.empty() || !runs_.empty();
}

std::vector<std::optional<sandbox::ScriptError>> Jobs::check_syntax(const std::vector<std::string>& codes) {
  std::vector<std::optional<sandbox::ScriptError>> errors(codes.size());
  if (codes.empty()) return errors;
  io::EventLoop loop;
  sandbox::Limits limits = settings_.limits;
  limits.workers = 1;
  sandbox::Sandbox box(loop, limits);
  std::size_t answered = 0;
  for (std::size_t i = 0; i < codes.size(); ++i)
    box.check(sandbox::Script::make(codes[i], "signature.js"), [&, i](std::optional<sandbox::ScriptError> e) {
      errors[i] = std::move(e);
      ++answered;
    });
  loop.run_until([&] { return answered == codes.size(); });
  return errors;
}

}  // namespace signet::server
