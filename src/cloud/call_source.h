#pragma once
// One call as a signature's apiCaller request expands into (SPEC 1.3, 1.6), and the interface
// of whatever answers it: a provider's live client through a scan's call cache, recorded
// answers, or a recording wrapper. The same for every provider.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "cloud/call.h"

namespace signet::cloud {

// What a provider's endpoints look like, for apiCaller's first check: AWS operation names
// ("listUsers"), Azure paths ("providers/Microsoft.Storage/storageAccounts", "{id}/blobServices"),
// Google Cloud method ids ("instances.list"). `Any` takes every non-blank name without spaces
// (recorded answers, which only match what was recorded).
enum class EndpointForm { Any, Operation, Path, MethodId };

// Throws nothing; "" when `endpoint` has the form, else why not.
std::string endpoint_problem(const std::string& endpoint, EndpointForm form);

struct Call {
  std::string service;      // as the signature wrote it ("IAM", "Microsoft.Storage")
  std::string endpoint;     // as written ("listMFADevices", "providers/Microsoft.Storage/storageAccounts")
  std::string region;
  std::string api_version;  // empty: the provider's default
  nlohmann::json params;    // an object
  std::string method;       // empty: the provider's reading method (GET); a reading POST where allowed
  nlohmann::json body;      // a POST's body, else null

  std::string operation() const;  // an operation name in PascalCase, "ListMFADevices"; another endpoint as written
  nlohmann::json to_json() const; // {service, endpoint, region, params}
};

// What the cloud answered: `api_response` or `error` ({code, message, statusCode}).
using CallAnswer = CallResult;

// `answer` is called exactly once, on the loop thread; or, for a request that can never be
// valid (an operation that is not read-only, an unknown service), `refuse` with the reason.
class CallSource {
 public:
  virtual ~CallSource() = default;
  virtual void call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) = 0;
  virtual EndpointForm endpoint_form() const { return EndpointForm::Any; }
  // Whether an answer's error says the credentials may not make the call (as opposed to a
  // missing resource or a fault). By default a 401 or 403, or a code saying access was
  // denied; each provider's session knows its own codes.
  virtual bool refused_access(const CallAnswer& answer) const;
};

}  // namespace signet::cloud
