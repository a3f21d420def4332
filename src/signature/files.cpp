#include "signature/files.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace signet::signature {

namespace fs = std::filesystem;

namespace {
bool read_text(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}
}  // namespace

SignatureFile read_pair(const std::string& yaml_path, const std::string& js_path, const ServiceCheck& known_service) {
  SignatureFile file;
  file.name = fs::path(yaml_path).stem().string();
  std::string yaml;
  if (!read_text(yaml_path, yaml)) {
    file.errors.push_back({"yaml", yaml_path + " cannot be read"});
    return file;
  }
  auto parsed = parse_metadata_yaml(yaml, known_service);
  file.metadata = parsed.metadata;
  file.errors = parsed.errors;
  if (!read_text(js_path, file.code)) file.errors.push_back({"code", js_path + " cannot be read (the code goes beside the .yaml)"});
  else if (file.code.find_first_not_of(" \t\r\n") == std::string::npos) file.errors.push_back({"code", js_path + " is empty"});
  return file;
}

std::vector<SignatureFile> read_folder(const std::string& folder, const ServiceCheck& known_service) {
  if (!fs::is_directory(folder)) throw std::runtime_error(folder + " is not a folder");
  std::vector<fs::path> yamls;
  for (const auto& e : fs::directory_iterator(folder)) {
    auto ext = e.path().extension();
    if (ext == ".yaml" || ext == ".yml") yamls.push_back(e.path());
  }
  std::sort(yamls.begin(), yamls.end());
  std::vector<SignatureFile> out;
  for (const auto& yaml : yamls) {
    fs::path js = yaml;
    js.replace_extension(".js");
    out.push_back(read_pair(yaml.string(), js.string(), known_service));
  }
  return out;
}

void write_pair(const std::string& folder, const Metadata& metadata, const std::string& code) {
  fs::create_directories(folder);
  std::string name = metadata.id.empty() ? "signature" : metadata.id;
  for (const auto& [ext, text] : {std::pair{".yaml", to_yaml(metadata)}, std::pair{".js", code}}) {
    fs::path path = fs::path(folder) / (name + ext);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
  }
}

}  // namespace signet::signature
