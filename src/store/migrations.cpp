// The schema, as versioned migrations per dialect: each moves the schema one version up,
// applied in order, once, in a transaction. SQLite's history starts with result rows as
// JSON blobs (versions 1-3) and turns them into relational rows (4); PostgreSQL starts at
// today's schema.
#include <functional>
#include <map>

#include "common/time.h"
#include "store/sql_store.h"

namespace signet::store {

using nlohmann::json;

namespace {

struct Migration {
  std::string sql;                                  // run first
  std::function<void(sql::Connection&)> convert;    // then, where data must move
};

// The results schema both dialects end with: rows with the columns people filter, sort
// and count by; texts (messages, consoles) and signature metadata kept once, referred to
// by id. `risk` is new/open for this scan's failures, fixed for the previous scan's
// failures that are gone (copies kept with this scan), NULL otherwise.
std::string results_schema(const std::string& serial) {
  return R"(CREATE TABLE texts (
       id )" + serial + R"(,
       hash TEXT NOT NULL UNIQUE,
       body TEXT NOT NULL);
     CREATE TABLE signature_snapshots (
       id )" + serial + R"(,
       signature_id TEXT NOT NULL,
       hash TEXT NOT NULL UNIQUE,
       metadata TEXT NOT NULL);
     CREATE TABLE results (
       id )" + serial + R"(,
       scan_id BIGINT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
       signature_id TEXT NOT NULL,
       snapshot_id BIGINT,
       status TEXT NOT NULL,
       risk TEXT,
       level INTEGER NOT NULL,
       provider TEXT NOT NULL,
       service TEXT NOT NULL,
       region TEXT NOT NULL,
       vpc TEXT,
       resource_key TEXT NOT NULL,
       resource_id TEXT NOT NULL,
       resource_name TEXT NOT NULL,
       resource_arn TEXT,
       message_id BIGINT,
       console_id BIGINT,
       duration_ms BIGINT NOT NULL,
       extra TEXT);
     CREATE INDEX results_by_level ON results(scan_id, status, level, signature_id, resource_key);
     CREATE INDEX results_by_signature ON results(scan_id, status, signature_id, resource_key);
     CREATE INDEX scans_by_account ON scans(account, status, id);)";
}

// Version 4 (SQLite): the JSON blobs of version 1 become rows, through the store itself.
void convert_v1_results(sql::Connection& db) {
  auto scans = db.prepare("SELECT id, stats FROM scans");
  auto set_account = db.prepare("UPDATE scans SET account = ?, account_id = ?, account_name = ?, run = ? WHERE id = ?");
  while (scans->step()) {
    json stats = json::parse(scans->text(1), nullptr, false);
    if (!stats.is_object()) stats = json::object();
    auto text = [&](const char* key) { return stats.contains(key) && stats[key].is_string() ? stats[key].get<std::string>() : ""; };
    set_account->reset();
    set_account->bind(1, text("account")).bind(2, text("accountId")).bind(3, text("accountName")).bind(4, text("run")).bind(5, scans->integer(0)).run();
  }
  // One way to write a row: the store's own (sql_results.cpp).
  auto rows = db.prepare("SELECT scan_id, result FROM results_v1 ORDER BY scan_id, rowid");
  std::map<std::int64_t, std::vector<json>> by_scan;
  while (rows->step()) {
    json r = json::parse(rows->text(1), nullptr, false);
    if (r.is_object()) by_scan[rows->integer(0)].push_back(std::move(r));
  }
  for (const auto& [scan, results] : by_scan) insert_result_rows(db, scan, results);
  db.exec("DROP TABLE results_v1");
}

// Work units of scans run by many workers (both dialects' next version).
const char* const kUnitsSchema = R"(CREATE TABLE scan_units (
       scan_id BIGINT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
       unit_key TEXT NOT NULL,
       spec TEXT NOT NULL,
       state TEXT NOT NULL DEFAULT 'pending',
       stats TEXT,
       worker TEXT,
       touched_at BIGINT NOT NULL DEFAULT 0,
       PRIMARY KEY (scan_id, unit_key));)";

// Each finished scan's results counted once when it is written (by signature, status, risk,
// level, service and region: a few thousand rows for a scan of millions), so totals, counts
// by level and the signature groups of a big scan are read from here, not counted row by
// row on every page. `counted` says a scan's counts are there (older and unfinished scans
// are counted from their rows).
const char* const kCountsSchema = R"(CREATE TABLE result_counts (
       scan_id BIGINT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
       signature_id TEXT NOT NULL,
       snapshot_id BIGINT,
       status TEXT NOT NULL,
       risk TEXT,
       level INTEGER NOT NULL,
       service TEXT NOT NULL,
       region TEXT NOT NULL,
       n BIGINT NOT NULL);
     CREATE INDEX result_counts_by_scan ON result_counts(scan_id, status, level);
     ALTER TABLE scans ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;)";

void count_finished_scans(sql::Connection& db) {
  auto finished = db.prepare("SELECT id FROM scans WHERE status IN ('complete', 'failed')");
  std::vector<std::int64_t> ids;
  while (finished->step()) ids.push_back(finished->integer(0));
  finished.reset();
  for (auto id : ids) count_scan_results(db, id);
}

std::vector<Migration> sqlite_migrations() {
  return {
      {R"(CREATE TABLE signatures (
           id TEXT PRIMARY KEY,
           metadata TEXT NOT NULL,
           code TEXT NOT NULL,
           builtin INTEGER NOT NULL DEFAULT 0,
           created_at TEXT NOT NULL,
           updated_at TEXT NOT NULL);
         CREATE TABLE scans (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           started_at TEXT NOT NULL,
           finished_at TEXT,
           status TEXT NOT NULL,
           stats TEXT NOT NULL DEFAULT '{}');
         CREATE TABLE results (
           scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
           signature_id TEXT NOT NULL,
           resource_key TEXT NOT NULL,
           status TEXT NOT NULL,
           result TEXT NOT NULL);
         CREATE INDEX results_by_scan ON results(scan_id, status);)",
       {}},
      {R"(CREATE TABLE users (
           name TEXT PRIMARY KEY,
           role TEXT NOT NULL,
           password_hash TEXT NOT NULL,
           created_at TEXT NOT NULL);
         CREATE TABLE api_tokens (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           name TEXT NOT NULL,
           user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
           token_hash TEXT NOT NULL UNIQUE,
           created_at TEXT NOT NULL);
         CREATE TABLE settings (
           key TEXT PRIMARY KEY,
           value TEXT NOT NULL);)",
       {}},
      {R"(CREATE TABLE records (
           id INTEGER PRIMARY KEY AUTOINCREMENT,
           kind TEXT NOT NULL,
           body TEXT NOT NULL,
           created_at TEXT NOT NULL,
           updated_at TEXT NOT NULL);
         CREATE INDEX records_by_kind ON records(kind, id);)",
       {}},
      {R"(ALTER TABLE scans ADD COLUMN account TEXT NOT NULL DEFAULT '';
         ALTER TABLE scans ADD COLUMN account_id TEXT NOT NULL DEFAULT '';
         ALTER TABLE scans ADD COLUMN account_name TEXT NOT NULL DEFAULT '';
         ALTER TABLE scans ADD COLUMN provider TEXT NOT NULL DEFAULT 'aws';
         ALTER TABLE scans ADD COLUMN run TEXT NOT NULL DEFAULT '';
         ALTER TABLE scans ADD COLUMN heartbeat_at BIGINT NOT NULL DEFAULT 0;
         DROP INDEX results_by_scan;
         ALTER TABLE results RENAME TO results_v1;
         )" + results_schema("INTEGER PRIMARY KEY"),
       convert_v1_results},
      {kUnitsSchema, {}},
      {kCountsSchema, count_finished_scans},
  };
}

std::vector<Migration> postgres_migrations() {
  return {
      {R"(CREATE TABLE signatures (
           id TEXT PRIMARY KEY,
           metadata TEXT NOT NULL,
           code TEXT NOT NULL,
           builtin INTEGER NOT NULL DEFAULT 0,
           created_at TEXT NOT NULL,
           updated_at TEXT NOT NULL);
         CREATE TABLE scans (
           id BIGSERIAL PRIMARY KEY,
           started_at TEXT NOT NULL,
           finished_at TEXT,
           status TEXT NOT NULL,
           stats TEXT NOT NULL DEFAULT '{}',
           account TEXT NOT NULL DEFAULT '',
           account_id TEXT NOT NULL DEFAULT '',
           account_name TEXT NOT NULL DEFAULT '',
           provider TEXT NOT NULL DEFAULT 'aws',
           run TEXT NOT NULL DEFAULT '',
           heartbeat_at BIGINT NOT NULL DEFAULT 0);
         CREATE TABLE users (
           name TEXT PRIMARY KEY,
           role TEXT NOT NULL,
           password_hash TEXT NOT NULL,
           created_at TEXT NOT NULL);
         CREATE TABLE api_tokens (
           id BIGSERIAL PRIMARY KEY,
           name TEXT NOT NULL,
           user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
           token_hash TEXT NOT NULL UNIQUE,
           created_at TEXT NOT NULL);
         CREATE TABLE settings (
           key TEXT PRIMARY KEY,
           value TEXT NOT NULL);
         CREATE TABLE records (
           id BIGSERIAL PRIMARY KEY,
           kind TEXT NOT NULL,
           body TEXT NOT NULL,
           created_at TEXT NOT NULL,
           updated_at TEXT NOT NULL);
         CREATE INDEX records_by_kind ON records(kind, id);
         )" + results_schema("BIGSERIAL PRIMARY KEY"),
       {}},
      {kUnitsSchema, {}},
      {kCountsSchema, count_finished_scans},
  };
}

}  // namespace

void migrate(sql::Connection& db) {
  const bool postgres = db.dialect() == sql::Dialect::Postgres;
  auto migrations = postgres ? postgres_migrations() : sqlite_migrations();
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  // Two processes starting at once against one database must not both migrate.
  sql::Transaction tx(db);
  if (postgres) db.exec("LOCK TABLE schema_version IN EXCLUSIVE MODE");
  auto q = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  q->step();
  const std::int64_t version = q->integer(0);
  q.reset();
  const auto latest = static_cast<std::int64_t>(migrations.size());
  if (version > latest)
    throw StoreError(db.describe() + " was written by a newer Signet (schema " + std::to_string(version) + "; this one knows " +
                     std::to_string(latest) + ")");
  for (std::int64_t v = version; v < latest; ++v) {
    db.exec(migrations[v].sql);
    if (migrations[v].convert) migrations[v].convert(db);
    db.exec("INSERT INTO schema_version(version) VALUES (" + std::to_string(v + 1) + ")");
  }
  tx.commit();
}

}  // namespace signet::store
