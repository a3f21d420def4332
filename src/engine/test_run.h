#pragma once
// The Test button: one signature's code over a set of resources, with one overall time
// limit, results reported as they arrive. `signet test` and (later) the web console's
// Test button both run through here.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/api_request.h"
#include "engine/resource.h"
#include "inventory/inventory.h"
#include "io/event_loop.h"
#include "provider/scope.h"
#include "sandbox/sandbox.h"
#include "signature/metadata.h"

namespace signet::engine {

struct ResourceResult {
  Resource resource;
  sandbox::Outcome outcome;
  std::string message;  // statusMessage, else the metadata's pass/fail message; the cause for Error
};

struct TestReport {
  std::optional<sandbox::ScriptError> syntax_error;  // set: nothing ran
  std::vector<ResourceResult> results;               // in the resources' order
  std::size_t count(sandbox::Status status) const;
  nlohmann::json counts() const;  // {"Pass": n, "Fail": n, "Error": n}
};

// The JSON forms `signet test --json` prints and the console's Test run streams.
nlohmann::json resource_summary(const Resource& resource);  // id, name, arn, service, type, region, vpc
nlohmann::json result_json(const ResourceResult& result);   // resource, status, message, durationMs, console

struct TestOptions {
  std::chrono::milliseconds time_limit{60000};  // for the whole run (SPEC.md 1.5)
};

// The live scope's resources of the signature's service and type, as a scan sees them, listed
// through `session` (whose answers the run's apiCaller then shares). Throws
// std::runtime_error when the scope's catalog has no such type or the listing cannot start.
struct LiveResources {
  std::vector<Resource> resources;
  std::vector<inventory::ListingProblem> problems;  // listings that failed
};
LiveResources live_resources(provider::Scope& scope, provider::Session& session, const signature::Metadata& metadata,
                             const std::vector<std::string>& regions);

// The message a result shows (SPEC.md 2).
std::string result_message(const sandbox::Outcome& outcome, const signature::Metadata* metadata);

TestReport run_test(io::EventLoop& loop, sandbox::Sandbox& sandbox, const std::string& source, const std::string& filename,
                    const signature::Metadata* metadata, const std::vector<Resource>& resources,
                    std::shared_ptr<CallSource> calls, const TestOptions& options,
                    const std::function<void(const ResourceResult&)>& on_result = {});

}  // namespace signet::engine
