#pragma once
// RS256 JSON Web Tokens as cloud credentials use them: a client assertion signed with a
// service principal's certificate key (Azure), a service account's key (Google Cloud); and
// the check a loopback fake makes of one. Users link OpenSSL::Crypto.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "common/base64.h"

namespace signet {

struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using PrivateKey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// A PEM private key ("-----BEGIN PRIVATE KEY-----", PKCS#8 or PKCS#1); null when unreadable.
inline PrivateKey read_private_key_pem(const std::string& pem, const std::string& password = "") {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  PrivateKey key(bio ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, const_cast<char*>(password.c_str())) : nullptr);
  BIO_free(bio);
  return key;
}

// "b64url(header).b64url(payload).b64url(RS256 signature)"; throws std::runtime_error when
// the key cannot sign (not RSA).
inline std::string rs256_jwt(const nlohmann::json& header, const nlohmann::json& payload, EVP_PKEY* key) {
  const std::string signed_part = base64url_encode(header.dump()) + "." + base64url_encode(payload.dump());
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t size = 0;
  const auto* data = reinterpret_cast<const unsigned char*>(signed_part.data());
  if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &size, data, signed_part.size()) != 1)
    throw std::runtime_error("the key cannot sign an RS256 token (an RSA key is needed)");
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, data, signed_part.size()) != 1)
    throw std::runtime_error("signing the RS256 token failed");
  signature.resize(size);
  return signed_part + "." + base64url_encode(signature);
}

// A compact JWT's parts, for a fake's check of an assertion: its header and claims, the
// text the signature is over, and the signature's bytes.
struct DecodedJwt {
  nlohmann::json header, claims;
  std::string signed_part, signature;
};

// Nothing when `jwt` is not three base64url parts with JSON objects in the first two.
inline std::optional<DecodedJwt> decode_jwt(const std::string& jwt) {
  const auto first = jwt.find('.'), last = jwt.rfind('.');
  if (first == std::string::npos || first == last) return std::nullopt;
  const auto header = base64_decode(jwt.substr(0, first));
  const auto claims = base64_decode(jwt.substr(first + 1, last - first - 1));
  const auto signature = base64_decode(jwt.substr(last + 1));
  if (!header || !claims || !signature) return std::nullopt;
  DecodedJwt out{nlohmann::json::parse(*header, nullptr, false), nlohmann::json::parse(*claims, nullptr, false), jwt.substr(0, last), *signature};
  if (!out.header.is_object() || !out.claims.is_object()) return std::nullopt;
  return out;
}

// Whether `signature` is RS256 over `signed_part` by the key of `pem`: a certificate, a
// public key or a private key (whose public half checks it).
inline bool rs256_verifies(const std::string& pem, const std::string& signed_part, const std::string& signature) {
  auto read = [&](auto reader) -> EVP_PKEY* {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* key = bio ? reader(bio) : nullptr;
    BIO_free(bio);
    return key;
  };
  EVP_PKEY* key = read([](BIO* b) -> EVP_PKEY* {
    X509* cert = PEM_read_bio_X509(b, nullptr, nullptr, nullptr);
    EVP_PKEY* k = cert ? X509_get_pubkey(cert) : nullptr;
    X509_free(cert);
    return k;
  });
  if (!key) key = read([](BIO* b) { return PEM_read_bio_PUBKEY(b, nullptr, nullptr, nullptr); });
  if (!key) key = read([](BIO* b) { return PEM_read_bio_PrivateKey(b, nullptr, nullptr, nullptr); });
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = key && ctx && EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) == 1 &&
                  EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                                   reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()) == 1;
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
  return ok;
}

}  // namespace signet
