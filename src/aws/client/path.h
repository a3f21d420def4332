#pragma once
// The small expression language of botocore's paginators: "A.B", "A[-1].B", "A || B".
#include <string_view>

#include <nlohmann/json.hpp>

namespace signet::aws {

// The value at `expression` in `root`, or null when absent.
nlohmann::json json_path_get(const nlohmann::json& root, std::string_view expression);

}  // namespace signet::aws
