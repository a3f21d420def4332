#pragma once
// The store over a SQL connection (sql.h): one implementation for SQLite and PostgreSQL.
// Internal to the store module; everything else uses store.h.
#include <chrono>
#include <map>
#include <mutex>

#include "store/sql.h"
#include "store/store.h"

namespace signet::store {

class SqlStore : public Store {
 public:
  explicit SqlStore(std::unique_ptr<sql::Connection> connection);

  // signatures (sql_store.cpp)
  std::string add_signature(StoredSignature signature) override;
  void update_signature(const StoredSignature& signature) override;
  std::vector<std::string> add_signatures(std::vector<StoredSignature> signatures) override;
  std::vector<std::string> import_signatures(std::vector<StoredSignature> signatures) override;
  std::optional<StoredSignature> signature(const std::string& id) const override;
  std::vector<StoredSignature> signatures() const override;
  bool remove_signature(const std::string& id) override;
  bool set_enabled(const std::string& id, bool enabled) override;

  // scans and results (sql_results.cpp)
  std::int64_t begin_scan(const ScanStart& start) override;
  void add_results(std::int64_t scan, const std::vector<nlohmann::json>& results) override;
  void touch_scan(std::int64_t scan) override;
  RiskMarks mark_risks(std::int64_t scan, std::int64_t previous) override;
  void set_scan_account_id(std::int64_t scan, const std::string& account_id) override;
  void finish_scan(std::int64_t scan, const std::string& status, const nlohmann::json& stats) override;
  void set_interrupted_after(std::chrono::seconds silence) override { interrupted_after_ = silence.count(); }
  std::vector<ScanSummary> scans(const ScanFilter& filter) const override;
  std::size_t count_scans(const ScanFilter& filter) const override;
  std::optional<ScanSummary> scan(std::int64_t id) const override;
  std::vector<ScanSummary> latest_complete_scans(const std::optional<std::string>& account) const override;
  std::int64_t previous_complete_scan(const std::string& account, std::int64_t before) const override;
  void for_each_result(std::int64_t scan, const std::function<void(const nlohmann::json&)>& visit) const override;
  ResultPage query_results(const ResultQuery& query) const override;
  std::vector<nlohmann::json> group_results(const ResultQuery& query, const std::string& by) const override;
  ResultPage query_resources(const ResultQuery& query) const override;
  RetentionReport apply_retention(const Retention& retention) override;
  void add_units(std::int64_t scan, const std::vector<std::pair<std::string, nlohmann::json>>& units) override;
  bool complete_unit(std::int64_t scan, const std::string& unit, const std::vector<nlohmann::json>& results,
                     const nlohmann::json& stats) override;
  void touch_unit(std::int64_t scan, const std::string& unit, const std::string& worker) override;
  UnitCounts unit_counts(std::int64_t scan) const override;
  std::vector<nlohmann::json> unit_stats(std::int64_t scan) const override;
  std::vector<std::pair<std::string, nlohmann::json>> idle_units(std::int64_t scan, std::chrono::seconds silence) const override;
  bool claim_finish(std::int64_t scan) override;

  // users, tokens, records, settings (sql_store.cpp)
  void add_user(const User& user) override;
  void update_user(const User& user) override;
  std::optional<User> user(const std::string& name) const override;
  std::vector<User> users() const override;
  bool remove_user(const std::string& name) override;
  std::int64_t add_api_token(const ApiToken& token) override;
  std::optional<ApiToken> api_token_by_hash(const std::string& token_hash) const override;
  std::vector<ApiToken> api_tokens() const override;
  bool remove_api_token(std::int64_t id) override;
  std::int64_t add_record(const std::string& kind, const nlohmann::json& body) override;
  bool update_record(const std::string& kind, std::int64_t id, const nlohmann::json& body) override;
  std::optional<nlohmann::json> record(const std::string& kind, std::int64_t id) const override;
  std::vector<std::pair<std::int64_t, nlohmann::json>> records(const std::string& kind, std::size_t limit) const override;
  bool remove_record(const std::string& kind, std::int64_t id) override;
  void prune_records(const std::string& kind, std::size_t keep) override;
  nlohmann::json setting(const std::string& key) const override;
  void set_setting(const std::string& key, const nlohmann::json& value) override;

 private:
  std::vector<std::string> save(std::vector<StoredSignature> batch, bool replace);
  std::string next_id() const;
  void migrate();
  // The scans matching `where` (SQL after WHERE, `?` bound from `params` in order).
  std::vector<ScanSummary> select_scans(const std::string& where, const std::vector<std::string>& params, const std::string& tail) const;

  std::unique_ptr<sql::Connection> db_;
  std::int64_t interrupted_after_ = 300;  // seconds without a sign of life
  // One connection shared by the server's threads: a transaction must not interleave with
  // another thread's statements, so each call holds the store for its duration.
  mutable std::recursive_mutex mutex_;
};

// Seconds since the epoch: heartbeats and time-outs.
inline std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// `?, ?, ?` for n parameters.
inline std::string marks(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

// The migrations of each dialect (migrations.cpp), applied in order once each.
void migrate(sql::Connection& db);

// Writes result rows (the engine's JSON form) of `scan` as relational rows, texts and
// signature metadata kept once (sql_results.cpp). The caller holds the transaction.
void insert_result_rows(sql::Connection& db, std::int64_t scan, const std::vector<nlohmann::json>& rows);
// Counts a finished scan's rows into result_counts and marks it counted. The caller holds
// the transaction.
void count_scan_results(sql::Connection& db, std::int64_t scan);

}  // namespace signet::store
