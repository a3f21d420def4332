#pragma once
// Scans run by many workers: a run is split into work units (account x region x a batch of
// signatures and the resource types they need), kept in the store and handed out on the
// Redis work queue; any `signet worker` runs a unit and writes its results with it in one
// transaction; whoever finishes a scan's last unit finishes the scan (marks its risks,
// sums its stats) and tells the channels, once.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "engine/scan.h"
#include "queue/work_queue.h"
#include "sandbox/sandbox.h"
#include "store/store.h"

namespace signet::cluster {

// One unit of work, as it travels on the queue and is kept in the store.
struct Unit {
  std::int64_t scan_id = 0;
  std::string key;                      // unique in its scan
  accounts::Target target;              // how to reach the account
  std::vector<std::string> regions;     // one region, or none: every region enabled for the account
  std::vector<std::string> signatures;  // signature ids
  bool reports_account = false;         // the unit that says so when the account cannot be reached
  engine::ScanOptions options;          // time limit, strikes, rate caps, run, min level
  nlohmann::json to_json() const;
  // Throws std::invalid_argument naming what is wrong (a unit is input from the network).
  static Unit from_json(const nlohmann::json& j);
};

// Splits one account's scan: a unit per region (when the regions are known) and per batch
// of at most `batch` signatures, signatures of one resource type kept together so each
// type is listed once per region; global types (IAM, ...) in the first region's units only.
std::vector<Unit> plan_units(std::int64_t scan_id, const accounts::Target& target, const std::vector<store::StoredSignature>& signatures,
                             const engine::ScanOptions& options, std::size_t batch = 40);

// Starts a run on the queue: a scan per target (its units in the store, then on the queue),
// each target's options as a local run gives them (accounts::options_for). The signatures
// are chosen as a local scan chooses them (enabled, options' ids, services, min level).
// Returns the scans' ids, in the targets' order.
std::vector<std::int64_t> start_run(store::Store& store, queue::WorkQueue& queue, const std::vector<accounts::Target>& targets,
                                    const engine::ScanOptions& run, const std::vector<std::string>& default_regions, std::size_t batch = 40);

// Finishes `scan` if all its units are done and this process is first to claim it: the
// units' stats summed, risks marked new/open/fixed, the scan complete (or failed when the
// account could not be reached). The report of the scan this process finished, else nothing.
std::optional<engine::ScanReport> finish_if_done(store::Store& store, std::int64_t scan);

// Units of running scans silent for longer than `silence`, put on the queue again (their
// worker died, and Redis lost the entry with a restart), but only when the queue holds no
// work (a backlog is not lost). Running a unit twice is harmless.
std::size_t republish_idle(store::Store& store, queue::WorkQueue& queue, std::chrono::seconds silence);

// Follows scans run by workers until each is finished (complete or failed), queueing again
// the units that went silent for `silence` meanwhile; `progress` hears units done and
// total, and scans finished, whenever they change. Their reports, in the order given.
using RunProgress = std::function<void(std::int64_t scan, std::size_t units_done, std::size_t units_total, bool finished)>;
std::vector<engine::ScanReport> wait_for_scans(store::Store& store, queue::WorkQueue& queue, const std::vector<std::int64_t>& scans,
                                               const RunProgress& progress = {}, std::chrono::seconds silence = std::chrono::seconds(120));

struct WorkerOptions {
  std::string name;                               // the consumer name (host:pid by default)
  std::chrono::milliseconds block{2000};          // how long one wait for a unit lasts
  std::chrono::seconds touch_every{10};           // signs of life while a unit runs
  sandbox::Limits limits;
  std::function<std::unique_ptr<provider::Scope>(io::EventLoop&, const accounts::Target&)> make_scope;
  std::function<bool()> stop = [] { return false; };  // checked between units and waits
  // Units of running scans silent this long are queued again (0: never): a Redis restart
  // that lost them does not leave their scans waiting forever.
  std::chrono::seconds republish_after{240};
  // A scan this worker finished (its last unit): to tell the channels.
  std::function<void(const engine::ScanReport&)> on_scan_finished;
};

// Claims units (new ones, or idle ones taken over) and runs them until `stop` says so.
void run_worker(store::Store& store, queue::WorkQueue& queue, const WorkerOptions& options);

}  // namespace signet::cluster
