#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace signet::engine {

// Reads and parses a JSON file; throws std::runtime_error starting with the path.
nlohmann::json read_json_file(const std::string& path);

}  // namespace signet::engine
