#include "schedule/schedule.h"

#include "common/strings.h"
#include "common/time.h"

#include <algorithm>
#include <ctime>
#include <iomanip>
#include <map>
#include <regex>
#include <sstream>

namespace signet::schedule {

using nlohmann::json;

namespace {

const char* const kKind = "schedule";

int field_value(const std::string& text, const std::map<std::string, int>& names) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto it = names.find(lower); it != names.end()) return it->second;
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) throw std::invalid_argument("'" + text + "' is not a number");
  std::size_t first = std::min(text.find_first_not_of('0'), text.size() - 1);
  if (text.size() - first > 4) throw std::invalid_argument("'" + text + "' is too large");  // stoi: out_of_range
  return std::stoi(text);
}

// One field into a set of allowed values in [low, high].
std::vector<bool> parse_field(const std::string& text, int low, int high, const std::map<std::string, int>& names, const char* what) {
  std::vector<bool> allowed(static_cast<std::size_t>(high + 1), false);
  std::stringstream parts(text);
  std::string part;
  try {
    while (std::getline(parts, part, ',')) {
      int step = 1;
      if (auto slash = part.find('/'); slash != std::string::npos) {
        step = field_value(part.substr(slash + 1), {});
        if (step < 1) throw std::invalid_argument("a step must be at least 1");
        part = part.substr(0, slash);
      }
      int from = low, to = high;
      if (part != "*") {
        auto dash = part.find('-');
        from = field_value(part.substr(0, dash), names);
        to = dash == std::string::npos ? (step > 1 ? high : from) : field_value(part.substr(dash + 1), names);
      }
      if (from < low || to > high || from > to)
        throw std::invalid_argument(std::to_string(from) + "-" + std::to_string(to) + " is outside " + std::to_string(low) + "-" + std::to_string(high));
      step = std::min(step, high + 1);  // a longer step picks `from` alone, and v + step cannot overflow
      for (int v = from; v <= to; v += step) allowed[static_cast<std::size_t>(v)] = true;
    }
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("the ") + what + " field '" + text + "': " + e.what());
  }
  return allowed;
}

}  // namespace

Cron Cron::parse(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> fields;
  for (std::string f; in >> f;) fields.push_back(f);
  if (fields.size() != 5) throw std::invalid_argument("a cron expression has 5 fields (minute hour day month weekday), not " + std::to_string(fields.size()));
  static const std::map<std::string, int> months = {{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"may", 5}, {"jun", 6},
                                                    {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12}};
  static const std::map<std::string, int> days = {{"sun", 0}, {"mon", 1}, {"tue", 2}, {"wed", 3}, {"thu", 4}, {"fri", 5}, {"sat", 6}};
  Cron c;
  c.minutes_ = parse_field(fields[0], 0, 59, {}, "minute");
  c.hours_ = parse_field(fields[1], 0, 23, {}, "hour");
  c.days_ = parse_field(fields[2], 1, 31, {}, "day-of-month");
  c.months_ = parse_field(fields[3], 1, 12, months, "month");
  c.weekdays_ = parse_field(fields[4], 0, 7, days, "day-of-week");
  if (c.weekdays_[7]) c.weekdays_[0] = true;
  c.any_day_ = fields[2] == "*";
  c.any_weekday_ = fields[4] == "*";
  // A day that can never come (Feb 30) would make next_after search forever.
  bool possible = false;
  for (int m = 1; m <= 12; ++m)
    for (int d = 1; d <= (m == 2 ? 29 : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31); ++d)
      possible |= c.months_[static_cast<std::size_t>(m)] && c.days_[static_cast<std::size_t>(d)];
  if (!possible && c.any_weekday_) throw std::invalid_argument("'" + text + "' names a day that never comes");
  return c;
}

TimePoint Cron::next_after(TimePoint t) const {
  std::time_t at = std::chrono::system_clock::to_time_t(t);
  at = at - at % 60 + 60;  // the next whole minute
  // Days first, then hours and minutes: at most ~4 years of days are looked at.
  for (int guard = 0; guard < 366 * 5 * 24 * 60; ) {
    std::tm tm{};
    gmtime_r(&at, &tm);
    bool month_ok = months_[static_cast<std::size_t>(tm.tm_mon + 1)];
    bool dom = days_[static_cast<std::size_t>(tm.tm_mday)], dow = weekdays_[static_cast<std::size_t>(tm.tm_wday)];
    bool day_ok = any_day_ && any_weekday_ ? true : any_day_ ? dow : any_weekday_ ? dom : (dom || dow);
    if (!month_ok || !day_ok) {
      at += (24 - tm.tm_hour) * 3600 - tm.tm_min * 60;  // next midnight
      guard += 24 * 60;
      continue;
    }
    if (!hours_[static_cast<std::size_t>(tm.tm_hour)]) {
      at += 3600 - tm.tm_min * 60;
      guard += 60;
      continue;
    }
    if (!minutes_[static_cast<std::size_t>(tm.tm_min)]) {
      at += 60;
      ++guard;
      continue;
    }
    return std::chrono::system_clock::from_time_t(at);
  }
  throw std::runtime_error("no run of this cron expression in the next five years");
}

std::chrono::seconds parse_interval(const std::string& text) {
  std::smatch m;
  static const std::regex interval(R"(\s*(\d+)\s*([smhd])\s*)");  // compiled once
  if (!std::regex_match(text, m, interval))
    throw std::invalid_argument("'" + text + "' is not an interval such as 30m, 6h or 1d");
  std::string digits = m[1].str();
  digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
  if (digits.size() > 6) throw std::invalid_argument("an interval is at most a year");  // nor overflows n * unit
  long n = std::stol(digits);
  long unit = m[2] == "s" ? 1 : m[2] == "m" ? 60 : m[2] == "h" ? 3600 : 86400;
  if (n * unit < 60) throw std::invalid_argument("an interval is at least 1 minute");
  if (n * unit > 366L * 86400) throw std::invalid_argument("an interval is at most a year");
  return std::chrono::seconds(n * unit);
}

std::string to_iso(TimePoint t) { return iso_utc(t); }

std::optional<TimePoint> from_iso(const std::string& text) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  if (in.fail()) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

Schedule parse_schedule(const json& body, const Schedule* base) {
  Schedule s = base ? *base : Schedule{};
  if (!body.is_object()) throw ScheduleError("a schedule is a JSON object", {{"schedule", "must be an object"}});
  FieldReader read{body};
  json& fields = read.fields;
  std::string before_every = s.every, before_cron = s.cron;
  read.text("name", s.name);
  read.text("account", s.account);
  read.text("every", s.every);
  read.text("cron", s.cron);
  // Giving one of every/cron replaces the other.
  if (body.contains("every") && !s.every.empty() && !body.contains("cron")) s.cron.clear();
  if (body.contains("cron") && !s.cron.empty() && !body.contains("every")) s.every.clear();
  read.flag("enabled", s.enabled);
  read.list("regions", s.regions);
  for (const auto& r : s.regions)
    if (!is_region_name(r)) fields["regions"] = "'" + r + "' is not a region name";
  if (s.name.empty() || s.name.size() > 100) fields["name"] = "is required (at most 100 characters)";
  // Compiled once: with its {0,2000} this pattern takes milliseconds to build.
  static const std::regex accounts("[A-Za-z0-9_.@, -]{0,2000}");
  if (!std::regex_match(s.account, accounts))
    fields["account"] = "must be the accounts to scan: all, or account and organization names, account ids and OU ids, by commas";
  if (s.every.empty() == s.cron.empty()) fields[s.every.empty() ? "every" : "cron"] = "give either every (an interval such as 6h) or cron (such as 0 3 * * *)";
  try {
    if (!s.every.empty()) parse_interval(s.every);
  } catch (const std::invalid_argument& e) {
    fields["every"] = e.what();
  }
  try {
    if (!s.cron.empty()) Cron::parse(s.cron);
  } catch (const std::invalid_argument& e) {
    fields["cron"] = e.what();
  }
  read.fail_if_any("the schedule is not valid");
  if (s.every != before_every || s.cron != before_cron) s.next_run_at.clear();  // recomputed from now
  return s;
}

json to_json(const Schedule& s) {
  return {{"id", s.id},           {"name", s.name},           {"account", s.account},       {"every", s.every},
          {"cron", s.cron},       {"regions", s.regions},     {"enabled", s.enabled},       {"nextRunAt", s.next_run_at},
          {"lastRunAt", s.last_run_at}, {"lastStatus", s.last_status}, {"lastScanId", s.last_scan_id}};
}

namespace {

Schedule from_record(std::int64_t id, const json& j) {
  Schedule s;
  s.id = id;
  s.name = j.value("name", "");
  s.account = j.value("account", "");
  s.every = j.value("every", "");
  s.cron = j.value("cron", "");
  s.regions = j.value("regions", std::vector<std::string>{});
  s.enabled = j.value("enabled", true);
  s.next_run_at = j.value("nextRunAt", "");
  s.last_run_at = j.value("lastRunAt", "");
  s.last_status = j.value("lastStatus", "");
  s.last_scan_id = j.value("lastScanId", std::int64_t(0));
  return s;
}

json to_record(const Schedule& s) {
  json j = to_json(s);
  j.erase("id");
  return j;
}

}  // namespace

TimePoint next_run(const Schedule& s, TimePoint after) {
  if (!s.cron.empty()) return Cron::parse(s.cron).next_after(after);
  return after + parse_interval(s.every);
}

Schedules::Schedules(store::Store& store) : store::Records<Schedule>(store, kKind, from_record, to_record) {}

int run_due(Schedules& schedules, TimePoint now, const std::function<bool(const Schedule&)>& start_scan) {
  int started = 0;
  for (auto s : schedules.all()) {
    if (!s.enabled) continue;
    auto next = from_iso(s.next_run_at);
    if (!next) {  // new or changed: its first run is the next one from now
      s.next_run_at = to_iso(next_run(s, now));
      schedules.update(s);
      continue;
    }
    if (*next > now) continue;
    // Due, perhaps long ago: one scan now stands for every missed run. The next run is
    // stored before the scan starts, so the scan's own record of how it ended comes after.
    std::string previous_run = s.last_run_at;
    s.next_run_at = to_iso(next_run(s, now));
    s.last_run_at = to_iso(now);
    s.last_status = "started";
    schedules.update(s);
    if (start_scan(s)) {
      ++started;
    } else {
      s.last_run_at = previous_run;
      s.last_status = "skipped at " + to_iso(now) + ": a scan of this account was running";
      schedules.update(s);
    }
  }
  return started;
}

}  // namespace signet::schedule
