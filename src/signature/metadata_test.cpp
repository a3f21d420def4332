#include "signature/metadata.h"

#include <gtest/gtest.h>

using namespace signet::signature;

namespace {
const char* kValid = R"(description: Ensure MFA is enabled for all IAM users that have a password
provider: aws
service: IAM
resourceType: user
riskLevel: High
function: Access Control
passMessage: MFA is enabled
failMessage: MFA is not enabled
remediationSteps: |
  1. Open the IAM console.
  2. Assign an MFA device.
compliance:
  - CIS-AWS-3.0:1.10
)";

bool has_error(const ParsedMetadata& p, const std::string& field) {
  for (auto& e : p.errors)
    if (e.field == field) return true;
  return false;
}
}  // namespace

TEST(Metadata, ValidFileParsesEveryField) {
  auto p = parse_metadata_yaml(kValid);
  ASSERT_TRUE(p.ok()) << format_errors(p.errors);
  EXPECT_EQ(p.metadata.service, "IAM");
  EXPECT_EQ(p.metadata.risk_level, "High");
  EXPECT_EQ(p.metadata.compliance, std::vector<std::string>{"CIS-AWS-3.0:1.10"});
  EXPECT_NE(p.metadata.remediation_steps.find("2. Assign"), std::string::npos);
  EXPECT_TRUE(p.metadata.enabled);
}

TEST(Metadata, EveryBadFieldGetsItsOwnMessage) {
  auto p = parse_metadata_yaml("provider: oracle\nriskLevel: Critical\ncompliance: [nocolon]\nenabled: maybe\ncolour: red\n");
  EXPECT_FALSE(p.ok());
  for (const char* field : {"description", "provider", "service", "riskLevel", "passMessage", "failMessage", "compliance", "enabled", "colour"})
    EXPECT_TRUE(has_error(p, field)) << field << "\n" << format_errors(p.errors);
  EXPECT_NE(format_errors(p.errors).find("'oracle' is not a provider; use aws, azure or gcp"), std::string::npos);
}

TEST(Metadata, ControlCharactersInTextAreRefusedByField) {
  auto p = parse_metadata_yaml(std::string("description: \"a\\0b\"\npassMessage: \"tab\\there\\r\\n\"\n"));
  ASSERT_TRUE(has_error(p, "description")) << format_errors(p.errors);
  EXPECT_NE(format_errors(p.errors).find("must not contain control characters"), std::string::npos);
  EXPECT_FALSE(p.errors.empty());
  for (const auto& e : p.errors) EXPECT_NE(e.field, "passMessage") << "tabs and line breaks are text";
}

TEST(Metadata, BrokenYamlIsAClearErrorNotACrash) {
  auto p = parse_metadata_yaml("description: [unclosed\n  riskLevel: High");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.errors[0].field, "yaml");
  EXPECT_NE(p.errors[0].message.find("line"), std::string::npos);
  EXPECT_FALSE(parse_metadata_yaml("- a\n- b\n").ok());
  EXPECT_FALSE(parse_metadata_yaml("").ok());
}

TEST(Metadata, UnknownServiceIsRefusedWhenACatalogIsGiven) {
  auto known = [](const std::string&, const std::string& s) { return s == "IAM"; };
  EXPECT_TRUE(parse_metadata_yaml(kValid, known).ok());
  std::string other = kValid;
  other.replace(other.find("service: IAM"), 12, "service: Nope");
  EXPECT_TRUE(has_error(parse_metadata_yaml(other, known), "service"));
}

TEST(Metadata, YamlAndJsonFormsRoundTrip) {
  auto p = parse_metadata_yaml(kValid);
  ASSERT_TRUE(p.ok());
  p.metadata.id = "CUSTOM-0007";
  auto again = parse_metadata_yaml(to_yaml(p.metadata));
  ASSERT_TRUE(again.ok()) << format_errors(again.errors) << to_yaml(p.metadata);
  EXPECT_EQ(again.metadata.id, "CUSTOM-0007");
  EXPECT_EQ(again.metadata.remediation_steps, p.metadata.remediation_steps);
  EXPECT_EQ(again.metadata.compliance, p.metadata.compliance);
  auto from_json = from_json_text(to_json_text(p.metadata));
  EXPECT_EQ(from_json.description, p.metadata.description);
  EXPECT_EQ(from_json.compliance, p.metadata.compliance);
  EXPECT_TRUE(validate(from_json).empty());
}
