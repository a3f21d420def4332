#pragma once
// For the engine's fuzz targets: `signet test` reads its inputs from files, so the targets
// do too. One file per process, rewritten for each input and removed at exit.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>

namespace signet::engine::fuzz {

class InputFile {
 public:
  explicit InputFile(const std::string& name)
      : path_("/tmp/signet-fuzz-" + std::to_string(getpid()) + "-" + name) {}
  ~InputFile() { std::remove(path_.c_str()); }
  const std::string& write(const std::uint8_t* data, std::size_t size) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path_;
  }

 private:
  std::string path_;
};

}  // namespace signet::engine::fuzz
