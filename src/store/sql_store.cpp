// The store over SQL (sql_store.h): signatures, users, API tokens, records and settings.
// Scans and results are in sql_results.cpp, the schema in migrations.cpp.
#include "store/sql_store.h"

#include <algorithm>
#include <cstdlib>

#include "common/time.h"

namespace signet::store {

using nlohmann::json;

std::vector<json> Store::results(std::int64_t scan) const {
  std::vector<json> out;
  for_each_result(scan, [&](const json& row) { out.push_back(row); });
  return out;
}

SqlStore::SqlStore(std::unique_ptr<sql::Connection> connection) : db_(std::move(connection)) {
  std::lock_guard lock(mutex_);
  store::migrate(*db_);
}

namespace {

StoredSignature signature_row(const sql::Statement& q, const std::string& id) {
  StoredSignature s;
  s.metadata = signature::from_json_text(q.text(0));
  s.metadata.id = id;
  s.code = q.text(1);
  s.builtin = q.integer(2) != 0;
  s.updated_at = q.text(3);
  return s;
}

}  // namespace

// ---- signatures ----

std::string SqlStore::add_signature(StoredSignature s) { return add_signatures({std::move(s)}).front(); }
std::vector<std::string> SqlStore::add_signatures(std::vector<StoredSignature> batch) { return save(std::move(batch), false); }
std::vector<std::string> SqlStore::import_signatures(std::vector<StoredSignature> batch) { return save(std::move(batch), true); }

std::vector<std::string> SqlStore::save(std::vector<StoredSignature> batch, bool replace) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(*db_);
  std::vector<std::string> ids;
  auto insert = db_->prepare("INSERT INTO signatures(id, metadata, code, builtin, created_at, updated_at) VALUES (?,?,?,?,?,?)");
  for (auto& s : batch) {
    if (s.metadata.id.empty()) s.metadata.id = next_id();
    if (signature(s.metadata.id)) {
      if (!replace) throw StoreError("a signature with id " + s.metadata.id + " already exists");
      update_signature(s);
      ids.push_back(s.metadata.id);
      continue;
    }
    std::string now = now_iso();
    insert->reset();
    insert->bind(1, s.metadata.id).bind(2, signature::to_json_text(s.metadata)).bind(3, s.code).bind(4, std::int64_t(s.builtin)).bind(5, now).bind(6, now);
    insert->run();
    ids.push_back(s.metadata.id);
  }
  tx.commit();
  return ids;
}

void SqlStore::update_signature(const StoredSignature& s) {
  std::lock_guard lock(mutex_);
  auto update = db_->prepare("UPDATE signatures SET metadata = ?, code = ?, updated_at = ? WHERE id = ?");
  update->bind(1, signature::to_json_text(s.metadata)).bind(2, s.code).bind(3, now_iso()).bind(4, s.metadata.id).run();
  if (db_->changes() == 0) throw StoreError("no signature " + s.metadata.id);
}

std::optional<StoredSignature> SqlStore::signature(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT metadata, code, builtin, updated_at FROM signatures WHERE id = ?");
  q->bind(1, id);
  if (!q->step()) return std::nullopt;
  return signature_row(*q, id);
}

std::vector<StoredSignature> SqlStore::signatures() const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT metadata, code, builtin, updated_at, id FROM signatures ORDER BY builtin DESC, id");
  std::vector<StoredSignature> out;
  while (q->step()) out.push_back(signature_row(*q, q->text(4)));
  return out;
}

bool SqlStore::remove_signature(const std::string& id) {
  std::lock_guard lock(mutex_);
  db_->prepare("DELETE FROM signatures WHERE id = ?")->bind(1, id).run();
  return db_->changes() > 0;
}

bool SqlStore::set_enabled(const std::string& id, bool enabled) {
  std::lock_guard lock(mutex_);
  auto s = signature(id);
  if (!s) return false;
  s->metadata.enabled = enabled;
  update_signature(*s);
  return true;
}

std::string SqlStore::next_id() const {
  auto q = db_->prepare("SELECT id FROM signatures WHERE id LIKE 'CUSTOM-%'");
  int highest = 0;
  while (q->step()) highest = std::max(highest, std::atoi(q->text(0).c_str() + 7));
  char buf[32];
  std::snprintf(buf, sizeof buf, "CUSTOM-%04d", highest + 1);
  return buf;
}

// ---- users and API tokens ----

void SqlStore::add_user(const User& u) {
  std::lock_guard lock(mutex_);
  if (user(u.name)) throw StoreError("a user named " + u.name + " already exists");
  db_->prepare("INSERT INTO users(name, role, password_hash, created_at) VALUES (?,?,?,?)")
      ->bind(1, u.name).bind(2, u.role).bind(3, u.password_hash).bind(4, now_iso()).run();
}

void SqlStore::update_user(const User& u) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE users SET role = ?, password_hash = ? WHERE name = ?")->bind(1, u.role).bind(2, u.password_hash).bind(3, u.name).run();
  if (db_->changes() == 0) throw StoreError("no user " + u.name);
}

std::optional<User> SqlStore::user(const std::string& name) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT name, role, password_hash, created_at FROM users WHERE name = ?");
  q->bind(1, name);
  if (!q->step()) return std::nullopt;
  return User{q->text(0), q->text(1), q->text(2), q->text(3)};
}

std::vector<User> SqlStore::users() const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT name, role, password_hash, created_at FROM users ORDER BY name");
  std::vector<User> out;
  while (q->step()) out.push_back({q->text(0), q->text(1), q->text(2), q->text(3)});
  return out;
}

bool SqlStore::remove_user(const std::string& name) {
  std::lock_guard lock(mutex_);
  db_->prepare("DELETE FROM users WHERE name = ?")->bind(1, name).run();
  return db_->changes() > 0;
}

std::int64_t SqlStore::add_api_token(const ApiToken& t) {
  std::lock_guard lock(mutex_);
  auto insert = db_->prepare("INSERT INTO api_tokens(name, user_name, token_hash, created_at) VALUES (?,?,?,?) RETURNING id");
  insert->bind(1, t.name).bind(2, t.user).bind(3, t.token_hash).bind(4, now_iso());
  if (!insert->step()) throw StoreError("adding an API token returned no id");
  std::int64_t id = insert->integer(0);
  insert->run();
  return id;
}

std::optional<ApiToken> SqlStore::api_token_by_hash(const std::string& token_hash) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT id, name, user_name, token_hash, created_at FROM api_tokens WHERE token_hash = ?");
  q->bind(1, token_hash);
  if (!q->step()) return std::nullopt;
  return ApiToken{q->integer(0), q->text(1), q->text(2), q->text(3), q->text(4)};
}

std::vector<ApiToken> SqlStore::api_tokens() const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT id, name, user_name, token_hash, created_at FROM api_tokens ORDER BY id");
  std::vector<ApiToken> out;
  while (q->step()) out.push_back({q->integer(0), q->text(1), q->text(2), q->text(3), q->text(4)});
  return out;
}

bool SqlStore::remove_api_token(std::int64_t id) {
  std::lock_guard lock(mutex_);
  db_->prepare("DELETE FROM api_tokens WHERE id = ?")->bind(1, id).run();
  return db_->changes() > 0;
}

// ---- records and settings ----

std::int64_t SqlStore::add_record(const std::string& kind, const json& body) {
  std::lock_guard lock(mutex_);
  std::string now = now_iso();
  auto insert = db_->prepare("INSERT INTO records(kind, body, created_at, updated_at) VALUES (?,?,?,?) RETURNING id");
  insert->bind(1, kind).bind(2, body.dump()).bind(3, now).bind(4, now);
  if (!insert->step()) throw StoreError("adding a " + kind + " record returned no id");
  std::int64_t id = insert->integer(0);
  insert->run();
  return id;
}

bool SqlStore::update_record(const std::string& kind, std::int64_t id, const json& body) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE records SET body = ?, updated_at = ? WHERE kind = ? AND id = ?")->bind(1, body.dump()).bind(2, now_iso()).bind(3, kind).bind(4, id).run();
  return db_->changes() > 0;
}

std::optional<json> SqlStore::record(const std::string& kind, std::int64_t id) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT body FROM records WHERE kind = ? AND id = ?");
  q->bind(1, kind).bind(2, id);
  if (!q->step()) return std::nullopt;
  return json::parse(q->text(0));
}

std::vector<std::pair<std::int64_t, json>> SqlStore::records(const std::string& kind, std::size_t limit) const {
  std::lock_guard lock(mutex_);
  // The newest `limit`, oldest first; a huge limit stands for "all" in both dialects.
  auto q = db_->prepare("SELECT id, body FROM (SELECT id, body FROM records WHERE kind = ? ORDER BY id DESC LIMIT ?) newest ORDER BY id");
  q->bind(1, kind).bind(2, limit ? static_cast<std::int64_t>(limit) : std::int64_t(1) << 62);
  std::vector<std::pair<std::int64_t, json>> out;
  while (q->step()) out.emplace_back(q->integer(0), json::parse(q->text(1)));
  return out;
}

bool SqlStore::remove_record(const std::string& kind, std::int64_t id) {
  std::lock_guard lock(mutex_);
  db_->prepare("DELETE FROM records WHERE kind = ? AND id = ?")->bind(1, kind).bind(2, id).run();
  return db_->changes() > 0;
}

void SqlStore::prune_records(const std::string& kind, std::size_t keep) {
  std::lock_guard lock(mutex_);
  db_->prepare("DELETE FROM records WHERE kind = ? AND id NOT IN (SELECT id FROM records WHERE kind = ? ORDER BY id DESC LIMIT ?)")
      ->bind(1, kind).bind(2, kind).bind(3, static_cast<std::int64_t>(keep)).run();
}

json SqlStore::setting(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT value FROM settings WHERE key = ?");
  q->bind(1, key);
  return q->step() ? json::parse(q->text(0)) : json();
}

void SqlStore::set_setting(const std::string& key, const json& value) {
  std::lock_guard lock(mutex_);
  db_->prepare("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      ->bind(1, key).bind(2, value.dump()).run();
}

// ---- opening ----

std::unique_ptr<Store> open_sqlite(const std::string& path) { return std::make_unique<SqlStore>(sql::open_sqlite(path)); }

std::unique_ptr<Store> open(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0)
    return std::make_unique<SqlStore>(sql::open_postgres(location));
  return open_sqlite(location);
}

std::string default_path() {
  if (const char* env = std::getenv("SIGNET_DB"); env && *env) return env;
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.signet/signet.db";
}

}  // namespace signet::store
