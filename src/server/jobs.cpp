#include "server/jobs.h"

#include <spdlog/spdlog.h>

#include <ctime>

#include "engine/live_calls.h"
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
      auto client = settings_.make_client(loop, "");
      stream->push("status", {{"phase", "listing"}, {"message", "Listing " + request.metadata.service + " resources"}});
      auto live = engine::live_resources(loop, *client, request.metadata, request.regions);
      json problems = json::array();
      for (const auto& p : live.problems) problems.push_back({{"type", p.type}, {"region", p.region}, {"message", p.message}});
      json resources = json::array();
      for (const auto& r : live.resources) resources.push_back(engine::resource_summary(r));
      stream->push("resources", {{"count", live.resources.size()}, {"resources", resources}, {"listingProblems", problems}});
      sandbox::Limits limits = settings_.limits;
      sandbox::Sandbox box(loop, limits);
      engine::TestOptions options;
      options.time_limit = request.time_limit;
      auto calls = std::make_shared<engine::LiveCalls>(*client);
      auto report = engine::run_test(loop, box, request.code, "signature.js", &request.metadata, live.resources, calls, options,
                                     [&](const engine::ResourceResult& r) { stream->push("result", engine::result_json(r)); });
      if (report.syntax_error) {
        const auto& e = *report.syntax_error;
        stream->push("syntaxError", {{"message", e.message}, {"line", e.line}, {"column", e.column}, {"text", e.to_string()}});
      }
      stream->push("done", {{"counts", report.counts()},
                            {"seconds", std::chrono::duration<double>(io::Clock::now() - started).count()},
                            {"apiCalls", calls->stats().sent}});
    } catch (const std::exception& e) {
      spdlog::warn("test run of a {} signature failed: {}", request.metadata.service, e.what());
      stream->push("failed", {{"message", e.what()}});
    }
    stream->close();
    --test_runs_;
  });
  return stream;
}

bool Jobs::start_scan(engine::ScanOptions options, ScanDone done) {
  {
    std::lock_guard lock(progress_mutex_);
    if (progress_.count(options.account)) return false;  // never two scans of one account at once
    progress_[options.account] = {{"account", options.account}, {"phase", "starting"}, {"startedAt", std::time(nullptr)}};
  }
  launch([this, options = std::move(options), done = std::move(done)] {
    std::int64_t scan_id = 0;
    std::optional<engine::ScanReport> report;
    std::string error;
    try {
      io::EventLoop loop;
      auto client = settings_.make_client(loop, options.account);
      sandbox::Sandbox box(loop, settings_.limits);
      report = engine::run_scan(loop, box, *client, store_, options, [&](const engine::ScanProgress& p) {
        scan_id = p.scan_id;
        std::lock_guard lock(progress_mutex_);
        json& progress = progress_[options.account];
        progress.update({{"phase", "running"},           {"scanId", p.scan_id},
                         {"signatures", p.signatures},   {"signaturesDone", p.signatures_done},
                         {"evaluations", p.evaluations_total}, {"evaluationsDone", p.evaluations_done},
                         {"errors", p.errors},           {"apiCalls", p.api_calls}});
      });
      spdlog::info("scan {} of account '{}' complete: {} results, {} fixed", report->scan_id, options.account, report->results.size(),
                   report->fixed.size());
    } catch (const std::exception& e) {
      error = e.what();
      spdlog::error("scan {} of account '{}' failed: {}", scan_id, options.account, error);
      if (scan_id) store_.finish_scan(scan_id, "failed", {{"account", options.account}, {"error", error}});
    }
    // What follows a scan (notifications) is its own business: nothing it does undoes the scan.
    if (done) {
      try {
        done(report ? &*report : nullptr, error);
      } catch (const std::exception& e) {
        spdlog::error("after scan {}: {}", scan_id, e.what());
      }
    }
    std::lock_guard lock(progress_mutex_);
    progress_.erase(options.account);
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
  return !progress_.empty();
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
