#pragma once
// Responses into values, one class per protocol, picked by the model's protocol name.
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cloud/http/request.h"
#include "aws/models/models.h"

namespace signet::aws {

struct ParseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// How scalars come out. The default is what `aws ... --output json` prints: timestamps as
// ISO-8601 strings and blobs as base64; the conformance suites want epoch numbers and bytes.
struct ValueStyle {
  bool iso_timestamps = true;
  bool base64_blobs = true;
};

// What the cloud said when a call failed.
struct ApiError {
  std::string code;     // "AccessDenied", "NoSuchEntity", "Throttling"
  std::string message;
  int status = 0;       // the HTTP status
};

class Parser {
 public:
  virtual ~Parser() = default;
  // The operation's output (an object; {} for operations without one). Throws ParseError
  // for a malformed answer, naming what was wrong.
  virtual nlohmann::json parse(const ServiceModel& service, const nlohmann::json& operation, const cloud::HttpResponse& response,
                               const ValueStyle& style = {}) const = 0;
  virtual ApiError parse_error(const ServiceModel& service, const cloud::HttpResponse& response) const = 0;
};

std::unique_ptr<Parser> make_parser(const std::string& protocol);

}  // namespace signet::aws
