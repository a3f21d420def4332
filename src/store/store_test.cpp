// The store's whole suite, run against both databases: SQLite (a temporary file) and
// PostgreSQL (a real server the test starts, a fresh database per test).
#include "store/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "emulator/local_servers.h"

using namespace signet;
using namespace signet::store;
using nlohmann::json;

namespace {

emulator::PostgresServer& postgres() {
  static emulator::PostgresServer server;  // one for the binary, started on first use
  return server;
}

// A database of the test's backend, and how to open it (again).
struct TempDb {
  std::string path;
  explicit TempDb(const std::string& backend) {
    if (backend == "postgres") path = postgres().fresh_database();
    else path = (std::filesystem::temp_directory_path() / ("signet-store-" + std::to_string(getpid()) + "-" + std::to_string(rand()) + ".db")).string();
  }
  ~TempDb() {
    if (path.rfind("postgresql://", 0) == 0) return;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
};

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  TempDb db{GetParam()};
  std::unique_ptr<Store> open_db() { return store::open(db.path); }
};

StoredSignature sample(const std::string& description = "Ensure MFA") {
  StoredSignature s;
  s.metadata.description = description;
  s.metadata.service = "IAM";
  s.metadata.risk_level = "High";
  s.metadata.pass_message = "ok";
  s.metadata.fail_message = "bad";
  s.metadata.compliance = {"CIS-AWS-3.0:1.10"};
  s.code = "module.exports = () => ({ statusSig: true });";
  return s;
}

// A result row as the engine writes it.
json result(const std::string& signature, const std::string& resource, const std::string& status, const std::string& level = "High",
            const std::string& service = "IAM", const std::string& message = "") {
  return {{"signatureId", signature}, {"provider", "aws"}, {"accountId", "123456789012"}, {"description", "Ensure " + signature},
          {"riskLevel", level}, {"service", service}, {"region", "us-east-1"}, {"vpc", nullptr}, {"resourceId", resource},
          {"resourceName", resource}, {"resourceArn", "arn:aws:iam::123456789012:user/" + resource}, {"resourceKey", "key/" + resource},
          {"status", status}, {"message", message.empty() ? status + " on " + resource : message}, {"durationMs", 3},
          {"console", json::array()}, {"remediationSteps", "1. Fix it."}, {"compliance", {"CIS-AWS-3.0:1.10"}}};
}

std::int64_t scan_of(Store& store, const std::string& account, const std::vector<json>& rows, bool finish = true) {
  auto scan = store.begin_scan({account, "1111", account + " name"});
  store.add_results(scan, rows);
  if (finish) {
    store.mark_risks(scan, store.previous_complete_scan(account, scan));
    store.finish_scan(scan, "complete", {});
  }
  return scan;
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Databases, StoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST_P(StoreTest, SignaturesGetStableReadableIdsAndSurviveReopening) {
  {
    auto store = open_db();
    EXPECT_EQ(store->add_signature(sample()), "CUSTOM-0001");
    EXPECT_EQ(store->add_signature(sample("second")), "CUSTOM-0002");
    auto builtin = sample("builtin");
    builtin.metadata.id = "AWS-IAM-001";
    builtin.builtin = true;
    EXPECT_EQ(store->add_signature(builtin), "AWS-IAM-001");
    EXPECT_THROW(store->add_signature(builtin), StoreError);
  }
  auto store = open_db();
  auto all = store->signatures();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].metadata.id, "AWS-IAM-001");
  auto second = store->signature("CUSTOM-0002");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->metadata.description, "second");
  EXPECT_EQ(second->metadata.compliance, std::vector<std::string>{"CIS-AWS-3.0:1.10"});
  EXPECT_TRUE(store->set_enabled("CUSTOM-0002", false));
  EXPECT_FALSE(store->signature("CUSTOM-0002")->metadata.enabled);
  EXPECT_TRUE(store->remove_signature("CUSTOM-0001"));
  EXPECT_FALSE(store->remove_signature("CUSTOM-0001"));
  EXPECT_EQ(store->add_signature(sample()), "CUSTOM-0003") << "ids are never reused";
}

TEST_P(StoreTest, QuotesAndSqlMetacharactersAreStoredVerbatim) {
  auto store = open_db();
  auto s = sample("Robert'); DROP TABLE signatures;-- \"quoted\" <script>alert(1)</script>");
  s.code = "module.exports = () => ({ statusSig: true, statusMessage: \"it's 'fine'\" });";
  auto id = store->add_signature(s);
  auto back = store->signature(id);
  EXPECT_EQ(back->metadata.description, s.metadata.description);
  EXPECT_EQ(back->code, s.code);
  EXPECT_EQ(store->signatures().size(), 1u);
}

TEST_P(StoreTest, ABatchIsAllOrNothing) {
  auto store = open_db();
  auto clash = sample();
  clash.metadata.id = "CUSTOM-0001";
  store->add_signature(sample());
  EXPECT_THROW(store->add_signatures({sample("a"), sample("b"), clash}), StoreError);
  EXPECT_EQ(store->signatures().size(), 1u) << "nothing of the failed batch was saved";
}

TEST_P(StoreTest, ScansKeepTheirResultsAndAKilledScanIsNotShownComplete) {
  {
    auto store = open_db();
    auto scan = store->begin_scan();
    store->add_results(scan, {result("A", "r1", "Fail"), result("A", "r2", "Pass")});
    store->finish_scan(scan, "complete", {{"evaluations", 2}});
  }
  // A scan process killed half-way: its scan stays 'running', never 'complete'.
  pid_t child = fork();
  if (child == 0) {
    auto store = open_db();
    auto scan = store->begin_scan();
    store->add_results(scan, {result("A", "r1", "Pass")});
    kill(getpid(), SIGKILL);
  }
  waitpid(child, nullptr, 0);
  auto store = open_db();
  auto scans = store->scans();
  ASSERT_EQ(scans.size(), 2u);
  EXPECT_EQ(scans[0].status, "running");
  // Once it has given no sign of life for longer than allowed, it reads as interrupted.
  store->set_interrupted_after(std::chrono::seconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  scans = store->scans();
  EXPECT_EQ(scans[0].status, "interrupted");
  EXPECT_EQ(scans[1].status, "complete");
  EXPECT_EQ(scans[1].stats["evaluations"], 2);
  EXPECT_EQ(store->results(scans[1].id).size(), 2u);
  EXPECT_EQ(store->results(scans[0].id).size(), 1u) << "what was committed before the kill is kept";
}

TEST_P(StoreTest, ImportReplacesSignaturesByIdInOneTransaction) {
  auto store = open_db();
  auto id = store->add_signature(sample("v1"));
  auto v2 = sample("v2");
  v2.metadata.id = id;
  auto ids = store->import_signatures({v2, sample("new one")});
  EXPECT_EQ(ids, (std::vector<std::string>{"CUSTOM-0001", "CUSTOM-0002"}));
  EXPECT_EQ(store->signature(id)->metadata.description, "v2");
  EXPECT_EQ(store->signatures().size(), 2u);
}

TEST_P(StoreTest, UsersTokensAndSettingsPersistAndATokenGoesWithItsUser) {
  {
    auto store = open_db();
    store->add_user({"ada", "admin", "$argon2id$hash", ""});
    EXPECT_THROW(store->add_user({"ada", "viewer", "x", ""}), StoreError);
    store->add_user({"bob", "viewer", "$argon2id$other", ""});
    auto id = store->add_api_token({0, "ci", "bob", "sha256-of-token", ""});
    EXPECT_GT(id, 0);
    store->set_setting("regions", {"us-east-1", "eu-west-1"});
  }
  auto store = open_db();
  ASSERT_EQ(store->users().size(), 2u);
  EXPECT_EQ(store->user("ada")->role, "admin");
  EXPECT_FALSE(store->user("ada")->created_at.empty());
  auto token = store->api_token_by_hash("sha256-of-token");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->user, "bob");
  EXPECT_EQ(token->name, "ci");
  EXPECT_EQ(store->setting("regions"), nlohmann::json({"us-east-1", "eu-west-1"}));
  EXPECT_TRUE(store->setting("unset").is_null());
  auto bob = *store->user("bob");
  bob.role = "editor";
  store->update_user(bob);
  EXPECT_EQ(store->user("bob")->role, "editor");
  EXPECT_TRUE(store->remove_user("bob"));
  EXPECT_FALSE(store->api_token_by_hash("sha256-of-token")) << "a removed user's tokens stop working";
  EXPECT_THROW(store->update_user(bob), StoreError);
}

TEST_P(StoreTest, ThreadsSharingOneStoreDoNotInterleaveTransactions) {
  auto store = open_db();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        store->add_signatures({sample("t" + std::to_string(t)), sample("u" + std::to_string(t))});
        auto scan = store->begin_scan();
        store->add_results(scan, {result("S", "r", "Pass")});
        store->finish_scan(scan, "complete", {});
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(store->signatures().size(), 160u);
  EXPECT_EQ(store->scans().size(), 80u);
}

TEST_P(StoreTest, RecordsAreDocumentsByKindWithStableIds) {
  auto store = open_db();
  auto a = store->add_record("channel", {{"name", "ops"}});
  auto b = store->add_record("channel", {{"name", "sec"}});
  store->add_record("schedule", {{"every", "6h"}});
  EXPECT_LT(a, b);
  EXPECT_EQ(store->records("channel").size(), 2u);
  EXPECT_EQ(store->record("channel", a)->at("name"), "ops");
  EXPECT_FALSE(store->record("schedule", a)) << "an id belongs to its kind";
  EXPECT_TRUE(store->update_record("channel", a, {{"name", "ops2"}}));
  EXPECT_EQ(store->record("channel", a)->at("name"), "ops2");
  EXPECT_FALSE(store->update_record("channel", 999, {}));
  for (int i = 0; i < 5; ++i) store->add_record("delivery", {{"n", i}});
  auto newest = store->records("delivery", 2);
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].second["n"], 3);
  EXPECT_EQ(newest[1].second["n"], 4);
  store->prune_records("delivery", 3);
  EXPECT_EQ(store->records("delivery").size(), 3u);
  EXPECT_EQ(store->records("delivery").front().second["n"], 2);
  EXPECT_TRUE(store->remove_record("channel", b));
  EXPECT_EQ(store->records("channel").size(), 1u);
}

TEST_P(StoreTest, ResultsAreRowsThatReadBackAsTheyWereWritten) {
  auto store = open_db();
  json muted = result("AWS-IAM-005", "carol", "Muted", "Medium", "IAM", "MFA is off");
  muted["mutedBy"] = {{"ruleId", 4}, {"reason", "break-glass user"}};
  muted["console"] = json::array({{{"level", "log"}, {"text", "looked at carol"}}});
  json error = result("AWS-IAM-005", "dave", "Error", "Medium", "IAM", "TypeError: x is undefined (signature.js:3:7)");
  error["vpc"] = "vpc-1";
  error["resourceArn"] = nullptr;
  auto scan = scan_of(*store, "prod", {result("AWS-IAM-005", "alice", "Fail", "Medium"), muted, error});
  auto rows = store->results(scan);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["status"], "Fail");
  EXPECT_EQ(rows[0]["risk"], "new");
  EXPECT_EQ(rows[0]["riskLevel"], "Medium");
  EXPECT_EQ(rows[0]["description"], "Ensure AWS-IAM-005");
  EXPECT_EQ(rows[0]["remediationSteps"], "1. Fix it.");
  EXPECT_EQ(rows[0]["compliance"], json({"CIS-AWS-3.0:1.10"}));
  EXPECT_EQ(rows[0]["accountName"], "prod name");
  EXPECT_EQ(rows[0]["accountId"], "1111");
  EXPECT_EQ(rows[0]["scanId"], scan);
  EXPECT_EQ(rows[1]["mutedBy"]["reason"], "break-glass user") << "fields the store has no column for come back too";
  EXPECT_EQ(rows[1]["console"][0]["text"], "looked at carol");
  EXPECT_EQ(rows[2]["message"], "TypeError: x is undefined (signature.js:3:7)");
  EXPECT_EQ(rows[2]["vpc"], "vpc-1");
  EXPECT_TRUE(rows[2]["resourceArn"].is_null());
  EXPECT_EQ(rows[2]["durationMs"], 3);
}

// New, open and fixed are settled when a scan is written, against the account's previous
// complete scan; a muted failure is accepted, not fixed; other accounts do not count.
TEST_P(StoreTest, RisksAreMarkedNewOpenAndFixedWhenTheScanIsWritten) {
  auto store = open_db();
  scan_of(*store, "prod", {result("S1", "a", "Fail"), result("S1", "b", "Fail"), result("S1", "c", "Fail"), result("S1", "d", "Pass")});
  scan_of(*store, "staging", {result("S1", "z", "Fail")});
  auto second = store->begin_scan({"prod", "1111", "prod name"});
  store->add_results(second, {result("S1", "b", "Fail"), result("S1", "c", "Muted"), result("S1", "d", "Fail"), result("S1", "a", "Pass")});
  RiskMarks marks = store->mark_risks(second, store->previous_complete_scan("prod", second));
  store->finish_scan(second, "complete", {});
  EXPECT_EQ(marks.fresh, 1u);  // d
  EXPECT_EQ(marks.open, 1u);   // b
  EXPECT_EQ(marks.fixed, 1u);  // a (c is muted: accepted, not fixed)
  auto risk_of = [&](const std::string& risk) {
    ResultQuery q;
    q.scans = {second};
    q.risks = {risk};
    std::vector<std::string> names;
    for (const auto& r : store->query_results(q).items) names.push_back(r["resourceName"]);
    return names;
  };
  EXPECT_EQ(risk_of("new"), std::vector<std::string>{"d"});
  EXPECT_EQ(risk_of("open"), std::vector<std::string>{"b"});
  EXPECT_EQ(risk_of("fixed"), std::vector<std::string>{"a"});
  EXPECT_EQ(store->results(second).size(), 4u) << "a scan's own results do not include the fixed copies";
  ResultQuery all;
  all.scans = {second};
  EXPECT_EQ(store->query_results(all).total, 4u) << "fixed rows only when asked for";
}

TEST_P(StoreTest, QueriesFilterSortPageAndGroupInTheDatabase) {
  auto store = open_db();
  std::vector<json> rows;
  for (int i = 0; i < 30; ++i) rows.push_back(result("AWS-EC2-001", "vol-" + std::to_string(100 + i), i % 3 ? "Fail" : "Pass", "Medium", "EC2"));
  for (int i = 0; i < 5; ++i) rows.push_back(result("AWS-IAM-005", "user-" + std::to_string(i), "Fail", "High", "IAM", "MFA 100% off_"));
  rows.push_back(result("AWS-S3-001", "logs", "Fail", "Low", "S3"));
  rows.push_back(result("AWS-S3-001", "web", "Error", "Low", "S3"));
  auto prod = scan_of(*store, "prod", rows);
  auto other = scan_of(*store, "staging", {result("AWS-S3-001", "elsewhere", "Fail", "Low", "S3")});

  ResultQuery fails;
  fails.scans = {prod};
  fails.statuses = {"Fail"};
  fails.limit = 10;
  auto page = store->query_results(fails);
  EXPECT_EQ(page.total, 26u);  // 20 volumes, 5 users, 1 bucket
  ASSERT_EQ(page.items.size(), 10u);
  EXPECT_EQ(page.items[0]["riskLevel"], "High") << "most severe first";
  EXPECT_EQ(page.items[5]["riskLevel"], "Medium");
  fails.offset = 20;
  page = store->query_results(fails);
  ASSERT_EQ(page.items.size(), 6u);
  EXPECT_EQ(page.items.back()["resourceName"], "logs") << "the least severe last";

  ResultQuery filtered = fails;
  filtered.offset = 0;
  filtered.service = "ec2";
  EXPECT_EQ(store->query_results(filtered).total, 20u) << "service in any case";
  filtered.service.clear();
  filtered.levels = {"High", "Low"};
  EXPECT_EQ(store->query_results(filtered).total, 6u);
  filtered.levels.clear();
  filtered.text = "100% OFF_";  // LIKE's own characters are matched as themselves
  EXPECT_EQ(store->query_results(filtered).total, 5u);
  filtered.text = "vol-12";
  EXPECT_EQ(store->query_results(filtered).total, 7u);  // vol-120..129 that fail
  filtered.text = "nothing like this";
  EXPECT_EQ(store->query_results(filtered).total, 0u);
  filtered.text = "ENSURE aws-iam-005";  // the signature's description, kept once in its snapshot
  EXPECT_EQ(store->query_results(filtered).total, 5u);
  EXPECT_EQ(store->group_results(filtered, "signature").size(), 1u);

  ResultQuery by_name = fails;
  by_name.sort = "resource";
  by_name.offset = 0;
  by_name.limit = 1;
  EXPECT_EQ(store->query_results(by_name).items[0]["resourceName"], "logs");
  by_name.descending = true;
  EXPECT_EQ(store->query_results(by_name).items[0]["resourceName"], "vol-129");
  by_name.sort = "sideways";
  EXPECT_THROW(store->query_results(by_name), std::invalid_argument);

  fails.offset = 0;
  auto by_signature = store->group_results(fails, "signature");
  ASSERT_EQ(by_signature.size(), 3u);
  EXPECT_EQ(by_signature[0]["key"], "AWS-IAM-005");
  EXPECT_EQ(by_signature[0]["count"], 5);
  EXPECT_EQ(by_signature[0]["riskLevel"], "High");
  EXPECT_EQ(by_signature[0]["description"], "Ensure AWS-IAM-005");
  EXPECT_EQ(by_signature[1]["key"], "AWS-EC2-001");
  EXPECT_EQ(by_signature[1]["count"], 20);
  auto by_level = store->group_results(fails, "level");
  ASSERT_EQ(by_level.size(), 3u);
  EXPECT_EQ(by_level[0], json({{"key", "High"}, {"count", 5}}));
  EXPECT_EQ(by_level[2], json({{"key", "Low"}, {"count", 1}}));
  ResultQuery both = fails;
  both.scans = {prod, other};
  auto by_account = store->group_results(both, "account");
  ASSERT_EQ(by_account.size(), 2u);
  EXPECT_EQ(by_account[0]["key"], "prod");
  EXPECT_EQ(by_account[0]["name"], "prod name");
  EXPECT_EQ(by_account[1]["count"], 1);
  EXPECT_THROW(store->group_results(fails, "colour"), std::invalid_argument);
  ResultQuery none;
  EXPECT_EQ(store->query_results(none).total, 0u) << "no scans named, no rows";
}

TEST_P(StoreTest, ScansAreFoundByAccountAndTheLatestCompleteOnePerAccount) {
  auto store = open_db();
  auto p1 = scan_of(*store, "prod", {result("S", "a", "Fail")});
  auto s1 = scan_of(*store, "staging", {result("S", "a", "Pass")});
  auto p2 = scan_of(*store, "prod", {result("S", "a", "Pass")});
  auto running = scan_of(*store, "prod", {}, false);
  auto latest = store->latest_complete_scans();
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].id, p2);
  EXPECT_EQ(latest[1].id, s1);
  EXPECT_EQ(latest[0].account_name, "prod name");
  EXPECT_EQ(store->latest_complete_scans(std::string("prod name")).at(0).id, p2) << "by name";
  EXPECT_EQ(store->latest_complete_scans(std::string("1111")).size(), 2u) << "by id: both have it";
  EXPECT_EQ(store->previous_complete_scan("prod", p2), p1);
  EXPECT_EQ(store->previous_complete_scan("prod", p1), 0);
  EXPECT_EQ(store->count_scans({std::string("prod")}), 3u);
  auto page = store->scans({std::string("prod"), "", 1, 1});
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].id, p2);
  EXPECT_EQ(store->scan(running)->status, "running");
  EXPECT_FALSE(store->scan(9999));
}

TEST_P(StoreTest, RetentionKeepsTheNewestScansPerAccountAndEachAccountsBaseline) {
  auto store = open_db();
  std::vector<std::int64_t> prod;
  for (int i = 0; i < 5; ++i) prod.push_back(scan_of(*store, "prod", {result("S", "a", "Fail", "High", "IAM", "message " + std::to_string(i))}));
  auto failed = store->begin_scan({"prod"});
  store->finish_scan(failed, "failed", {});
  auto staging = scan_of(*store, "staging", {result("S", "b", "Fail")});
  auto report = store->apply_retention({2, 0});
  EXPECT_EQ(report.scans_removed, 4u);  // prod's four oldest: the newest two are the failed scan and prod[4]
  EXPECT_EQ(report.results_removed, 4u);
  EXPECT_TRUE(store->scan(prod[4]));
  EXPECT_TRUE(store->scan(staging));
  EXPECT_FALSE(store->scan(prod[0]));
  EXPECT_FALSE(store->scan(prod[3])) << "beyond the newest two (the failed scan counts)";
  // A count of one keeps only the newest scan, yet never an account's newest complete one.
  report = store->apply_retention({1, 0});
  EXPECT_EQ(report.scans_removed, 0u) << "the newest is the failed scan; the newest complete one is the baseline";
  EXPECT_EQ(store->results(prod[4]).at(0)["message"], "message 4") << "texts still referred to stay";
  EXPECT_EQ(store->apply_retention({0, 0}).scans_removed, 0u) << "no limit, nothing removed";
}

TEST(StoreMigration, DatabasesWrittenByANewerSignetAreRefused) {
  TempDb db("sqlite");
  { auto store = open_sqlite(db.path); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.path.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "INSERT INTO schema_version(version) VALUES (999)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  try {
    open_sqlite(db.path);
    FAIL() << "a newer schema must be refused";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer Signet (schema 999"), std::string::npos) << e.what();
  }
}

// A database of Signet before results were rows (schema 3: a JSON blob per result) opens
// with every result, in the new shape, and its account from the scan's stats.
TEST(StoreMigration, ResultBlobsBecomeRows) {
  TempDb db("sqlite");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.path.c_str(), &raw), SQLITE_OK);
  const char* v3 = R"(
    CREATE TABLE schema_version (version INTEGER NOT NULL);
    INSERT INTO schema_version VALUES (1), (2), (3);
    CREATE TABLE signatures (id TEXT PRIMARY KEY, metadata TEXT NOT NULL, code TEXT NOT NULL, builtin INTEGER NOT NULL DEFAULT 0,
                             created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE scans (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL,
                        stats TEXT NOT NULL DEFAULT '{}');
    CREATE TABLE results (scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE, signature_id TEXT NOT NULL,
                          resource_key TEXT NOT NULL, status TEXT NOT NULL, result TEXT NOT NULL);
    CREATE INDEX results_by_scan ON results(scan_id, status);
    CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE api_tokens (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, user_name TEXT NOT NULL REFERENCES users(name)
                             ON DELETE CASCADE, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE records (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
                          updated_at TEXT NOT NULL);
    CREATE INDEX records_by_kind ON records(kind, id);
    INSERT INTO scans(started_at, finished_at, status, stats) VALUES ('2026-11-01T00:00:00Z', '2026-11-01T00:01:00Z', 'complete',
      '{"account": "prod", "accountName": "Production", "accountId": "111122223333", "evaluations": 2}');
  )";
  ASSERT_EQ(sqlite3_exec(raw, v3, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(raw, "INSERT INTO results VALUES (1, ?, ?, ?, ?)", -1, &insert, nullptr);
  for (const json& r : {result("AWS-IAM-005", "alice", "Fail"), result("AWS-IAM-005", "bob", "Pass")}) {
    std::string sig = r["signatureId"], key = r["resourceKey"], status = r["status"], body = r.dump();
    sqlite3_bind_text(insert, 1, sig.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, key.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, status.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 4, body.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  sqlite3_close(raw);

  auto store = open_sqlite(db.path);
  auto scans = store->scans();
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].account, "prod");
  EXPECT_EQ(scans[0].account_name, "Production");
  EXPECT_EQ(scans[0].stats["evaluations"], 2);
  auto rows = store->results(scans[0].id);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["resourceName"], "alice");
  EXPECT_EQ(rows[0]["message"], "Fail on alice");
  EXPECT_EQ(rows[0]["description"], "Ensure AWS-IAM-005");
  EXPECT_EQ(store->latest_complete_scans().size(), 1u);
}

// PostgreSQL connections that drop (a failover, a restart) are opened again and the work
// goes on; a database that cannot be reached is a clear error naming it, without its password.
TEST(StorePostgres, DroppedConnectionsAreReopenedAndUnreachableOnesSaySo) {
  TempDb db("postgres");
  auto store = open(db.path);
  store->set_setting("before", 1);
  postgres().drop_connections();
  store->set_setting("after", 2);  // the connection is re-opened under it
  EXPECT_EQ(store->setting("before"), 1);
  postgres().drop_connections();
  auto scan = scan_of(*store, "prod", {result("S", "a", "Fail")});
  EXPECT_EQ(store->results(scan).size(), 1u);
  try {
    open("postgresql://signet:hunter2@127.0.0.1:" + std::to_string(emulator::free_loopback_port()) + "/signet");
    FAIL() << "nothing listens there";
  } catch (const StoreError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("cannot open the database PostgreSQL postgresql://signet@127.0.0.1:"), std::string::npos) << message;
    EXPECT_EQ(message.find("hunter2"), std::string::npos) << "no password in messages";
  }
}

// A finished scan's totals and groups are read from its counts (kept when it was written);
// they must say exactly what counting its rows says, for every grouping and filter.
TEST_P(StoreTest, AFinishedScansCountsAgreeWithItsRows) {
  auto store = open_db();
  scan_of(*store, "prod", {result("AWS-EC2-001", "vol-gone", "Fail", "Medium", "EC2"), result("AWS-S3-001", "old", "Fail", "Low", "S3")});
  std::vector<json> rows;
  for (int i = 0; i < 40; ++i) {
    json r = result(i % 4 ? "AWS-EC2-001" : "AWS-IAM-005", "r-" + std::to_string(i), i % 3 ? "Fail" : (i % 5 ? "Pass" : "Error"),
                    i % 4 ? "Medium" : "High", i % 4 ? "EC2" : "IAM");
    r["region"] = i % 2 ? "us-east-1" : "eu-west-1";
    rows.push_back(r);
  }
  auto scan = scan_of(*store, "prod", rows, false);
  store->mark_risks(scan, store->previous_complete_scan("prod", scan));  // rows final, not yet counted

  std::vector<ResultQuery> queries;
  ResultQuery q;
  q.scans = {scan};
  queries.push_back(q);
  q.statuses = {"Fail"};
  queries.push_back(q);
  q.levels = {"High"};
  queries.push_back(q);
  q.levels.clear();
  q.service = "ec2";
  q.region = "eu-west-1";
  queries.push_back(q);
  q.service.clear();
  q.region.clear();
  q.risks = {"fixed", "new"};
  queries.push_back(q);
  q.statuses.clear();
  q.risks.clear();
  q.signature = "AWS-IAM-005";
  queries.push_back(q);
  const std::vector<std::string> groupings = {"level", "signature", "service", "region", "status", "risk", "account", "scan"};
  auto answers = [&] {
    std::vector<json> out;
    for (const auto& query : queries) {
      out.push_back(store->query_results(query).total);
      for (const auto& by : groupings) out.push_back(store->group_results(query, by));
    }
    return out;
  };
  auto from_rows = answers();
  store->finish_scan(scan, "complete", {});
  auto from_counts = answers();
  ASSERT_EQ(from_rows.size(), from_counts.size());
  for (std::size_t i = 0; i < from_rows.size(); ++i) EXPECT_EQ(from_rows[i], from_counts[i]) << "answer " << i;
  EXPECT_EQ(from_counts[0], 40u);
  q = ResultQuery{};
  q.scans = {scan};
  q.risks = {"fixed"};
  EXPECT_EQ(store->query_results(q).total, 2u) << "the previous scan's failures that are gone are counted as fixed";
}
