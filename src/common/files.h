#pragma once
// A whole file read at once, with the path and the reason in every error.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

namespace signet {

struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The file's bytes; FileError when it cannot be read, is a folder, or holds more than
// `max_bytes` (input files are small; a wrong path to a huge file should not fill memory).
inline std::string read_file(const std::string& path, std::size_t max_bytes = std::size_t{256} << 20) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw FileError(path + ": is a folder, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path + ": cannot be read (" + std::strerror(errno) + ")");
  std::string text(max_bytes + 1 > (std::size_t{1} << 16) ? std::size_t{1} << 16 : max_bytes + 1, '\0');
  std::size_t size = 0;
  while (in) {
    if (size == text.size()) {
      if (size > max_bytes) break;
      text.resize(std::min(text.size() * 2, max_bytes + 1));
    }
    in.read(text.data() + size, static_cast<std::streamsize>(text.size() - size));
    size += static_cast<std::size_t>(in.gcount());
  }
  if (size > max_bytes) throw FileError(path + ": is larger than " + std::to_string(max_bytes) + " bytes");
  if (in.bad()) throw FileError(path + ": could not be read to the end");
  text.resize(size);
  return text;
}

// The same, or nothing when there is no such file.
inline std::optional<std::string> read_file_if_present(const std::string& path, std::size_t max_bytes = std::size_t{256} << 20) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  return read_file(path, max_bytes);
}

}  // namespace signet
