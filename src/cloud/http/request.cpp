#include "cloud/http/request.h"

#include <cctype>
#include <stdexcept>

namespace signet::cloud {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

namespace {
const std::string* find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const auto& h : headers)
    if (iequals(h.name, name)) return &h.value;
  return nullptr;
}
}  // namespace

const std::string* HttpRequest::header(std::string_view name) const { return find_header(headers, name); }
const std::string* HttpResponse::header(std::string_view name) const { return find_header(headers, name); }

void HttpRequest::set_header(std::string_view name, std::string value) {
  for (auto it = headers.begin(); it != headers.end();)
    it = iequals(it->name, name) ? headers.erase(it) : it + 1;
  headers.push_back({std::string(name), std::move(value)});
}

void apply_endpoint(HttpRequest& request, std::string_view url, bool allow_host_prefix) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos || scheme_end + 3 >= url.size())
    throw std::invalid_argument("endpoint '" + std::string(url) + "' is not a URL such as https://host:port");
  request.scheme = std::string(url.substr(0, scheme_end));
  std::string_view rest = url.substr(scheme_end + 3);
  auto slash = rest.find('/');
  std::string host(rest.substr(0, slash));
  std::string base = slash == std::string_view::npos ? "" : std::string(rest.substr(slash));
  while (!base.empty() && base.back() == '/') base.pop_back();
  request.host = (allow_host_prefix ? request.host_prefix : "") + host;
  if (!base.empty()) request.path = base + (request.path.empty() || request.path[0] != '/' ? "/" : "") + request.path;
  request.set_header("Host", request.host);
}

HttpRequest request_to(std::string method, std::string_view url) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = "";
  auto scheme_end = url.find("://");
  auto path_start = scheme_end == std::string_view::npos ? std::string_view::npos : url.find_first_of("/?", scheme_end + 3);
  apply_endpoint(r, url.substr(0, path_start), false);
  std::string_view rest = path_start == std::string_view::npos ? std::string_view() : url.substr(path_start);
  auto question = rest.find('?');
  r.path = std::string(rest.substr(0, question));
  if (r.path.empty()) r.path = "/";
  if (question != std::string_view::npos) r.query = std::string(rest.substr(question + 1));
  return r;
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string uri_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace signet::cloud
