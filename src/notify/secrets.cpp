#include "notify/secrets.h"

#include "common/base64.h"
#include "common/strings.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace signet::notify {

namespace {

constexpr std::size_t kKeyBytes = 32, kNonceBytes = 12, kTagBytes = 16;

std::string from_hex(const std::string& hex) {
  if (hex.size() % 2) throw SecretError("odd number of hex digits");
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    auto digit = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      throw SecretError("not a hex digit");
    };
    out += static_cast<char>(digit(hex[i]) * 16 + digit(hex[i + 1]));
  }
  return out;
}


using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

}  // namespace

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1)
    throw SecretError("no random bytes to be had");
  return to_hex(raw);
}

std::string base64_encode(const std::string& bytes) { return signet::base64_encode(bytes); }

std::string base64_decode(const std::string& text) {
  auto raw = signet::base64_decode(text);
  if (!raw) throw SecretError("not base64");
  return *raw;
}

SecretBox::SecretBox(std::string key32) : key_(std::move(key32)) {
  if (key_.size() != kKeyBytes) throw SecretError("a secret key is 32 bytes (64 hex digits)");
}

SecretBox SecretBox::from_environment(const std::string& database_path) {
  if (const char* hex = std::getenv("SIGNET_SECRET_KEY"); hex && *hex) {
    try {
      return SecretBox(from_hex(hex));
    } catch (const SecretError& e) {
      throw SecretError(std::string("SIGNET_SECRET_KEY must be 64 hex digits (32 bytes): ") + e.what());
    }
  }
  std::string path;
  if (const char* file = std::getenv("SIGNET_SECRET_KEY_FILE"); file && *file) path = file;
  else if (database_path.rfind("postgres", 0) == 0)
    // Many processes on many hosts share a PostgreSQL store: each must be given the key.
    throw SecretError("with a PostgreSQL store, give every Signet process the same secret key: SIGNET_SECRET_KEY (64 hex digits) "
                      "or SIGNET_SECRET_KEY_FILE");
  else path = (std::filesystem::path(database_path).parent_path() / "secret.key").string();
  if (!std::filesystem::exists(path)) {
    if (auto parent = std::filesystem::path(path).parent_path(); !parent.empty()) std::filesystem::create_directories(parent);
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd >= 0) {  // else another process made it first: read theirs
      std::string hex = random_hex(kKeyBytes) + "\n";
      bool written = ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size());
      ::fsync(fd);
      ::close(fd);
      if (!written) throw SecretError("cannot write the secret key file " + path);
    }
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077))
    throw SecretError("the secret key file " + path + " is readable by others: chmod 600 it");
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string hex = text.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  try {
    return SecretBox(from_hex(hex));
  } catch (const SecretError& e) {
    throw SecretError("the secret key file " + path + " must hold 64 hex digits: " + e.what());
  }
}

std::string SecretBox::seal(const std::string& plaintext) const {
  unsigned char nonce[kNonceBytes];
  if (RAND_bytes(nonce, sizeof nonce) != 1) throw SecretError("no random bytes for a nonce");
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(reinterpret_cast<char*>(nonce), sizeof nonce);
  out.resize(kNonceBytes + plaintext.size() + kTagBytes);
  int len = 0;
  auto* cipher = reinterpret_cast<unsigned char*>(out.data()) + kNonceBytes;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(key_.data()), nonce) != 1 ||
      EVP_EncryptUpdate(ctx.get(), cipher, &len, reinterpret_cast<const unsigned char*>(plaintext.data()), static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), cipher + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, cipher + plaintext.size()) != 1)
    throw SecretError("cannot seal a secret");
  return "v1:" + base64_encode(out);
}

std::string SecretBox::open(const std::string& sealed) const {
  if (sealed.rfind("v1:", 0) != 0) throw SecretError("not a sealed secret");
  std::string raw = base64_decode(sealed.substr(3));
  if (raw.size() < kNonceBytes + kTagBytes) throw SecretError("a sealed secret is too short");
  std::size_t size = raw.size() - kNonceBytes - kTagBytes;
  const auto* bytes = reinterpret_cast<const unsigned char*>(raw.data());
  std::string plain(size, '\0');
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  std::string tag = raw.substr(kNonceBytes + size);
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, reinterpret_cast<const unsigned char*>(key_.data()), bytes) != 1 ||
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len, bytes + kNonceBytes, static_cast<int>(size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len, &len) != 1)
    throw SecretError("a sealed secret does not open with this key (another SIGNET_SECRET_KEY, or tampered)");
  return plain;
}

}  // namespace signet::notify
