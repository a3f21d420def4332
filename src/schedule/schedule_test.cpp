#include "schedule/schedule.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

using namespace signet::schedule;
using nlohmann::json;

namespace {

TimePoint at(const std::string& iso) { return *from_iso(iso); }

struct TempStore {
  std::string path = (std::filesystem::temp_directory_path() / ("signet-schedule-" + std::to_string(getpid()) + ".db")).string();
  std::unique_ptr<signet::store::Store> store = signet::store::open_sqlite(path);
  ~TempStore() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

}  // namespace

TEST(Cron, FindsTheNextMatchingMinuteInUtc) {
  EXPECT_EQ(to_iso(Cron::parse("0 3 * * *").next_after(at("2026-11-26T18:00:00Z"))), "2026-11-27T03:00:00Z");
  EXPECT_EQ(to_iso(Cron::parse("*/15 * * * *").next_after(at("2026-11-26T18:07:30Z"))), "2026-11-26T18:15:00Z");
  EXPECT_EQ(to_iso(Cron::parse("*/15 * * * *").next_after(at("2026-11-26T18:15:00Z"))), "2026-11-26T18:30:00Z") << "strictly after";
  // Weekdays only: Friday 2026-11-27 after 09:00 -> Monday 2026-11-30.
  EXPECT_EQ(to_iso(Cron::parse("30 9 * * mon-fri").next_after(at("2026-11-27T10:00:00Z"))), "2026-11-30T09:30:00Z");
  EXPECT_EQ(to_iso(Cron::parse("0 0 1 jan *").next_after(at("2026-11-26T00:00:00Z"))), "2027-01-01T00:00:00Z");
  EXPECT_EQ(to_iso(Cron::parse("0 12 29 2 *").next_after(at("2026-03-01T00:00:00Z"))), "2028-02-29T12:00:00Z");
  // Both day fields restricted: either matches (the 1st, or any Sunday).
  EXPECT_EQ(to_iso(Cron::parse("0 0 1 * 0").next_after(at("2026-11-26T00:00:00Z"))), "2026-11-29T00:00:00Z");
  EXPECT_EQ(to_iso(Cron::parse("0 0 * * 7").next_after(at("2026-11-26T00:00:00Z"))), "2026-11-29T00:00:00Z") << "7 is Sunday too";
}

TEST(Cron, BadExpressionsSayWhichField) {
  auto message = [](const std::string& text) {
    try {
      Cron::parse(text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(message("* * *").find("5 fields"), std::string::npos);
  EXPECT_NE(message("61 * * * *").find("minute"), std::string::npos);
  EXPECT_NE(message("* 24 * * *").find("hour"), std::string::npos);
  EXPECT_NE(message("* * * foo *").find("month"), std::string::npos);
  EXPECT_NE(message("*/0 * * * *").find("step"), std::string::npos);
  EXPECT_NE(message("0 0 30 2 *").find("never"), std::string::npos);
}

TEST(Interval, ParsesUnitsAndRefusesTooShort) {
  EXPECT_EQ(parse_interval("30m").count(), 1800);
  EXPECT_EQ(parse_interval("6h").count(), 21600);
  EXPECT_EQ(parse_interval("1d").count(), 86400);
  EXPECT_THROW(parse_interval("10s"), std::invalid_argument);
  EXPECT_THROW(parse_interval("often"), std::invalid_argument);
}

TEST(Schedules, AreValidatedByField) {
  try {
    parse_schedule({{"name", ""}, {"every", "6h"}, {"cron", "0 3 * * *"}, {"regions", {"mars"}}});
    FAIL() << "accepted";
  } catch (const ScheduleError& e) {
    EXPECT_TRUE(e.fields.contains("name"));
    EXPECT_TRUE(e.fields.contains("regions"));
    EXPECT_TRUE(e.fields.contains("cron") || e.fields.contains("every"));
  }
  auto s = parse_schedule({{"name", "nightly"}, {"cron", "0 3 * * *"}, {"regions", "us-east-1, eu-west-1"}});
  EXPECT_EQ(s.regions, (std::vector<std::string>{"us-east-1", "eu-west-1"}));
  auto changed = parse_schedule({{"every", "6h"}}, &s);
  EXPECT_EQ(changed.cron, "") << "an interval replaces the cron expression";
  EXPECT_EQ(changed.name, "nightly");
}

TEST(Schedules, RunWhenDueOnceAfterDowntimeAndNeverOverlap) {
  TempStore temp;
  Schedules schedules(*temp.store);
  auto id = schedules.add(parse_schedule({{"name", "hourly"}, {"every", "1h"}}));
  std::vector<std::string> started;
  bool busy = false;
  auto start = [&](const Schedule& s) {
    if (busy) return false;
    started.push_back(s.name);
    return true;
  };
  // First look: the first run is an interval from now, nothing starts.
  EXPECT_EQ(run_due(schedules, at("2026-11-26T10:00:00Z"), start), 0);
  EXPECT_EQ(schedules.find(id)->next_run_at, "2026-11-26T11:00:00Z");
  EXPECT_EQ(run_due(schedules, at("2026-11-26T10:59:59Z"), start), 0);
  EXPECT_EQ(run_due(schedules, at("2026-11-26T11:00:00Z"), start), 1);
  EXPECT_EQ(schedules.find(id)->next_run_at, "2026-11-26T12:00:00Z");
  // The server was down for 5 hours: one scan, then the next run is from now.
  EXPECT_EQ(run_due(schedules, at("2026-11-26T17:20:00Z"), start), 1);
  EXPECT_EQ(run_due(schedules, at("2026-11-26T17:20:01Z"), start), 0);
  EXPECT_EQ(started.size(), 2u);
  EXPECT_EQ(schedules.find(id)->next_run_at, "2026-11-26T18:20:00Z");
  EXPECT_EQ(schedules.find(id)->last_run_at, "2026-11-26T17:20:00Z");
  // Due while a scan of the account is still running: skipped, not queued behind it.
  busy = true;
  EXPECT_EQ(run_due(schedules, at("2026-11-26T18:20:00Z"), start), 0);
  EXPECT_NE(schedules.find(id)->last_status.find("skipped"), std::string::npos);
  EXPECT_EQ(schedules.find(id)->last_run_at, "2026-11-26T17:20:00Z");
  EXPECT_EQ(schedules.find(id)->next_run_at, "2026-11-26T19:20:00Z");
  // Disabled schedules never run.
  auto s = *schedules.find(id);
  s.enabled = false;
  schedules.update(s);
  busy = false;
  EXPECT_EQ(run_due(schedules, at("2026-11-27T00:00:00Z"), start), 0);
}
