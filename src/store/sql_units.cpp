// Work units of scans run by many workers (sql_store.h): each unit's results, stats and
// state written at once, and the scan finished by one of them.
#include <chrono>

#include "common/time.h"
#include "store/sql_store.h"

namespace signet::store {

using nlohmann::json;

void SqlStore::add_units(std::int64_t scan, const std::vector<std::pair<std::string, json>>& units) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(*db_);
  // Published now: silent only once nobody claims it for a while.
  auto insert = db_->prepare("INSERT INTO scan_units(scan_id, unit_key, spec, touched_at) VALUES (?, ?, ?, ?)");
  for (const auto& [key, spec] : units) {
    insert->reset();
    insert->bind(1, scan).bind(2, key).bind(3, spec.dump()).bind(4, unix_now()).run();
  }
  tx.commit();
}

bool SqlStore::complete_unit(std::int64_t scan, const std::string& unit, const std::vector<json>& results, const json& stats) {
  std::lock_guard lock(mutex_);
  sql::Transaction tx(*db_);
  // Marking it done first takes the row's lock: a second finisher waits, then finds it done.
  db_->prepare("UPDATE scan_units SET state = 'done', stats = ?, touched_at = ? WHERE scan_id = ? AND unit_key = ? AND state <> 'done'")
      ->bind(1, stats.dump()).bind(2, unix_now()).bind(3, scan).bind(4, unit).run();
  if (db_->changes() == 0) return false;  // done already (or no such unit): the transaction rolls back
  insert_result_rows(*db_, scan, results);
  db_->prepare("UPDATE scans SET heartbeat_at = ? WHERE id = ?")->bind(1, unix_now()).bind(2, scan).run();
  tx.commit();
  return true;
}

void SqlStore::touch_unit(std::int64_t scan, const std::string& unit, const std::string& worker) {
  std::lock_guard lock(mutex_);
  auto now = unix_now();
  db_->prepare("UPDATE scan_units SET worker = ?, touched_at = ? WHERE scan_id = ? AND unit_key = ? AND state <> 'done'")
      ->bind(1, worker).bind(2, now).bind(3, scan).bind(4, unit).run();
  db_->prepare("UPDATE scans SET heartbeat_at = ? WHERE id = ?")->bind(1, now).bind(2, scan).run();
}

Store::UnitCounts SqlStore::unit_counts(std::int64_t scan) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END), 0) FROM scan_units WHERE scan_id = ?");
  q->bind(1, scan);
  q->step();
  return {static_cast<std::size_t>(q->integer(0)), static_cast<std::size_t>(q->integer(1))};
}

std::vector<json> SqlStore::unit_stats(std::int64_t scan) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT stats FROM scan_units WHERE scan_id = ? AND state = 'done' ORDER BY unit_key");
  q->bind(1, scan);
  std::vector<json> out;
  while (q->step()) {
    json stats = json::parse(q->text(0), nullptr, false);
    out.push_back(stats.is_object() ? stats : json::object());
  }
  return out;
}

std::vector<std::pair<std::string, json>> SqlStore::idle_units(std::int64_t scan, std::chrono::seconds silence) const {
  std::lock_guard lock(mutex_);
  auto q = db_->prepare("SELECT unit_key, spec FROM scan_units WHERE scan_id = ? AND state <> 'done' AND touched_at < ? ORDER BY unit_key");
  q->bind(1, scan).bind(2, unix_now() - silence.count());
  std::vector<std::pair<std::string, json>> out;
  while (q->step()) out.emplace_back(q->text(0), json::parse(q->text(1), nullptr, false));
  return out;
}

bool SqlStore::claim_finish(std::int64_t scan) {
  std::lock_guard lock(mutex_);
  db_->prepare("UPDATE scans SET status = 'finishing', heartbeat_at = ? WHERE id = ? AND (status = 'running' OR "
               "(status = 'finishing' AND heartbeat_at < ?))")
      ->bind(1, unix_now()).bind(2, scan).bind(3, unix_now() - interrupted_after_).run();
  return db_->changes() == 1;
}

}  // namespace signet::store
