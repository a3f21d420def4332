// Frameworks as embedded data, and a scan read control by control.
#include "compliance/compliance.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "builtins/builtins.h"

using namespace signet;
using namespace signet::compliance;
using nlohmann::json;

namespace {

store::StoredSignature tagged(const std::string& id, std::vector<std::string> tags) {
  store::StoredSignature s;
  s.metadata.id = id;
  s.metadata.compliance = std::move(tags);
  return s;
}

}  // namespace

TEST(Frameworks, AreEmbeddedWithTheirControlsAndFoundInAnyCase) {
  std::set<std::string> ids;
  for (const auto& f : frameworks()) ids.insert(f.id);
  for (const char* id : {"CIS-AWS-3.0", "CIS-AWS-6.0", "CIS-AWS-7.0", "AWS-FSBP", "PCI-DSS-4.0", "NIST-800-53-R5", "SOC2", "ISO-27001-2022",
                         "HIPAA", "NIS2", "CIS-AZURE-6.0", "CIS-GCP-4.0"})
    EXPECT_TRUE(ids.count(id)) << id;
  const Framework* cis = find_framework("cis-aws-3.0");
  ASSERT_NE(cis, nullptr);
  EXPECT_EQ(cis->controls.size(), 62u);
  EXPECT_EQ(cis->controls.front().id, "1.1");
  EXPECT_EQ(cis->controls.front().assessment, "Manual");
  EXPECT_EQ(find_framework("CIS-AWS-9.9"), nullptr);
  EXPECT_NE(unknown_framework_message("CIS-AWS-3.1").find("did you mean CIS-AWS-3.0"), std::string::npos) << unknown_framework_message("CIS-AWS-3.1");
}

TEST(Frameworks, EveryBuiltInTagNamesAControlThatExists) {
  std::size_t tags = 0;
  for (const auto& file : builtins::signatures())
    for (const auto& tag : file.metadata.compliance) {
      auto colon = tag.find(':');
      ASSERT_NE(colon, std::string::npos) << file.metadata.id << ": " << tag;
      const Framework* f = find_framework(tag.substr(0, colon));
      // Tags of what Signet defines no framework for (its own practices, older CIS versions)
      // are kept as they are, and named here so that a typo in a framework id shows.
      if (!f) {
        EXPECT_TRUE(tag.rfind("Signet-Practice:", 0) == 0 || tag.rfind("CIS-AWS-1.4:", 0) == 0) << file.metadata.id << ": " << tag;
        continue;
      }
      const std::string control = tag.substr(colon + 1);
      EXPECT_TRUE(std::any_of(f->controls.begin(), f->controls.end(), [&](const Control& c) { return c.id == control; }))
          << file.metadata.id << ": " << tag << " names no control of " << f->id;
      ++tags;
    }
  EXPECT_GT(tags, 1000u);
}

TEST(Assess, AControlFailsWhenAnyOfItsSignaturesFailedAndSaysWhatNothingChecks) {
  Framework f{"TEST-1", "Test framework", "1", {"aws"},
              {{"1", "failing", "", "Automated"}, {"2", "passing", "", "Automated"}, {"3", "erring", "", ""},
               {"4", "nothing ran", "", "Automated"}, {"5", "unserved", "", "Automated"}, {"6", "by hand", "", "Manual"}}};
  std::vector<store::StoredSignature> signatures = {tagged("A", {"TEST-1:1", "test-1:2"}), tagged("B", {"TEST-1:1"}),
                                                    tagged("C", {"TEST-1:3"}), tagged("D", {"TEST-1:4", "OTHER:5"})};
  std::map<std::string, SignatureCounts> counts = {{"A", {5, 0, 0, 1}}, {"B", {1, 2, 0, 0}}, {"C", {3, 0, 1, 0}}};
  Report r = assess(f, signatures, counts);
  ASSERT_EQ(r.controls.size(), 6u);
  EXPECT_EQ(r.controls[0].status, "fail");
  EXPECT_EQ(r.controls[0].signatures, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(r.controls[0].counts.fail, 2u);
  EXPECT_EQ(r.controls[0].counts.pass, 6u);
  EXPECT_EQ(r.controls[1].status, "pass") << "tags match in any case";
  EXPECT_EQ(r.controls[2].status, "error");
  EXPECT_EQ(r.controls[3].status, "no results");
  EXPECT_EQ(r.controls[4].status, "not checked") << "another framework's tag serves nothing here";
  EXPECT_EQ(r.controls[5].status, "manual");
  EXPECT_DOUBLE_EQ(r.score(), 50.0);
  json j = to_json(r);
  EXPECT_EQ(j["summary"]["fail"], 1);
  EXPECT_EQ(j["summary"]["not checked"], 1);
  EXPECT_EQ(j["score"], 50.0);
  EXPECT_EQ(j["controls"][0]["failing"], 2);
  EXPECT_FALSE(to_json(r, false).contains("controls"));
}

TEST(Assess, TheHtmlReportEscapesEveryText) {
  Framework f{"T<b>", "<script>alert(1)</script>", "", {}, {{"1&2", "\"quoted\" <img src=x>", "", ""}}};
  Report r = assess(f, {tagged("S<1>", {"T<b>:1&2"})}, {{"S<1>", {0, 1, 0, 0}}});
  std::string html = to_html(r, json::array({{{"id", 7}, {"account", "<prod>"}, {"finishedAt", "2026-01-01"}}}));
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<prod>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("S&lt;1&gt;"), std::string::npos);
  EXPECT_NE(html.find(">fail<"), std::string::npos);
}

TEST(SignatureCounts, AreReadFromAFinishedScan) {
  auto path = (std::filesystem::temp_directory_path() / ("signet-compliance-" + std::to_string(getpid()) + ".db")).string();
  {
    auto store = store::open_sqlite(path);
    auto scan = store->begin_scan({"prod", "1111", "prod"});
    auto row = [](const std::string& sig, const std::string& res, const std::string& status) {
      return json{{"signatureId", sig}, {"provider", "aws"}, {"riskLevel", "High"}, {"service", "IAM"}, {"region", "us-east-1"},
                  {"resourceId", res}, {"resourceName", res}, {"resourceKey", res}, {"status", status}, {"message", status},
                  {"durationMs", 1}, {"console", json::array()}};
    };
    store->add_results(scan, {row("A", "a", "Pass"), row("A", "b", "Fail"), row("A", "c", "Fail"), row("B", "a", "Error"), row("B", "b", "Muted")});
    store->mark_risks(scan, 0);
    store->finish_scan(scan, "complete", {});
    auto counts = signature_counts(*store, {scan});
    EXPECT_EQ(counts["A"].pass, 1u);
    EXPECT_EQ(counts["A"].fail, 2u);
    EXPECT_EQ(counts["B"].error, 1u);
    EXPECT_EQ(counts["B"].muted, 1u);
    EXPECT_TRUE(signature_counts(*store, {}).empty());
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
