#include "engine/live_calls.h"

namespace signet::engine {

void LiveCalls::call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) {
  aws::CallRequest request{call.service, call.operation(), call.region, call.params, call.api_version, true};
  try {
    cache_->call(request, [answer](const cloud::CallResult& r) {
      answer(CallAnswer{r.api_response, r.error, r.truncated, r.attempts, r.throttled, r.waited});
    });
  } catch (const cloud::CallRefused& e) {
    refuse(std::string("apiCaller: ") + e.what());
  }
}

}  // namespace signet::engine
