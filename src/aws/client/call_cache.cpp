#include "aws/client/call_cache.h"

namespace signet::aws {

void CallCache::call(CallRequest request, std::function<void(const cloud::CallResult&)> done) {
  ++stats_.requested;
  auto service = client_.models().find(request.service);
  if (service && client_.endpoints().is_global(*service, request.region))
    request.region = client_.endpoints().global_region(request.region);
  std::string operation = request.operation;  // "listUsers" and "ListUsers" are one call
  if (service)
    if (const auto* model = service->operation(request.operation)) operation = (*model)["name"];
  std::string key = (service ? service->name() : request.service) + "\n" + operation + "\n" + request.region + "\n" +
                    (request.params.is_null() ? "{}" : request.params.dump()) + "\n" + request.api_version +
                    (request.paginate ? "" : "\nsingle page");
  auto [it, fresh] = entries_.try_emplace(key, std::make_shared<Entry>());
  auto entry = it->second;
  if (!fresh) {
    ++stats_.shared;
    if (entry->done) return done(entry->result);
    entry->waiting.push_back(std::move(done));
    return;
  }
  entry->waiting.push_back(std::move(done));
  try {
    client_.call(request, [entry](cloud::CallResult result) {
      entry->done = true;
      entry->result = std::move(result);
      auto waiting = std::move(entry->waiting);
      for (auto& w : waiting) w(entry->result);  // each waited on the same rate limits
      entry->result.waited = {};                 // later askers wait on nothing
    });
    ++stats_.sent;
  } catch (const cloud::CallRefused&) {
    entries_.erase(key);
    throw;
  }
}

}  // namespace signet::aws
