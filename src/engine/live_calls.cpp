#include "engine/live_calls.h"

namespace signet::engine {

void LiveCalls::call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) {
  ++stats_.requested;
  aws::CallRequest request{call.service, call.operation(), call.region, call.params, call.api_version, true};
  std::shared_ptr<const aws::ServiceModel> service;
  try {
    service = client_.check(request);
    if (client_.endpoints().is_global(*service, call.region)) request.region = client_.endpoints().global_region(call.region);
  } catch (const aws::CallRefused& e) {
    return refuse(std::string("apiCaller: ") + e.what());
  } catch (const std::invalid_argument& e) {
    return refuse(std::string("apiCaller: ") + e.what());
  }
  std::string key = service->name() + "\n" + request.operation + "\n" + request.region + "\n" + request.params.dump();
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
      entry->answer = CallAnswer{std::move(result.api_response), std::move(result.error), result.truncated};
      auto waiting = std::move(entry->waiting);
      for (auto& w : waiting) w(entry->answer);
    });
    ++stats_.sent;
  } catch (const aws::CallRefused& e) {
    cache_.erase(key);
    refuse(std::string("apiCaller: ") + e.what());
  }
}

}  // namespace signet::engine
