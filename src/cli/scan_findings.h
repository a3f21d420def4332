#pragma once
// A scan's results as the findings security tools read: SARIF 2.1.0 (code scanning), OCSF
// 1.1 Compliance Findings (security data lakes) and the AWS Security Finding Format (Security
// Hub). Each maps one result row of the store (store::Store::query_results) to a finding.
#include <functional>
#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/scan.h"
#include "store/store.h"

namespace signet::cli {

// One result as an OCSF Compliance Finding (class 2003); `now_ms` is its time.
nlohmann::json ocsf_finding(const nlohmann::json& row, long long now_ms);

// One result as an ASFF finding (BatchImportFindings' input). Pass and a fixed risk are
// PASSED (severity INFORMATIONAL, workflow RESOLVED; a fixed one ARCHIVED), Fail FAILED,
// Muted FAILED with its workflow SUPPRESSED, and Error NOT_AVAILABLE: Signet could not tell.
// `now` is an ISO-8601 time. Its Id is stable per account, region, signature and resource,
// so each scan's import updates the same finding.
nlohmann::json asff_finding(const nlohmann::json& row, const std::string& now);
// The Security Hub type of a resource from its ARN: arn:aws:iam::1:user/x -> AwsIamUser,
// arn:aws:ec2:r:1:security-group/sg-1 -> AwsEc2SecurityGroup; "Other" without an ARN.
std::string asff_resource_type(const std::string& arn);

// What Security Hub is told of a scan: every Fail, Muted and Error result, and each failure of
// the previous scan that is gone (PASSED, RESOLVED, ARCHIVED), so the hub's open findings
// follow the account. Passing results are not sent: there is one per resource and signature.
void each_asff_finding(const store::Store& store, const engine::ScanReport& report,
                       const std::function<void(const nlohmann::json&)>& visit);

void write_sarif(std::ostream& out, const store::Store& store, const engine::ScanReport& report);
void write_ocsf(std::ostream& out, const store::Store& store, const engine::ScanReport& report);
void write_asff(std::ostream& out, const store::Store& store, const engine::ScanReport& report);

}  // namespace signet::cli
