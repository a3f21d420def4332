#include "cli/scan_output.h"

#include <pugixml.hpp>

#include <algorithm>
#include <ctime>
#include <map>
#include <sstream>
#include <stdexcept>

#include "cli/scan_findings.h"
#include "cli/scan_report_html.h"
#include "cli/scan_rows.h"
#include "cli/table.h"
#include "common/csv.h"

namespace signet::cli {

using nlohmann::json;

std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); }

std::vector<std::int64_t> scans_of(const engine::ScanReport& report) {
  std::vector<std::int64_t> scans;
  if (report.stats.contains("accounts"))
    for (const auto& a : report.stats["accounts"]) scans.push_back(a.value("scanId", std::int64_t{0}));
  else if (report.scan_id)
    scans.push_back(report.scan_id);
  return scans;
}

void each_row(const store::Store& store, store::ResultQuery query, const std::function<void(const json&)>& visit) {
  query.limit = 1000;
  for (query.offset = 0;; query.offset += query.limit) {
    auto page = store.query_results(query);
    for (const auto& r : page.items) visit(r);
    if (page.items.size() < query.limit) return;
  }
}

void each_result(const store::Store& store, const engine::ScanReport& report, const std::function<void(const json&)>& visit) {
  for (auto scan : scans_of(report)) store.for_each_result(scan, visit);
}

namespace {

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
    std::vector<std::string> row = {text_of(r["riskLevel"]), text_of(r["signatureId"]), text_of(r["service"]), text_of(r["region"]),
                                    r["vpc"].is_string() ? text_of(r["vpc"]) : "-", text_of(r["resourceName"]), text_of(r.value("risk", json())),
                                    text_of(r["message"])};
    if (many) row.insert(row.begin(), text_of(r.value("accountName", json(""))));
    risks.add(row);
    ++per_level[text_of(r["riskLevel"])];
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
      out << "  " << text_of(r["signatureId"]) << " " << text_of(r["resourceName"]) << ": " << text_of(r["message"]).substr(0, 160) << "\n";
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
    out << "Skipped: " << text_of(skipped["signatureId"]) << " broke its "
        << (skipped["limits"].size() == 2 ? std::string("time and memory limits") : text_of(skipped["limits"][0]) + " limit") << " on "
        << skipped.value("limitsBroken", 0) << " resources (first: " << text_of(skipped["first"]) << "), so its other "
        << skipped.value("skipped", 0) << " evaluation(s) did not run\n";
  const json problems = s.value("listingProblems", json::array());
  if (!problems.empty()) {
    out << problems.size() << " listing(s) failed, so their resources were not checked:\n";
    int shown = 0;
    for (const auto& p : problems)
      if (shown++ < 10) out << "  " << text_of(p["service"]) << " " << text_of(p["type"]) << " in " << text_of(p["region"]) << ": " << text_of(p["message"]).substr(0, 160) << "\n";
  }
  if (many) {
    out << s["accounts"].size() << " accounts:\n";
    Table accounts({"ACCOUNT", "ID", "SCAN", "RESOURCES", "PASS", "FAIL", "ERROR", "REQUESTS", "COMPLETE"});
    for (const auto& a : s["accounts"])
      accounts.add({text_of(a.value("accountName", json(""))), text_of(a.value("accountId", json(""))), std::to_string(a.value("scanId", 0)),
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
    for (std::size_t i = 0; i < std::size(columns); ++i) out << (i ? "," : "") << csv_field(text_of(r.value(columns[i], json())));
    out << "\r\n";
  });
}

void junit(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  pugi::xml_document doc;
  auto suites = doc.append_child("testsuites");
  suites.append_attribute("name") = "signet";
  std::map<std::string, std::vector<json>> by_signature;
  each_result(store, report, [&](const json& r) { by_signature[text_of(r["signatureId"])].push_back(r); });
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
      tc.append_attribute("classname") = (id + " " + text_of((*r)["description"])).c_str();
      tc.append_attribute("name") = (text_of((*r)["service"]) + " " + text_of((*r)["region"]) + " " + text_of((*r)["resourceName"])).c_str();
      tc.append_attribute("time") = (*r).value("durationMs", 0.0) / 1000;
      if ((*r)["status"] != "Pass") {
        auto node = tc.append_child((*r)["status"] == "Fail" ? "failure" : "error");
        node.append_attribute("message") = text_of((*r)["message"]).c_str();
        node.text() = (text_of((*r)["riskLevel"]) + " risk: " + text_of((*r)["message"]) + "\n" + text_of((*r)["remediationSteps"])).c_str();
      }
    }
  }
  doc.save(out, "  ");
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
  static const std::map<std::string, Form> forms = {{"table", table}, {"json", json_form}, {"csv", csv},     {"junit", junit},
                                                    {"sarif", write_sarif}, {"ocsf", write_ocsf}, {"asff", write_asff}, {"html", write_html_report}};
  auto it = forms.find(format);
  if (it == forms.end())
    throw std::invalid_argument("unknown output format '" + format + "' (table, json, csv, junit, sarif, ocsf, asff, html)");
  return it->second;
}

}  // namespace

void check_scan_format(const std::string& format) { form_of(format); }

void render_scan(std::ostream& out, const store::Store& store, const engine::ScanReport& report, const std::string& format) {
  form_of(format)(out, store, report);
}

}  // namespace signet::cli
