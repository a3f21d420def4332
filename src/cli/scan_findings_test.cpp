// Results as OCSF and ASFF findings: the fields each format defines, the statuses mapped,
// and the limits Security Hub sets on lengths and counts.
#include "cli/scan_findings.h"

#include <gtest/gtest.h>

#include "common/utf8.h"

using namespace signet;
using namespace signet::cli;
using nlohmann::json;

namespace {

json row(const std::string& status, const std::string& risk = "new") {
  return {{"scanId", 7},
          {"signatureId", "AWS-IAM-001"},
          {"status", status},
          {"risk", risk},
          {"provider", "aws"},
          {"service", "IAM"},
          {"region", "us-east-1"},
          {"vpc", nullptr},
          {"resourceKey", "IAM/user/bob"},
          {"resourceId", "AIDABOB"},
          {"resourceName", "bob"},
          {"resourceArn", "arn:aws:iam::111122223333:user/bob"},
          {"message", "MFA is not enabled"},
          {"accountId", "111122223333"},
          {"accountName", "prod"},
          {"riskLevel", "High"},
          {"description", "Ensure MFA is enabled for users with a password"},
          {"remediationSteps", "1. Open IAM.\n2. Assign an MFA device."},
          {"compliance", {"CIS-AWS-3.0:1.10", "CIS-AWS-6.0:2.9", "PCI-DSS-4.0:8.4.2"}}};
}

}  // namespace

TEST(Asff, ResourceTypesFollowSecurityHubsNaming) {
  EXPECT_EQ(asff_resource_type("arn:aws:iam::1:user/bob"), "AwsIamUser");
  EXPECT_EQ(asff_resource_type("arn:aws:ec2:eu-west-1:1:security-group/sg-1"), "AwsEc2SecurityGroup");
  EXPECT_EQ(asff_resource_type("arn:aws:s3:::my-bucket"), "AwsS3Bucket");
  EXPECT_EQ(asff_resource_type("arn:aws:rds:eu-west-1:1:db:prod"), "AwsRdsDb");
  EXPECT_EQ(asff_resource_type("IAM/user/bob"), "Other");
  EXPECT_EQ(asff_resource_type("arn:aws:iam::1"), "Other");
}

TEST(Asff, AFailIsAFailedFindingOfItsAccountAndRegion) {
  json f = asff_finding(row("Fail"), "2026-12-03T10:00:00Z");
  EXPECT_EQ(f["SchemaVersion"], "2018-10-08");
  EXPECT_EQ(f["Id"], "signet/111122223333/us-east-1/AWS-IAM-001/arn:aws:iam::111122223333:user/bob");
  EXPECT_EQ(f["ProductArn"], "arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default");
  EXPECT_EQ(f["AwsAccountId"], "111122223333");
  EXPECT_EQ(f["Severity"]["Label"], "HIGH");
  EXPECT_EQ(f["Compliance"]["Status"], "FAILED");
  EXPECT_EQ(f["Compliance"]["RelatedRequirements"].size(), 3u);
  EXPECT_EQ(f["Workflow"]["Status"], "NEW");
  EXPECT_EQ(f["RecordState"], "ACTIVE");
  EXPECT_EQ(f["Resources"][0]["Type"], "AwsIamUser");
  EXPECT_EQ(f["Resources"][0]["Partition"], "aws");
  EXPECT_EQ(f["Remediation"]["Recommendation"]["Text"], "1. Open IAM.\n2. Assign an MFA device.");
  EXPECT_EQ(f["ProductFields"]["signet/Risk"], "new");
  EXPECT_EQ(f["CreatedAt"], "2026-12-03T10:00:00Z");
}

TEST(Asff, StatusesMapToComplianceAndWorkflow) {
  auto status = [](const json& f) {
    return f["Compliance"]["Status"].get<std::string>() + " " + f["Workflow"]["Status"].get<std::string>() + " " +
           f["RecordState"].get<std::string>() + " " + f["Severity"]["Label"].get<std::string>();
  };
  EXPECT_EQ(status(asff_finding(row("Pass"), "t")), "PASSED RESOLVED ACTIVE INFORMATIONAL");
  EXPECT_EQ(status(asff_finding(row("Muted"), "t")), "FAILED SUPPRESSED ACTIVE HIGH");
  EXPECT_EQ(status(asff_finding(row("Error"), "t")), "NOT_AVAILABLE NEW ACTIVE HIGH");
  EXPECT_EQ(status(asff_finding(row("Fail", "fixed"), "t")), "PASSED RESOLVED ARCHIVED INFORMATIONAL")
      << "a risk gone since the previous scan closes its finding";
}

TEST(Asff, LengthsAndCountsStayWithinSecurityHubsLimits) {
  json r = row("Fail");
  r["description"] = std::string(300, 'd');
  r["message"] = std::string(2000, 'm');
  r["remediationSteps"] = std::string(600, 'r') + "\xC3\xA9";
  r["compliance"] = json::array();
  for (int i = 0; i < 40; ++i) r["compliance"].push_back("FW:" + std::to_string(i));
  r["resourceArn"] = nullptr;
  json f = asff_finding(r, "t");
  EXPECT_LE(f["Title"].get<std::string>().size(), 256u);
  EXPECT_LE(f["Description"].get<std::string>().size(), 1024u);
  EXPECT_LE(f["Remediation"]["Recommendation"]["Text"].get<std::string>().size(), 512u);
  EXPECT_TRUE(is_utf8(f["Remediation"]["Recommendation"]["Text"].get<std::string>()));
  EXPECT_EQ(f["Compliance"]["RelatedRequirements"].size(), 32u);
  EXPECT_EQ(f["Resources"][0]["Id"], "IAM/user/bob") << "no ARN: the resource key";
  EXPECT_EQ(f["Resources"][0]["Type"], "Other");
}

TEST(Utf8, PrefixesCutAtCharacterBoundaries) {
  EXPECT_EQ(utf8_prefix("short", 10), "short");
  EXPECT_EQ(utf8_prefix("abcdefghij", 6), "abc\xE2\x80\xA6");
  // "é" is two bytes: a cut inside it drops it whole (6 bytes: "ab", then 1 left before the ellipsis).
  EXPECT_EQ(utf8_prefix("ab\xC3\xA9\xC3\xA9xyz", 7), "ab\xC3\xA9\xE2\x80\xA6");
  std::string cut = utf8_prefix("ab\xC3\xA9\xC3\xA9xyz", 6);
  EXPECT_EQ(cut, "ab\xE2\x80\xA6") << cut;
  EXPECT_TRUE(is_utf8(cut));
  EXPECT_EQ(utf8_prefix("abcdef", 2), "");
}

TEST(Ocsf, AComplianceFindingCarriesItsStandardsStatusAndRemediation) {
  json f = ocsf_finding(row("Fail", "open"), 1700000000000);
  EXPECT_EQ(f["class_uid"], 2003);
  EXPECT_EQ(f["type_uid"], 200301);
  EXPECT_EQ(f["severity_id"], 4);
  EXPECT_EQ(f["status_id"], 2) << "still open: in progress";
  EXPECT_EQ(f["compliance"]["control"], "AWS-IAM-001");
  EXPECT_EQ(f["compliance"]["standards"], json({"CIS-AWS-3.0", "CIS-AWS-6.0", "PCI-DSS-4.0"}));
  EXPECT_EQ(f["compliance"]["requirements"].size(), 3u);
  EXPECT_EQ(f["compliance"]["status_id"], 3);
  EXPECT_EQ(f["remediation"]["desc"], "1. Open IAM.\n2. Assign an MFA device.");
  EXPECT_EQ(f["resources"][0]["uid"], "arn:aws:iam::111122223333:user/bob");
  EXPECT_EQ(f["cloud"]["account"]["uid"], "111122223333");
  EXPECT_EQ(ocsf_finding(row("Pass"), 0)["compliance"]["status_id"], 1);
  EXPECT_EQ(ocsf_finding(row("Pass"), 0)["severity_id"], 1);
  EXPECT_EQ(ocsf_finding(row("Muted"), 0)["status_id"], 3);
  EXPECT_EQ(ocsf_finding(row("Error"), 0)["compliance"]["status_id"], 0);
}
