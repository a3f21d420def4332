#include "cli/scan_output.h"

#include <pugixml.hpp>

#include <algorithm>
#include <ctime>
#include <map>
#include <sstream>
#include <stdexcept>

#include "cli/table.h"
#include "common/csv.h"

namespace signet::cli {

using nlohmann::json;

namespace {

std::string str(const json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); }

// The scans a report covers: each account's, or its own.
std::vector<std::int64_t> scans_of(const engine::ScanReport& report) {
  std::vector<std::int64_t> scans;
  if (report.stats.contains("accounts"))
    for (const auto& a : report.stats["accounts"]) scans.push_back(a.value("scanId", std::int64_t{0}));
  else if (report.scan_id)
    scans.push_back(report.scan_id);
  return scans;
}

// Every row a query matches, a page at a time.
void each_row(const store::Store& store, store::ResultQuery query, const std::function<void(const json&)>& visit) {
  query.limit = 1000;
  for (query.offset = 0;; query.offset += query.limit) {
    auto page = store.query_results(query);
    for (const auto& r : page.items) visit(r);
    if (page.items.size() < query.limit) return;
  }
}

// Every result of the report's scans, in the order they were written.
void each_result(const store::Store& store, const engine::ScanReport& report, const std::function<void(const json&)>& visit) {
  for (auto scan : scans_of(report)) store.for_each_result(scan, visit);
}

void table(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  // Several accounts: which one each risk is in.
  const bool many = report.stats.contains("accounts");
  std::vector<std::string> columns = {"LEVEL", "SIGNATURE", "SERVICE", "REGION", "VPC", "RESOURCE", "RISK", "MESSAGE"};
  if (many) columns.insert(columns.begin(), "ACCOUNT");
  Table risks(columns);
  store::ResultQuery fails;
  fails.scans = scans_of(report);
  fails.statuses = {"Fail"};
  std::map<std::string, int> per_level;
  std::size_t count = 0, fresh = 0;
  each_row(store, fails, [&](const json& r) {
    std::vector<std::string> row = {str(r["riskLevel"]), str(r["signatureId"]), str(r["service"]), str(r["region"]),
                                    r["vpc"].is_string() ? str(r["vpc"]) : "-", str(r["resourceName"]), str(r.value("risk", json())),
                                    str(r["message"])};
    if (many) row.insert(row.begin(), str(r.value("accountName", json(""))));
    risks.add(row);
    ++per_level[str(r["riskLevel"])];
    ++count;
    fresh += r.value("risk", "") == "new";
  });
  out << "Risks\n" << (count == 0 ? "  (none)\n" : risks.render(70));
  out << "\n" << count << " risks: " << per_level["High"] << " High, " << per_level["Medium"] << " Medium, " << per_level["Low"] << " Low";
  out << " (" << fresh << " new, " << report.stats.value("fixed", 0) << " fixed since the previous scan)\n";
  std::size_t errors = report.count("Error");
  if (errors) {
    out << errors << " evaluation(s) ended in Error:\n";
    store::ResultQuery error_rows;
    error_rows.scans = fails.scans;
    error_rows.statuses = {"Error"};
    error_rows.sort = "signature";
    error_rows.limit = 10;
    for (const auto& r : store.query_results(error_rows).items)
      out << "  " << str(r["signatureId"]) << " " << str(r["resourceName"]) << ": " << str(r["message"]).substr(0, 160) << "\n";
  }
  const json& s = report.stats;
  if (errors) {
    out << "The scan is incomplete: " << errors << " evaluation(s) ended in Error (";
    bool first = true;
    const json causes = s.value("errorsByCause", json::object());  // iterate a named copy, not a temporary
    for (const auto& [cause, n] : causes.items()) {
      out << (first ? "" : ", ") << n.get<int>() << " " << cause;
      first = false;
    }
    out << "); their resources may hold risks not listed here\n";
  }
  const json skipped_signatures = s.value("skippedSignatures", json::array());
  for (const auto& skipped : skipped_signatures)
    out << "Skipped: " << str(skipped["signatureId"]) << " broke its "
        << (skipped["limits"].size() == 2 ? std::string("time and memory limits") : str(skipped["limits"][0]) + " limit") << " on "
        << skipped.value("limitsBroken", 0) << " resources (first: " << str(skipped["first"]) << "), so its other "
        << skipped.value("skipped", 0) << " evaluation(s) did not run\n";
  const json problems = s.value("listingProblems", json::array());
  if (!problems.empty()) {
    out << problems.size() << " listing(s) failed, so their resources were not checked:\n";
    int shown = 0;
    for (const auto& p : problems)
      if (shown++ < 10) out << "  " << str(p["service"]) << " " << str(p["type"]) << " in " << str(p["region"]) << ": " << str(p["message"]).substr(0, 160) << "\n";
  }
  if (many) {
    out << s["accounts"].size() << " accounts:\n";
    Table accounts({"ACCOUNT", "ID", "SCAN", "RESOURCES", "PASS", "FAIL", "ERROR", "REQUESTS", "COMPLETE"});
    for (const auto& a : s["accounts"])
      accounts.add({str(a.value("accountName", json(""))), str(a.value("accountId", json(""))), std::to_string(a.value("scanId", 0)),
                    std::to_string(a.value("resources", 0)), std::to_string(a.value("pass", 0)), std::to_string(a.value("fail", 0)),
                    std::to_string(a.value("error", 0)), std::to_string(a.value("apiRequestsSent", 0)),
                    a.value("complete", false) ? "yes" : "no"});
    out << accounts.render(70);
    out << "Scans " << report.scan_id << "..: " << s.value("evaluations", 0) << " evaluations over " << s.value("resources", 0)
        << " resources (" << report.count("Pass") << " Pass, " << report.count("Fail") << " Fail, " << errors << " Error); API requests "
        << s.value("apiRequestsSent", 0) << " sent\n";
    return;
  }
  out << "Scan " << report.scan_id << ": " << s.value("signatures", 0) << " signatures, " << s.value("resources", 0) << " resources, "
      << s.value("evaluations", 0) << " evaluations (" << report.count("Pass") << " Pass, " << report.count("Fail") << " Fail, "
      << errors << " Error); API requests " << s.value("apiRequestsSent", 0) << " sent";
  if (s.value("throttledAnswers", 0) > 0) out << " (" << s.value("throttledAnswers", 0) << " throttled and retried)";
  out << ", " << s.value("apiCallsSaved", 0) << " calls saved by sharing";
  std::string by_service;
  const json requests = s.value("apiRequestsByService", json::object());
  for (const auto& [service, n] : requests.items())
    by_service += (by_service.empty() ? "" : ", ") + service + " " + std::to_string(n.get<std::uint64_t>());
  if (!by_service.empty()) out << " (" << by_service << ")";
  out << "\n";
}

void csv(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  const char* columns[] = {"signatureId", "riskLevel", "status", "risk", "service", "region", "vpc", "resourceId", "resourceName",
                           "resourceArn", "message", "description", "accountId", "accountName"};
  for (std::size_t i = 0; i < std::size(columns); ++i) out << (i ? "," : "") << columns[i];
  out << "\r\n";
  each_result(store, report, [&](const json& r) {
    for (std::size_t i = 0; i < std::size(columns); ++i) out << (i ? "," : "") << csv_field(str(r.value(columns[i], json())));
    out << "\r\n";
  });
}

void junit(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  pugi::xml_document doc;
  auto suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "signet";
  std::map<std::string, std::vector<json>> by_signature;
  each_result(store, report, [&](const json& r) { by_signature[str(r["signatureId"])].push_back(r); });
  for (const auto& [id, list] : by_signature) {
    std::vector<const json*> rows;
    for (const auto& r : list) rows.push_back(&r);
    auto suite = suites.append_child("testsuite");
    int failures = 0, errors = 0;
    for (const json* r : rows) {
      failures += (*r)["status"] == "Fail";
      errors += (*r)["status"] == "Error";
    }
    suite.append_attribute("name") = id.c_str();
    suite.append_attribute("tests") = static_cast<int>(rows.size());
    suite.append_attribute("failures") = failures;
    suite.append_attribute("errors") = errors;
    for (const json* r : rows) {
      auto tc = suite.append_child("testcase");
      tc.append_attribute("classname") = (id + " " + str((*r)["description"])).c_str();
      tc.append_attribute("name") = (str((*r)["service"]) + " " + str((*r)["region"]) + " " + str((*r)["resourceName"])).c_str();
      tc.append_attribute("time") = (*r).value("durationMs", 0.0) / 1000;
      if ((*r)["status"] != "Pass") {
        auto node = tc.append_child((*r)["status"] == "Fail" ? "failure" : "error");
        node.append_attribute("message") = str((*r)["message"]).c_str();
        node.text() = (str((*r)["riskLevel"]) + " risk: " + str((*r)["message"]) + "\n" + str((*r)["remediationSteps"])).c_str();
      }
    }
  }
  doc.save(out, "  ");
}

std::string sarif_level(const std::string& risk) { return risk == "High" ? "error" : risk == "Medium" ? "warning" : "note"; }

void sarif(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  json rules = json::array(), results = json::array();
  std::map<std::string, int> rule_index;
  each_result(store, report, [&](const json& r) {
    std::string id = str(r["signatureId"]);
    if (!rule_index.count(id)) {
      rule_index[id] = static_cast<int>(rules.size());
      rules.push_back({{"id", id},
                       {"shortDescription", {{"text", str(r["description"])}}},
                       {"help", {{"text", str(r["remediationSteps"]).empty() ? str(r["description"]) : str(r["remediationSteps"])}}},
                       {"defaultConfiguration", {{"level", sarif_level(str(r["riskLevel"]))}}},
                       {"properties", {{"tags", r.value("compliance", json::array())}}}});
    }
    if (r["status"] != "Fail") return;
    std::string where = r["resourceArn"].is_string() ? str(r["resourceArn"]) : str(r["resourceKey"]);
    results.push_back({{"ruleId", id},
                       {"ruleIndex", rule_index[id]},
                       {"level", sarif_level(str(r["riskLevel"]))},
                       {"message", {{"text", str(r["message"]) + " (" + str(r["resourceName"]) + ")"}}},
                       {"locations", {{{"logicalLocations", {{{"fullyQualifiedName", where}, {"kind", "resource"}}}}}}},
                       {"properties", {{"region", r["region"]}, {"service", r["service"]}, {"risk", r.value("risk", "")}}}});
  });
  json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", {{{"tool", {{"driver", {{"name", "Signet"}, {"informationUri", "https://github.com/signet"}, {"rules", rules}}}}},
                         {"results", results}}}}};
  out << doc.dump(2) << "\n";
}

void ocsf(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  long long now_ms = static_cast<long long>(std::time(nullptr)) * 1000;
  bool first = true;
  out << "[";
  each_result(store, report, [&](const json& r) {
    if (r["status"] == "Pass") return;
    std::string level = str(r["riskLevel"]);
    int severity = level == "High" ? 4 : level == "Medium" ? 3 : level == "Low" ? 2 : 0;
    bool failed = r["status"] == "Fail";
    json finding = {{"class_uid", 2003},  // Compliance Finding
                        {"class_name", "Compliance Finding"},
                        {"category_uid", 2},
                        {"activity_id", 1},
                        {"type_uid", 200301},
                        {"time", now_ms},
                        {"severity_id", severity},
                        {"severity", level},
                        {"status_id", failed ? 1 : 0},
                        {"message", str(r["message"])},
                        {"finding_info", {{"uid", str(r["signatureId"]) + ":" + str(r.value("accountId", json())) + ":" + str(r["resourceKey"])},
                                          {"title", str(r["description"])},
                                          {"desc", str(r["message"])},
                                          {"types", {str(r["service"])}}}},
                        {"compliance", {{"status", failed ? "Fail" : "Error"}, {"standards", r.value("compliance", json::array())}}},
                        {"remediation", {{"desc", str(r["remediationSteps"])}}},
                        {"resources", {{{"uid", r["resourceArn"].is_string() ? str(r["resourceArn"]) : str(r["resourceKey"])},
                                        {"name", str(r["resourceName"])},
                                        {"region", str(r["region"])},
                                        {"cloud_partition", "aws"},
                                        {"group", {{"name", str(r["service"])}}}}}},
                        {"cloud", {{"provider", "AWS"}, {"region", str(r["region"])},
                                   {"account", {{"uid", str(r.value("accountId", json()))}, {"name", str(r.value("accountName", json()))},
                                                {"type", "AWS Account"}, {"type_id", 10}}}}},
                        {"metadata", {{"version", "1.1.0"}, {"product", {{"name", "Signet"}, {"vendor_name", "Signet"}}}}}};
    out << (first ? "\n" : ",\n") << finding.dump();
    first = false;
  });
  out << (first ? "]\n" : "\n]\n");
}

// {"scan": {id, stats}, "results": [...], "fixed": [...]}, a result a line.
void json_form(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  out << "{\"scan\": " << json{{"id", report.scan_id}, {"stats", report.stats}}.dump() << ",\n\"results\": [";
  bool first = true;
  auto row = [&](const json& r) {
    out << (first ? "\n" : ",\n") << r.dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  };
  each_result(store, report, row);
  out << (first ? "],\n" : "\n],\n") << "\"fixed\": [";
  first = true;
  store::ResultQuery fixed;
  fixed.scans = scans_of(report);
  fixed.risks = {"fixed"};
  each_row(store, fixed, row);
  out << (first ? "]}\n" : "\n]}\n");
}

}  // namespace

namespace {

using Form = void (*)(std::ostream&, const store::Store&, const engine::ScanReport&);

Form form_of(const std::string& format) {
  static const std::map<std::string, Form> forms = {{"table", table}, {"json", json_form}, {"csv", csv},
                                                    {"junit", junit}, {"sarif", sarif}, {"ocsf", ocsf}};
  auto it = forms.find(format);
  if (it == forms.end()) throw std::invalid_argument("unknown output format '" + format + "' (table, json, csv, junit, sarif, ocsf)");
  return it->second;
}

}  // namespace

void check_scan_format(const std::string& format) { form_of(format); }

void render_scan(std::ostream& out, const store::Store& store, const engine::ScanReport& report, const std::string& format) {
  form_of(format)(out, store, report);
}

}  // namespace signet::cli
