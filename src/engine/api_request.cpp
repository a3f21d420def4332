#include "engine/api_request.h"

#include "cloud/rate/retry.h"
#include "common/strings.h"

#include <cctype>

namespace signet::engine {

using nlohmann::json;

namespace {

std::string required_string(const json& request, const char* field, const char* example) {
  if (!request.contains(field)) throw RequestError(std::string("apiCaller: '") + field + "' is required, e.g. " + example);
  const json& v = request[field];
  if (!v.is_string() || v.get<std::string>().empty())
    throw RequestError(std::string("apiCaller: '") + field + "' must be a non-empty string, e.g. " + example);
  return v.get<std::string>();
}

}  // namespace

ApiRequest ApiRequest::parse(const json& request, const std::string& default_region, EndpointForm form) {
  if (!request.is_object()) throw RequestError("apiCaller: the request must be an object { service, endpoint, params, serviceParams }");
  for (const auto& [key, value] : request.items())
    if (key != "service" && key != "endpoint" && key != "params" && key != "serviceParams")
      throw RequestError("apiCaller: unknown request field '" + key + "' (expected service, endpoint, params, serviceParams)");

  ApiRequest r;
  r.service = required_string(request, "service", "\"IAM\"");
  r.endpoint = required_string(request, "endpoint", "\"listUsers\"");
  if (std::string problem = cloud::endpoint_problem(r.endpoint, form); !problem.empty())
    throw RequestError("apiCaller: endpoint '" + r.endpoint + "' " + problem);

  if (request.contains("serviceParams") && !request["serviceParams"].is_null()) {
    const json& sp = request["serviceParams"];
    if (!sp.is_object()) throw RequestError("apiCaller: 'serviceParams' must be an object { apiVersion, region }");
    for (const auto& [key, value] : sp.items()) {
      if (key == "apiVersion") {
        if (!value.is_string()) throw RequestError("apiCaller: 'serviceParams.apiVersion' must be a string such as \"2010-05-08\"");
        r.api_version = value.get<std::string>();
      } else if (key == "region") {
        if (value.is_string()) {
          r.regions.push_back(value.get<std::string>());
        } else if (value.is_array()) {
          for (const auto& region : value) {
            if (!region.is_string() || region.get<std::string>().empty())
              throw RequestError("apiCaller: 'serviceParams.region' must hold region names such as \"us-east-1\"");
            r.regions.push_back(region.get<std::string>());
          }
        } else if (!value.is_null()) {
          throw RequestError("apiCaller: 'serviceParams.region' must be a region or a list of regions");
        }
      } else if (key == "method") {
        if (!value.is_string() || (value != "GET" && value != "POST"))
          throw RequestError("apiCaller: 'serviceParams.method' must be \"GET\" or \"POST\" (a POST that only reads)");
        r.method = value.get<std::string>();
      } else if (key == "body") {
        r.body = value;
      } else {
        throw RequestError("apiCaller: unknown field 'serviceParams." + key + "' (expected apiVersion, region, method, body)");
      }
    }
  }
  if (r.regions.empty()) {
    if (default_region.empty())
      throw RequestError("apiCaller: the resource has no region; give serviceParams.region");
    r.regions.push_back(default_region);
  }

  const json params = request.value("params", json::object());
  if (params.is_null()) {
    r.params.push_back(json::object());
  } else if (params.is_object()) {
    r.params.push_back(params);
  } else if (params.is_array()) {
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (!params[i].is_object())
        throw RequestError("apiCaller: params[" + std::to_string(i) + "] must be an object of the operation's parameters");
      r.params.push_back(params[i]);
    }
  } else {
    throw RequestError("apiCaller: 'params' must be an object of the operation's parameters, or an array of them");
  }
  return r;
}

std::vector<Call> ApiRequest::calls() const {
  std::vector<Call> out;
  for (const auto& region : regions)
    for (const auto& p : params) out.push_back(Call{service, endpoint, region, api_version, p, method, body});
  return out;
}

namespace {

// Gathers the answers of one request's calls and replies once all are in.
struct Gather {
  std::shared_ptr<CallSource> source;  // whose errors' codes it knows
  std::size_t regions = 0, params_per_region = 0;
  std::vector<Call> calls;  // region-major
  std::vector<std::optional<CallAnswer>> answers;
  std::size_t pending;
  bool replied = false;
  std::function<void(sandbox::ApiReply)> reply;
  std::function<void(const std::string&)> on_trouble;

  void answered(std::size_t i, CallAnswer answer) {
    if (replied) return;
    answers[i] = std::move(answer);
    if (--pending == 0) finish();
  }
  void refused(std::string message) {
    if (replied) return;
    replied = true;
    reply({true, message});
  }
  void finish() {
    replied = true;
    std::chrono::milliseconds excused{0};  // the calls ran side by side: the longest wait
    std::string trouble;
    for (std::size_t i = 0; i < calls.size(); ++i) {
      excused = std::max(excused, answers[i]->waited);
      if (trouble.empty()) trouble = call_trouble(*source, calls[i], *answers[i]);
    }
    if (!trouble.empty() && on_trouble) on_trouble(trouble);
    json result = json::array();
    for (std::size_t r = 0; r < regions; ++r) {
      json per_region = json::array();
      for (std::size_t p = 0; p < params_per_region; ++p) {
        std::size_t i = r * params_per_region + p;
        const Call& c = calls[i];
        json entry = {{"region", c.region},
                      {"service", c.service},
                      {"endpoint", c.endpoint},
                      {"params", c.params},
                      {"apiResponse", answers[i]->api_response},
                      {"error", answers[i]->error}};
        if (answers[i]->truncated) entry["truncated"] = true;  // visible: the item cap cut the list
        per_region.push_back(std::move(entry));
      }
      result.push_back(std::move(per_region));
    }
    reply({false, result.dump(-1, ' ', false, json::error_handler_t::replace), excused});
  }
};

}  // namespace

std::string call_trouble(const CallSource& source, const Call& call, const CallAnswer& answer) {
  if (!answer.error.is_object()) return "";
  const std::string code = answer.error.value("code", "");
  const int status = answer.error.value("statusCode", 0);
  // An operation reads "iam:GetLoginProfile"; a path stays as written.
  const bool path = call.endpoint.find('/') != std::string::npos;
  const std::string where = (path ? call.service + " " + call.endpoint : to_lower(call.service) + ":" + call.operation()) + " in " + call.region;
  if (cloud::is_throttling(code, status))
    return "throttled: " + where + " after " + std::to_string(answer.attempts) + " tries";
  if (source.refused_access(answer))
    return "refused: " + code + " on " + where + ": " + answer.error.value("message", "");
  return "";
}

sandbox::ApiHandler make_api_handler(std::shared_ptr<CallSource> source, std::string resource_region,
                                     std::function<void(const std::string&)> on_trouble) {
  return [source, resource_region, on_trouble](const std::string& request_json, std::function<void(sandbox::ApiReply)> reply) {
    ApiRequest request;
    try {
      request = ApiRequest::parse(json::parse(request_json), resource_region, source->endpoint_form());
    } catch (const RequestError& e) {
      return reply({true, e.what()});
    } catch (const json::exception& e) {
      return reply({true, std::string("apiCaller: the request is not valid JSON: ") + e.what()});
    }
    auto gather = std::make_shared<Gather>();
    gather->source = source;
    gather->regions = request.regions.size();
    gather->params_per_region = request.params.size();
    gather->calls = request.calls();
    gather->answers.resize(gather->calls.size());
    gather->pending = gather->calls.size();
    gather->reply = std::move(reply);
    gather->on_trouble = on_trouble;
    if (gather->calls.empty()) return gather->finish();  // params: [] asks for nothing
    for (std::size_t i = 0; i < gather->calls.size(); ++i)
      source->call(
          gather->calls[i], [gather, i](CallAnswer answer) { gather->answered(i, std::move(answer)); },
          [gather](std::string message) { gather->refused(std::move(message)); });
  };
}

}  // namespace signet::engine
