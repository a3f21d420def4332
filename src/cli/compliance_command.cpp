// `signet compliance [--framework ID] [--account NAME] [--scan ID] [--output table|json|csv|html]`:
// the latest complete scans (every account's, or one's) read control by control. Without
// --framework, every framework's summary.
#include <fstream>
#include <iostream>

#include "builtins/builtins.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "common/csv.h"
#include "compliance/compliance.h"
#include "store/store.h"

namespace signet::cli {

namespace {

using nlohmann::json;

struct ComplianceArgs {
  std::string db, framework, account, output = "table", out;
  std::int64_t scan = 0;
};

struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string percent(const json& score) { return score.is_null() ? "-" : score.dump() + "%"; }

int run(const ComplianceArgs& args) {
  if (!args.framework.empty() && !compliance::find_framework(args.framework)) throw Refused(compliance::unknown_framework_message(args.framework));
  auto store = store::open(args.db.empty() ? store::default_path() : args.db);
  builtins::install(*store);
  compliance::Reading reading;
  try {
    reading = compliance::read(*store, args.account, args.scan);
  } catch (const std::invalid_argument& e) {
    throw Refused(e.what());
  }
  const auto& scans = reading.scans;
  const auto& counts = reading.counts;
  const auto& signatures = reading.signatures;
  using compliance::scans_json;

  std::ofstream file;
  if (!args.out.empty()) {
    file.open(args.out, std::ios::binary | std::ios::trunc);
    if (!file) throw Refused(args.out + ": cannot be written");
  }
  std::ostream& out = args.out.empty() ? std::cout : file;
  if (scans.empty()) std::cerr << "signet compliance: no complete scan yet; every control with signatures reads \"no results\"\n";

  if (args.framework.empty()) {  // every framework, summarized
    json all = json::array();
    for (const auto& f : compliance::frameworks()) all.push_back(compliance::to_json(compliance::assess(f, signatures, counts), false));
    if (args.output == "json") {
      out << json{{"scans", scans_json(scans)}, {"frameworks", all}}.dump(2) << "\n";
    } else if (args.output == "csv") {
      out << "framework,name,controls,pass,fail,error,no results,not checked,manual,score\n";
      for (const auto& f : all) {
        const auto& s = f["summary"];
        out << csv_field(f["id"]) << "," << csv_field(f["name"]) << "," << s["controls"] << "," << s["pass"] << "," << s["fail"] << ","
            << s["error"] << "," << s["no results"] << "," << s["not checked"] << "," << s["manual"] << ","
            << (f["score"].is_null() ? "" : f["score"].dump()) << "\n";
      }
    } else if (args.output == "table") {
      Table table({"FRAMEWORK", "CONTROLS", "PASS", "FAIL", "ERROR", "NO RESULTS", "NOT CHECKED", "MANUAL", "SCORE", "NAME"});
      for (const auto& f : all) {
        const auto& s = f["summary"];
        table.add({f["id"], s["controls"].dump(), s["pass"].dump(), s["fail"].dump(), s["error"].dump(), s["no results"].dump(),
                   s["not checked"].dump(), s["manual"].dump(), percent(f["score"]), f["name"]});
      }
      out << table.render() << "\nScore: the share of controls with results that pass. One framework's controls: signet compliance --framework ID\n";
    } else {
      throw Refused("--output html needs --framework: the report is one framework's");
    }
    return 0;
  }

  const auto& framework = *compliance::find_framework(args.framework);
  const auto report = compliance::assess(framework, signatures, counts);
  const json j = compliance::to_json(report);
  if (args.output == "json") {
    json doc = j;
    doc["scans"] = scans_json(scans);
    out << doc.dump(2) << "\n";
  } else if (args.output == "csv") {
    out << "control,status,title,section,signatures,failing,passing,errors,muted\n";
    for (const auto& c : j["controls"]) {
      std::string sigs;
      for (const auto& s : c["signatures"]) sigs += (sigs.empty() ? "" : " ") + s.get<std::string>();
      out << csv_field(c["id"]) << "," << csv_field(c["status"]) << "," << csv_field(c["title"]) << "," << csv_field(c["section"]) << ","
          << csv_field(sigs) << "," << c["failing"] << "," << c["passing"] << "," << c["errors"] << "," << c["muted"] << "\n";
    }
  } else if (args.output == "html") {
    out << compliance::to_html(report, scans_json(scans));
  } else {
    Table table({"CONTROL", "STATUS", "FAILING", "SIGNATURES", "TITLE"});
    for (const auto& c : j["controls"]) {
      std::string sigs;
      for (const auto& s : c["signatures"]) sigs += (sigs.empty() ? "" : ", ") + s.get<std::string>();
      table.add({c["id"], c["status"], c["failing"].get<std::size_t>() ? c["failing"].dump() : "", sigs.empty() ? "-" : sigs, c["title"]});
    }
    const auto& s = j["summary"];
    out << framework.name << (framework.version.empty() ? "" : " " + framework.version) << ": " << s["controls"] << " controls, " << s["pass"]
        << " pass, " << s["fail"] << " fail, " << s["error"] << " error, " << s["no results"] << " no results, " << s["not checked"]
        << " not checked, " << s["manual"] << " manual; score " << percent(j["score"]) << "\n"
        << table.render(100) << "\n";
  }
  return 0;
}

}  // namespace

void add_compliance_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ComplianceArgs>();
  auto* cmd = app.add_subcommand("compliance", "Compliance frameworks read from the latest complete scans, control by control");
  cmd->add_option("--framework", args->framework, "One framework's controls (e.g. CIS-AWS-3.0, AWS-FSBP, PCI-DSS-4.0); default: every framework's summary");
  cmd->add_option("--account", args->account, "Only this account's latest complete scan (its name, key or id); default: every account's");
  cmd->add_option("--scan", args->scan, "Read this complete scan instead");
  cmd->add_option("--output", args->output, "table (default), json, csv, or html (one framework's report)")
      ->check(CLI::IsMember({"table", "json", "csv", "html"}));
  cmd->add_option("--out", args->out, "Write the output to this file");
  cmd->add_option("--db", args->db, "The store (default: $SIGNET_DB or ~/.signet/signet.db)");
  cmd->callback([args, &exit_code] {
    try {
      exit_code = run(*args);
    } catch (const Refused& e) {
      std::cerr << "signet compliance: " << e.what() << "\n";
      exit_code = 2;
    }
  });
}

}  // namespace signet::cli
