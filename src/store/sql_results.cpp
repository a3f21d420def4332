// Scans and their results as relational rows (sql_store.h): written in batches, marked
// new/open/fixed once when the scan ends, then filtered, counted, grouped and paged by the
// database. Texts (messages, consoles) and the signature metadata a result shows are kept
// once and referred to by id.
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <set>

#include "common/strings.h"
#include "common/time.h"
#include "store/sql_store.h"

namespace signet::store {

using nlohmann::json;

namespace {

// 128 bits of SHA-256, hex: the key a text or a metadata snapshot is kept once under.
std::string digest(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(text.data(), text.size(), md, &n, EVP_sha256(), nullptr) != 1) throw StoreError("SHA-256 failed");
  return to_hex(std::string_view(reinterpret_cast<const char*>(md), 16));
}

int level_rank(const std::string& level) { return level == "High" ? 3 : level == "Medium" ? 2 : level == "Low" ? 1 : 0; }
std::string level_name(std::int64_t rank) { return rank == 3 ? "High" : rank == 2 ? "Medium" : rank == 1 ? "Low" : ""; }

std::string text_of(const json& row, const char* key) {
  auto it = row.find(key);
  return it != row.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The fields a result row keeps in columns or as references; anything else goes to `extra`.
const std::set<std::string>& column_fields() {
  static const std::set<std::string> fields = {"signatureId", "provider",     "accountId",  "accountName", "description",
                                               "riskLevel",   "service",      "region",     "vpc",         "resourceId",
                                               "resourceName", "resourceArn", "resourceKey", "status",     "message",
                                               "durationMs",  "console",      "remediationSteps", "compliance", "risk", "scanId"};
  return fields;
}
// What a result shows of its signature: kept once per distinct version.
const char* const kSnapshotFields[] = {"description", "riskLevel", "remediationSteps", "compliance"};

// Inserts rows, looking texts and snapshots up once per distinct value in the batch.
class RowWriter {
 public:
  explicit RowWriter(sql::Connection& db)
      : db_(db),
        add_text_(db.prepare("INSERT INTO texts(hash, body) VALUES (?, ?) ON CONFLICT(hash) DO NOTHING")),
        find_text_(db.prepare("SELECT id FROM texts WHERE hash = ?")),
        add_snapshot_(db.prepare("INSERT INTO signature_snapshots(signature_id, hash, metadata) VALUES (?, ?, ?) ON CONFLICT(hash) DO NOTHING")),
        find_snapshot_(db.prepare("SELECT id FROM signature_snapshots WHERE hash = ?")),
        insert_(db.prepare("INSERT INTO results(scan_id, signature_id, snapshot_id, status, risk, level, provider, service, region, vpc, "
                           "resource_key, resource_id, resource_name, resource_arn, message_id, console_id, duration_ms, extra) "
                           "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {}

  void write(std::int64_t scan, const json& row) {
    json snapshot = json::object();
    for (const char* field : kSnapshotFields)
      if (row.contains(field)) snapshot[field] = row[field];
    json extra = json::object();
    for (const auto& [key, value] : row.items())
      if (!column_fields().count(key)) extra[key] = value;
    const std::string signature = text_of(row, "signatureId");
    const std::string message = text_of(row, "message");
    const json console = row.value("console", json::array());
    auto& q = *insert_;
    q.reset();
    q.bind(1, scan).bind(2, signature);
    if (snapshot.empty()) q.bind_null(3); else q.bind(3, snapshot_id(signature, snapshot.dump()));
    q.bind(4, text_of(row, "status"));
    if (std::string risk = text_of(row, "risk"); risk.empty()) q.bind_null(5); else q.bind(5, risk);
    q.bind(6, level_rank(text_of(row, "riskLevel")));
    q.bind(7, row.contains("provider") && row["provider"].is_string() ? row["provider"].get<std::string>() : std::string("aws"));
    q.bind(8, text_of(row, "service")).bind(9, text_of(row, "region"));
    if (std::string vpc = text_of(row, "vpc"); vpc.empty()) q.bind_null(10); else q.bind(10, vpc);
    q.bind(11, text_of(row, "resourceKey")).bind(12, text_of(row, "resourceId")).bind(13, text_of(row, "resourceName"));
    if (std::string arn = text_of(row, "resourceArn"); arn.empty()) q.bind_null(14); else q.bind(14, arn);
    if (message.empty()) q.bind_null(15); else q.bind(15, text_id(message));
    if (!console.is_array() || console.empty()) q.bind_null(16); else q.bind(16, text_id(console.dump()));
    q.bind(17, row.contains("durationMs") && row["durationMs"].is_number() ? row["durationMs"].get<std::int64_t>() : std::int64_t(0));
    if (extra.empty()) q.bind_null(18); else q.bind(18, extra.dump());
    q.run();
  }

 private:
  std::int64_t lookup(sql::Statement& add, sql::Statement& find, std::map<std::string, std::int64_t>& known, const std::string& hash,
                      const std::function<void(sql::Statement&)>& bind_rest) {
    if (auto it = known.find(hash); it != known.end()) return it->second;
    add.reset();
    bind_rest(add);
    add.run();
    find.reset();
    find.bind(1, hash);
    if (!find.step()) throw StoreError("a kept text vanished while it was written");
    std::int64_t id = find.integer(0);
    known[hash] = id;
    return id;
  }
  std::int64_t text_id(const std::string& body) {
    std::string hash = digest(body);
    return lookup(*add_text_, *find_text_, texts_, hash, [&](sql::Statement& s) { s.bind(1, hash).bind(2, body); });
  }
  std::int64_t snapshot_id(const std::string& signature, const std::string& metadata) {
    std::string hash = digest(signature + "\n" + metadata);
    return lookup(*add_snapshot_, *find_snapshot_, snapshots_, hash,
                  [&](sql::Statement& s) { s.bind(1, signature).bind(2, hash).bind(3, metadata); });
  }

  sql::Connection& db_;
  std::unique_ptr<sql::Statement> add_text_, find_text_, add_snapshot_, find_snapshot_, insert_;
  std::map<std::string, std::int64_t> texts_, snapshots_;
};

// The columns a result row is read back from, in this order (row_json reads them).
const char* const kRowSelect =
    "SELECT r.scan_id, r.signature_id, r.status, r.risk, r.provider, r.service, r.region, r.vpc, r.resource_key, r.resource_id, "
    "r.resource_name, r.resource_arn, m.body, c.body, r.duration_ms, r.extra, sn.metadata, s.account_id, s.account_name, r.level "
    "FROM results r JOIN scans s ON s.id = r.scan_id "
    "LEFT JOIN texts m ON m.id = r.message_id LEFT JOIN texts c ON c.id = r.console_id "
    "LEFT JOIN signature_snapshots sn ON sn.id = r.snapshot_id ";

json nullable(const sql::Statement& q, int column) { return q.is_null(column) ? json() : json(q.text(column)); }

json row_json(const sql::Statement& q) {
  json row = {{"scanId", q.integer(0)},
              {"signatureId", q.text(1)},
              {"status", q.text(2)},
              {"provider", q.text(4)},
              {"service", q.text(5)},
              {"region", q.text(6)},
              {"vpc", nullable(q, 7)},
              {"resourceKey", q.text(8)},
              {"resourceId", q.text(9)},
              {"resourceName", q.text(10)},
              {"resourceArn", nullable(q, 11)},
              {"message", q.text(12)},
              {"console", q.is_null(13) ? json::array() : json::parse(q.text(13), nullptr, false)},
              {"durationMs", q.integer(14)},
              {"accountId", q.text(17).empty() ? json() : json(q.text(17))},
              {"accountName", q.text(18)},
              {"riskLevel", level_name(q.integer(19))}};
  if (!q.is_null(3)) row["risk"] = q.text(3);
  if (!q.is_null(16)) {
    json snapshot = json::parse(q.text(16), nullptr, false);
    if (snapshot.is_object()) row.update(snapshot);
  }
  if (!q.is_null(15)) {
    json extra = json::parse(q.text(15), nullptr, false);
    if (extra.is_object()) row.update(extra);
  }
  for (const char* field : {"description", "remediationSteps"})
    if (!row.contains(field)) row[field] = "";
  if (!row.contains("compliance")) row["compliance"] = json::array();
  return row;
}

// A WHERE clause and its parameters, in order.
struct Where {
  std::string sql;
  std::vector<json> params;  // strings or integers
  void add(const std::string& condition) { sql += (sql.empty() ? "WHERE " : " AND ") + condition; }
  void bind(sql::Statement& q, int first = 1) const {
    int i = first;
    for (const auto& p : params) {
      if (p.is_number_integer()) q.bind(i++, p.get<std::int64_t>());
      else q.bind(i++, p.get<std::string>());
    }
  }
};

// LIKE pattern for a substring, with the pattern characters escaped (ESCAPE '\').
std::string contains_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : to_lower(text)) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// What the text filter reads besides the row: its message and its signature's texts
// (description, ...), joined only when there is one.
std::string text_joins(const ResultQuery& q) {
  return q.text.empty() ? "" : "LEFT JOIN texts m ON m.id = r.message_id LEFT JOIN signature_snapshots sn ON sn.id = r.snapshot_id ";
}

Where where_of(const ResultQuery& q) {
  Where w;
  w.add("r.scan_id IN (" + marks(q.scans.size()) + ")");
  for (auto id : q.scans) w.params.push_back(id);
  if (!q.statuses.empty()) {
    w.add("r.status IN (" + marks(q.statuses.size()) + ")");
    for (const auto& s : q.statuses) w.params.push_back(s);
  }
  if (q.risks.empty()) {
    w.add("(r.risk IS NULL OR r.risk <> 'fixed')");
  } else {
    w.add("r.risk IN (" + marks(q.risks.size()) + ")");
    for (const auto& r : q.risks) w.params.push_back(r);
  }
  if (!q.levels.empty()) {
    w.add("r.level IN (" + marks(q.levels.size()) + ")");
    for (const auto& l : q.levels) w.params.push_back(level_rank(l));
  }
  if (!q.service.empty()) {
    w.add("LOWER(r.service) = ?");
    w.params.push_back(to_lower(q.service));
  }
  if (!q.region.empty()) {
    w.add("r.region = ?");
    w.params.push_back(q.region);
  }
  if (!q.signature.empty()) {
    w.add("r.signature_id = ?");
    w.params.push_back(q.signature);
  }
  if (!q.resource_key.empty()) {
    w.add("r.resource_key = ?");
    w.params.push_back(q.resource_key);
  }
  if (!q.text.empty()) {
    w.add("(LOWER(r.resource_name) LIKE ? ESCAPE '\\' OR LOWER(r.resource_id) LIKE ? ESCAPE '\\' OR "
          "LOWER(COALESCE(r.resource_arn, '')) LIKE ? ESCAPE '\\' OR LOWER(r.signature_id) LIKE ? ESCAPE '\\' OR "
          "LOWER(COALESCE(m.body, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(sn.metadata, '')) LIKE ? ESCAPE '\\')");
    for (int i = 0; i < 6; ++i) w.params.push_back(contains_pattern(q.text));
  }
  return w;
}

// ORDER BY for a sort name; each key with its natural direction, reversed as asked. The
// default (level) follows the results_by_level index, so a page of one scan's failures at
// one level is read in order without sorting.
std::string order_of(const ResultQuery& q) {
  static const std::map<std::string, std::vector<std::pair<std::string, bool>>> sorts = {
      {"level", {{"r.level", true}, {"r.signature_id", false}, {"r.resource_key", false}}},
      {"signature", {{"r.signature_id", false}, {"r.level", true}, {"r.resource_key", false}}},
      {"service", {{"r.service", false}, {"r.level", true}, {"r.signature_id", false}, {"r.resource_key", false}}},
      {"region", {{"r.region", false}, {"r.level", true}, {"r.signature_id", false}, {"r.resource_key", false}}},
      {"resource", {{"r.resource_name", false}, {"r.signature_id", false}}},
      {"status", {{"r.status", false}, {"r.level", true}, {"r.signature_id", false}}},
      {"account", {{"s.account_name", false}, {"r.level", true}, {"r.signature_id", false}}},
      {"duration", {{"r.duration_ms", true}}},
  };
  auto it = sorts.find(q.sort);
  if (it == sorts.end()) throw std::invalid_argument("unknown sort '" + q.sort + "' (level, signature, service, region, resource, status, account, duration)");
  std::string out = " ORDER BY ";
  for (const auto& [column, descending] : it->second) out += column + ((descending != q.descending) ? " DESC, " : ", ");
  return out + (q.descending ? "r.id DESC" : "r.id");
}

}  // namespace

void insert_result_rows(sql::Connection& db, std::int64_t scan, const std::vector<json>& rows) {
  RowWriter writer(db);
  for (const auto& row : rows) writer.write(scan, row);
}

void count_scan_results(sql::Connection& db, std::int64_t scan) {
  db.prepare("DELETE FROM result_counts WHERE scan_id = ?")->bind(1, scan).run();
  db.prepare(
        "INSERT INTO result_counts(scan_id, signature_id, snapshot_id, status, risk, level, service, region, n) "
        "SELECT scan_id, signature_id, snapshot_id, status, risk, level, service, region, COUNT(*) FROM results WHERE scan_id = ? "
        "GROUP BY scan_id, signature_id, snapshot_id, status, risk, level, service, region")
      ->bind(1, scan).run();
  db.prepare("UPDATE scans SET counted = 1 WHERE id = ?")->bind(1, scan).run();
}

namespace {

// Whether every scan a query reads has its counts kept, and the query asks only what
// they hold (no text search, no single resource): then totals and groups read them.
bool counts_answer(sql::Connection& db, const ResultQuery& q) {
  if (!q.text.empty() || !q.resource_key.empty() || q.scans.empty()) return false;
  auto uncounted = db.prepare("SELECT COUNT(*) FROM scans WHERE counted = 0 AND id IN (" + marks(q.scans.size()) + ")");
  for (std::size_t i = 0; i < q.scans.size(); ++i) uncounted->bind(static_cast<int>(i) + 1, q.scans[i]);
  uncounted->step();
  return uncounted->integer(0) == 0;
}

}  // namespace

// ---- scans ----

std::int64_t SqlStore::begin_scan(const ScanStart& start) {
  std::lock_guard lock(mutex_);
  auto insert = db_->prepare(
      "INSERT INTO scans(started_at, status, account, account_id, account_name, provider, run, heartbeat_at) "
      "VALUES (?, 'running', ?, ?, ?, ?, ?, ?) RETURNING id");
  insert->bind(1, now_iso()).bind(2, start.account).bind(3, start.account_id).bind(4, start.account_name.empty() ? start.account : start.account_name)
      .bind(5, start.provider).bind(6, start.run).bind(7, unix_now());
  if (!insert->step()) throw StoreError("starting a scan returned no id");
  std::int64_t id = insert->integer(0);
  insert->run();
  return id;
}

void SqlStore::add_results(std::int64_t scan, const std::vector<json>& results) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(*db_);
  insert_result_rows(*db_, scan, results);
  db_->prepare("UPDATE scans SET heartbeat_at = ? WHERE id = ?")->bind(1, unix_now()).bind(2, scan).run();
  tx.commit();
}

void SqlStore::touch_scan(std::int64_t scan) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE scans SET heartbeat_at = ? WHERE id = ?")->bind(1, unix_now()).bind(2, scan).run();
}

RiskMarks SqlStore::mark_risks(std::int64_t scan, std::int64_t previous) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(*db_);
  RiskMarks marks;
  // Open: it failed in the previous scan too; new: it did not.
  db_->prepare(
         "UPDATE results SET risk = CASE WHEN EXISTS (SELECT 1 FROM results p WHERE p.scan_id = ? AND p.status = 'Fail' "
         "AND (p.risk IS NULL OR p.risk <> 'fixed') AND p.signature_id = results.signature_id AND p.resource_key = results.resource_key) "
         "THEN 'open' ELSE 'new' END WHERE scan_id = ? AND status = 'Fail'")
      ->bind(1, previous).bind(2, scan).run();
  // Fixed: the previous scan's failures that neither fail nor are muted now (a muted one is
  // accepted, not fixed), kept with this scan.
  db_->prepare(
         "INSERT INTO results(scan_id, signature_id, snapshot_id, status, risk, level, provider, service, region, vpc, resource_key, "
         "resource_id, resource_name, resource_arn, message_id, console_id, duration_ms, extra) "
         "SELECT ?, p.signature_id, p.snapshot_id, p.status, 'fixed', p.level, p.provider, p.service, p.region, p.vpc, p.resource_key, "
         "p.resource_id, p.resource_name, p.resource_arn, p.message_id, p.console_id, p.duration_ms, p.extra FROM results p "
         "WHERE p.scan_id = ? AND p.status = 'Fail' AND (p.risk IS NULL OR p.risk <> 'fixed') AND NOT EXISTS (SELECT 1 FROM results c "
         "WHERE c.scan_id = ? AND c.status IN ('Fail', 'Muted') AND c.signature_id = p.signature_id AND c.resource_key = p.resource_key)")
      ->bind(1, scan).bind(2, previous).bind(3, scan).run();
  auto counts = db_->prepare("SELECT risk, COUNT(*) FROM results WHERE scan_id = ? AND status = 'Fail' GROUP BY risk");
  counts->bind(1, scan);
  while (counts->step()) {
    std::string risk = counts->text(0);
    std::size_t n = static_cast<std::size_t>(counts->integer(1));
    if (risk == "new") marks.fresh = n;
    else if (risk == "open") marks.open = n;
    else if (risk == "fixed") marks.fixed = n;
  }
  tx.commit();
  return marks;
}

void SqlStore::set_scan_account_id(std::int64_t scan, const std::string& account_id) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE scans SET account_id = ? WHERE id = ?")->bind(1, account_id).bind(2, scan).run();
}

void SqlStore::finish_scan(std::int64_t scan, const std::string& status, const json& stats) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(*db_);
  db_->prepare("UPDATE scans SET finished_at = ?, status = ?, stats = ?, heartbeat_at = ? WHERE id = ?")
      ->bind(1, now_iso()).bind(2, status).bind(3, stats.dump()).bind(4, unix_now()).bind(5, scan).run();
  // Its rows are final now (risks marked, fixed ones copied in): counted once, here.
  if (status == "complete" || status == "failed") count_scan_results(*db_, scan);
  tx.commit();
}

std::vector<ScanSummary> SqlStore::select_scans(const std::string& where, const std::vector<std::string>& params, const std::string& tail) const {
  auto q = db_->prepare(
      "SELECT id, started_at, COALESCE(finished_at, ''), CASE WHEN status = 'running' AND heartbeat_at < ? THEN 'interrupted' ELSE status END, "
      "stats, account, account_id, account_name, provider, run FROM scans " + where + " " + tail);
  q->bind(1, unix_now() - interrupted_after_);
  for (std::size_t i = 0; i < params.size(); ++i) q->bind(static_cast<int>(i) + 2, params[i]);
  std::vector<ScanSummary> out;
  while (q->step()) {
    json stats = json::parse(q->text(4), nullptr, false);
    out.push_back({q->integer(0), q->text(1), q->text(2), q->text(3), stats.is_object() ? stats : json::object(), q->text(5), q->text(6),
                   q->text(7), q->text(8), q->text(9)});
  }
  return out;
}

namespace {

// WHERE for a scan filter; the account by its key, name or id.
std::pair<std::string, std::vector<std::string>> scan_where(const ScanFilter& f) {
  std::string where;
  std::vector<std::string> params;
  if (f.account) {
    where = "WHERE (account = ? OR (? <> '' AND (account_name = ? OR account_id = ?)))";
    params = {*f.account, *f.account, *f.account, *f.account};
  }
  if (!f.status.empty()) {
    where += where.empty() ? "WHERE " : " AND ";
    where += "status = ?";
    params.push_back(f.status);
  }
  return {where, params};
}

}  // namespace

std::vector<ScanSummary> SqlStore::scans(const ScanFilter& filter) const {
  std::lock_guard lock(mutex_);
  auto [where, params] = scan_where(filter);
  std::string tail = "ORDER BY id DESC";
  if (filter.limit) tail += " LIMIT " + std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset);
  return select_scans(where, params, tail);
}

std::size_t SqlStore::count_scans(const ScanFilter& filter) const {
  std::lock_guard lock(mutex_);
  auto [where, params] = scan_where(filter);
  auto q = db_->prepare("SELECT COUNT(*) FROM scans " + where);
  for (std::size_t i = 0; i < params.size(); ++i) q->bind(static_cast<int>(i) + 1, params[i]);
  q->step();
  return static_cast<std::size_t>(q->integer(0));
}

std::optional<ScanSummary> SqlStore::scan(std::int64_t id) const {
  std::lock_guard lock(mutex_);
  auto found = select_scans("WHERE id = ?", {std::to_string(id)}, "");
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<ScanSummary> SqlStore::latest_complete_scans(const std::optional<std::string>& account) const {
  std::lock_guard lock(mutex_);
  std::string where = "WHERE id IN (SELECT MAX(id) FROM scans WHERE status = 'complete' GROUP BY account)";
  std::vector<std::string> params;
  if (account) {
    where += " AND (account = ? OR (? <> '' AND (account_name = ? OR account_id = ?)))";
    params = {*account, *account, *account, *account};
  }
  return select_scans(where, params, "ORDER BY id DESC");
}

std::int64_t SqlStore::previous_complete_scan(const std::string& account, std::int64_t before) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT COALESCE(MAX(id), 0) FROM scans WHERE account = ? AND status = 'complete' AND id < ?");
  q->bind(1, account).bind(2, before);
  q->step();
  return q->integer(0);
}

// ---- reading results ----

void SqlStore::for_each_result(std::int64_t scan, const std::function<void(const json&)>& visit) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare(std::string(kRowSelect) + "WHERE r.scan_id = ? AND (r.risk IS NULL OR r.risk <> 'fixed') ORDER BY r.id");
  q->bind(1, scan);
  while (q->step()) visit(row_json(*q));
}

ResultPage SqlStore::query_results(const ResultQuery& query) const {
  std::lock_guard lock(mutex_);
  ResultPage page;
  if (query.scans.empty()) return page;
  Where w = where_of(query);
  std::string order = order_of(query);
  auto count = counts_answer(*db_, query) ? db_->prepare("SELECT COALESCE(SUM(r.n), 0) FROM result_counts r " + w.sql)
                                          : db_->prepare("SELECT COUNT(*) FROM results r " + text_joins(query) + w.sql);
  w.bind(*count);
  count->step();
  page.total = static_cast<std::size_t>(count->integer(0));
  std::string limit = query.limit ? " LIMIT " + std::to_string(query.limit) + " OFFSET " + std::to_string(query.offset) : "";
  auto rows = db_->prepare(std::string(kRowSelect) + w.sql + order + limit);
  w.bind(*rows);
  while (rows->step()) page.items.push_back(row_json(*rows));
  return page;
}

std::vector<json> SqlStore::group_results(const ResultQuery& query, const std::string& by) const {
  std::lock_guard lock(mutex_);
  static const std::map<std::string, std::string> columns = {
      {"level", "r.level"}, {"signature", "r.signature_id"}, {"service", "r.service"}, {"region", "r.region"},
      {"status", "r.status"}, {"risk", "COALESCE(r.risk, '')"}, {"account", "s.account"}, {"scan", "r.scan_id"}};
  auto column = columns.find(by);
  if (column == columns.end()) throw std::invalid_argument("unknown grouping '" + by + "' (level, signature, service, region, status, risk, account, scan)");
  std::vector<json> out;
  if (query.scans.empty()) return out;
  Where w = where_of(query);
  std::string joins = std::string(by == "account" ? "JOIN scans s ON s.id = r.scan_id " : "") +
                      text_joins(query);
  std::string extra = by == "account" ? ", MAX(s.account_name), MAX(s.account_id)" : by == "signature" ? ", MAX(r.level), MAX(r.snapshot_id)" : "";
  const bool counted = counts_answer(*db_, query);
  auto q = db_->prepare("SELECT " + column->second + (counted ? ", SUM(r.n)" : ", COUNT(*)") + extra + (counted ? " FROM result_counts r " : " FROM results r ") +
                        joins + w.sql + " GROUP BY " + column->second);
  w.bind(*q);
  std::map<std::int64_t, std::size_t> snapshot_of;  // snapshot id -> index in out
  while (q->step()) {
    json group = {{"count", q->integer(1)}};
    if (by == "level") group["key"] = level_name(q->integer(0));
    else if (by == "scan") group["key"] = q->integer(0);
    else group["key"] = q->text(0);
    if (by == "account") {
      group["name"] = q->text(2);
      group["id"] = q->text(3);
    }
    if (by == "signature") {
      group["riskLevel"] = level_name(q->integer(2));
      group["rank"] = q->integer(2);
      if (!q->is_null(3)) snapshot_of[q->integer(3)] = out.size();
    }
    out.push_back(std::move(group));
  }
  if (!snapshot_of.empty()) {  // the description each signature's results show
    std::vector<std::int64_t> ids;
    for (const auto& [id, index] : snapshot_of) ids.push_back(id);
    auto s = db_->prepare("SELECT id, metadata FROM signature_snapshots WHERE id IN (" + marks(ids.size()) + ")");
    for (std::size_t i = 0; i < ids.size(); ++i) s->bind(static_cast<int>(i) + 1, ids[i]);
    while (s->step()) {
      json metadata = json::parse(s->text(1), nullptr, false);
      if (metadata.is_object()) out[snapshot_of[s->integer(0)]]["description"] = metadata.value("description", "");
    }
  }
  const bool by_severity = by == "level" || by == "signature";
  std::stable_sort(out.begin(), out.end(), [&](const json& a, const json& b) {
    if (by == "level") return level_rank(a["key"]) > level_rank(b["key"]);
    if (by_severity && a["rank"] != b["rank"]) return a["rank"].get<std::int64_t>() > b["rank"].get<std::int64_t>();
    if (a["count"] != b["count"]) return a["count"].get<std::int64_t>() > b["count"].get<std::int64_t>();
    return a["key"].dump() < b["key"].dump();
  });
  for (auto& g : out) g.erase("rank");
  return out;
}

ResultPage SqlStore::query_resources(const ResultQuery& query) const {
  std::lock_guard lock(mutex_);
  ResultPage page;
  if (query.scans.empty()) return page;
  Where w = where_of(query);
  w.add("r.resource_key NOT IN ('', 'account')");
  std::string joins = text_joins(query);
  auto count = db_->prepare("SELECT COUNT(*) FROM (SELECT 1 FROM results r " + joins + w.sql + " GROUP BY r.scan_id, r.resource_key) g");
  w.bind(*count);
  count->step();
  page.total = static_cast<std::size_t>(count->integer(0));
  std::string limit = query.limit ? " LIMIT " + std::to_string(query.limit) + " OFFSET " + std::to_string(query.offset) : "";
  auto rows = db_->prepare(
      "SELECT r.resource_key, MAX(r.resource_id), MAX(r.resource_name), MAX(r.resource_arn), MAX(r.service), MAX(r.region), MAX(r.vpc), "
      "r.scan_id, MAX(s.account_id), MAX(s.account_name), SUM(CASE WHEN r.status = 'Pass' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN r.status = 'Fail' THEN 1 ELSE 0 END), SUM(CASE WHEN r.status = 'Error' THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN r.status = 'Muted' THEN 1 ELSE 0 END) FROM results r JOIN scans s ON s.id = r.scan_id " + joins + w.sql +
      " GROUP BY r.scan_id, r.resource_key ORDER BY MAX(r.resource_name)" + (query.descending ? " DESC" : "") + ", r.resource_key" + limit);
  w.bind(*rows);
  while (rows->step())
    page.items.push_back({{"key", rows->text(0)}, {"id", rows->text(1)}, {"name", rows->text(2)}, {"arn", nullable(*rows, 3)},
                          {"service", rows->text(4)}, {"region", rows->text(5)}, {"vpc", nullable(*rows, 6)}, {"scanId", rows->integer(7)},
                          {"accountId", rows->text(8).empty() ? json() : json(rows->text(8))}, {"accountName", rows->text(9)},
                          {"results", {{"Pass", rows->integer(10)}, {"Fail", rows->integer(11)}, {"Error", rows->integer(12)},
                                       {"Muted", rows->integer(13)}}}});
  return page;
}

}  // namespace signet::store
