// Build-time tool: packs the stripped model files written by build_models.py into one
// blob, each file compressed on its own with zstd so that a service is decompressed only
// when first used.
//
//   pack_models IN_DIR OUT_FILE
//
// Layout: "SGNTMDL2", u32 index length, index JSON {name: [offset, compressed, size]}, data.
// Each model is stored as MessagePack rather than JSON text: reading it back is several times
// faster, and every process that scans or validates reads many models.
#include <zstd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: pack_models IN_DIR OUT_FILE\n";
    return 2;
  }
  std::map<std::string, std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1]))
    if (entry.path().extension() == ".json") files[entry.path().stem().string()] = entry.path();
  if (!files.count("_meta") || !files.count("_endpoints")) {
    std::cerr << "pack_models: " << argv[1] << " lacks _meta.json or _endpoints.json\n";
    return 1;
  }
  nlohmann::json index = nlohmann::json::object();
  std::string data;
  for (const auto& [name, path] : files) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::vector<std::uint8_t> raw = nlohmann::json::to_msgpack(nlohmann::json::parse(text.str()));
    std::string packed(ZSTD_compressBound(raw.size()), '\0');
    std::size_t n = ZSTD_compress(packed.data(), packed.size(), raw.data(), raw.size(), 15);
    if (ZSTD_isError(n)) {
      std::cerr << "pack_models: " << name << ": " << ZSTD_getErrorName(n) << "\n";
      return 1;
    }
    index[name] = {data.size(), n, raw.size()};
    data.append(packed.data(), n);
  }
  std::string header = index.dump();
  std::ofstream out(argv[2], std::ios::binary);
  std::uint32_t length = static_cast<std::uint32_t>(header.size());
  out.write("SGNTMDL2", 8);
  out.write(reinterpret_cast<const char*>(&length), 4);
  out << header << data;
  if (!out) {
    std::cerr << "pack_models: cannot write " << argv[2] << "\n";
    return 1;
  }
  std::cout << "pack_models: " << files.size() - 2 << " services, " << (12 + header.size() + data.size()) / 1024 << " KiB\n";
  return 0;
}
