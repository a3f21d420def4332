#pragma once
// One call cache for a scan: identical calls (service, operation, region, params) are sent
// once, whoever asks, the inventory or any signature; later askers share the answer, or
// wait for it while it is in flight. A global service's call is one call whatever region
// is asked (it is made in the partition's home region).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/client/client.h"
#include "cloud/call_cache.h"

namespace signet::aws {

using cloud::CallCacheStats;

class CallCache {
 public:
  explicit CallCache(AwsClient& client) : client_(client) {}
  // Throws cloud::CallRefused like AwsClient::call; `done` runs once on the loop thread. An answer
  // already in the cache comes with `waited` zero (its asker waited on nothing).
  void call(CallRequest request, std::function<void(const cloud::CallResult&)> done);
  AwsClient& client() { return client_; }
  const CallCacheStats& stats() const { return shared_.stats(); }

 private:
  AwsClient& client_;
  cloud::CallCache shared_;
};

}  // namespace signet::aws
