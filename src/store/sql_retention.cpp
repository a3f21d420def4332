// Retention (sql_store.h): old scans removed with their results, never a running one nor an
// account's newest complete one, then what nothing refers to, and the space given back.
#include <chrono>

#include "common/time.h"
#include "store/sql_store.h"

namespace signet::store {

using nlohmann::json;

RetentionReport SqlStore::apply_retention(const Retention& retention) {
  std::lock_guard lock(mutex_);
  RetentionReport report;
  if (!retention.scans_per_account && !retention.days) return report;
  std::vector<std::int64_t> doomed;
  {
    // Newest first per account: what is past the newest N, or older than D days, except a
    // running scan and each account's newest complete one (the baseline of new and fixed).
    auto q = db_->prepare(
        "SELECT id, account, status, started_at, CASE WHEN id IN (SELECT MAX(id) FROM scans WHERE status = 'complete' GROUP BY account) "
        "THEN 1 ELSE 0 END FROM scans ORDER BY account, id DESC");
    std::string cutoff;
    if (retention.days) cutoff = iso_utc(std::chrono::system_clock::now() - std::chrono::hours(24 * static_cast<std::int64_t>(retention.days)));
    std::string account;
    std::size_t rank = 0;
    while (q->step()) {
      if (q->text(1) != account) {
        account = q->text(1);
        rank = 0;
      }
      ++rank;
      bool protect = q->text(2) == "running" || q->text(2) == "finishing" || q->integer(4) != 0;
      bool too_many = retention.scans_per_account && rank > retention.scans_per_account;
      bool too_old = retention.days && q->text(3) < cutoff;
      if (!protect && (too_many || too_old)) doomed.push_back(q->integer(0));
    }
  }
  if (doomed.empty()) return report;
  {
    sql::Transaction tx(*db_);
    for (std::size_t i = 0; i < doomed.size(); i += 500) {
      std::vector<std::int64_t> chunk(doomed.begin() + i, doomed.begin() + std::min(doomed.size(), i + 500));
      auto count = db_->prepare("SELECT COUNT(*) FROM results WHERE scan_id IN (" + marks(chunk.size()) + ")");
      auto remove = db_->prepare("DELETE FROM scans WHERE id IN (" + marks(chunk.size()) + ")");
      for (std::size_t k = 0; k < chunk.size(); ++k) {
        count->bind(static_cast<int>(k) + 1, chunk[k]);
        remove->bind(static_cast<int>(k) + 1, chunk[k]);
      }
      count->step();
      report.results_removed += static_cast<std::size_t>(count->integer(0));
      remove->run();
      report.scans_removed += static_cast<std::size_t>(db_->changes());
    }
    tx.commit();
  }
  // Texts and metadata no result refers to any more; not while a scan is writing (its
  // batch in flight may refer to a text it found a moment ago).
  auto running = db_->prepare("SELECT COUNT(*) FROM scans WHERE status IN ('running', 'finishing') AND heartbeat_at >= ?");
  running->bind(1, unix_now() - interrupted_after_);
  running->step();
  if (running->integer(0) == 0) {
    sql::Transaction tx(*db_);
    db_->exec(
        "DELETE FROM texts WHERE id NOT IN (SELECT message_id FROM results WHERE message_id IS NOT NULL) "
        "AND id NOT IN (SELECT console_id FROM results WHERE console_id IS NOT NULL);"
        "DELETE FROM signature_snapshots WHERE id NOT IN (SELECT snapshot_id FROM results WHERE snapshot_id IS NOT NULL);");
    tx.commit();
  }
  if (db_->dialect() == sql::Dialect::Sqlite) {
    // Give the freed pages back to the file system. A file made before incremental vacuum
    // was chosen is vacuumed whole once, which switches it over.
    auto mode = db_->prepare("PRAGMA auto_vacuum");
    mode->step();
    if (mode->integer(0) != 2) {
      mode.reset();
      db_->exec("PRAGMA auto_vacuum=INCREMENTAL; VACUUM;");
    } else {
      mode.reset();
      db_->exec("PRAGMA incremental_vacuum;");
    }
  }
  return report;
}

}  // namespace signet::store
