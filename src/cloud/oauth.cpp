#include "cloud/oauth.h"

#include <cstdlib>
#include <optional>

#include <nlohmann/json.hpp>

#include "cloud/http/request.h"

namespace signet::cloud {

using nlohmann::json;
using Clock = std::chrono::system_clock;

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + uri_encode(k) + "=" + uri_encode(v);
  return out;
}

AccessToken read_token_answer(const HttpResult& result, const std::string& who) {
  if (!result.ok()) throw TokenError(who + ": " + result.transport_error);
  json body = json::parse(result.response.body, nullptr, false);
  if (result.response.status != 200 || !body.is_object() || !body.contains("access_token") || !body["access_token"].is_string()) {
    std::string why = "HTTP " + std::to_string(result.response.status);
    if (body.is_object()) {
      std::string code = body.value("error", json()).is_string() ? body["error"].get<std::string>() : "";
      std::string description = body.value("error_description", json()).is_string() ? body["error_description"].get<std::string>() : "";
      if (!code.empty() || !description.empty()) why += ": " + code + (description.empty() ? "" : " " + description.substr(0, 300));
    }
    throw TokenError(who + ": " + why);
  }
  // expires_in (seconds, a number or, from some identity endpoints, a string), or expires_on (epoch).
  auto seconds_of = [](const json& v) -> std::optional<long long> {
    if (v.is_number_integer()) return v.get<long long>();
    if (v.is_string()) {
      char* end = nullptr;
      const std::string& s = v.get_ref<const std::string&>();
      long long n = std::strtoll(s.c_str(), &end, 10);
      if (!s.empty() && end && *end == '\0') return n;
    }
    return std::nullopt;
  };
  AccessToken token{body["access_token"], Clock::now() + std::chrono::hours(1)};
  if (auto on = seconds_of(body.value("expires_on", json()))) token.expires = Clock::time_point(std::chrono::seconds(*on));
  else if (auto in = seconds_of(body.value("expires_in", json()))) token.expires = Clock::now() + std::chrono::seconds(*in);
  return token;
}

}  // namespace signet::cloud
