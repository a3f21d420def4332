// A scan's figures put together: the units of one scan (merge_stats) and the accounts of one
// run (combine).
#include <gtest/gtest.h>

#include "engine/scan.h"

using namespace signet;
using nlohmann::json;

TEST(Stats, UnitsOfAScanAddUpAndTheFirstUnreachableCauseIsKept) {
  engine::ScanOptions who;
  who.account = "prod";
  who.account_id = "111122223333";
  json a = {{"pass", 3}, {"fail", 2}, {"failByLevel", {{"High", 2}}}, {"complete", true}, {"regions", {"us-east-1"}},
            {"listingProblems", {"EC2/vpc: throttled"}}};
  json b = {{"pass", 1}, {"fail", 1}, {"failByLevel", {{"Low", 1}}}, {"complete", true}, {"regions", {"eu-west-1"}},
            {"unreachable", "AccessDenied: no role"}, {"listingProblems", {"EC2/vpc: throttled"}}};
  json merged = engine::merge_stats({a, b}, who);
  EXPECT_EQ(merged["pass"], 4);
  EXPECT_EQ(merged["fail"], 3);
  EXPECT_EQ(merged["failByLevel"], json({{"High", 2}, {"Medium", 0}, {"Low", 1}}));
  EXPECT_EQ(merged["regions"], json({"eu-west-1", "us-east-1"}));
  EXPECT_EQ(merged["unreachable"], "AccessDenied: no role");
  EXPECT_EQ(merged["listingProblems"].size(), 1u) << "the same problem once";
  EXPECT_EQ(merged["accountId"], "111122223333");
  EXPECT_TRUE(merged["complete"].get<bool>());
  EXPECT_FALSE(engine::merge_stats({a, {{"complete", false}}}, who)["complete"].get<bool>());
}

TEST(Stats, ASignatureRunInEveryRegionsUnitIsCountedOnce) {
  engine::ScanOptions who;
  json east = {{"signatures", 2}, {"signatureIds", {"A", "B"}}, {"regions", {"us-east-1"}}, {"complete", true}};
  json west = {{"signatures", 1}, {"signatureIds", {"A"}}, {"regions", {"eu-west-1"}}, {"complete", true}};
  json global = {{"signatures", 1}, {"signatureIds", {"C"}}, {"regions", {"us-east-1"}}, {"complete", true}};
  EXPECT_EQ(engine::merge_stats({east, west, global}, who)["signatures"], 3);
}

TEST(Stats, AccountsOfARunAreSummedWithTheirLevels) {
  engine::ScanReport one, two;
  one.scan_id = 7;
  one.stats = {{"pass", 5}, {"fail", 2}, {"failByLevel", {{"High", 1}, {"Low", 1}}}, {"complete", true}, {"signatures", 40}};
  two.scan_id = 8;
  two.stats = {{"pass", 1}, {"fail", 3}, {"failByLevel", {{"High", 3}}}, {"complete", false}, {"signatures", 42},
               {"listingProblems", {"S3/bucket: denied"}}};
  auto all = engine::combine({one, two});
  EXPECT_EQ(all.scan_id, 7);
  EXPECT_EQ(all.stats["pass"], 6);
  EXPECT_EQ(all.stats["fail"], 5);
  EXPECT_EQ(all.stats["failByLevel"]["High"], 4);
  EXPECT_EQ(all.stats["failByLevel"]["Low"], 1);
  EXPECT_EQ(all.stats["signatures"], 42) << "the largest set, not a sum";
  EXPECT_FALSE(all.stats["complete"].get<bool>());
  ASSERT_EQ(all.stats["accounts"].size(), 2u);
  EXPECT_EQ(all.stats["accounts"][1]["scanId"], 8);
  EXPECT_EQ(all.stats["listingProblems"], json({"S3/bucket: denied"}));
  EXPECT_EQ(all.count("Fail"), 5u);
}
