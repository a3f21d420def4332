#include "engine/json_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "common/files.h"
#include "common/json_depth.h"

namespace signet::engine {

nlohmann::json read_json_file(const std::string& path) {
  const std::string text = read_file(path);
  // Far deeper than any resource or answer; deeper would overflow the stack when copied.
  constexpr int kMaxNesting = 512;
  if (json_nesting(text) > kMaxNesting)
    throw std::runtime_error(path + ": nests more than " + std::to_string(kMaxNesting) + " levels deep");
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for a number past double's range
    throw std::runtime_error(path + ": not valid JSON: " + e.what());
  }
}

namespace {
std::string temporary_of(const std::string& path) { return path + ".tmp-" + std::to_string(getpid()); }
}  // namespace

void write_json_file(const std::string& path, const nlohmann::json& document) {
  const std::string temporary = temporary_of(path);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot be written: " + std::strerror(errno));
    out << document.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      throw std::runtime_error(path + ": writing failed");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    int error = errno;
    std::remove(temporary.c_str());
    throw std::runtime_error(path + ": cannot be written: " + std::strerror(error));
  }
}

void check_writable(const std::string& path) {
  const std::string temporary = temporary_of(path);
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(path + ": cannot be written: " + std::strerror(errno));
  out.close();
  std::remove(temporary.c_str());
}

}  // namespace signet::engine
