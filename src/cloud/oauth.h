#pragma once
// What every cloud's token endpoint shares (OAuth 2.0): a form-encoded request body, and an
// answer holding an access token and its lifetime, or an error and its description.
#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "cloud/http/http_client.h"

namespace signet::cloud {

struct TokenError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct AccessToken {
  std::string value;
  std::chrono::system_clock::time_point expires;
};

// "a=1&b=two%20words"
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);

// The token of an answer ({access_token, expires_in | expires_on}, as numbers or text), or
// TokenError naming `who` and the endpoint's error and description. A lifetime it does not
// give is taken as an hour.
AccessToken read_token_answer(const HttpResult& result, const std::string& who);

}  // namespace signet::cloud
