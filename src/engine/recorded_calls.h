#pragma once
// A CallSource answered from a recorded-responses file (README: "Recorded responses"), for
// testing signatures offline. Calls without a recording are refused with the exact entry
// to add, and remembered so the CLI can list them.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/api_request.h"

namespace signet::engine {

// How recorded calls are matched: service and operation case-insensitively, params as JSON
// values (key order does not matter); region "*" answers any region.
std::string recorded_call_key(const std::string& service, const std::string& operation, const std::string& region,
                              const nlohmann::json& params);

class RecordedCalls : public CallSource {
 public:
  // Throws std::runtime_error naming the file and the bad entry.
  static std::shared_ptr<RecordedCalls> load_file(const std::string& path);
  static std::shared_ptr<RecordedCalls> from_json(const nlohmann::json& document, const std::string& origin);

  void call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) override;

  // The calls asked for that had no recording, each as an entry ready to fill in.
  const std::vector<nlohmann::json>& missing() const { return missing_; }

 private:
  struct Recorded {
    CallAnswer answer;
    std::optional<std::string> refused;  // the call was refused before reaching the cloud
  };
  std::map<std::string, Recorded> answers_;
  std::vector<nlohmann::json> missing_;
};

}  // namespace signet::engine
