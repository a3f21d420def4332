#include "compliance/compliance.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "common/html.h"
#include "common/names.h"
#include "common/strings.h"

extern "C" const char signet_frameworks_json[];

namespace signet::compliance {

using nlohmann::json;

const std::vector<Framework>& frameworks() {
  static const std::vector<Framework> all = [] {
    std::vector<Framework> out;
    for (const auto& f : json::parse(signet_frameworks_json)) {
      Framework framework{f["id"], f["name"], f["version"], f["providers"].get<std::vector<std::string>>(), {}};
      for (const auto& c : f["controls"]) framework.controls.push_back({c["id"], c["title"], c["section"], c.value("assessment", "")});
      out.push_back(std::move(framework));
    }
    return out;
  }();
  return all;
}

const Framework* find_framework(const std::string& id) {
  for (const auto& f : frameworks())
    if (to_lower(f.id) == to_lower(id)) return &f;
  return nullptr;
}

std::string unknown_framework_message(const std::string& id) {
  std::vector<std::string> ids;
  for (const auto& f : frameworks()) ids.push_back(f.id);
  return check_names("framework", "framework", {id}, [](const std::string& x) { return find_framework(x) != nullptr; }, ids, join(ids, ", "))
      .message;
}

std::map<std::string, SignatureCounts> signature_counts(const store::Store& store, const std::vector<std::int64_t>& scans) {
  std::map<std::string, SignatureCounts> counts;
  if (scans.empty()) return counts;
  for (const char* status : {"Pass", "Fail", "Error", "Muted"}) {
    store::ResultQuery query;
    query.scans = scans;
    query.statuses = {status};
    for (const auto& group : store.group_results(query, "signature")) {  // read from each scan's kept counts
      auto& c = counts[group["key"].get<std::string>()];
      const auto n = group["count"].get<std::size_t>();
      if (status[0] == 'P') c.pass += n;
      else if (status[0] == 'F') c.fail += n;
      else if (status[0] == 'E') c.error += n;
      else c.muted += n;
    }
  }
  return counts;
}

Reading read(const store::Store& store, const std::string& account, std::int64_t scan_id) {
  Reading r;
  if (scan_id) {
    auto scan = store.scan(scan_id);
    if (!scan) throw std::invalid_argument("no scan " + std::to_string(scan_id));
    if (scan->status != "complete") throw std::invalid_argument("scan " + std::to_string(scan_id) + " is " + scan->status + ", not complete");
    r.scans = {*scan};
  } else {
    r.scans = store.latest_complete_scans(account.empty() ? std::nullopt : std::optional<std::string>(account));
    if (r.scans.empty() && !account.empty()) throw std::invalid_argument("no complete scan of account '" + account + "'");
  }
  std::vector<std::int64_t> ids;
  for (const auto& s : r.scans) ids.push_back(s.id);
  r.counts = signature_counts(store, ids);
  r.signatures = store.signatures();
  return r;
}

json scans_json(const std::vector<store::ScanSummary>& scans) {
  json out = json::array();
  for (const auto& s : scans)
    out.push_back({{"id", s.id}, {"account", s.account_name.empty() ? s.account : s.account_name}, {"finishedAt", s.finished_at}});
  return out;
}

double Report::score() const {
  auto count = [&](const char* s) { auto it = by_status.find(s); return it == by_status.end() ? std::size_t{0} : it->second; };
  const std::size_t decided = count("pass") + count("fail");
  return decided ? 100.0 * static_cast<double>(count("pass")) / static_cast<double>(decided) : -1;
}

Report assess(const Framework& framework, const std::vector<store::StoredSignature>& signatures,
              const std::map<std::string, SignatureCounts>& counts) {
  // "CIS-AWS-3.0:1.10" -> the signatures tagged so (tags are matched in any case).
  std::map<std::string, std::vector<std::string>> serving;
  const std::string prefix = to_lower(framework.id) + ":";
  for (const auto& s : signatures)
    for (const auto& tag : s.metadata.compliance)
      if (to_lower(tag).rfind(prefix, 0) == 0) serving[to_lower(tag.substr(prefix.size()))].push_back(s.metadata.id);
  Report report;
  report.framework = &framework;
  for (const auto& control : framework.controls) {
    ControlResult r;
    r.control = &control;
    if (auto it = serving.find(to_lower(control.id)); it != serving.end()) r.signatures = it->second;
    std::sort(r.signatures.begin(), r.signatures.end());
    r.signatures.erase(std::unique(r.signatures.begin(), r.signatures.end()), r.signatures.end());
    for (const auto& id : r.signatures)
      if (auto c = counts.find(id); c != counts.end()) {
        r.counts.pass += c->second.pass;
        r.counts.fail += c->second.fail;
        r.counts.error += c->second.error;
        r.counts.muted += c->second.muted;
      }
    if (r.signatures.empty()) r.status = control.assessment == "Manual" ? "manual" : "not checked";
    else if (r.counts.fail) r.status = "fail";
    else if (r.counts.error) r.status = "error";
    else if (r.counts.pass || r.counts.muted) r.status = "pass";
    else r.status = "no results";
    ++report.by_status[r.status];
    report.controls.push_back(std::move(r));
  }
  return report;
}

json to_json(const Report& report, bool with_controls) {
  const Framework& f = *report.framework;
  json summary = {{"controls", f.controls.size()}};
  for (const char* s : {"pass", "fail", "error", "no results", "not checked", "manual"}) {
    auto it = report.by_status.find(s);
    summary[s] = it == report.by_status.end() ? 0 : it->second;
  }
  const double score = report.score();
  json out = {{"id", f.id}, {"name", f.name}, {"version", f.version}, {"providers", f.providers}, {"summary", summary},
              {"score", score < 0 ? json() : json(std::round(score * 10) / 10)}};
  if (!with_controls) return out;
  json controls = json::array();
  for (const auto& r : report.controls)
    controls.push_back({{"id", r.control->id}, {"title", r.control->title}, {"section", r.control->section},
                        {"assessment", r.control->assessment}, {"status", r.status}, {"signatures", r.signatures},
                        {"failing", r.counts.fail}, {"passing", r.counts.pass}, {"errors", r.counts.error}, {"muted", r.counts.muted}});
  out["controls"] = controls;
  return out;
}

std::string to_html(const Report& report, const json& scans) {
  const Framework& f = *report.framework;
  const json j = to_json(report);
  std::string out = html_report_start(f.name + " - Signet compliance report");
  out += "<h1>" + html_escape(f.name) + (f.version.empty() ? "" : " " + html_escape(f.version)) + "</h1>\n";
  out += "<p class=\"summary\">";
  for (const auto& [status, n] : j["summary"].items())
    out += "<span>" + html_escape(status) + ": <b>" + std::to_string(n.get<std::size_t>()) + "</b></span>";
  if (!j["score"].is_null()) out += "<span>score: <b>" + html_escape(j["score"].dump()) + "%</b> of the controls with results pass</span>";
  out += "</p>\n<p class=\"muted\">Scans read: ";
  bool first = true;
  for (const auto& s : scans) {
    out += (first ? "" : ", ") + html_escape(s.value("account", "") + " #" + std::to_string(s.value("id", 0)) + " (" + s.value("finishedAt", "") + ")");
    first = false;
  }
  if (first) out += "none";
  out += "</p>\n<table><thead><tr><th>Control</th><th>Status</th><th>Title</th><th>Signatures</th><th>Failing</th><th>Passing</th></tr></thead><tbody>\n";
  for (const auto& c : j["controls"]) {
    const std::string status = c["status"];
    const std::string css = status == "fail" ? "fail" : status == "pass" ? "pass" : status == "error" ? "error" : "muted";
    out += "<tr><td><code>" + html_escape(c["id"]) + "</code></td><td class=\"" + css + "\">" + html_escape(status) + "</td><td>" +
           html_escape(c["title"]) + "</td><td><code>" + html_escape(join(c["signatures"].get<std::vector<std::string>>(), ", ")) +
           "</code></td><td>" + std::to_string(c["failing"].get<std::size_t>()) + "</td><td>" + std::to_string(c["passing"].get<std::size_t>()) +
           "</td></tr>\n";
  }
  out += "</tbody></table>\n<p class=\"muted\">Written by Signet. A control passes when every result of the signatures that serve it "
         "passed (or was muted); it fails when any of them failed on a resource.</p>\n";
  out += html_report_end();
  return out;
}

}  // namespace signet::compliance
