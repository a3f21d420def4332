#pragma once
// Scheduled scans: when each schedule is due (an interval such as "6h", or a cron
// expression such as "0 3 * * 1-5", in UTC), and what to do after downtime: one scan for
// all the missed runs, never a burst.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/invalid_fields.h"
#include "store/records.h"

namespace signet::schedule {

using TimePoint = std::chrono::system_clock::time_point;

using ScheduleError = InvalidFields;

// A five-field cron expression: minute hour day-of-month month day-of-week, each "*", a
// number, a range "a-b", a list "a,b", with an optional step "/n"; day-of-week 0-7 (0 and 7
// are Sunday); names (jan, mon) accepted. As in cron, when both day fields are restricted a
// day matching either one counts.
class Cron {
 public:
  static Cron parse(const std::string& text);  // throws std::invalid_argument saying which field
  TimePoint next_after(TimePoint t) const;      // the first matching minute after t
 private:
  std::vector<bool> minutes_, hours_, days_, months_, weekdays_;
  bool any_day_ = true, any_weekday_ = true;
};

// "30m", "6h", "1d", "90s" (at least 1 minute); throws std::invalid_argument.
std::chrono::seconds parse_interval(const std::string& text);

struct Schedule {
  std::int64_t id = 0;
  std::string name;
  std::string account;  // the accounts to scan (as `signet scan --accounts`); "" = every enabled one
  std::string every;    // an interval, or
  std::string cron;     // a cron expression (exactly one of the two)
  std::vector<std::string> regions;  // empty: the server's default regions
  bool enabled = true;
  std::string next_run_at, last_run_at, last_status;  // ISO-8601 UTC
  std::int64_t last_scan_id = 0;
};

// From an API or CLI body (`base`: the stored one being changed); throws ScheduleError.
Schedule parse_schedule(const nlohmann::json& body, const Schedule* base = nullptr);
nlohmann::json to_json(const Schedule& schedule);

// The first run strictly after `after`.
TimePoint next_run(const Schedule& schedule, TimePoint after);

std::string to_iso(TimePoint t);
std::optional<TimePoint> from_iso(const std::string& text);

// The stored schedules (store records of kind "schedule").
class Schedules : public store::Records<Schedule> {
 public:
  explicit Schedules(store::Store& store);
};

// One look at the clock: starts every enabled schedule that is due (at most once, however
// many runs were missed), unless a scan of its account is already running, and sets each
// schedule's next run. `start_scan(schedule)` returns false when the account is busy.
// Returns how many scans it started.
int run_due(Schedules& schedules, TimePoint now, const std::function<bool(const Schedule&)>& start_scan);

}  // namespace signet::schedule
