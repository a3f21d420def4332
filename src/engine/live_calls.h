#pragma once
// apiCaller answered by the AWS client, for Test runs and scans. Global services are
// called once whatever the regions asked (each region's entry gets the same answer), and
// identical calls are made once: later ones share the answer, or wait for it if in flight.
#include <map>
#include <memory>
#include <vector>

#include "aws/client/client.h"
#include "engine/api_request.h"

namespace signet::engine {

struct LiveCallStats {
  std::uint64_t requested = 0;  // calls signatures asked for
  std::uint64_t sent = 0;       // calls made to AWS
  std::uint64_t shared = 0;     // answered from an identical call
};

class LiveCalls : public CallSource {
 public:
  explicit LiveCalls(aws::AwsClient& client) : client_(client) {}
  void call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) override;
  const LiveCallStats& stats() const { return stats_; }

 private:
  struct Entry {
    bool done = false;
    CallAnswer answer;
    std::vector<std::function<void(CallAnswer)>> waiting;
  };
  aws::AwsClient& client_;
  std::map<std::string, std::shared_ptr<Entry>> cache_;
  LiveCallStats stats_;
};

}  // namespace signet::engine
