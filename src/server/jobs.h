#pragma once
// The engine work the server starts: Test runs of unsaved code (results streamed as they
// arrive), scans (one at a time, progress visible), and syntax checks on Save. Each job runs
// on its own thread with its own event loop, sandbox and AWS client, so a slow account or a
// hostile signature in one never stalls the HTTP threads or another job.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "accounts/connector.h"
#include "engine/scan.h"
#include "sandbox/sandbox.h"
#include "signature/metadata.h"
#include "store/store.h"

namespace signet::server {

struct EngineSettings {
  // Makes the scope a job uses for one account: the server's endpoint and rate
  // limits, with the target's credentials (an empty target: the server's own).
  std::function<std::unique_ptr<provider::Scope>(io::EventLoop&, const accounts::Target&)> make_scope;
  // Lists an organization's members (AWS Organizations through its management access).
  accounts::MemberLister list_members;
  // Who a stored account's credentials are, and which listings it refuses.
  std::function<accounts::AccessReport(const accounts::Target&)> test_access;
  sandbox::Limits limits;
  unsigned max_test_runs = 2;  // at once; more are refused as busy
  // redis://...: scans go to `signet worker` processes through this queue (they share the
  // store and tell the channels); empty: scans run here.
  std::string queue;
};

// Server-sent events from a job to the one HTTP response that streams them.
class EventStream {
 public:
  void push(const std::string& event, const nlohmann::json& data);
  void close();
  // The next event as SSE text; nullopt once closed and drained, "" when `wait` passed.
  std::optional<std::string> next(std::chrono::milliseconds wait);
  bool abandoned() const { return abandoned_; }
  void abandon() { abandoned_ = true; }  // the reader went away

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::string> events_;
  bool closed_ = false;
  std::atomic<bool> abandoned_{false};
};

struct TestRequest {
  std::string account;  // a stored account's name; "": the first enabled one, else the server's own credentials
  signature::Metadata metadata;
  std::string code;
  std::vector<std::string> regions;  // empty: every enabled region
  std::chrono::milliseconds time_limit{60000};
};

class Jobs {
 public:
  Jobs(store::Store& store, EngineSettings settings);
  ~Jobs();  // waits for running jobs

  // Starts a Test run whose events (resources, result, syntaxError, failed, done) go to the
  // returned stream; nullptr when max_test_runs already run.
  std::shared_ptr<EventStream> start_test(TestRequest request);

  // Starts a scan of the accounts `selection` names (stored accounts and organization
  // members; with none stored, the server's own credentials), `concurrency` at a time,
  // each with `options` (services, limits; regions: those, else the account's own, else
  // `default_regions`). False when a scan of the same
  // selection is running; an account already being scanned by another run is left out.
  // `done` runs on the scan's thread when it ends: one report per account scanned, and
  // what went wrong around them (organizations that could not be listed, a failure).
  using ScanDone = std::function<void(const std::vector<engine::ScanReport>& reports, const std::string& error)>;
  bool start_scan(accounts::Selection selection, engine::ScanOptions options, std::vector<std::string> default_regions,
                  unsigned concurrency, ScanDone done = {});
  // The running scans' progress (one object per account), newest first.
  nlohmann::json scan_progress() const;
  bool scan_running() const;

  // Compiles each code in one sandbox: its syntax error, if any (Save and import refuse it).
  std::vector<std::optional<sandbox::ScriptError>> check_syntax(const std::vector<std::string>& codes);

 private:
  void launch(std::function<void()> work);
  accounts::Target test_target(const std::string& account) const;

  store::Store& store_;
  EngineSettings settings_;
  std::mutex mutex_;
  std::list<std::pair<std::thread, std::shared_ptr<std::atomic<bool>>>> threads_;  // thread, finished
  std::atomic<unsigned> test_runs_{0};
  mutable std::mutex progress_mutex_;
  std::map<std::string, nlohmann::json> progress_;  // account -> its running scan's progress
  std::set<std::string> runs_;                      // the selections being scanned
};

}  // namespace signet::server
