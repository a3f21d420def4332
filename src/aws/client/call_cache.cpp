#include "aws/client/call_cache.h"

namespace signet::aws {

void CallCache::call(CallRequest request, std::function<void(const cloud::CallResult&)> done) {
  auto service = client_.models().find(request.service);
  if (service && client_.endpoints().is_global(*service, request.region))
    request.region = client_.endpoints().global_region(request.region);
  std::string operation = request.operation;  // "listUsers" and "ListUsers" are one call
  if (service)
    if (const auto* model = service->operation(request.operation)) operation = (*model)["name"];
  std::string key = (service ? service->name() : request.service) + "\n" + operation + "\n" + request.region + "\n" +
                    (request.params.is_null() ? "{}" : request.params.dump()) + "\n" + request.api_version +
                    (request.paginate ? "" : "\nsingle page");
  shared_.call(key, [&](cloud::CallCache::Done answered) { client_.call(request, std::move(answered)); }, std::move(done));
}

}  // namespace signet::aws
