// Routes: the first admin (setup), signing in and out, one's password, users, API tokens.
#include "server/server_impl.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "common/invalid_fields.h"
#include "common/strings.h"
#include "notify/secrets.h"

namespace signet::server {

using nlohmann::json;

void Server::Impl::register_session_routes() {
  // ---- sign-in ----
  route("GET", "/api/setup", anyone, [this](Call& c) {
    std::lock_guard lock(setup_mutex);
    c.reply({{"needed", !setup_token.empty()}});
  });
  route("POST", "/api/setup", anyone, [this](Call& c) {
    auto body = c.body();
    std::lock_guard lock(setup_mutex);
    if (setup_token.empty()) throw ApiError(409, "conflict", "setup is done: sign in, or ask an admin for an account");
    if (text_field(body, "token") != setup_token)
      throw ApiError(403, "forbidden", "that is not the setup token printed in the server's log", {{"token", "does not match"}});
    std::string name = text_field(body, "username"), password = text_field(body, "password");
    json fields = json::object();
    if (auto p = user_name_problem(name); !p.empty()) fields["username"] = p;
    if (auto p = password_problem(password); !p.empty()) fields["password"] = p;
    if (!fields.empty()) throw InvalidFields("the account is not valid", fields);
    store.add_user({name, "admin", hash_password(password), ""});
    setup_token.clear();
    spdlog::info("setup: first admin {} created", name);
    c.reply({{"user", name}, {"role", "admin"}}, 201);
  });
  route("POST", "/api/session", anyone, [this](Call& c) {
    auto body = c.body();
    std::string name = text_field(body, "username"), password = text_field(body, "password");
    std::string by_address = "addr:" + c.req.remote_addr, by_user = "user:" + name;
    if (int wait = std::max(sign_in_limiter.wait_seconds(by_address), sign_in_limiter.wait_seconds(by_user)); wait > 0) {
      c.res.set_header("Retry-After", std::to_string(wait));
      throw ApiError(429, "too_many_attempts", "too many failed sign-ins; try again in " + std::to_string(wait) + " s");
    }
    auto user = store.user(name);
    // A missing user costs the same hash as a wrong password, so timing does not tell them apart.
    static const std::string decoy = hash_password(notify::random_hex());
    bool ok = verify_password(user ? user->password_hash : decoy, password) && user;
    if (!ok) {
      sign_in_limiter.failed(by_address);
      sign_in_limiter.failed(by_user);
      spdlog::warn("failed sign-in for '{}' from {}", name, c.req.remote_addr);
      throw ApiError(401, "unauthenticated", "wrong user name or password");
    }
    sign_in_limiter.succeeded(by_user);
    c.reply(open_session(c.res, *user));
  });
  route("GET", "/api/session", viewer, [](Call& c) {
    c.reply({{"user", c.who->user}, {"role", to_string(c.who->role)}, {"csrfToken", c.who->csrf_token}});
  });
  route("DELETE", "/api/session", viewer, [this](Call& c) {
    if (auto cookie = session_cookie(c.req)) sessions.close(*cookie);
    c.res.set_header("Set-Cookie", std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    c.reply({{"signedOut", true}});
  });

  route("POST", "/api/session/password", viewer, [this](Call& c) {
    auto body = c.body();
    std::string current = text_field(body, "currentPassword"), next = text_field(body, "newPassword");
    std::string by_user = "user:" + c.who->user;
    if (int wait = sign_in_limiter.wait_seconds(by_user); wait > 0) {
      c.res.set_header("Retry-After", std::to_string(wait));
      throw ApiError(429, "too_many_attempts", "too many wrong passwords; try again in " + std::to_string(wait) + " s");
    }
    auto user = store.user(c.who->user);
    if (!user || !verify_password(user->password_hash, current)) {
      sign_in_limiter.failed(by_user);
      throw InvalidFields("the current password is wrong", {{"currentPassword", "is wrong"}});
    }
    if (auto p = password_problem(next); !p.empty()) throw InvalidFields("the new password " + p, {{"newPassword", p}});
    user->password_hash = hash_password(next);
    store.update_user(*user);
    // Every session of this user ends; this one goes on under a new cookie.
    sessions.close_all_of(user->name);
    spdlog::info("{} changed their password", user->name);
    c.reply(open_session(c.res, *user));
  });

  // ---- users and API tokens ----
  route("GET", "/api/users", admin, [this](Call& c) {
    c.reply(page_of(store.users(), c.page(100), [](const store::User& u) -> json {
      return {{"name", u.name}, {"role", u.role}, {"createdAt", u.created_at}};
    }));
  });
  route("POST", "/api/users", admin, [this](Call& c) {
    auto body = c.body();
    std::string name = text_field(body, "name"), role = text_field(body, "role"), password = text_field(body, "password");
    json fields = json::object();
    if (auto p = user_name_problem(name); !p.empty()) fields["name"] = p;
    if (!parse_role(role)) fields["role"] = "must be admin, editor or viewer";
    if (auto p = password_problem(password); !p.empty()) fields["password"] = p;
    if (store.user(name)) fields["name"] = "is taken";
    if (!fields.empty()) throw InvalidFields("the user is not valid", fields);
    store.add_user({name, role, hash_password(password), ""});
    c.reply({{"name", name}, {"role", role}}, 201);
  });
  route("PUT", R"(/api/users/([^/]+))", admin, [this](Call& c) {
    auto user = store.user(c.param(1));
    if (!user) throw ApiError(404, "not_found", "no user " + c.param(1));
    auto body = c.body();
    FieldReader read{body};
    std::string role = user->role, password;
    read.text("role", role);
    read.text("password", password);
    if (!parse_role(role)) read.fields["role"] = "must be admin, editor or viewer";
    if (read.given("password"))
      if (auto p = password_problem(password); !p.empty()) read.fields["password"] = p;
    if (user->name == c.who->user && role != user->role) read.fields["role"] = "you cannot change your own role";
    read.fail_if_any("the change is not valid");
    user->role = role;
    if (read.given("password")) {
      user->password_hash = hash_password(password);
      sessions.close_all_of(user->name);  // a new password signs the old sessions out
    }
    store.update_user(*user);
    spdlog::info("{} changed user {}", c.who->user, user->name);
    c.reply({{"name", user->name}, {"role", user->role}});
  });
  route("DELETE", R"(/api/users/([^/]+))", admin, [this](Call& c) {
    std::string name = c.param(1);
    if (name == c.who->user) throw ApiError(409, "conflict", "you cannot remove yourself");
    if (!store.remove_user(name)) throw ApiError(404, "not_found", "no user " + name);
    sessions.close_all_of(name);
    c.reply({{"removed", name}});
  });
  route("GET", "/api/tokens", viewer, [this](Call& c) {
    std::vector<store::ApiToken> visible;  // one's own; every user's for an admin
    for (auto& t : store.api_tokens())
      if (t.user == c.who->user || c.who->role == Role::Admin) visible.push_back(std::move(t));
    c.reply(page_of(visible, c.page(100), [](const store::ApiToken& t) -> json {
      return {{"id", t.id}, {"name", t.name}, {"user", t.user}, {"createdAt", t.created_at}};
    }));
  });
  route("POST", "/api/tokens", viewer, [this](Call& c) {
    std::string name = trim(text_field(c.body(), "name"));
    if (name.empty() || name.size() > 100) throw InvalidFields("name the token", {{"name", "must be 1 to 100 characters"}});
    auto issued = issue_api_token(store, c.who->user, name);
    c.reply({{"id", issued.id}, {"name", name}, {"user", c.who->user}, {"token", issued.token}}, 201);  // shown this once
  });
  route("DELETE", R"(/api/tokens/(\d+))", viewer, [this](Call& c) {
    std::int64_t id = c.id_param(1, "token");
    for (const auto& t : store.api_tokens())
      if (t.id == id && (t.user == c.who->user || c.who->role == Role::Admin)) {
        store.remove_api_token(id);
        c.reply({{"removed", id}});
        return;
      }
    throw ApiError(404, "not_found", "no token " + std::to_string(id));
  });
}

}  // namespace signet::server
