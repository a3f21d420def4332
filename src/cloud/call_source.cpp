#include "cloud/call_source.h"

#include <cctype>

namespace signet::cloud {

std::string endpoint_problem(const std::string& endpoint, EndpointForm form) {
  for (char c : endpoint) {
    const auto u = static_cast<unsigned char>(c);
    switch (form) {
      case EndpointForm::Operation:
        if (!std::isalnum(u)) return "is not an operation name";
        break;
      case EndpointForm::MethodId:
        if (!std::isalnum(u) && c != '.') return "is not a method id such as \"instances.list\"";
        break;
      case EndpointForm::Path:
        if (c == '?' || c == '#') return "is not a path (query parameters go in params)";
        [[fallthrough]];
      case EndpointForm::Any:
        if (std::isspace(u) || std::iscntrl(u)) return "holds a blank or control character";
        break;
    }
  }
  return "";
}

bool CallSource::refused_access(const CallAnswer& answer) const {
  if (!answer.error.is_object()) return false;
  const int status = answer.error.value("statusCode", 0);
  const std::string code = answer.error.value("code", "");
  return status == 401 || status == 403 || code.find("AccessDenied") != std::string::npos || code.find("Unauthorized") != std::string::npos ||
         code == "Forbidden";
}

std::string Call::operation() const {
  std::string op = endpoint;
  if (!endpoint_problem(op, EndpointForm::Operation).empty()) return op;  // a path or method id stays as written
  if (!op.empty()) op[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(op[0])));
  return op;
}

nlohmann::json Call::to_json() const {
  nlohmann::json out = {{"service", service}, {"endpoint", endpoint}, {"region", region}, {"params", params}};
  if (!method.empty()) out["method"] = method;
  if (!body.is_null()) out["body"] = body;
  return out;
}

}  // namespace signet::cloud
