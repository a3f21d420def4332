#include "cloud/call_cache.h"

namespace signet::cloud {

void CallCache::call(const std::string& key, const std::function<void(Done)>& send, Done done) {
  ++stats_.requested;
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
    send([entry](const CallResult& result) {
      entry->done = true;
      entry->result = result;
      auto waiting = std::move(entry->waiting);
      for (auto& w : waiting) w(entry->result);  // each waited on the same rate limits
      entry->result.waited = {};                 // later askers wait on nothing
    });
    ++stats_.sent;
  } catch (...) {
    entries_.erase(key);
    throw;
  }
}

}  // namespace signet::cloud
