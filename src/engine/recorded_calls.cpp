#include "engine/recorded_calls.h"
#include "common/strings.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "engine/json_file.h"

namespace signet::engine {

using nlohmann::json;

// Service and operation compare case-insensitively (as apiCaller accepts them); params
// compare as JSON values (object keys are sorted by the dump); "*" stands for any region.
std::string recorded_call_key(const std::string& service, const std::string& operation, const std::string& region,
                              const json& params) {
  return to_lower(service) + "\n" + to_lower(operation) + "\n" + region + "\n" + params.dump();
}

std::shared_ptr<RecordedCalls> RecordedCalls::load_file(const std::string& path) {
  json document = read_json_file(path);
  return from_json(document, path);
}

std::shared_ptr<RecordedCalls> RecordedCalls::from_json(const json& document, const std::string& origin) {
  const json* entries = &document;
  if (document.is_object() && document.contains("calls")) entries = &document["calls"];
  if (!entries->is_array()) throw std::runtime_error(origin + ": expected {\"calls\": [...]} or an array of recorded calls");
  auto recorded = std::make_shared<RecordedCalls>();
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const json& e = (*entries)[i];
    std::string where = origin + ": calls[" + std::to_string(i) + "]";
    if (!e.is_object()) throw std::runtime_error(where + " is not an object");
    for (const auto& [k, v] : e.items())
      if (k != "service" && k != "endpoint" && k != "region" && k != "params" && k != "apiResponse" && k != "error" &&
          k != "refused" && k != "truncated")
        throw std::runtime_error(where + ": unknown field '" + k +
                                 "' (expected service, endpoint, region, params, apiResponse, error, refused, truncated)");
    for (const char* field : {"service", "endpoint"})
      if (!e.contains(field) || !e[field].is_string() || e[field].get<std::string>().empty())
        throw std::runtime_error(where + ": '" + field + "' must be a non-empty string");
    if (e.contains("region") && !e["region"].is_string()) throw std::runtime_error(where + ": 'region' must be a string");
    json params = e.value("params", json::object());
    if (!params.is_object()) throw std::runtime_error(where + ": 'params' must be an object");
    bool has_response = e.contains("apiResponse"), has_error = e.contains("error") && !e["error"].is_null(),
         has_refusal = e.contains("refused");
    if (int(has_response) + int(has_error) + int(has_refusal) != 1)
      throw std::runtime_error(where + ": give exactly one of 'apiResponse', 'error' and 'refused'");
    if (has_refusal && (!e["refused"].is_string() || e["refused"].get<std::string>().empty()))
      throw std::runtime_error(where + ": 'refused' must be the message apiCaller threw");
    if (e.contains("truncated") && !e["truncated"].is_boolean()) throw std::runtime_error(where + ": 'truncated' must be true or false");
    Recorded recorded_answer;
    CallAnswer& answer = recorded_answer.answer;
    answer.api_response = has_response ? e["apiResponse"] : json(nullptr);
    answer.error = nullptr;
    answer.truncated = e.value("truncated", false);
    if (has_refusal) recorded_answer.refused = e["refused"].get<std::string>();
    if (has_error) {
      const json& err = e["error"];
      if (!err.is_object() || !err.contains("code") || !err["code"].is_string() || !err.contains("message") || !err["message"].is_string())
        throw std::runtime_error(where + ": 'error' must be { code, message, statusCode }");
      answer.error = {{"code", err["code"]}, {"message", err["message"]}, {"statusCode", err.value("statusCode", 400)}};
    }
    Call probe{e["service"], e["endpoint"], e.value("region", "*"), "", params};
    std::string k = recorded_call_key(probe.service, probe.operation(), probe.region, params);
    if (!recorded->answers_.emplace(k, std::move(recorded_answer)).second)
      throw std::runtime_error(where + ": the same call is recorded twice");
  }
  return recorded;
}

void RecordedCalls::call(const Call& call, std::function<void(CallAnswer)> answer, std::function<void(std::string)> refuse) {
  for (const std::string& region : {call.region, std::string("*")}) {
    auto it = answers_.find(recorded_call_key(call.service, call.operation(), region, call.params));
    if (it == answers_.end()) continue;
    if (it->second.refused) return refuse(*it->second.refused);
    return answer(it->second.answer);
  }
  json entry = {{"service", call.service}, {"endpoint", call.operation()}, {"region", call.region}, {"params", call.params},
                {"apiResponse", nullptr}};
  if (std::find(missing_.begin(), missing_.end(), entry) == missing_.end()) missing_.push_back(entry);
  json shown = entry;
  shown.erase("apiResponse");
  refuse("no recorded answer for " + shown.dump() + "; add it to the responses file with its apiResponse or error");
}

}  // namespace signet::engine
