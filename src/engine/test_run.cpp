#include "engine/test_run.h"

#include "common/strings.h"

namespace signet::engine {

std::size_t TestReport::count(sandbox::Status status) const {
  std::size_t n = 0;
  for (const auto& r : results) n += r.outcome.status == status;
  return n;
}

LiveResources live_resources(provider::Scope& scope, provider::Session& session, const signature::Metadata& metadata,
                             const std::vector<std::string>& regions) {
  if (to_lower(metadata.provider) != scope.provider())
    throw std::runtime_error("the signature is for " + metadata.provider + "; the account is of " + scope.provider());
  const auto& catalog = scope.catalog();
  const auto* type = catalog.find(metadata.service, metadata.resource_type);
  if (!type)
    throw std::runtime_error("the catalog has no resource type '" + metadata.resource_type + "' for service " + metadata.service);
  std::optional<inventory::Inventory> found;
  session.discover({regions, {}, {type}}, [&](inventory::Inventory i) { found = std::move(i); });
  scope.loop().run_until([&] { return found.has_value(); });
  LiveResources live;
  live.problems = found->problems;
  for (const auto& r : found->resources) live.resources.push_back(normalize_resource(r, "inventory"));
  return live;
}

nlohmann::json TestReport::counts() const {
  return {{"Pass", count(sandbox::Status::Pass)}, {"Fail", count(sandbox::Status::Fail)}, {"Error", count(sandbox::Status::Error)}};
}

nlohmann::json resource_summary(const Resource& r) {
  return {{"id", r.document["id"]},     {"name", r.name()},           {"arn", r.document["arn"]},
          {"service", r.document["service"]}, {"type", r.document["type"]}, {"region", r.document["region"]},
          {"vpc", r.document["vpc"]}};
}

nlohmann::json result_json(const ResourceResult& r) {
  nlohmann::json console = nlohmann::json::array();
  for (const auto& line : r.outcome.console) console.push_back({{"level", line.level}, {"text", line.text}});
  return {{"resource", resource_summary(r.resource)},
          {"status", sandbox::to_string(r.outcome.status)},
          {"message", r.message},
          {"durationMs", r.outcome.duration_ms},
          {"console", console},
          {"consoleTruncated", r.outcome.console_truncated}};
}

std::string result_message(const sandbox::Outcome& outcome, const signature::Metadata* metadata) {
  if (outcome.message) return *outcome.message;
  if (!metadata) return "";
  if (outcome.status == sandbox::Status::Pass) return metadata->pass_message;
  if (outcome.status == sandbox::Status::Fail) return metadata->fail_message;
  return "";
}

TestReport run_test(io::EventLoop& loop, sandbox::Sandbox& sandbox, const std::string& source, const std::string& filename,
                    const signature::Metadata* metadata, const std::vector<Resource>& resources,
                    std::shared_ptr<CallSource> calls, const TestOptions& options,
                    const std::function<void(const ResourceResult&)>& on_result) {
  TestReport report;
  auto script = sandbox::Script::make(source, filename);
  auto deadline = io::Clock::now() + options.time_limit;

  bool checked = false;
  sandbox.check(script, [&](std::optional<sandbox::ScriptError> error) {
    report.syntax_error = std::move(error);
    checked = true;
  });
  loop.run_until([&] { return checked; });
  if (report.syntax_error) return report;

  report.results.resize(resources.size());
  std::size_t done = 0;
  for (std::size_t i = 0; i < resources.size(); ++i) {
    const Resource& resource = resources[i];
    sandbox.evaluate({script, resource.document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), deadline,
                      make_api_handler(calls, resource.region()), [&, i](sandbox::Outcome outcome) {
                        auto& r = report.results[i];
                        r.resource = resources[i];
                        r.message = result_message(outcome, metadata);
                        r.outcome = std::move(outcome);
                        ++done;
                        if (on_result) on_result(r);
                      }});
  }
  loop.run_until([&] { return done == resources.size(); });
  return report;
}

}  // namespace signet::engine
