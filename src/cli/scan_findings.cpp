#include "cli/scan_findings.h"

#include <ctime>
#include <map>
#include <set>

#include "cli/scan_rows.h"
#include "common/time.h"
#include "common/utf8.h"

namespace signet::cli {

using nlohmann::json;

namespace {

std::string sarif_level(const std::string& risk) { return risk == "High" ? "error" : risk == "Medium" ? "warning" : "note"; }

// Where a result is: its ARN, else the resource key the inventory gave it.
std::string resource_uid(const json& row) {
  return row["resourceArn"].is_string() ? text_of(row["resourceArn"]) : text_of(row["resourceKey"]);
}

// The frameworks of a result's compliance tags ("CIS-AWS-3.0:1.10" -> "CIS-AWS-3.0").
json standards_of(const json& tags) {
  std::set<std::string> frameworks;
  for (const auto& tag : tags)
    if (tag.is_string()) frameworks.insert(tag.get<std::string>().substr(0, tag.get<std::string>().find(':')));
  return json(std::vector<std::string>(frameworks.begin(), frameworks.end()));
}

// The partition of an ARN ("arn:aws-cn:..."), "aws" without one.
std::string partition_of(const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) return "aws";
  auto end = arn.find(':', 4);
  return end == std::string::npos ? "aws" : arn.substr(4, end - 4);
}

std::string pascal_case(const std::string& text) {  // "security-group" -> "SecurityGroup"
  std::string out;
  bool upper = true;
  for (char c : text) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

}  // namespace

std::string asff_resource_type(const std::string& arn) {
  // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, the resource "type/name", "type:name" or a bare name (S3).
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    auto colon = arn.find(':', start);
    if (colon == std::string::npos) return "Other";
    parts.push_back(arn.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts[0] != "arn" || parts[2].empty()) return "Other";
  std::string resource = arn.substr(start);
  auto cut = resource.find_first_of("/:");
  std::string type = cut == std::string::npos ? (parts[2] == "s3" ? "bucket" : "") : resource.substr(0, cut);
  if (type.empty()) return "Other";
  return "Aws" + pascal_case(parts[2]) + pascal_case(type);
}

json ocsf_finding(const json& row, long long now_ms) {
  const std::string level = text_of(row["riskLevel"]), status = text_of(row["status"]);
  const int severity = level == "High" ? 4 : level == "Medium" ? 3 : level == "Low" ? 2 : 0;
  // compliance.status_id: 1 Pass, 3 Fail, 0 Unknown (an Error: Signet could not tell).
  const int compliance_status = status == "Pass" ? 1 : status == "Fail" || status == "Muted" ? 3 : 0;
  // The finding's own state: 1 New, 2 In Progress (still open), 3 Suppressed (muted).
  const std::string risk = row.value("risk", json("")).is_string() ? row.value("risk", "") : "";
  const int finding_status = status == "Muted" ? 3 : risk == "open" ? 2 : 1;
  const json tags = row.value("compliance", json::array());
  return {{"class_uid", 2003},  // Compliance Finding
          {"class_name", "Compliance Finding"},
          {"category_uid", 2},
          {"category_name", "Findings"},
          {"activity_id", 1},
          {"activity_name", "Create"},
          {"type_uid", 200301},
          {"time", now_ms},
          {"severity_id", status == "Pass" ? 1 : severity},  // 1 Informational
          {"severity", status == "Pass" ? "Informational" : level},
          {"status_id", finding_status},
          {"status", finding_status == 3 ? "Suppressed" : finding_status == 2 ? "In Progress" : "New"},
          {"status_code", status},
          {"message", text_of(row["message"])},
          {"finding_info", {{"uid", text_of(row["signatureId"]) + ":" + text_of(row.value("accountId", json())) + ":" + text_of(row["resourceKey"])},
                            {"title", text_of(row["description"])},
                            {"desc", text_of(row["message"])},
                            {"types", {text_of(row["service"])}}}},
          {"compliance", {{"control", text_of(row["signatureId"])},
                          {"standards", standards_of(tags)},
                          {"requirements", tags},
                          {"status_id", compliance_status},
                          {"status", compliance_status == 1 ? "Pass" : compliance_status == 3 ? "Fail" : "Unknown"},
                          {"status_detail", text_of(row["message"])}}},
          {"remediation", {{"desc", text_of(row["remediationSteps"])}}},
          {"resources", {{{"uid", resource_uid(row)},
                          {"name", text_of(row["resourceName"])},
                          {"region", text_of(row["region"])},
                          {"cloud_partition", partition_of(resource_uid(row))},
                          {"group", {{"name", text_of(row["service"])}}}}}},
          {"cloud", {{"provider", "AWS"}, {"region", text_of(row["region"])},
                     {"account", {{"uid", text_of(row.value("accountId", json()))}, {"name", text_of(row.value("accountName", json()))},
                                  {"type", "AWS Account"}, {"type_id", 10}}}}},
          {"metadata", {{"version", "1.1.0"}, {"product", {{"name", "Signet"}, {"vendor_name", "Signet"}}}}}};
}

json asff_finding(const json& row, const std::string& now) {
  const std::string status = text_of(row["status"]), level = text_of(row["riskLevel"]);
  const std::string account = text_of(row.value("accountId", json()));
  const std::string region = text_of(row["region"]);
  const std::string uid = resource_uid(row);
  const std::string partition = partition_of(uid);
  const std::string signature = text_of(row["signatureId"]);
  const json tags = row.value("compliance", json::array());
  // A failure of the previous scan that is gone (the resource passes or no longer exists).
  const bool fixed = row.value("risk", json("")) == "fixed";
  const bool passed = status == "Pass" || fixed;
  std::string severity = level == "High" ? "HIGH" : level == "Medium" ? "MEDIUM" : "LOW";
  if (passed) severity = "INFORMATIONAL";
  const std::string compliance = passed ? "PASSED" : status == "Error" ? "NOT_AVAILABLE" : "FAILED";
  json requirements = json::array();
  for (const auto& tag : tags)
    if (requirements.size() < 32) requirements.push_back(tag);  // ASFF allows 32
  std::string remediation = text_of(row["remediationSteps"]);
  json finding = {
      {"SchemaVersion", "2018-10-08"},
      // Stable for a signature and resource, so each scan's import updates the same finding.
      {"Id", utf8_prefix("signet/" + account + "/" + region + "/" + signature + "/" + uid, 512)},
      {"ProductArn", "arn:" + partition + ":securityhub:" + region + ":" + account + ":product/" + account + "/default"},
      {"ProductName", "Signet"},
      {"CompanyName", "Signet"},
      {"GeneratorId", "signet/" + signature},
      {"AwsAccountId", account},
      {"Types", {"Software and Configuration Checks/Industry and Regulatory Standards"}},
      {"CreatedAt", now},
      {"UpdatedAt", now},
      {"Severity", {{"Label", severity}, {"Original", level}}},
      {"Title", utf8_prefix(text_of(row["description"]), 256)},
      {"Description", utf8_prefix(text_of(row["message"]).empty() ? text_of(row["description"]) : text_of(row["message"]), 1024)},
      {"Resources", {{{"Type", asff_resource_type(uid)}, {"Id", utf8_prefix(uid, 512)}, {"Partition", partition}, {"Region", region}}}},
      {"Compliance", {{"Status", compliance}, {"RelatedRequirements", requirements}}},
      {"Workflow", {{"Status", passed ? "RESOLVED" : status == "Muted" ? "SUPPRESSED" : "NEW"}}},
      {"RecordState", fixed ? "ARCHIVED" : "ACTIVE"},
      {"ProductFields", {{"signet/SignatureId", signature}, {"signet/Service", text_of(row["service"])},
                         {"signet/ResourceName", utf8_prefix(text_of(row["resourceName"]), 256)}}}};
  if (!remediation.empty()) finding["Remediation"] = {{"Recommendation", {{"Text", utf8_prefix(remediation, 512)}}}};
  if (row.value("risk", json("")).is_string() && !row.value("risk", "").empty())
    finding["ProductFields"]["signet/Risk"] = row.value("risk", "");
  return finding;
}

void write_sarif(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  json rules = json::array(), results = json::array();
  std::map<std::string, int> rule_index;
  each_result(store, report, [&](const json& r) {
    std::string id = text_of(r["signatureId"]);
    if (!rule_index.count(id)) {
      rule_index[id] = static_cast<int>(rules.size());
      std::string remediation = text_of(r["remediationSteps"]);
      rules.push_back({{"id", id},  // no "name": SARIF wants it to differ from the id, and the id is what users know
                       {"shortDescription", {{"text", text_of(r["description"])}}},
                       {"fullDescription", {{"text", text_of(r["description"])}}},
                       {"help", {{"text", remediation.empty() ? text_of(r["description"]) : remediation}}},
                       {"defaultConfiguration", {{"level", sarif_level(text_of(r["riskLevel"]))}}},
                       {"properties", {{"tags", r.value("compliance", json::array())}}}});
    }
    if (r["status"] != "Fail") return;
    results.push_back({{"ruleId", id},
                       {"ruleIndex", rule_index[id]},
                       {"level", sarif_level(text_of(r["riskLevel"]))},
                       {"message", {{"text", text_of(r["message"]) + " (" + text_of(r["resourceName"]) + ")."}}},
                       {"locations", {{{"logicalLocations", {{{"fullyQualifiedName", resource_uid(r)}, {"kind", "resource"}}}}}}},
                       {"properties", {{"region", r["region"]}, {"service", r["service"]}, {"risk", r.value("risk", "")}}}});
  });
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", {{{"tool", {{"driver", {{"name", "Signet"},
                                               {"version", SIGNET_VERSION},
                                               {"informationUri", "https://github.com/signet"},
                                               {"rules", rules}}}}},
                         {"results", results}}}}};
  out << doc.dump(2) << "\n";
}

// Every result, a finding a line in one JSON array.
void write_ocsf(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  long long now_ms = static_cast<long long>(std::time(nullptr)) * 1000;
  bool first = true;
  out << "[";
  each_result(store, report, [&](const json& r) {
    out << (first ? "\n" : ",\n") << ocsf_finding(r, now_ms).dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  });
  out << (first ? "]\n" : "\n]\n");
}

void each_asff_finding(const store::Store& store, const engine::ScanReport& report, const std::function<void(const json&)>& visit) {
  const std::string now = now_iso();
  store::ResultQuery rows;
  rows.scans = scans_of(report);
  rows.statuses = {"Fail", "Muted", "Error"};
  rows.sort = "signature";
  each_row(store, rows, [&](const json& r) { visit(asff_finding(r, now)); });
  rows.statuses.clear();
  rows.risks = {"fixed"};
  each_row(store, rows, [&](const json& r) { visit(asff_finding(r, now)); });
}

void write_asff(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  bool first = true;
  out << "[";
  each_asff_finding(store, report, [&](const json& finding) {
    out << (first ? "\n" : ",\n") << finding.dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  });
  out << (first ? "]\n" : "\n]\n");
}

}  // namespace signet::cli
