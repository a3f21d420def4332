#pragma once
// The apiCaller contract of SPEC.md 1.3, independent of where answers come from: a request
// is checked and expanded into single calls (one per region and params element), and their
// answers are assembled into the result shape signatures see.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sandbox/sandbox.h"

namespace signet::engine {

// One AWS call: what a call source answers.
struct Call {
  std::string service;      // as the signature wrote it ("IAM", "elbv2")
  std::string endpoint;     // as written ("listMFADevices")
  std::string region;
  std::string api_version;  // empty: the newest the models know
  nlohmann::json params;    // an object

  std::string operation() const;  // endpoint in PascalCase: "ListMFADevices"
  nlohmann::json to_json() const; // {service, endpoint, region, params}
};

// What the cloud answered: `api_response` or `error` ({code, message, statusCode}).
struct CallAnswer {
  nlohmann::json api_response;
  nlohmann::json error;    // null when the call succeeded
  bool truncated = false;  // a paginated answer cut at the item cap
  int attempts = 0, throttled = 0;
  // Time the call waited on the cloud's rate limits (rate control, back-off): not counted
  // against the signature's time limit.
  std::chrono::milliseconds waited{0};
};

// Thrown for requests that can never be valid; the signature sees it as a thrown Error.
struct RequestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Where answers come from: recorded responses now, the AWS client and the scan's shared
// cache later. `answer` must be called exactly once, on the loop thread; a source may
// instead report a RequestError through `refuse` (e.g. an operation that is not read-only).
class CallSource {
 public:
  virtual ~CallSource() = default;
  virtual void call(const Call& call, std::function<void(CallAnswer)> answer,
                    std::function<void(std::string)> refuse) = 0;
};

// A checked apiCaller request. Throws RequestError naming the bad field.
struct ApiRequest {
  std::string service;
  std::string endpoint;
  std::string api_version;
  std::vector<std::string> regions;
  std::vector<nlohmann::json> params;  // one call per element, in each region

  static ApiRequest parse(const nlohmann::json& request, const std::string& default_region);
  std::vector<Call> calls() const;  // region-major, as the result is laid out
};

// What went wrong with a call on the cloud's side in a way that makes a signature's verdict
// unreliable, e.g. "throttled: iam:GetLoginProfile in us-east-1 after 12 tries" or
// "refused: AccessDenied on iam:GetLoginProfile in us-east-1: ..."; empty when nothing did.
std::string call_trouble(const Call& call, const CallAnswer& answer);

// The sandbox's apiCaller handler for one resource, answered by `source`. `on_trouble`, if
// given, hears the first call_trouble() of each request before the signature sees it.
sandbox::ApiHandler make_api_handler(std::shared_ptr<CallSource> source, std::string resource_region,
                                     std::function<void(const std::string&)> on_trouble = {});

}  // namespace signet::engine
