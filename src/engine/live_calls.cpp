#include "engine/live_calls.h"

namespace signet::engine {

void LiveCalls::call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) {
  ++stats_.requested;
  aws::CallRequest request{call.service, call.operation(), call.region, call.params, call.api_version, true};
  // AwsClient::call checks the request; here only the service's name and scope matter.
  auto service = client_.models().find(call.service);
  if (service && client_.endpoints().is_global(*service, call.region)) request.region = client_.endpoints().global_region(call.region);
  std::string key = (service ? service->name() : call.service) + "\n" + request.operation + "\n" + request.region + "\n" +
                    request.params.dump();
  auto [it, fresh] = cache_.try_emplace(key, std::make_shared<Entry>());
  auto entry = it->second;
  if (!fresh) {
    ++stats_.shared;
    if (entry->done) return answer(entry->answer);
    entry->waiting.push_back(std::move(answer));
    return;
  }
  entry->waiting.push_back(std::move(answer));
  try {
    client_.call(request, [entry](aws::CallResult result) {
      entry->done = true;
      entry->answer = CallAnswer{std::move(result.api_response), std::move(result.error), result.truncated,
                                 result.attempts, result.throttled, result.waited};
      auto waiting = std::move(entry->waiting);
      for (auto& w : waiting) w(entry->answer);
      entry->answer.waited = {};  // later sharers wait for nothing
    });
    ++stats_.sent;
  } catch (const aws::CallRefused& e) {
    cache_.erase(key);
    refuse(std::string("apiCaller: ") + e.what());
  }
}

}  // namespace signet::engine
