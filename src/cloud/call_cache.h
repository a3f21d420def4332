#pragma once
// Identical calls made once: the first asker's call is sent, later askers of the same key
// share its answer, or wait for it while it is in flight. What a call's key is (which fields
// make two calls the same) is each provider's to say.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cloud/call.h"

namespace signet::cloud {

struct CallCacheStats {
  std::uint64_t requested = 0;  // calls asked for
  std::uint64_t sent = 0;       // calls made (each may be several requests: pages, retries)
  std::uint64_t shared = 0;     // answered from an identical call
};

class CallCache {
 public:
  using Done = std::function<void(const CallResult&)>;
  // `send` makes the call and hands its result to the function it is given, once; if it
  // throws (CallRefused), nothing is kept and the exception propagates. `done` runs once on
  // the loop thread; an answer already in the cache comes with `waited` zero (its asker waited
  // on nothing).
  void call(const std::string& key, const std::function<void(Done)>& send, Done done);
  const CallCacheStats& stats() const { return stats_; }

 private:
  struct Entry {
    bool done = false;
    CallResult result;
    std::vector<Done> waiting;
  };
  std::map<std::string, std::shared_ptr<Entry>> entries_;
  CallCacheStats stats_;
};

}  // namespace signet::cloud
