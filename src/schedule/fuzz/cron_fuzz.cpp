// Fuzz target: schedule timing as the API and `signet schedules add` give it: the text is
// read as a cron expression and as an interval, alone and in a schedule body. Refusals are
// std::invalid_argument (alone) and InvalidFields (in a body, the API's 422). A cron
// expression that reads always has a next run (within five years), later than the time
// asked, on a whole minute, and the same from any moment in between.
#include <chrono>
#include <string>

#include "schedule/schedule.h"
#include "testing/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace signet::schedule;
  using namespace std::chrono;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    Cron cron = Cron::parse(text);
    // 2024-02-29 12:34:56 UTC (a leap day), 2030-12-31 23:59:30, and the epoch.
    for (std::int64_t at : {1709210096LL, 1925078370LL, 0LL}) {
      TimePoint t = system_clock::from_time_t(at);
      TimePoint next = cron.next_after(t);
      SIGNET_FUZZ_CHECK(next > t, "the next run is later");
      SIGNET_FUZZ_CHECK(system_clock::to_time_t(next) % 60 == 0, "runs are on whole minutes");
      SIGNET_FUZZ_CHECK(cron.next_after(next - seconds(1)) == next, "the next run does not depend on the moment asked");
    }
  } catch (const std::invalid_argument&) {
  }
  try {
    auto interval = parse_interval(text);
    SIGNET_FUZZ_CHECK(interval >= minutes(1) && interval <= hours(24 * 366), "an interval is a minute to a year");
  } catch (const std::invalid_argument&) {
  }
  for (const char* field : {"cron", "every"}) {
    Schedule s;
    try {
      s = parse_schedule({{"name", "fuzz"}, {field, text}});
    } catch (const ScheduleError&) {  // InvalidFields: the API's 422
      continue;
    }
    (void)next_run(s, system_clock::from_time_t(1709210096));  // what the server does before saving
  }
  return 0;
}
