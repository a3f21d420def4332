#pragma once
// Signatures on disk: NAME.yaml (metadata) beside NAME.js (code), the form import and
// export use so signatures live in git.
#include <string>
#include <vector>

#include "signature/metadata.h"

namespace signet::signature {

struct SignatureFile {
  std::string name;  // NAME
  Metadata metadata;
  std::string code;
  std::vector<FieldError> errors;  // empty when valid
};

// Every NAME.yaml in `folder` with its NAME.js; a .yaml without .js is an error for it.
std::vector<SignatureFile> read_folder(const std::string& folder, const ServiceCheck& known_service = {});
SignatureFile read_pair(const std::string& yaml_path, const std::string& js_path, const ServiceCheck& known_service = {});
// Writes NAME.yaml and NAME.js (NAME = the id); throws std::runtime_error on I/O errors.
void write_pair(const std::string& folder, const Metadata& metadata, const std::string& code);

}  // namespace signet::signature
