#pragma once
// AWS Signature Version 4, header signing.
#include <chrono>
#include <ctime>
#include <optional>
#include <string>

#include "common/digest.h"

#include "cloud/http/request.h"

namespace signet::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration;
};

struct SigningOptions {
  std::string region;
  std::string service;  // the signing name ("iam", "s3", "execute-api")
  std::time_t time = 0;
  bool normalize_path = true;      // remove dot segments and empty segments (not for S3)
  bool double_encode_path = true;  // percent-encode the sent path again (not for S3)
  bool content_sha256_header = false;  // add x-amz-content-sha256 (S3)
  bool omit_session_token = false;     // add the token after signing (some STS endpoints)
};

struct SigningSteps {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;
};

// Adds X-Amz-Date (and the session token and content hash as asked) and Authorization.
SigningSteps sign(cloud::HttpRequest& request, const Credentials& credentials, const SigningOptions& options);

using signet::sha256_hex;  // common/digest.h

}  // namespace signet::aws
