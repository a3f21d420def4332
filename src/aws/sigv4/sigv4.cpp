#include "aws/sigv4/sigv4.h"
#include "common/strings.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <map>
#include <vector>

namespace signet::aws {

namespace {

std::string hex(const unsigned char* data, std::size_t n) { return to_hex({reinterpret_cast<const char*>(data), n}); }

std::string hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       out, &n);
  return std::string(reinterpret_cast<char*>(out), n);
}


// Trims and folds runs of white space (including folded header lines) into one space.
std::string fold_spaces(std::string_view v) {
  std::string out;
  bool space = false;
  for (unsigned char c : v) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// RFC 3986 5.2.4, and no empty segments.
std::string normalize(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string seg(path.substr(start, end - start));
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& s : segments) out += "/" + s;
  bool trailing = path.size() > 1 && (path.back() == '/' || path.ends_with("/.") || path.ends_with("/.."));
  if (out.empty() || trailing) out += "/";
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      std::size_t eq = pair.find('=');
      std::string key = cloud::uri_decode(pair.substr(0, eq));
      std::string value = eq == std::string_view::npos ? "" : cloud::uri_decode(pair.substr(eq + 1));
      params.emplace_back(cloud::uri_encode(key), cloud::uri_encode(value));
    }
    start = end + 1;
  }
  std::sort(params.begin(), params.end());
  std::string out;
  for (const auto& [k, v] : params) out += (out.empty() ? "" : "&") + k + "=" + v;
  return out;
}

bool is_unsigned_header(const std::string& lower_name) {
  return lower_name == "authorization" || lower_name == "user-agent" || lower_name == "expect" ||
         lower_name == "x-amzn-trace-id" || lower_name == "connection";
}

}  // namespace

SigningSteps sign(cloud::HttpRequest& request, const Credentials& credentials, const SigningOptions& options) {
  char stamp[32];
  std::tm utc{};
  gmtime_r(&options.time, &utc);
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
  const std::string amz_date = stamp;
  const std::string date = amz_date.substr(0, 8);

  request.set_header("X-Amz-Date", amz_date);
  if (!request.header("host")) request.set_header("Host", request.host);
  std::string payload_hash = sha256_hex(request.body);
  if (options.content_sha256_header) request.set_header("X-Amz-Content-Sha256", payload_hash);
  if (!credentials.session_token.empty() && !options.omit_session_token)
    request.set_header("X-Amz-Security-Token", credentials.session_token);

  std::map<std::string, std::string> canonical_headers;
  for (const auto& h : request.headers) {
    std::string name = to_lower(h.name);
    if (is_unsigned_header(name)) continue;
    auto [it, fresh] = canonical_headers.emplace(name, fold_spaces(h.value));
    if (!fresh) it->second += "," + fold_spaces(h.value);
  }
  std::string header_block, signed_headers;
  for (const auto& [name, value] : canonical_headers) {
    header_block += name + ":" + value + "\n";
    signed_headers += (signed_headers.empty() ? "" : ";") + name;
  }

  std::string path = request.path.empty() ? "/" : request.path;
  if (options.normalize_path) path = normalize(path);
  if (options.double_encode_path) path = cloud::uri_encode(path, true);

  SigningSteps steps;
  steps.canonical_request = request.method + "\n" + path + "\n" + canonical_query(request.query) + "\n" + header_block + "\n" +
                            signed_headers + "\n" + payload_hash;
  const std::string scope = date + "/" + options.region + "/" + options.service + "/aws4_request";
  steps.string_to_sign = "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + sha256_hex(steps.canonical_request);
  std::string key = hmac("AWS4" + credentials.secret_access_key, date);
  key = hmac(key, options.region);
  key = hmac(key, options.service);
  key = hmac(key, "aws4_request");
  std::string raw = hmac(key, steps.string_to_sign);
  steps.signature = hex(reinterpret_cast<const unsigned char*>(raw.data()), raw.size());

  request.set_header("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id + "/" + scope +
                                          ", SignedHeaders=" + signed_headers + ", Signature=" + steps.signature);
  if (!credentials.session_token.empty() && options.omit_session_token)
    request.set_header("X-Amz-Security-Token", credentials.session_token);
  return steps;
}

}  // namespace signet::aws
