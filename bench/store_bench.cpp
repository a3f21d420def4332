// The results store at scale: 1,000,000 synthetic results written as scans write them
// (batches of 500), risks marked, then what the console asks first, timed: the Risks page
// for one account at one level (first page, with its total), and the counts by level and
// by signature. Two shapes: 20 accounts of 50,000 results, and one account of 1,000,000.
// Prints the store's size per million results. SQLite by default; a PostgreSQL URI as the
// first argument measures that instead (a fresh database).
//
//   store_bench [postgresql://...]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#include "store/store.h"

using namespace signet;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kTotal = 1'000'000;
constexpr std::size_t kSignatures = 200;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// A result as the engine writes it: 70% Pass, 25% Fail, 5% Error; levels by signature.
json result(std::mt19937& rng, std::size_t i, const std::string& account_id) {
  static const char* levels[] = {"High", "Medium", "Low"};
  static const char* services[] = {"EC2", "IAM", "S3", "RDS", "Lambda", "KMS", "CloudTrail", "ELBv2"};
  std::size_t sig = rng() % kSignatures;
  int roll = static_cast<int>(rng() % 100);
  const char* status = roll < 70 ? "Pass" : roll < 95 ? "Fail" : "Error";
  std::string id = "AWS-BENCH-" + std::to_string(sig);
  std::string resource = "res-" + std::to_string(i);
  return {{"signatureId", id}, {"provider", "aws"}, {"accountId", account_id}, {"description", "Ensure bench control " + std::to_string(sig)},
          {"riskLevel", levels[sig % 3]}, {"service", services[sig % 8]}, {"region", i % 2 ? "us-east-1" : "eu-west-1"},
          {"vpc", i % 5 ? json("vpc-" + std::to_string(i % 40)) : json()}, {"resourceId", resource}, {"resourceName", resource},
          {"resourceArn", "arn:aws:ec2:us-east-1:" + account_id + ":thing/" + resource}, {"resourceKey", "arn:" + resource},
          {"status", status}, {"message", std::string(status) + ": setting " + std::to_string(sig % 37) + " is off"},
          {"durationMs", static_cast<int>(rng() % 40)}, {"console", json::array()},
          {"remediationSteps", "1. Open the console.\n2. Turn the setting on for control " + std::to_string(sig) + "."},
          {"compliance", {"CIS-AWS-3.0:" + std::to_string(sig % 5) + "." + std::to_string(sig % 9)}}};
}

// Median of `runs` timings of `f`, in ms.
template <typename F>
double median_ms(int runs, F f) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    auto t = Clock::now();
    f();
    times.push_back(ms_since(t));
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void measure(store::Store& store, std::int64_t scan, const char* shape) {
  store::ResultQuery page;
  page.scans = {scan};
  page.statuses = {"Fail"};
  page.levels = {"High"};
  page.limit = 100;
  std::size_t total = 0;
  double risks = median_ms(15, [&] { total = store.query_results(page).total; });
  store::ResultQuery counts;
  counts.scans = {scan};
  counts.statuses = {"Fail"};
  double by_level = median_ms(15, [&] { store.group_results(counts, "level"); });
  double by_signature = median_ms(15, [&] { store.group_results(counts, "signature"); });
  page.offset = 10'000;
  double deep = median_ms(5, [&] { store.query_results(page); });
  std::printf("  %-28s Risks page (1 account, High, first 100 of %zu): %6.1f ms; counts by level %6.1f ms; by signature %6.1f ms; "
              "page at offset 10,000 %6.1f ms\n",
              shape, total, risks, by_level, by_signature, deep);
}

}  // namespace

int main(int argc, char** argv) {
  std::string location = argc > 1 ? argv[1] : (std::filesystem::temp_directory_path() / ("signet-store-bench-" + std::to_string(getpid()) + ".db")).string();
  const bool sqlite = location.rfind("postgres", 0) != 0;
  auto store = store::open(location);
  std::mt19937 rng(42);
  std::printf("Store benchmark: %zu synthetic results, %s\n", kTotal, sqlite ? "SQLite" : "PostgreSQL");

  // 20 accounts x 50,000, then one account x 1,000,000 (written twice over: two stores' worth
  // is not needed, so the second shape is measured after the first is removed).
  struct Shape {
    const char* name;
    std::size_t accounts;
  };
  for (Shape shape : {Shape{"20 accounts x 50,000", 20}, Shape{"1 account x 1,000,000", 1}}) {
    auto written = Clock::now();
    std::vector<std::int64_t> scans;
    std::size_t per_account = kTotal / shape.accounts;
    for (std::size_t a = 0; a < shape.accounts; ++a) {
      std::string account_id = std::to_string(100000000000ULL + a);
      auto scan = store->begin_scan({"account-" + std::to_string(a), account_id, "account " + std::to_string(a)});
      std::vector<json> batch;
      for (std::size_t i = 0; i < per_account; ++i) {
        batch.push_back(result(rng, i, account_id));
        if (batch.size() == 500) store->add_results(scan, batch), batch.clear();
      }
      if (!batch.empty()) store->add_results(scan, batch);
      store->mark_risks(scan, 0);
      store->finish_scan(scan, "complete", {});
      scans.push_back(scan);
    }
    double seconds = ms_since(written) / 1000;
    std::printf("%s: written and marked in %.1f s (%.0f results/s)\n", shape.name, seconds, kTotal / seconds);
    if (sqlite) {
      std::uintmax_t bytes = 0;
      for (const char* suffix : {"", "-wal"})
        if (std::filesystem::exists(location + suffix)) bytes += std::filesystem::file_size(location + suffix);
      std::printf("  store size: %.0f MiB for %zu results (%.0f bytes a result)\n", bytes / 1048576.0, kTotal, double(bytes) / kTotal);
    }
    measure(*store, scans[shape.accounts / 2], shape.name);
    // Make room for the next shape: the retention keeps nothing but each account's newest
    // complete scan, so these go by writing a newer, empty one per account first.
    for (std::size_t a = 0; a < shape.accounts; ++a) {
      auto empty = store->begin_scan({"account-" + std::to_string(a)});
      store->finish_scan(empty, "complete", {});
    }
    auto removed = Clock::now();
    auto report = store->apply_retention({1, 0});
    std::printf("  retention removed %zu scans and %zu results in %.1f s\n", report.scans_removed, report.results_removed, ms_since(removed) / 1000);
  }
  if (sqlite)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(location + suffix);
  return 0;
}
