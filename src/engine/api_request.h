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

#include "cloud/call_source.h"
#include "sandbox/sandbox.h"

namespace signet::engine {

using cloud::Call;        // one call: what a call source answers
using cloud::CallAnswer;  // what the cloud answered: `api_response` or `error`
using cloud::CallSource;  // where answers come from: a provider's scope, recorded answers
using cloud::EndpointForm;

// Thrown for requests that can never be valid; the signature sees it as a thrown Error.
struct RequestError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A checked apiCaller request. Throws RequestError naming the bad field.
struct ApiRequest {
  std::string service;
  std::string endpoint;
  std::string api_version;
  std::vector<std::string> regions;
  std::vector<nlohmann::json> params;  // one call per element, in each region
  std::string method;                  // serviceParams.method: "" (the provider's reading method) or POST
  nlohmann::json body;                 // serviceParams.body: a reading POST's body

  // `form`: what the provider's endpoints look like (the call source's endpoint_form()).
  static ApiRequest parse(const nlohmann::json& request, const std::string& default_region,
                          EndpointForm form = EndpointForm::Operation);
  std::vector<Call> calls() const;  // region-major, as the result is laid out
};

// What went wrong with a call on the cloud's side in a way that makes a signature's verdict
// unreliable, e.g. "throttled: iam:GetLoginProfile in us-east-1 after 12 tries" or
// "refused: AccessDenied on iam:GetLoginProfile in us-east-1: ..."; empty when nothing did.
std::string call_trouble(const CallSource& source, const Call& call, const CallAnswer& answer);

// The sandbox's apiCaller handler for one resource, answered by `source`. `on_trouble`, if
// given, hears the first call_trouble() of each request before the signature sees it.
sandbox::ApiHandler make_api_handler(std::shared_ptr<CallSource> source, std::string resource_region,
                                     std::function<void(const std::string&)> on_trouble = {});

}  // namespace signet::engine
