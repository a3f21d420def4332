#include "cli/scan_report_html.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "cli/scan_rows.h"
#include "common/html.h"

namespace signet::cli {

using nlohmann::json;

namespace {

// Failing resources listed under each signature; the rest are counted (the json, csv and
// ocsf forms hold every one).
constexpr std::size_t kResourcesPerSignature = 200;
// Services shown in the chart; the rest are summed in one bar.
constexpr std::size_t kServicesCharted = 15;

std::string css_class(const std::string& level) {
  return level == "High" ? "high" : level == "Medium" ? "medium" : "low";
}

// A horizontal bar chart as inline SVG: one labelled bar per (label, count, css class).
struct Bar {
  std::string label;
  std::size_t count;
  std::string css;
};

std::string bar_chart(const std::string& title, const std::vector<Bar>& bars) {
  std::size_t most = 1;
  for (const auto& b : bars) most = std::max(most, b.count);
  const int row = 24, label_width = 170, bar_width = 360;
  std::string svg = "<figure><figcaption>" + html_escape(title) + "</figcaption><svg role=\"img\" width=\"" +
                    std::to_string(label_width + bar_width + 80) + "\" height=\"" + std::to_string(std::max<std::size_t>(1, bars.size()) * row) +
                    "\" aria-label=\"" + html_escape(title) + "\">";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    const int y = static_cast<int>(i) * row;
    const int width = static_cast<int>(b.count * bar_width / most);
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 16) + "\">" + html_escape(b.label) + "</text>";
    svg += "<rect class=\"" + b.css + "\" x=\"" + std::to_string(label_width) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" +
           std::to_string(std::max(width, b.count ? 2 : 0)) + "\" height=\"16\"/>";
    svg += "<text x=\"" + std::to_string(label_width + width + 6) + "\" y=\"" + std::to_string(y + 16) + "\">" + std::to_string(b.count) + "</text>";
  }
  if (bars.empty()) svg += "<text x=\"0\" y=\"16\">none</text>";
  return svg + "</svg></figure>\n";
}

std::size_t count_of(const json& group) { return group.value("count", std::size_t{0}); }

}  // namespace

void write_html_report(std::ostream& out, const store::Store& store, const engine::ScanReport& report) {
  const json& stats = report.stats;
  const auto scans = scans_of(report);
  store::ResultQuery everything;
  everything.scans = scans;
  store::ResultQuery fails = everything;
  fails.statuses = {"Fail"};

  out << html_report_start("Signet scan report",
                           "svg text{font:12px system-ui,sans-serif;fill:#1d2330}rect.high{fill:#b42318}rect.medium{fill:#dc6803}"
                           "rect.low{fill:#98a2b3}rect.service{fill:#1570ef}figure{display:inline-block;margin:0 2em 1em 0}"
                           "figcaption{font-weight:600;margin-bottom:.4em}.high{color:#b42318}.medium{color:#dc6803}.low{color:#475467}"
                           "section.signature{break-inside:avoid-page;margin:1.5em 0}.steps{white-space:pre-wrap;background:#f6f7f9;"
                           "padding:.6em .8em;border-radius:4px}h3{margin-bottom:.2em}");
  out << "<h1>Signet scan report</h1>\n<p class=\"muted\">";
  bool first = true;
  for (auto id : scans) {
    auto scan = store.scan(id);
    if (!scan) continue;
    const std::string who = !scan->account_name.empty() ? scan->account_name : !scan->account.empty() ? scan->account : "the default account";
    out << (first ? "" : "<br>") << "Scan " << id << " of " << html_escape(who) << (scan->account_id.empty() ? "" : " (" + html_escape(scan->account_id) + ")")
        << ", " << html_escape(scan->started_at) << " to " << html_escape(scan->finished_at.empty() ? "(running)" : scan->finished_at);
    first = false;
  }
  out << "</p>\n";

  std::map<std::string, std::size_t> by_status;
  for (const auto& g : store.group_results(everything, "status")) by_status[g.value("key", "")] = count_of(g);
  out << "<p class=\"summary\"><span>Resources: <b>" << stats.value("resources", 0) << "</b></span><span>Signatures: <b>"
      << stats.value("signatures", 0) << "</b></span><span class=\"pass\">Pass: <b>" << by_status["Pass"]
      << "</b></span><span class=\"fail\">Fail: <b>" << by_status["Fail"] << "</b></span><span class=\"error\">Error: <b>" << by_status["Error"]
      << "</b></span><span class=\"muted\">Muted: <b>" << by_status["Muted"] << "</b></span></p>\n";
  if (!stats.value("complete", true))
    out << "<p class=\"error\">This scan is incomplete: some evaluations ended in Error or some listings failed, so the risks below "
           "may not be all.</p>\n";

  std::vector<Bar> levels;
  std::map<std::string, std::size_t> level_counts;
  for (const auto& g : store.group_results(fails, "level")) level_counts[g.value("key", "")] = count_of(g);
  for (const char* level : {"High", "Medium", "Low"}) levels.push_back({level, level_counts[level], css_class(level)});
  std::vector<Bar> services;
  std::size_t other = 0;
  for (const auto& g : store.group_results(fails, "service")) {
    if (services.size() < kServicesCharted) services.push_back({g.value("key", ""), count_of(g), "service"});
    else other += count_of(g);
  }
  if (other) services.push_back({"other services", other, "service"});
  out << bar_chart("Risks by level", levels) << bar_chart("Risks by service", services);

  // The risks: level by level, each signature with its steps and its failing resources.
  const auto signatures = store.group_results(fails, "signature");
  for (const char* level : {"High", "Medium", "Low"}) {
    std::size_t in_level = 0;
    for (const auto& g : signatures) in_level += g.value("riskLevel", "") == level;
    if (!in_level) continue;
    out << "<h2 class=\"" << css_class(level) << "\">" << level << " risks: " << level_counts[level] << " in " << in_level
        << (in_level == 1 ? " signature" : " signatures") << "</h2>\n";
    for (const auto& g : signatures) {
      if (g.value("riskLevel", "") != level) continue;
      const std::string id = g.value("key", "");
      store::ResultQuery rows = fails;
      rows.signature = id;
      rows.sort = "resource";
      rows.limit = kResourcesPerSignature;
      const auto page = store.query_results(rows);
      out << "<section class=\"signature\"><h3><code>" << html_escape(id) << "</code> " << html_escape(g.value("description", ""))
          << "</h3>\n<p>" << page.total << (page.total == 1 ? " failing resource" : " failing resources") << "</p>\n";
      if (!page.items.empty()) {
        const std::string steps = text_of(page.items.front()["remediationSteps"]);
        if (!steps.empty()) out << "<p><b>Remediation</b></p><div class=\"steps\">" << html_escape(steps) << "</div>\n";
      }
      out << "<table><thead><tr><th>Account</th><th>Region</th><th>Resource</th><th>Message</th><th>Risk</th></tr></thead><tbody>\n";
      for (const auto& r : page.items)
        out << "<tr><td>" << html_escape(text_of(r.value("accountName", json())).empty() ? text_of(r.value("accountId", json()))
                                                                                         : text_of(r.value("accountName", json())))
            << "</td><td>" << html_escape(text_of(r["region"])) << "</td><td>" << html_escape(text_of(r["resourceName"]))
            << (r["resourceArn"].is_string() ? "<br><code>" + html_escape(text_of(r["resourceArn"])) + "</code>" : "") << "</td><td>"
            << html_escape(text_of(r["message"])) << "</td><td>" << html_escape(text_of(r.value("risk", json()))) << "</td></tr>\n";
      out << "</tbody></table>\n";
      if (page.total > page.items.size())
        out << "<p class=\"muted\">and " << page.total - page.items.size() << " more (the json, csv and ocsf outputs list every one)</p>\n";
      out << "</section>\n";
    }
  }
  if (signatures.empty()) out << "<h2>No risks</h2>\n<p>Every evaluated resource passed or was muted.</p>\n";

  const json causes = stats.value("errorsByCause", json::object());
  if (by_status["Error"]) {
    out << "<h2 class=\"error\">Evaluations that ended in Error: " << by_status["Error"] << "</h2>\n<ul>\n";
    for (const auto& [cause, n] : causes.items()) out << "<li>" << html_escape(cause) << ": " << n.dump() << "</li>\n";
    out << "</ul>\n";
  }
  out << "<p class=\"muted\">Written by Signet " << html_escape(SIGNET_VERSION) << ".</p>\n" << html_report_end();
}

}  // namespace signet::cli
