#pragma once
// HTTP requests and responses as the clouds' clients build and read them.
#include <string>
#include <string_view>
#include <vector>

namespace signet::cloud {

struct Header {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "POST";
  std::string scheme = "https";
  std::string host;         // "iam.amazonaws.com", with ":port" when not the scheme's default
  std::string path = "/";   // as sent: already percent-encoded
  std::string query;        // as sent, without '?': already percent-encoded
  std::vector<Header> headers;
  std::string body;
  std::string host_prefix;  // the operation's endpoint trait, prepended to host unless overridden

  std::string target() const { return query.empty() ? path : path + "?" + query; }
  std::string url() const { return scheme + "://" + host + target(); }
  const std::string* header(std::string_view name) const;  // case-insensitive
  void set_header(std::string_view name, std::string value);  // replaces
};

struct HttpResponse {
  int status = 0;
  std::vector<Header> headers;
  std::string body;
  const std::string* header(std::string_view name) const;  // case-insensitive
};

// Points `request` at an endpoint URL ("https://host[:port][/base/path]"): scheme, host
// (with the operation's host prefix unless `allow_host_prefix` is false, as with a
// user-given endpoint) and the base path before the operation's own. Throws
// std::invalid_argument for a URL without scheme or host.
void apply_endpoint(HttpRequest& request, std::string_view endpoint_url, bool allow_host_prefix);

// A request for a whole URL ("https://host[:port]/path?query", already percent-encoded as
// it is to be sent). Throws std::invalid_argument for a URL without scheme or host.
HttpRequest request_to(std::string method, std::string_view url);

bool iequals(std::string_view a, std::string_view b);

// RFC 3986 percent-encoding: unreserved characters stay, everything else is %XX.
std::string uri_encode(std::string_view text, bool keep_slash = false);
std::string uri_decode(std::string_view text);

}  // namespace signet::cloud
