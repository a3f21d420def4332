#pragma once
// SHA-256 as lowercase hex (SigV4's payload hashes, stored token and session digests). Users
// link OpenSSL::Crypto.
#include <openssl/sha.h>

#include <string>
#include <string_view>

#include "common/strings.h"

namespace signet {

inline std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return to_hex(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace signet
