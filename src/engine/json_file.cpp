#include "engine/json_file.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/json_depth.h"

namespace signet::engine {

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  // Far deeper than any resource or answer; deeper would overflow the stack when copied.
  constexpr int kMaxNesting = 512;
  if (json_nesting(text.str()) > kMaxNesting)
    throw std::runtime_error(path + ": nests more than " + std::to_string(kMaxNesting) + " levels deep");
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number past double's range
    throw std::runtime_error(path + ": not valid JSON: " + e.what());
  }
}

}  // namespace signet::engine
