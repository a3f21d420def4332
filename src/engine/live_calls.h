#pragma once
// apiCaller answered by the AWS client, for Test runs and scans, through a call cache:
// global services are called once whatever the regions asked (each region's entry gets the
// same answer), and identical calls are made once, whether the inventory or a signature
// asked first.
#include <memory>

#include "aws/client/call_cache.h"
#include "engine/api_request.h"

namespace signet::engine {

class LiveCalls : public CallSource {
 public:
  explicit LiveCalls(aws::AwsClient& client) : owned_(std::make_unique<aws::CallCache>(client)), cache_(owned_.get()) {}
  explicit LiveCalls(aws::CallCache& cache) : cache_(&cache) {}  // shares a scan's cache
  void call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) override;
  const aws::CallCacheStats& stats() const { return cache_->stats(); }

 private:
  std::unique_ptr<aws::CallCache> owned_;
  aws::CallCache* cache_;
};

}  // namespace signet::engine
