#pragma once
// Checks an operation's parameters against its input shape before any request: unknown
// members (with a suggestion), wrong types and missing required members, each named by
// its path ("Filters[0].Name").
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/models/models.h"

namespace signet::aws {

// Empty when the parameters are valid; else one message per problem.
std::vector<std::string> validate_params(const ServiceModel& service, const nlohmann::json& operation, const nlohmann::json& params);

}  // namespace signet::aws
