#pragma once
// The read-only policy of SPEC.md 1.3, as data (read_only_policy.json): which operations a
// signature may call, which reads are refused for revealing secrets or data, and which
// fields are removed from answers.
#include <string>

#include <nlohmann/json.hpp>

#include "aws/models/models.h"

namespace signet::aws {

struct PolicyDecision {
  bool allowed = false;
  std::string reason;  // why it was refused, for the signature's error
};

class ReadOnlyPolicy {
 public:
  explicit ReadOnlyPolicy(nlohmann::json rules);
  static const ReadOnlyPolicy& builtin();

  PolicyDecision check(const ServiceModel& service, const std::string& operation, const nlohmann::json& params) const;
  void redact(const ServiceModel& service, const std::string& operation, nlohmann::json& response) const;

 private:
  nlohmann::json rules_;
};

// The IAM action an operation needs, "prefix:Action" (iam_actions.json: the prefix is the
// service's signing name but for a few, and a few actions are named apart from their
// operation, S3's above all); "" for operations no permission guards (sts:GetCallerIdentity).
// API Gateway's actions are its HTTP methods (apigateway:GET).
std::string iam_action(const ServiceModel& service, const std::string& operation);

}  // namespace signet::aws
