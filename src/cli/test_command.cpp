// `signet test`: the Test button for the terminal. The Console, then the Resource Checker.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/provider_options.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "common/files.h"
#include "common/names.h"
#include "engine/json_file.h"
#include "engine/recorded_calls.h"
#include "engine/recording_calls.h"
#include "engine/test_run.h"
#include "signature/metadata.h"

namespace signet::cli {

namespace {

using nlohmann::json;

struct TestArgs {
  std::string signature_file;
  std::string meta_file;
  std::string resources_file;
  std::string responses_file;
  std::string record_file;            // where the live run's apiCaller answers go
  std::string record_resources_file;  // where the resources it ran on go
  bool json_output = false;
  double time_limit_s = 60;
  std::vector<std::string> regions;
  ProviderOptions cloud;  // the provider: the signature's metadata's, else --provider
  unsigned workers = 0;
  std::size_t memory_mb = 512;
};

// Bad input: said once, on stderr and (for --json) as JSON on stdout; exit code 2.
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string basename_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void print_console(const engine::TestReport& report) {
  std::cout << "Console\n";
  bool any = false;
  for (const auto& r : report.results) {
    for (const auto& line : r.outcome.console) {
      any = true;
      std::string prefix = "  [" + r.resource.name() + "] " + (line.level == "log" ? "" : line.level + ": ");
      std::string text = line.text;
      for (std::size_t pos = 0; (pos = text.find('\n', pos)) != std::string::npos; pos += 5) text.replace(pos, 1, "\n    ");
      std::cout << prefix << text << "\n";
    }
  }
  if (!any) std::cout << "  (no console output)\n";
}

void print_checker(const engine::TestReport& report, double seconds) {
  std::cout << "\nResource Checker\n";
  Table table({"SERVICE", "REGION", "VPC", "RESOURCE", "STATUS", "MESSAGE"});
  for (const auto& r : report.results) {
    std::string vpc = r.resource.vpc();
    table.add({r.resource.service().empty() ? "-" : r.resource.service(), r.resource.region(), vpc.empty() ? "-" : vpc,
               r.resource.name(), sandbox::to_string(r.outcome.status), r.message});
  }
  std::cout << table.render();
  char timing[32];
  std::snprintf(timing, sizeof timing, "%.2f s", seconds);
  std::cout << "\n" << report.results.size() << " resource" << (report.results.size() == 1 ? "" : "s") << ": "
            << report.count(sandbox::Status::Pass) << " Pass, " << report.count(sandbox::Status::Fail) << " Fail, "
            << report.count(sandbox::Status::Error) << " Error (" << timing << ")\n";
}

int run(const TestArgs& args) {
  // Read and check every input before anything runs.
  std::string source = read_file(args.signature_file);
  std::optional<signature::Metadata> metadata;
  if (!args.meta_file.empty()) {
    auto parsed = signature::parse_metadata_yaml(read_file(args.meta_file));
    if (!parsed.ok()) throw InputError(args.meta_file + " is not valid signature metadata:\n" + signature::format_errors(parsed.errors));
    metadata = parsed.metadata;
  }
  if (args.resources_file.empty() && !metadata)
    throw InputError("give --resources RES.json, or --meta SIG.yaml to test on the live account's resources of its service and type");
  if (args.resources_file.empty() && !args.responses_file.empty())
    throw InputError("--responses needs --resources: recorded answers go with the resources they were recorded for");
  if (args.time_limit_s <= 0) throw InputError("--time-limit must be more than 0 seconds");
  if (!args.record_file.empty() && !args.responses_file.empty())
    throw InputError("--record records the answers of a live run; with --responses nothing is called live");
  try {
    for (const auto* path : {&args.record_file, &args.record_resources_file})
      if (!path->empty()) engine::check_writable(*path);
  } catch (const std::runtime_error& e) {
    throw InputError(e.what());
  }
  try {
    if (metadata && metadata->provider != args.cloud.provider && args.cloud.provider != "aws")
      throw InputError("--provider " + args.cloud.provider + " but the signature is for " + metadata->provider);
    ProviderOptions cloud = args.cloud;
    if (metadata) cloud.provider = metadata->provider;
    require_known(cloud.check_names({}, args.regions));
  } catch (const std::exception& e) {
    throw InputError(e.what());
  }
  std::vector<engine::Resource> resources;
  std::shared_ptr<engine::RecordedCalls> recorded;
  try {
    if (!args.resources_file.empty()) resources = engine::load_resources_file(args.resources_file, metadata ? metadata->service : "");
    if (!args.responses_file.empty()) recorded = engine::RecordedCalls::load_file(args.responses_file);
  } catch (const std::runtime_error& e) {
    throw InputError(e.what());
  }

  io::EventLoop loop;
  // Recorded answers when given, else the live account, whose listing answers the run shares.
  std::unique_ptr<provider::Scope> scope;
  std::shared_ptr<provider::Session> session;
  std::shared_ptr<engine::CallSource> calls = recorded;
  if (!recorded) {
    try {
      scope = args.cloud.make_scope(loop, metadata ? metadata->provider : "");
    } catch (const std::exception& e) {
      throw InputError(e.what());
    }
    calls = session = scope->open_session();
  }
  std::shared_ptr<engine::RecordingCalls> recording;
  if (!args.record_file.empty()) calls = recording = std::make_shared<engine::RecordingCalls>(calls);
  if (args.resources_file.empty()) {
    try {
      auto live = engine::live_resources(*scope, *session, *metadata, args.regions);
      for (const auto& p : live.problems) std::cerr << "could not list " << p.type << " in " << p.region << ": " << p.message << "\n";
      resources = std::move(live.resources);
    } catch (const std::exception& e) {
      throw InputError(e.what());
    }
  }
  sandbox::Limits limits;
  limits.workers = args.workers;
  limits.memory_bytes = args.memory_mb << 20;
  sandbox::Sandbox box(loop, limits);
  engine::TestOptions options;
  options.time_limit = std::chrono::milliseconds(static_cast<std::int64_t>(args.time_limit_s * 1000));

  auto start = io::Clock::now();
  auto report = engine::run_test(loop, box, source, basename_of(args.signature_file), metadata ? &*metadata : nullptr,
                                 resources, calls, options);
  double seconds = std::chrono::duration<double>(io::Clock::now() - start).count();

  if (report.syntax_error) {
    const auto& e = *report.syntax_error;
    if (args.json_output)
      std::cout << json{{"syntaxError", {{"message", e.message}, {"file", e.filename}, {"line", e.line}, {"column", e.column}}}}.dump(2)
                << "\n";
    std::cerr << e.to_string() << "\n";
    return 1;
  }

  // What the run got, for replaying offline: `signet test --resources RES --responses CALLS`.
  json saved = json::object();
  try {
    if (recording) {
      engine::write_json_file(args.record_file, recording->document());
      saved["calls"] = {{"file", args.record_file}, {"count", recording->size()}};
    }
    if (!args.record_resources_file.empty()) {
      engine::write_json_file(args.record_resources_file, engine::resources_document(resources));
      saved["resources"] = {{"file", args.record_resources_file}, {"count", resources.size()}};
    }
  } catch (const std::runtime_error& e) {
    std::cerr << "signet test: the run finished but its recording was not saved: " << e.what() << "\n";
    return 2;
  }

  if (args.json_output) {
    json results = json::array();
    for (const auto& r : report.results) results.push_back(engine::result_json(r));
    json out = {{"signature", {{"file", args.signature_file}}},
                {"results", results},
                {"counts", report.counts()},
                {"missingCalls", recorded ? json(recorded->missing()) : json::array()},
                {"seconds", seconds}};
    if (!saved.empty()) out["recorded"] = saved;
    if (metadata) out["signature"]["description"] = metadata->description;
    std::cout << out.dump(2) << "\n";
  } else {
    if (metadata) std::cout << metadata->description << " [" << metadata->risk_level << "]\n\n";
    print_console(report);
    print_checker(report, seconds);
    if (recorded && !recorded->missing().empty()) {
      std::cout << "\nCalls with no recorded answer (add them to " << args.responses_file << " with an apiResponse or error):\n";
      for (const auto& entry : recorded->missing()) std::cout << "  " << entry.dump() << "\n";
    }
    if (recording) std::cout << "\nRecorded " << recording->size() << " call answer(s) to " << args.record_file << "\n";
    if (!args.record_resources_file.empty())
      std::cout << (recording ? "" : "\n") << "Recorded " << resources.size() << " resource(s) to " << args.record_resources_file << "\n";
    if (recording && !args.record_resources_file.empty())
      std::cout << "Replay offline: signet test " << args.signature_file << (args.meta_file.empty() ? "" : " --meta " + args.meta_file)
                << " --resources " << args.record_resources_file << " --responses " << args.record_file << "\n";
  }
  return 0;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TestArgs>();
  auto* cmd = app.add_subcommand("test", "Run a signature on resources and show the Console and the Resource Checker");
  cmd->add_option("signature", args->signature_file, "The signature's code (NAME.js)")->required();
  cmd->add_option("--meta", args->meta_file, "Its metadata (NAME.yaml): pass/fail messages, service");
  cmd->add_option("--resources", args->resources_file, "Resources to run on (JSON, see README); without it, the live account's");
  cmd->add_option("--regions", args->regions, "With the live account: these regions (default: every enabled region)")->delimiter(',');
  cmd->add_option("--responses", args->responses_file, "Recorded apiCaller answers (JSON, see README); without it, the live account");
  cmd->add_option("--record", args->record_file, "Write every apiCaller answer of this live run to this file (the --responses form)");
  cmd->add_option("--record-resources", args->record_resources_file, "Write the resources this run tested to this file (the --resources form)");
  cmd->add_flag("--json", args->json_output, "Print the results as JSON");
  cmd->add_option("--time-limit", args->time_limit_s, "Seconds for the whole run (default 60)");
  cmd->add_option("--workers", args->workers, "Sandbox worker processes (default: one per core)");
  cmd->add_option("--memory-mb", args->memory_mb, "Memory limit of each sandbox worker in MiB (default 512)")
      ->check(CLI::Range(64, 65536));
  args->cloud.add_to(*cmd);
  cmd->callback([args, &exit_code] {
    try {
      exit_code = run(*args);
    } catch (const std::exception& e) {
      if (!dynamic_cast<const InputError*>(&e) && !dynamic_cast<const FileError*>(&e)) throw;
      if (args->json_output) std::cout << json{{"error", e.what()}}.dump(2) << "\n";
      std::cerr << "signet test: " << e.what() << "\n";
      exit_code = 2;
    }
  });
}

}  // namespace signet::cli
