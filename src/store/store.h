#pragma once
// Where signatures, scan results and configuration live. One interface over SQL, two
// databases: SQLite (one file; the default) and PostgreSQL (many scanners). Results are
// relational rows (filtered, counted and paged in the database); a scan writes them in
// batches as they finish. Safe to share between threads.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "signature/metadata.h"

namespace signet::store {

struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct StoredSignature {
  signature::Metadata metadata;  // metadata.id is the signature's id
  std::string code;
  bool builtin = false;
  std::string updated_at;
};

// Whose a scan is: the account its history is kept under.
struct ScanStart {
  std::string account;       // the history key ("" = the default credentials)
  std::string account_id;    // the cloud's id, when known at the start
  std::string account_name;  // as shown (default: `account`)
  std::string provider = "aws";
  std::string run;           // the scans of one multi-account run share it
};

struct ScanSummary {
  std::int64_t id = 0;
  std::string started_at, finished_at;
  // running, complete, failed, or interrupted: running, but its process stopped giving
  // signs of life (killed) — it will never be complete.
  std::string status;
  nlohmann::json stats = nlohmann::json::object();
  std::string account, account_id, account_name, provider, run;
};

struct ScanFilter {
  std::optional<std::string> account;  // its key, name or id
  std::string status;                  // "" = any
  std::size_t offset = 0, limit = 0;   // limit 0 = all
};

// Which results to read: always within given scans (the caller picks them: a scan, or each
// account's latest complete one). A scan's rows are its own results; the failures of the
// account's previous scan that are gone are kept with it as rows of risk "fixed", read
// only when `risks` asks for them.
struct ResultQuery {
  std::vector<std::int64_t> scans;
  std::vector<std::string> statuses;  // Pass Fail Error Muted; empty: all
  std::vector<std::string> risks;     // new open fixed; empty: any but fixed
  std::vector<std::string> levels;    // High Medium Low; empty: all
  std::string service;                // case-insensitive
  std::string region, signature, resource_key;
  std::string text;                   // in the resource's id, name or ARN, the signature id or the message
  // level (most severe first), signature, service, region, resource, status, account, duration
  std::string sort = "level";
  bool descending = false;            // reverses the sort's natural order
  std::size_t offset = 0, limit = 100;  // limit 0 = all
};

struct ResultPage {
  std::vector<nlohmann::json> items;
  std::size_t total = 0;  // rows matching, whatever the page
};

// What marking a scan's risks found: its failures new since the account's previous scan,
// still open, and the previous scan's failures that are gone.
struct RiskMarks {
  std::size_t fresh = 0, open = 0, fixed = 0;
};

// How much history to keep: each account's newest `scans_per_account` scans and anything
// younger than `days` days (0 = no limit of that kind; both 0 = keep everything).
struct Retention {
  std::size_t scans_per_account = 0;
  std::size_t days = 0;
};
struct RetentionReport {
  std::size_t scans_removed = 0, results_removed = 0;
};

// A person who signs in to the web console. Roles: admin, editor, viewer.
struct User {
  std::string name, role, password_hash, created_at;
};

// A token for the CLI and CI; only its hash is kept.
struct ApiToken {
  std::int64_t id = 0;
  std::string name, user, token_hash, created_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Saves a new signature with a fresh id (CUSTOM-0001, ...) unless it carries one; returns it.
  virtual std::string add_signature(StoredSignature signature) = 0;
  virtual void update_signature(const StoredSignature& signature) = 0;  // throws if absent
  // Saves a batch all-or-nothing; an id already stored is an error.
  virtual std::vector<std::string> add_signatures(std::vector<StoredSignature> signatures) = 0;
  // Import: like add_signatures, but a signature whose id is stored replaces it.
  virtual std::vector<std::string> import_signatures(std::vector<StoredSignature> signatures) = 0;
  virtual std::optional<StoredSignature> signature(const std::string& id) const = 0;
  virtual std::vector<StoredSignature> signatures() const = 0;
  virtual bool remove_signature(const std::string& id) = 0;
  virtual bool set_enabled(const std::string& id, bool enabled) = 0;

  virtual std::int64_t begin_scan(const ScanStart& start = {}) = 0;
  // A batch of results (the engine's JSON rows), in one transaction; also a sign of life.
  virtual void add_results(std::int64_t scan, const std::vector<nlohmann::json>& results) = 0;
  // A sign of life while no result finishes (a long listing): a running scan without one
  // for a while reads as interrupted.
  virtual void touch_scan(std::int64_t scan) = 0;
  // Marks the scan's Fail results new or open against `previous` (0: none: all new), and
  // keeps `previous`'s failures that are gone (neither failing nor muted now) as "fixed"
  // rows of this scan. One transaction; call once, before finish_scan.
  virtual RiskMarks mark_risks(std::int64_t scan, std::int64_t previous) = 0;
  // The cloud's id for the scan's account, once it is known (it may not be at the start).
  virtual void set_scan_account_id(std::int64_t scan, const std::string& account_id) = 0;
  virtual void finish_scan(std::int64_t scan, const std::string& status, const nlohmann::json& stats) = 0;
  // How long a running scan may go without a sign of life before it reads as interrupted
  // (default 5 minutes; the engine gives one at least every 30 seconds).
  virtual void set_interrupted_after(std::chrono::seconds silence) = 0;
  // Newest first.
  virtual std::vector<ScanSummary> scans(const ScanFilter& filter = {}) const = 0;
  virtual std::size_t count_scans(const ScanFilter& filter = {}) const = 0;
  virtual std::optional<ScanSummary> scan(std::int64_t id) const = 0;
  // Each account's newest complete scan (or only the account's, by key, name or id), newest first.
  virtual std::vector<ScanSummary> latest_complete_scans(const std::optional<std::string>& account = std::nullopt) const = 0;
  // The account's newest complete scan before scan `before` (0: none).
  virtual std::int64_t previous_complete_scan(const std::string& account, std::int64_t before) const = 0;

  // A scan's own results in the order they were written (not the fixed rows), one at a time.
  virtual void for_each_result(std::int64_t scan, const std::function<void(const nlohmann::json&)>& visit) const = 0;
  std::vector<nlohmann::json> results(std::int64_t scan) const;  // all of them (small scans, tests)
  virtual ResultPage query_results(const ResultQuery& query) const = 0;
  // Counts of the matching rows by level, signature, service, region, status, risk, account
  // or scan: [{key, count}] (signature groups also carry description and riskLevel), the
  // most severe then the largest first for level and signature, the largest first otherwise.
  virtual std::vector<nlohmann::json> group_results(const ResultQuery& query, const std::string& by) const = 0;
  // The distinct resources the matching rows are about (one per scan and resource key,
  // not the account itself), by name, paged: {key, id, name, arn, service, region, vpc,
  // scanId, accountId, accountName, results: {status: count}}.
  virtual ResultPage query_resources(const ResultQuery& query) const = 0;

  // ---- a scan split into work units, run by many workers (signet worker) ----
  // The units a scan is made of, each by a key unique in the scan and what it asks (JSON).
  virtual void add_units(std::int64_t scan, const std::vector<std::pair<std::string, nlohmann::json>>& units) = 0;
  // A unit's results and stats, and the unit marked done, in one transaction. False, and
  // nothing written, when it was done already (a unit may be handed out twice).
  virtual bool complete_unit(std::int64_t scan, const std::string& unit, const std::vector<nlohmann::json>& results,
                             const nlohmann::json& stats) = 0;
  // A worker is on it (a sign of life for the unit and its scan).
  virtual void touch_unit(std::int64_t scan, const std::string& unit, const std::string& worker) = 0;
  struct UnitCounts {
    std::size_t total = 0, done = 0;
  };
  virtual UnitCounts unit_counts(std::int64_t scan) const = 0;
  // The stats of the scan's done units.
  virtual std::vector<nlohmann::json> unit_stats(std::int64_t scan) const = 0;
  // Units not done whose last sign of life is older than `silence` (or none): {key, spec}.
  virtual std::vector<std::pair<std::string, nlohmann::json>> idle_units(std::int64_t scan, std::chrono::seconds silence) const = 0;
  // Whoever moves a running scan to "finishing" first finishes it (true); a finishing scan
  // whose finisher went silent can be taken again. Only the winner marks risks and
  // notifies, so each happens once per scan.
  virtual bool claim_finish(std::int64_t scan) = 0;

  // Removes scans (and their results) older than the retention allows, never a running one
  // nor an account's newest complete scan, then what no result refers to any more, and
  // gives the space back.
  virtual RetentionReport apply_retention(const Retention& retention) = 0;

  virtual void add_user(const User& user) = 0;  // throws if the name is taken
  virtual void update_user(const User& user) = 0;  // throws if absent
  virtual std::optional<User> user(const std::string& name) const = 0;
  virtual std::vector<User> users() const = 0;
  virtual bool remove_user(const std::string& name) = 0;  // and the user's API tokens

  virtual std::int64_t add_api_token(const ApiToken& token) = 0;
  virtual std::optional<ApiToken> api_token_by_hash(const std::string& token_hash) const = 0;
  virtual std::vector<ApiToken> api_tokens() const = 0;
  virtual bool remove_api_token(std::int64_t id) = 0;

  // Configuration documents by kind ("channel", "schedule", "delivery", ...): each a JSON
  // object with an id given by the store. Their meaning belongs to the module that owns the kind.
  virtual std::int64_t add_record(const std::string& kind, const nlohmann::json& body) = 0;
  virtual bool update_record(const std::string& kind, std::int64_t id, const nlohmann::json& body) = 0;
  virtual std::optional<nlohmann::json> record(const std::string& kind, std::int64_t id) const = 0;
  // Oldest first; at most `limit` of the newest when limit > 0.
  virtual std::vector<std::pair<std::int64_t, nlohmann::json>> records(const std::string& kind, std::size_t limit = 0) const = 0;
  virtual bool remove_record(const std::string& kind, std::int64_t id) = 0;
  // Keeps the newest `keep` records of a kind (history that must not grow without bound).
  virtual void prune_records(const std::string& kind, std::size_t keep) = 0;

  // Server settings, one JSON value per key; null when unset.
  virtual nlohmann::json setting(const std::string& key) const = 0;
  virtual void set_setting(const std::string& key, const nlohmann::json& value) = 0;
};

// Opens (creating and migrating as needed) the SQLite store at `path`.
std::unique_ptr<Store> open_sqlite(const std::string& path);
// The store a --db value or $SIGNET_DB names: postgresql://... or postgres://... (PostgreSQL),
// else a SQLite file path.
std::unique_ptr<Store> open(const std::string& location);

// The default database path: $SIGNET_DB, else ~/.signet/signet.db.
std::string default_path();

}  // namespace signet::store
