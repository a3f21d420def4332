#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "store/store.h"
#include "common/time.h"

namespace signet::store {

using nlohmann::json;

namespace {

// Each migration moves the schema one version up; applied in order, once, in a transaction.
const char* const kMigrations[] = {
    R"(CREATE TABLE signatures (
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
    R"(CREATE TABLE users (
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
    R"(CREATE TABLE records (
         id INTEGER PRIMARY KEY AUTOINCREMENT,
         kind TEXT NOT NULL,
         body TEXT NOT NULL,
         created_at TEXT NOT NULL,
         updated_at TEXT NOT NULL);
       CREATE INDEX records_by_kind ON records(kind, id);)",
};

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw StoreError(std::string("database: ") + sqlite3_errmsg(db) + " in: " + sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw StoreError(std::string("database: ") + sqlite3_errmsg(db_));
  }
  std::string text(int col) const {
    auto p = sqlite3_column_text(stmt_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStore : public Store {
 public:
  explicit SqliteStore(const std::string& path) {
    std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw StoreError("cannot open the database " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, 5000);
    // WAL with full sync: a kill or a crash loses nothing that was committed.
    exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
    migrate();
  }
  ~SqliteStore() override { sqlite3_close(db_); }

  std::string add_signature(StoredSignature s) override { return add_signatures({std::move(s)}).front(); }

  std::vector<std::string> add_signatures(std::vector<StoredSignature> batch) override { return save(std::move(batch), false); }
  std::vector<std::string> import_signatures(std::vector<StoredSignature> batch) override { return save(std::move(batch), true); }

  std::vector<std::string> save(std::vector<StoredSignature> batch, bool replace) {
    std::lock_guard lock(mutex_);
    Transaction tx(*this);
    std::vector<std::string> ids;
    for (auto& s : batch) {
      if (s.metadata.id.empty()) s.metadata.id = next_id();
      if (signature(s.metadata.id)) {
        if (!replace) throw StoreError("a signature with id " + s.metadata.id + " already exists");
        update_signature(s);
        ids.push_back(s.metadata.id);
        continue;
      }
      Statement insert(db_, "INSERT INTO signatures(id, metadata, code, builtin, created_at, updated_at) VALUES (?,?,?,?,?,?)");
      std::string now = now_iso();
      insert.bind(1, s.metadata.id).bind(2, signature::to_json_text(s.metadata)).bind(3, s.code).bind(4, std::int64_t(s.builtin)).bind(5, now).bind(6, now);
      insert.step();
      ids.push_back(s.metadata.id);
    }
    tx.commit();
    return ids;
  }

  void update_signature(const StoredSignature& s) override {
    std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE signatures SET metadata = ?, code = ?, updated_at = ? WHERE id = ?");
    update.bind(1, signature::to_json_text(s.metadata)).bind(2, s.code).bind(3, now_iso()).bind(4, s.metadata.id);
    update.step();
    if (sqlite3_changes(db_) == 0) throw StoreError("no signature " + s.metadata.id);
  }

  std::optional<StoredSignature> signature(const std::string& id) const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT metadata, code, builtin, updated_at FROM signatures WHERE id = ?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return row(q, id);
  }

  std::vector<StoredSignature> signatures() const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT metadata, code, builtin, updated_at, id FROM signatures ORDER BY builtin DESC, id");
    std::vector<StoredSignature> out;
    while (q.step()) out.push_back(row(q, q.text(4)));
    return out;
  }

  bool remove_signature(const std::string& id) override {
    std::lock_guard lock(mutex_);
    Statement d(db_, "DELETE FROM signatures WHERE id = ?");
    d.bind(1, id).step();
    return sqlite3_changes(db_) > 0;
  }

  bool set_enabled(const std::string& id, bool enabled) override {
    std::lock_guard lock(mutex_);
    auto s = signature(id);
    if (!s) return false;
    s->metadata.enabled = enabled;
    update_signature(*s);
    return true;
  }

  std::int64_t begin_scan() override {
    std::lock_guard lock(mutex_);
    Statement insert(db_, "INSERT INTO scans(started_at, status) VALUES (?, 'running')");
    insert.bind(1, now_iso()).step();
    return sqlite3_last_insert_rowid(db_);
  }

  void add_results(std::int64_t scan, const std::vector<json>& results) override {
    std::lock_guard lock(mutex_);
    Transaction tx(*this);
    Statement insert(db_, "INSERT INTO results(scan_id, signature_id, resource_key, status, result) VALUES (?,?,?,?,?)");
    for (const auto& r : results) {
      insert.bind(1, scan).bind(2, r.value("signatureId", "")).bind(3, r.value("resourceKey", "")).bind(4, r.value("status", "")).bind(5, r.dump());
      insert.step();
      insert.reset();
    }
    tx.commit();
  }

  void finish_scan(std::int64_t scan, const std::string& status, const json& stats) override {
    std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE scans SET finished_at = ?, status = ?, stats = ? WHERE id = ?");
    update.bind(1, now_iso()).bind(2, status).bind(3, stats.dump()).bind(4, scan).step();
  }

  std::vector<ScanSummary> scans() const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT id, started_at, COALESCE(finished_at, ''), status, stats FROM scans ORDER BY id DESC");
    std::vector<ScanSummary> out;
    while (q.step()) out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), json::parse(q.text(4), nullptr, false)});
    return out;
  }

  std::vector<json> results(std::int64_t scan) const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT result FROM results WHERE scan_id = ? ORDER BY rowid");
    q.bind(1, scan);
    std::vector<json> out;
    while (q.step()) out.push_back(json::parse(q.text(0)));
    return out;
  }

  void add_user(const User& u) override {
    std::lock_guard lock(mutex_);
    if (user(u.name)) throw StoreError("a user named " + u.name + " already exists");
    Statement insert(db_, "INSERT INTO users(name, role, password_hash, created_at) VALUES (?,?,?,?)");
    insert.bind(1, u.name).bind(2, u.role).bind(3, u.password_hash).bind(4, now_iso()).step();
  }

  void update_user(const User& u) override {
    std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE users SET role = ?, password_hash = ? WHERE name = ?");
    update.bind(1, u.role).bind(2, u.password_hash).bind(3, u.name).step();
    if (sqlite3_changes(db_) == 0) throw StoreError("no user " + u.name);
  }

  std::optional<User> user(const std::string& name) const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT name, role, password_hash, created_at FROM users WHERE name = ?");
    q.bind(1, name);
    if (!q.step()) return std::nullopt;
    return User{q.text(0), q.text(1), q.text(2), q.text(3)};
  }

  std::vector<User> users() const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT name, role, password_hash, created_at FROM users ORDER BY name");
    std::vector<User> out;
    while (q.step()) out.push_back({q.text(0), q.text(1), q.text(2), q.text(3)});
    return out;
  }

  bool remove_user(const std::string& name) override {
    std::lock_guard lock(mutex_);
    Statement d(db_, "DELETE FROM users WHERE name = ?");
    d.bind(1, name).step();
    return sqlite3_changes(db_) > 0;
  }

  std::int64_t add_api_token(const ApiToken& t) override {
    std::lock_guard lock(mutex_);
    Statement insert(db_, "INSERT INTO api_tokens(name, user_name, token_hash, created_at) VALUES (?,?,?,?)");
    insert.bind(1, t.name).bind(2, t.user).bind(3, t.token_hash).bind(4, now_iso()).step();
    return sqlite3_last_insert_rowid(db_);
  }

  std::optional<ApiToken> api_token_by_hash(const std::string& token_hash) const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT id, name, user_name, token_hash, created_at FROM api_tokens WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (!q.step()) return std::nullopt;
    return ApiToken{q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4)};
  }

  std::vector<ApiToken> api_tokens() const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT id, name, user_name, token_hash, created_at FROM api_tokens ORDER BY id");
    std::vector<ApiToken> out;
    while (q.step()) out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4)});
    return out;
  }

  bool remove_api_token(std::int64_t id) override {
    std::lock_guard lock(mutex_);
    Statement d(db_, "DELETE FROM api_tokens WHERE id = ?");
    d.bind(1, id).step();
    return sqlite3_changes(db_) > 0;
  }

  std::int64_t add_record(const std::string& kind, const json& body) override {
    std::lock_guard lock(mutex_);
    Statement insert(db_, "INSERT INTO records(kind, body, created_at, updated_at) VALUES (?,?,?,?)");
    std::string now = now_iso();
    insert.bind(1, kind).bind(2, body.dump()).bind(3, now).bind(4, now).step();
    return sqlite3_last_insert_rowid(db_);
  }

  bool update_record(const std::string& kind, std::int64_t id, const json& body) override {
    std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE records SET body = ?, updated_at = ? WHERE kind = ? AND id = ?");
    update.bind(1, body.dump()).bind(2, now_iso()).bind(3, kind).bind(4, id).step();
    return sqlite3_changes(db_) > 0;
  }

  std::optional<json> record(const std::string& kind, std::int64_t id) const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT body FROM records WHERE kind = ? AND id = ?");
    q.bind(1, kind).bind(2, id);
    if (!q.step()) return std::nullopt;
    return json::parse(q.text(0));
  }

  std::vector<std::pair<std::int64_t, json>> records(const std::string& kind, std::size_t limit) const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT id, body FROM (SELECT id, body FROM records WHERE kind = ? ORDER BY id DESC LIMIT ?) ORDER BY id");
    q.bind(1, kind).bind(2, limit ? static_cast<std::int64_t>(limit) : std::int64_t(-1));
    std::vector<std::pair<std::int64_t, json>> out;
    while (q.step()) out.emplace_back(q.integer(0), json::parse(q.text(1)));
    return out;
  }

  bool remove_record(const std::string& kind, std::int64_t id) override {
    std::lock_guard lock(mutex_);
    Statement d(db_, "DELETE FROM records WHERE kind = ? AND id = ?");
    d.bind(1, kind).bind(2, id).step();
    return sqlite3_changes(db_) > 0;
  }

  void prune_records(const std::string& kind, std::size_t keep) override {
    std::lock_guard lock(mutex_);
    Statement d(db_, "DELETE FROM records WHERE kind = ? AND id NOT IN (SELECT id FROM records WHERE kind = ? ORDER BY id DESC LIMIT ?)");
    d.bind(1, kind).bind(2, kind).bind(3, static_cast<std::int64_t>(keep)).step();
  }

  json setting(const std::string& key) const override {
    std::lock_guard lock(mutex_);
    Statement q(db_, "SELECT value FROM settings WHERE key = ?");
    q.bind(1, key);
    return q.step() ? json::parse(q.text(0)) : json();
  }

  void set_setting(const std::string& key, const json& value) override {
    std::lock_guard lock(mutex_);
    Statement upsert(db_, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, key).bind(2, value.dump()).step();
  }

 private:
  struct Transaction {
    SqliteStore& store;
    bool done = false;
    explicit Transaction(SqliteStore& s) : store(s) { store.exec("BEGIN IMMEDIATE"); }
    void commit() {
      store.exec("COMMIT");
      done = true;
    }
    ~Transaction() {
      if (!done) sqlite3_exec(store.db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  };

  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "unknown error";
      sqlite3_free(error);
      throw StoreError("database: " + message);
    }
  }

  void migrate() {
    exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    Statement q(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
    q.step();
    std::int64_t version = q.integer(0);
    const std::int64_t latest = sizeof kMigrations / sizeof kMigrations[0];
    if (version > latest) throw StoreError("the database was written by a newer Signet (schema " + std::to_string(version) + ")");
    for (std::int64_t v = version; v < latest; ++v) {
      Transaction tx(*this);
      exec(kMigrations[v]);
      exec("INSERT INTO schema_version(version) VALUES (" + std::to_string(v + 1) + ")");
      tx.commit();
    }
  }

  std::string next_id() const {
    Statement q(db_, "SELECT id FROM signatures WHERE id LIKE 'CUSTOM-%'");
    int highest = 0;
    while (q.step()) highest = std::max(highest, std::atoi(q.text(0).c_str() + 7));
    char buf[32];
    std::snprintf(buf, sizeof buf, "CUSTOM-%04d", highest + 1);
    return buf;
  }

  static StoredSignature row(const Statement& q, const std::string& id) {
    StoredSignature s;
    s.metadata = signature::from_json_text(q.text(0));
    s.metadata.id = id;
    s.code = q.text(1);
    s.builtin = q.integer(2) != 0;
    s.updated_at = q.text(3);
    return s;
  }

  sqlite3* db_ = nullptr;
  // One connection shared by the server's threads: a transaction must not interleave with
  // another thread's statements, so each call holds the store for its duration.
  mutable std::recursive_mutex mutex_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite(const std::string& path) { return std::make_unique<SqliteStore>(path); }

std::string default_path() {
  if (const char* env = std::getenv("SIGNET_DB"); env && *env) return env;
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.signet/signet.db";
}

}  // namespace signet::store
