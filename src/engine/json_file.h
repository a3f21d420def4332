#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace signet::engine {

// Reads and parses a JSON file; throws std::runtime_error starting with the path.
nlohmann::json read_json_file(const std::string& path);

// Writes `document` to `path` whole or not at all (a temporary file beside it, then renamed);
// throws std::runtime_error starting with the path.
void write_json_file(const std::string& path, const nlohmann::json& document);

// Throws std::runtime_error (starting with the path) unless `path` could be written now:
// said before a long run, not after it.
void check_writable(const std::string& path);

}  // namespace signet::engine
