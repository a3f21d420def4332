#include "store/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

using namespace signet;
using namespace signet::store;

namespace {

struct TempDb {
  std::string path;
  TempDb() : path((std::filesystem::temp_directory_path() / ("signet-store-" + std::to_string(getpid()) + "-" + std::to_string(rand()) + ".db")).string()) {}
  ~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
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

}  // namespace

TEST(Store, SignaturesGetStableReadableIdsAndSurviveReopening) {
  TempDb db;
  {
    auto store = open_sqlite(db.path);
    EXPECT_EQ(store->add_signature(sample()), "CUSTOM-0001");
    EXPECT_EQ(store->add_signature(sample("second")), "CUSTOM-0002");
    auto builtin = sample("builtin");
    builtin.metadata.id = "AWS-IAM-001";
    builtin.builtin = true;
    EXPECT_EQ(store->add_signature(builtin), "AWS-IAM-001");
    EXPECT_THROW(store->add_signature(builtin), StoreError);
  }
  auto store = open_sqlite(db.path);
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

TEST(Store, QuotesAndSqlMetacharactersAreStoredVerbatim) {
  TempDb db;
  auto store = open_sqlite(db.path);
  auto s = sample("Robert'); DROP TABLE signatures;-- \"quoted\" <script>alert(1)</script>");
  s.code = "module.exports = () => ({ statusSig: true, statusMessage: \"it's 'fine'\" });";
  auto id = store->add_signature(s);
  auto back = store->signature(id);
  EXPECT_EQ(back->metadata.description, s.metadata.description);
  EXPECT_EQ(back->code, s.code);
  EXPECT_EQ(store->signatures().size(), 1u);
}

TEST(Store, ABatchIsAllOrNothing) {
  TempDb db;
  auto store = open_sqlite(db.path);
  auto clash = sample();
  clash.metadata.id = "CUSTOM-0001";
  store->add_signature(sample());
  EXPECT_THROW(store->add_signatures({sample("a"), sample("b"), clash}), StoreError);
  EXPECT_EQ(store->signatures().size(), 1u) << "nothing of the failed batch was saved";
}

TEST(Store, ScansKeepTheirResultsAndAKilledScanIsNotShownComplete) {
  TempDb db;
  {
    auto store = open_sqlite(db.path);
    auto scan = store->begin_scan();
    store->add_results(scan, {{{"signatureId", "A"}, {"resourceKey", "r1"}, {"status", "Fail"}},
                              {{"signatureId", "A"}, {"resourceKey", "r2"}, {"status", "Pass"}}});
    store->finish_scan(scan, "complete", {{"evaluations", 2}});
  }
  // A scan process killed half-way: its scan stays 'running', never 'complete'.
  pid_t child = fork();
  if (child == 0) {
    auto store = open_sqlite(db.path);
    auto scan = store->begin_scan();
    store->add_results(scan, {{{"signatureId", "A"}, {"resourceKey", "r1"}, {"status", "Pass"}}});
    kill(getpid(), SIGKILL);
  }
  waitpid(child, nullptr, 0);
  auto store = open_sqlite(db.path);
  auto scans = store->scans();
  ASSERT_EQ(scans.size(), 2u);
  EXPECT_EQ(scans[0].status, "running");
  EXPECT_EQ(scans[1].status, "complete");
  EXPECT_EQ(scans[1].stats["evaluations"], 2);
  EXPECT_EQ(store->results(scans[1].id).size(), 2u);
  EXPECT_EQ(store->results(scans[0].id).size(), 1u) << "what was committed before the kill is kept";
}

TEST(Store, ImportReplacesSignaturesByIdInOneTransaction) {
  TempDb db;
  auto store = open_sqlite(db.path);
  auto id = store->add_signature(sample("v1"));
  auto v2 = sample("v2");
  v2.metadata.id = id;
  auto ids = store->import_signatures({v2, sample("new one")});
  EXPECT_EQ(ids, (std::vector<std::string>{"CUSTOM-0001", "CUSTOM-0002"}));
  EXPECT_EQ(store->signature(id)->metadata.description, "v2");
  EXPECT_EQ(store->signatures().size(), 2u);
}

TEST(Store, UsersTokensAndSettingsPersistAndATokenGoesWithItsUser) {
  TempDb db;
  {
    auto store = open_sqlite(db.path);
    store->add_user({"ada", "admin", "$argon2id$hash", ""});
    EXPECT_THROW(store->add_user({"ada", "viewer", "x", ""}), StoreError);
    store->add_user({"bob", "viewer", "$argon2id$other", ""});
    auto id = store->add_api_token({0, "ci", "bob", "sha256-of-token", ""});
    EXPECT_GT(id, 0);
    store->set_setting("regions", {"us-east-1", "eu-west-1"});
  }
  auto store = open_sqlite(db.path);
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

TEST(Store, ThreadsSharingOneStoreDoNotInterleaveTransactions) {
  TempDb db;
  auto store = open_sqlite(db.path);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        store->add_signatures({sample("t" + std::to_string(t)), sample("u" + std::to_string(t))});
        auto scan = store->begin_scan();
        store->add_results(scan, {{{"signatureId", "S"}, {"resourceKey", "r"}, {"status", "Pass"}}});
        store->finish_scan(scan, "complete", {});
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(store->signatures().size(), 160u);
  EXPECT_EQ(store->scans().size(), 80u);
}

TEST(Store, RecordsAreDocumentsByKindWithStableIds) {
  TempDb db;
  auto store = open_sqlite(db.path);
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
