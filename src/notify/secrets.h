#pragma once
// Secrets at rest (webhook URLs, Slack URLs, SMTP passwords, HMAC keys): sealed with
// AES-256-GCM under a key from $SIGNET_SECRET_KEY (64 hex digits), else a key file
// ($SIGNET_SECRET_KEY_FILE, else secret.key beside the database, made with mode 0600 on
// first use). The database alone reveals nothing.
#include <stdexcept>
#include <string>

namespace signet::notify {

struct SecretError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SecretBox {
 public:
  explicit SecretBox(std::string key32);  // 32 raw bytes
  // The key from the environment or the key file beside `database_path` (created if absent).
  static SecretBox from_environment(const std::string& database_path);

  std::string seal(const std::string& plaintext) const;  // "v1:" + base64(nonce | ciphertext | tag)
  std::string open(const std::string& sealed) const;     // throws SecretError if tampered or another key

 private:
  std::string key_;
};

// `bytes` random bytes (OpenSSL's generator) as hex: tokens, ids, keys.
std::string random_hex(std::size_t bytes = 32);

std::string base64_encode(const std::string& bytes);
std::string base64_decode(const std::string& text);  // throws SecretError on bad input

}  // namespace signet::notify
