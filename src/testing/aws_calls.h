#pragma once
// For tests that set an emulated account up through Signet's own client: one call, waited
// for on the loop, its answer or a std::runtime_error naming the call and the error; and a
// temporary path unique to the test process.
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include "aws/client/client.h"

namespace signet::testing {

inline nlohmann::json call_or_throw(io::EventLoop& loop, aws::AwsClient& client, const std::string& service,
                                    const std::string& operation, nlohmann::json params = nlohmann::json::object(),
                                    const std::string& region = "us-east-1") {
  std::optional<cloud::CallResult> r;
  client.call({service, operation, region, std::move(params)}, [&](cloud::CallResult x) { r = std::move(x); });
  loop.run_until([&] { return r.has_value(); });
  if (!r->error.is_null()) throw std::runtime_error(service + ":" + operation + " failed: " + r->error.dump());
  return r->api_response;
}

// TMPDIR/signet-PREFIX-PID-NAME
inline std::string temp_path(const std::string& prefix, const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("signet-" + prefix + "-" + std::to_string(getpid()) + "-" + name)).string();
}

}  // namespace signet::testing
