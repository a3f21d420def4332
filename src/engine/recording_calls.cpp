#include "engine/recording_calls.h"

#include "engine/recorded_calls.h"
#include "engine/resource.h"

namespace signet::engine {

using nlohmann::json;

void RecordingCalls::call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) {
  source_->call(
      call,
      [kept = kept_, call, answer = std::move(answer)](CallAnswer a) {
        json entry = {{"service", call.service}, {"endpoint", call.operation()}, {"region", call.region}, {"params", call.params}};
        if (a.error.is_object()) entry["error"] = a.error;
        else entry["apiResponse"] = a.api_response;
        if (a.truncated) entry["truncated"] = true;
        kept->keep(call, std::move(entry));
        answer(std::move(a));
      },
      [kept = kept_, call, refuse = std::move(refuse)](std::string message) {
        kept->keep(call, {{"service", call.service}, {"endpoint", call.operation()}, {"region", call.region}, {"params", call.params},
                    {"refused", message}});
        refuse(std::move(message));
      });
}

void RecordingCalls::Kept::keep(const Call& call, json entry) {
  // The same call answers the same within a run (the call cache shares it): keep the first.
  if (keys.insert(recorded_call_key(call.service, call.operation(), call.region, call.params)).second)
    entries.push_back(std::move(entry));
}

json RecordingCalls::document() const { return {{"calls", kept_->entries}}; }

json resources_document(const std::vector<Resource>& resources) {
  json list = json::array();
  for (const auto& r : resources) list.push_back(r.document);
  return {{"resources", std::move(list)}};
}

}  // namespace signet::engine
