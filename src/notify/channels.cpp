#include "notify/channels.h"

#include <regex>

namespace signet::notify {

using nlohmann::json;

namespace {

const char* const kKind = "channel";

std::string url_hint(const std::string& url) {
  std::smatch m;
  static const std::regex origin("^([a-z]+://[^/?#]+)");
  if (std::regex_search(url, m, origin)) return m[1].str() + "/…";
  return "…";
}

}  // namespace

Channel parse_channel(const json& body, const Channel* base) {
  Channel c = base ? *base : Channel{};
  if (!body.is_object()) throw ChannelError("a channel is a JSON object", {{"channel", "must be an object"}});
  FieldReader read{body};
  json& fields = read.fields;
  read.text("name", c.name);
  read.text("type", c.type);
  read.text("minLevel", c.min_level);
  read.flag("enabled", c.enabled);
  read.flag("notifyFixed", c.notify_fixed);
  read.list("services", c.services);
  read.list("signatures", c.signatures);
  read.list("accounts", c.accounts);
  read.list("to", c.to);
  read.text("smtpUrl", c.smtp_url);
  read.text("starttls", c.starttls);
  read.text("from", c.from);
  read.text("smtpUser", c.smtp_user);
  for (const char* secret : {"url", "signingSecret", "password"}) {
    std::string value;
    if (!read.given(secret)) continue;
    read.text(secret, value);
    if (value.empty()) c.secrets.erase(secret);  // "" clears it
    else c.secrets[secret] = value;
  }

  if (c.name.empty() || c.name.size() > 100) fields["name"] = "is required (at most 100 characters)";
  if (c.type != "webhook" && c.type != "slack" && c.type != "email") fields["type"] = "must be webhook, slack or email";
  if (c.min_level != "High" && c.min_level != "Medium" && c.min_level != "Low") fields["minLevel"] = "must be High, Medium or Low";
  if (c.type == "webhook" || c.type == "slack") {
    static const std::regex web_url("https?://[^\\s/?#]+([/?#]\\S*)?");
    if (!c.secrets.count("url")) fields["url"] = "is required";
    else if (!std::regex_match(c.secrets["url"], web_url))
      fields["url"] = "must be an http:// or https:// URL";
    else if (c.type == "slack" && c.secrets["url"].rfind("http://", 0) == 0 && c.secrets["url"].find("://127.0.0.1") == std::string::npos &&
             c.secrets["url"].find("://localhost") == std::string::npos)
      fields["url"] = "a Slack webhook is https://";
  }
  if (c.type == "email") {
    static const std::regex smtp_url("smtps?://[^\\s/]+(:\\d+)?/?");
    if (!std::regex_match(c.smtp_url, smtp_url))
      fields["smtpUrl"] = "must be smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT";
    if (c.starttls != "required" && c.starttls != "try" && c.starttls != "off") fields["starttls"] = "must be required, try or off";
    std::regex address("[^\\s@<>,]+@[^\\s@<>,]+");
    if (!std::regex_match(c.from, address)) fields["from"] = "must be an email address";
    if (c.to.empty()) fields["to"] = "needs at least one address";
    for (const auto& to : c.to)
      if (!std::regex_match(to, address)) fields["to"] = "'" + to + "' is not an email address";
    if (!c.smtp_user.empty() && !c.secrets.count("password")) fields["password"] = "is required with smtpUser";
  }
  read.fail_if_any("the channel is not valid");
  return c;
}

json public_view(const Channel& c) {
  json j = {{"id", c.id},           {"name", c.name},           {"type", c.type},         {"enabled", c.enabled},
            {"minLevel", c.min_level}, {"notifyFixed", c.notify_fixed}, {"services", c.services}, {"signatures", c.signatures},
            {"accounts", c.accounts}};
  if (c.type == "email") {
    j["smtpUrl"] = c.smtp_url;
    j["starttls"] = c.starttls;
    j["from"] = c.from;
    j["to"] = c.to;
    j["smtpUser"] = c.smtp_user;
    j["passwordSet"] = c.secrets.count("password") > 0;
  } else {
    j["urlHint"] = c.secrets.count("url") ? url_hint(c.secrets.at("url")) : "";
  }
  if (c.type == "webhook") j["signingSecretSet"] = c.secrets.count("signingSecret") > 0;
  return j;
}

namespace {

json to_record(const Channel& c, const SecretBox& box) {
  json j = public_view(c);
  j.erase("id");
  for (const char* derived : {"passwordSet", "urlHint", "signingSecretSet"}) j.erase(derived);
  j["smtpUrl"] = c.smtp_url;
  j["starttls"] = c.starttls;
  j["from"] = c.from;
  j["to"] = c.to;
  j["smtpUser"] = c.smtp_user;
  json sealed = json::object();
  for (const auto& [name, value] : c.secrets) sealed[name] = box.seal(value);
  j["sealed"] = sealed;
  return j;
}

Channel from_record(std::int64_t id, const json& body, const SecretBox& box) {
  json input = body;
  input.erase("sealed");
  Channel c;
  const json sealed = body.value("sealed", json::object());  // a named copy: items() of a temporary dangles
  for (const auto& [name, value] : sealed.items()) c.secrets[name] = box.open(value);
  // Stored channels were valid when saved; read them without re-validating.
  c.id = id;
  c.name = input.value("name", "");
  c.type = input.value("type", "");
  c.enabled = input.value("enabled", true);
  c.min_level = input.value("minLevel", "High");
  c.notify_fixed = input.value("notifyFixed", false);
  c.services = input.value("services", std::vector<std::string>{});
  c.signatures = input.value("signatures", std::vector<std::string>{});
  c.accounts = input.value("accounts", std::vector<std::string>{});
  c.smtp_url = input.value("smtpUrl", "");
  c.starttls = input.value("starttls", "required");
  c.from = input.value("from", "");
  c.to = input.value("to", std::vector<std::string>{});
  c.smtp_user = input.value("smtpUser", "");
  return c;
}

}  // namespace

Channels::Channels(store::Store& store, const SecretBox& box)
    : store::Records<Channel>(
          store, kKind, [&box](std::int64_t id, const json& body) { return from_record(id, body, box); },
          [&box](const Channel& c) { return to_record(c, box); }) {}

}  // namespace signet::notify
