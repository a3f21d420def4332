// The plumbing every route is registered on: who is asking, CSRF and cross-site checks,
// the one error shape, and reading a request's body.
#include "server/server_impl.h"

#include <spdlog/spdlog.h>

#include "common/invalid_fields.h"
#include "common/json_depth.h"
#include "common/strings.h"

namespace signet::server {

using nlohmann::json;

namespace {

constexpr int kMaxBodyNesting = 64;

}  // namespace

json error_body(const std::string& code, const std::string& message, const json& fields) {
  return {{"error", {{"code", code}, {"message", message}, {"fields", fields}}}};
}

json page_json(json items, std::size_t total, const Call::Page& page) {
  return {{"items", std::move(items)}, {"total", total}, {"offset", page.offset}, {"limit", page.limit}};
}

Call::Page Call::page(std::size_t default_limit) const {
  auto number = [&](const char* name, std::size_t otherwise, std::size_t most) {
    std::string text = query(name);
    if (text.empty()) return otherwise;
    std::size_t used = 0;
    unsigned long long value = 0;
    try {
      value = std::stoull(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != text.size() || text[0] == '-' || value > most)
      throw ApiError(422, "invalid", std::string(name) + " must be a whole number from 0 to " + std::to_string(most),
                     {{name, "a whole number from 0 to " + std::to_string(most)}});
    return static_cast<std::size_t>(value);
  };
  Page p;
  p.offset = number("offset", 0, std::size_t{1} << 40);
  p.limit = number("limit", default_limit, 1000);
  if (p.limit == 0) p.limit = default_limit;
  return p;
}

json Call::body() const {
  if (req.body.empty()) return json::object();
  // No body of this API nests more than a few levels; a deep one would overflow the stack.
  if (json_nesting(req.body) > kMaxBodyNesting)
    throw ApiError(400, "bad_request", "the request body nests more than " + std::to_string(kMaxBodyNesting) + " levels deep");
  json parsed = json::parse(req.body, nullptr, false);
  if (parsed.is_discarded()) throw ApiError(400, "bad_request", "the request body is not valid JSON");
  if (!parsed.is_object()) throw ApiError(400, "bad_request", "the request body must be a JSON object");
  return parsed;
}

std::string text_field(const json& body, const char* name, bool required) {
  FieldReader read{body};
  std::string out;
  if (required && !read.given(name)) read.fields[name] = "is required";
  read.text(name, out);
  read.fail_if_any(std::string(name) + " " + (read.fields.empty() ? "" : read.fields[name].get<std::string>()));
  return out;
}

std::vector<std::string> text_list(const json& body, const char* name) {
  FieldReader read{body};
  std::vector<std::string> out;
  read.list(name, out);
  read.fail_if_any(std::string(name) + " must be a list of text");
  return out;
}

std::optional<std::string> Server::Impl::session_cookie(const httplib::Request& req) {
  auto cookies = req.get_header_value("Cookie");
  std::string prefix = std::string(kSessionCookie) + "=";
  for (std::size_t pos = 0; pos < cookies.size();) {
    auto end = cookies.find(';', pos);
    std::string part = trim(cookies.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
    if (part.rfind(prefix, 0) == 0) return part.substr(prefix.size());
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return std::nullopt;
}

json Server::Impl::open_session(httplib::Response& res, const store::User& user) {
  std::string csrf;
  std::string cookie = sessions.open(user.name, csrf);
  res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + cookie + "; Path=/; HttpOnly; SameSite=Strict" +
                                   (options.secure_cookies ? "; Secure" : ""));
  return {{"user", user.name}, {"role", user.role}, {"csrfToken", csrf}};
}

std::optional<Identity> Server::Impl::identify(const httplib::Request& req, bool& by_cookie) {
  by_cookie = false;
  auto auth = req.get_header_value("Authorization");
  if (auth.rfind("Bearer ", 0) == 0) return identify_api_token(trim(auth.substr(7)), store);
  auto cookie = session_cookie(req);
  if (!cookie) return std::nullopt;
  by_cookie = true;
  return sessions.find(*cookie, store);
}

void Server::Impl::refuse_cross_site(const httplib::Request& req) {
  if (req.get_header_value("Sec-Fetch-Site") == "cross-site")
    throw ApiError(403, "cross_site", "cross-site requests may not change anything");
  auto origin = req.get_header_value("Origin");
  if (origin.empty()) return;
  auto host = req.get_header_value("Host");
  if (origin != "http://" + host && origin != "https://" + host)
    throw ApiError(403, "cross_site", "a request from " + origin + " may not change anything here");
}

void Server::Impl::route(const char* method, const std::string& pattern, std::optional<Role> role, Handler handler, bool listed) {
  if (listed) routes.push_back({method, pattern, role.has_value(), role ? to_string(*role) : ""});
  auto wrapped = [this, role, method = std::string(method), handler = std::move(handler)](const httplib::Request& req,
                                                                                         httplib::Response& res) {
    Call call{req, res, std::nullopt};
    res.set_header("Cache-Control", "no-store");
    try {
      bool changes = method != "GET";
      if (changes) refuse_cross_site(req);
      if (role) {
        bool by_cookie = false;
        call.who = identify(req, by_cookie);
        if (!call.who) throw ApiError(401, "unauthenticated", "sign in first (or send an API token)");
        if (changes && by_cookie && req.get_header_value("X-CSRF-Token") != call.who->csrf_token)
          throw ApiError(403, "csrf", "the request lacks this session's X-CSRF-Token header");
        if (call.who->role < *role)
          throw ApiError(403, "forbidden", "this needs the " + to_string(*role) + " role; " + call.who->user + " is " + to_string(call.who->role));
      }
      handler(call);
    } catch (const ApiError& e) {
      call.reply(error_body(e.code, e.what(), e.fields), e.status);
    } catch (const InvalidFields& e) {
      call.reply(error_body("invalid", e.what(), e.fields), 422);
    } catch (const store::StoreError& e) {
      spdlog::error("{} {}: {}", req.method, req.path, e.what());
      call.reply(error_body("store", e.what()), 500);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", req.method, req.path, e.what());
      call.reply(error_body("internal", std::string("internal error: ") + e.what()), 500);
    }
  };
  std::string m = method;
  direct_routes.push_back({m, pattern, wrapped, std::nullopt});
  if (m == "GET") http.Get(pattern, wrapped);
  else if (m == "POST") http.Post(pattern, wrapped);
  else if (m == "PUT") http.Put(pattern, wrapped);
  else if (m == "DELETE") http.Delete(pattern, wrapped);
}

}  // namespace signet::server
