#include "accounts/accounts.h"

#include <algorithm>
#include <functional>
#include <tuple>
#include <regex>
#include <set>

#include "common/names.h"
#include "provider/providers.h"
#include "common/strings.h"
#include "common/utf8.h"

namespace signet::accounts {

using nlohmann::json;

namespace {

// Reads fields of one JSON object, noting a message per bad field under `prefix.name`.
struct Fields {
  const json& body;
  json& errors;
  std::string prefix;

  std::string key(const char* name) const { return prefix.empty() ? name : prefix + "." + name; }
  bool given(const char* name) const { return body.contains(name) && !body[name].is_null(); }
  void text(const char* name, std::string& out) {
    if (!given(name)) return;
    if (body[name].is_string() && is_utf8(body[name].get<std::string>())) out = trim(body[name].get<std::string>());
    else errors[key(name)] = "must be text";
  }
  void list(const char* name, std::vector<std::string>& out) {
    FieldReader read{body};
    read.list(name, out);
    for (auto& [field, message] : read.fields.items()) errors[key(field.c_str())] = message;
  }
  void flag(const char* name, bool& out) {
    if (!given(name)) return;
    if (body[name].is_boolean()) out = body[name];
    else errors[key(name)] = "must be true or false";
  }
  void number(const char* name, double& out, double low, double high, const std::string& what) {
    if (!given(name)) return;
    if (body[name].is_number() && body[name].get<double>() >= low && body[name].get<double>() <= high) out = body[name];
    else errors[key(name)] = what;
  }
  void whole(const char* name, int& out, int low, int high, const std::string& what) {
    if (!given(name)) return;
    if (body[name].is_number_integer() && body[name].get<std::int64_t>() >= low && body[name].get<std::int64_t>() <= high)
      out = body[name].get<int>();
    else errors[key(name)] = what;
  }
  void only(const std::set<std::string>& known) {
    for (const auto& [name, value] : body.items())
      if (!known.count(name)) errors[key(name.c_str())] = "unknown field";
  }
  void pattern(const char* name, const std::string& value, const char* regex, const std::string& what) {
    if (!value.empty() && !std::regex_match(value, std::regex(regex))) errors[key(name)] = what;
  }
};

const json& object_or_empty(const json& body, const char* name, json& errors) {
  static const json empty = json::object();
  if (!body.contains(name) || body[name].is_null()) return empty;
  if (!body[name].is_object()) {
    errors[name] = "must be an object";
    return empty;
  }
  return body[name];
}

void read_access(const json& body, Access& access, json& errors, const std::string& prefix) {
  Fields f{body, errors, prefix};
  f.only({"profile", "roleArn", "externalId", "sessionName", "durationSeconds"});
  f.text("profile", access.profile);
  f.text("roleArn", access.role_arn);
  f.text("externalId", access.external_id);
  f.text("sessionName", access.session_name);
  f.whole("durationSeconds", access.duration_seconds, 0, 43200, "must be seconds from 900 to 43200 (or 0: one hour)");
  if (access.duration_seconds > 0 && access.duration_seconds < 900)
    errors[f.key("durationSeconds")] = "must be seconds from 900 to 43200 (or 0: one hour)";
  f.pattern("profile", access.profile, "[A-Za-z0-9_.@+-]{1,64}", "must be an AWS profile name");
  f.pattern("roleArn", access.role_arn, "arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}",
            "must be a role ARN such as arn:aws:iam::123456789012:role/SignetScanner");
  f.pattern("externalId", access.external_id, "[A-Za-z0-9+=,.@:/_-]{2,1224}", "must be 2 to 1224 of A-Z a-z 0-9 +=,.@:/_-");
  f.pattern("sessionName", access.session_name, "[A-Za-z0-9+=,.@_-]{2,64}", "must be 2 to 64 of A-Z a-z 0-9 +=,.@_-");
  if (access.role_arn.empty() && (!access.external_id.empty() || !access.session_name.empty() || access.duration_seconds))
    errors[f.key("roleArn")] = "is required with an external id, a session name or a duration";
}

json access_json(const Access& a) {
  return {{"profile", a.profile}, {"roleArn", a.role_arn}, {"externalId", a.external_id}, {"sessionName", a.session_name},
          {"durationSeconds", a.duration_seconds}};
}

void read_common(Fields& f, std::string& name, std::string& provider, std::vector<std::string>& regions, bool& enabled,
                 double& cap, double& service_cap) {
  f.text("name", name);
  f.text("provider", provider);
  f.list("regions", regions);
  f.flag("enabled", enabled);
  const std::string cap_message = "must be requests per second from 0 (no cap) to 100000";
  f.number("maxRequestsPerSecond", cap, 0, 100000, cap_message);
  f.number("maxServiceRequestsPerSecond", service_cap, 0, 100000, cap_message);
  if (!std::regex_match(name, std::regex("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")))
    f.errors["name"] = "is required: 1 to 64 of A-Z a-z 0-9 _.@- (starting with a letter or digit)";
  else if (name == "all" || provider::selects_by_id(name))
    f.errors["name"] = "'" + name + "' would read as " + (name == "all" ? "every account" : "an id") + " in --accounts; choose another name";
  // Regions by the record's provider; with an unknown provider (said on its own), by any.
  const provider::Provider* p = provider::find(provider);
  if (!p) f.errors["provider"] = "'" + provider + "' is not a provider; supported: " + join(provider::names(), ", ");
  if (NameCheck regions_check = p ? p->check_regions(regions) : provider::check_regions(regions); !regions_check.ok())
    f.errors["regions"] = regions_check.message;
}

void check_ids(json& errors, const std::string& field, const std::vector<std::string>& ids,
               const std::function<bool(const std::string&)>& valid, const std::string& what) {
  for (const auto& id : ids)
    if (!valid(id)) {
      errors[field] = "'" + id + "' is not " + what;
      return;
    }
}

}  // namespace

std::string provider_of(const json& body, const std::string& otherwise) {
  return body.is_object() && body.contains("provider") && body["provider"].is_string() ? body["provider"].get<std::string>() : otherwise;
}

Account parse_account(const json& body, const Account* base) {
  Account a = base ? *base : Account{};
  if (!body.is_object()) throw InvalidFields("an account is a JSON object", {{"account", "must be an object"}});
  json errors = json::object();
  Fields f{body, errors, ""};
  f.only({"id", "name", "provider", "access", "regions", "enabled", "maxRequestsPerSecond", "maxServiceRequestsPerSecond",
          "accountId"});
  read_common(f, a.name, a.provider, a.regions, a.enabled, a.max_requests_per_second, a.max_service_requests_per_second);
  // The id it must be (a scan whose credentials reach another account stops); learned at
  // the first test or scan when not given.
  f.text("accountId", a.account_id);
  // An Azure account is a subscription, a Google Cloud one a project: reached with the
  // scanner's own credentials, nothing to store but the id. An AWS account may carry its own.
  // (An unknown provider is said on its own; its access is still read field by field.)
  const provider::Provider* p = provider::find(a.provider);
  if (p)
    if (std::string why = p->check_scope_id(a.account_id); !why.empty()) errors["accountId"] = why;
  if (body.contains("access")) {
    if (p && !p->records_have_access()) {
      errors["access"] = p->title() + " accounts are reached with the scanner's " + p->title() + " credentials; no access settings";
    } else {
      Access access;  // the access given replaces the stored one whole
      read_access(object_or_empty(body, "access", errors), access, errors, "access");
      a.access = access;
    }
  }
  if (!errors.empty()) throw InvalidFields("the account is not valid", errors);
  return a;
}

Organization parse_organization(const json& body, const Organization* base) {
  Organization o = base ? *base : Organization{};
  if (!body.is_object()) throw InvalidFields("an organization is a JSON object", {{"organization", "must be an object"}});
  json errors = json::object();
  Fields f{body, errors, ""};
  f.only({"id", "name", "provider", "management", "memberRoleName", "memberExternalId", "include", "exclude", "regions",
          "enabled", "maxRequestsPerSecond", "maxServiceRequestsPerSecond"});
  read_common(f, o.name, o.provider, o.regions, o.enabled, o.max_requests_per_second, o.max_service_requests_per_second);
  if (body.contains("management")) {
    Access access;
    read_access(object_or_empty(body, "management", errors), access, errors, "management");
    o.management = access;
  }
  f.text("memberRoleName", o.member_role_name);
  f.text("memberExternalId", o.member_external_id);
  // A tenant's subscriptions and an organization's projects are reached with the scanner's
  // credentials; an AWS organization's members through a role.
  const provider::Provider* p = provider::find(o.provider);
  if (p && !p->records_have_access())
    for (const char* role_only : {"management", "memberRoleName", "memberExternalId"})
      if (body.contains(role_only))
        errors[role_only] = "is for sources whose members are reached through a role; " + p->title() + "'s are reached with the scanner's credentials";
  if (!std::regex_match(o.member_role_name, std::regex("([A-Za-z0-9+=,.@_-]{1,64}/)*[A-Za-z0-9+=,.@_-]{1,64}")))
    errors["memberRoleName"] = "must be the role's name (or path/name) in each member, such as OrganizationAccountAccessRole";
  f.pattern("memberExternalId", o.member_external_id, "[A-Za-z0-9+=,.@:/_-]{2,1224}", "must be 2 to 1224 of A-Z a-z 0-9 +=,.@:/_-");
  for (const char* side : {"include", "exclude"}) {
    if (!body.contains(side)) continue;
    const json& filter = object_or_empty(body, side, errors);
    Fields sub{filter, errors, side};
    sub.only({"ous", "accounts", "tags"});
    bool include = std::string(side) == "include";
    std::vector<std::string>& ous = include ? o.include_ous : o.exclude_ous;
    std::vector<std::string>& ids = include ? o.include_accounts : o.exclude_accounts;
    std::vector<std::string>& tags = include ? o.include_tags : o.exclude_tags;
    ous.clear(), ids.clear(), tags.clear();
    sub.list("ous", ous);
    sub.list("accounts", ids);
    sub.list("tags", tags);
    if (!p) continue;
    const auto filters = p->source_filters();
    // What each kind of filter is for this provider's sources; one it does not have is refused.
    for (const auto& [kind, values, form, valid] :
         {std::tuple{"ous", &ous, filters.parent_form, filters.is_parent}, std::tuple{"accounts", &ids, filters.member_form, filters.is_member},
          std::tuple{"tags", &tags, filters.tag_form, filters.is_tag}}) {
      if (form.empty()) {
        if (!values->empty()) errors[sub.key(kind)] = "is not a filter of " + p->title() + " sources; filter by " + filters.member_form;
        continue;
      }
      check_ids(errors, sub.key(kind), *values, valid, form);
    }
  }
  if (!errors.empty()) throw InvalidFields("the organization is not valid", errors);
  return o;
}

json to_json(const Account& a) {
  json out = {{"id", a.id},
              {"name", a.name},
              {"provider", a.provider},
              {"regions", a.regions},
              {"enabled", a.enabled},
              {"maxRequestsPerSecond", a.max_requests_per_second},
              {"maxServiceRequestsPerSecond", a.max_service_requests_per_second},
              {"accountId", a.account_id}};
  if (const auto* p = provider::find(a.provider); p && p->records_have_access()) out["access"] = access_json(a.access);
  return out;
}

json to_json(const Organization& o) {
  json out = {{"id", o.id},
              {"name", o.name},
              {"provider", o.provider},
              {"include", {{"ous", o.include_ous}, {"accounts", o.include_accounts}, {"tags", o.include_tags}}},
              {"exclude", {{"ous", o.exclude_ous}, {"accounts", o.exclude_accounts}, {"tags", o.exclude_tags}}},
              {"regions", o.regions},
              {"enabled", o.enabled},
              {"maxRequestsPerSecond", o.max_requests_per_second},
              {"maxServiceRequestsPerSecond", o.max_service_requests_per_second}};
  if (const auto* p = provider::find(o.provider); p && p->records_have_access()) {  // else reached with the scanner's credentials
    out["management"] = access_json(o.management);
    out["memberRoleName"] = o.member_role_name;
    out["memberExternalId"] = o.member_external_id;
  }
  return out;
}

namespace {

// Stored records were written by to_json: read back without the API's checks, so a
// record written by an older version still loads.
template <typename T>
T from_record(std::int64_t id, const json& body, T (*parse)(const json&, const T*)) {
  json fields = body;
  fields.erase("id");
  T item;
  try {
    item = parse(fields, nullptr);
  } catch (const InvalidFields& e) {
    throw store::StoreError("stored record " + std::to_string(id) + " (" + body.value("name", "?") + ") is not valid: " +
                            e.fields.dump());
  }
  item.id = id;
  return item;
}

template <typename T>
json to_record(const T& item) {
  json j = to_json(item);
  j.erase("id");
  return j;
}

}  // namespace

AccountRecords::AccountRecords(store::Store& store)
    : Records(
          store, "account", [](std::int64_t id, const json& body) { return from_record<Account>(id, body, parse_account); },
          [](const Account& a) { return to_record(a); }) {}

std::optional<Account> AccountRecords::by_name(const std::string& name) const {
  for (auto& a : all())
    if (a.name == name) return a;
  return std::nullopt;
}

OrganizationRecords::OrganizationRecords(store::Store& store)
    : Records(
          store, "organization",
          [](std::int64_t id, const json& body) { return from_record<Organization>(id, body, parse_organization); },
          [](const Organization& o) { return to_record(o); }) {}

std::optional<Organization> OrganizationRecords::by_name(const std::string& name) const {
  for (auto& o : all())
    if (o.name == name) return o;
  return std::nullopt;
}

// ---- members ----

bool needs_parents(const Organization& o) { return !o.include_ous.empty() || !o.exclude_ous.empty(); }
bool needs_tags(const Organization& o) { return !o.include_tags.empty() || !o.exclude_tags.empty(); }

namespace {

bool has_tag(const Member& m, const std::string& filter) {
  auto eq = filter.find('=');
  std::string key = filter.substr(0, eq);
  for (const auto& [k, v] : m.tags)
    if (k == key && (eq == std::string::npos || v == filter.substr(eq + 1))) return true;
  return false;
}

bool under(const Member& m, const std::string& ou) { return std::find(m.parents.begin(), m.parents.end(), ou) != m.parents.end(); }

template <typename Test>
bool any_of(const std::vector<std::string>& filters, Test test) {
  return std::any_of(filters.begin(), filters.end(), test);
}

}  // namespace

std::vector<Member> select_members(const Organization& o, const std::vector<Member>& members, std::vector<std::string>* skipped) {
  std::vector<Member> chosen;
  auto skip = [&](const Member& m, const std::string& why) {
    if (skipped) skipped->push_back(o.name + ": " + m.name + " (" + m.id + ") " + why);
  };
  for (const auto& m : members) {
    auto is = [&](const std::string& id) { return id == m.id; };
    auto in_ou = [&](const std::string& ou) { return under(m, ou); };
    auto tagged = [&](const std::string& filter) { return has_tag(m, filter); };
    if (m.status != "ACTIVE") skip(m, "is " + (m.status.empty() ? std::string("of unknown status") : to_lower(m.status)));
    else if (!o.include_accounts.empty() && !any_of(o.include_accounts, is)) skip(m, "is not among the included accounts");
    else if (any_of(o.exclude_accounts, is)) skip(m, "is excluded by account id");
    else if (!o.include_ous.empty() && !any_of(o.include_ous, in_ou)) skip(m, "is not under an included OU");
    else if (any_of(o.exclude_ous, in_ou)) skip(m, "is under an excluded OU");
    else if (!o.include_tags.empty() && !any_of(o.include_tags, tagged)) skip(m, "has none of the included tags");
    else if (any_of(o.exclude_tags, tagged)) skip(m, "has an excluded tag");
    else chosen.push_back(m);
  }
  return chosen;
}

// ---- selections ----

Selection Selection::parse(const std::string& text) {
  Selection s;
  json body = {{"accounts", text}};
  FieldReader read{body};
  read.list("accounts", s.items);
  if (s.items.size() == 1 && s.items[0] == "all") s.items.clear();
  return s;
}

std::string check_selection(const Selection& selection, const std::vector<Account>& accounts, const std::vector<Organization>& organizations) {
  std::vector<std::string> names;
  for (const auto& a : accounts) names.push_back(a.name);
  for (const auto& o : organizations) names.push_back(o.name);
  auto check = check_names(
      "accounts", "account", selection.items,
      [&](const std::string& item) {
        return item == "all" || provider::selects_by_id(item) ||
               std::find(names.begin(), names.end(), item) != names.end();
      },
      names, names.empty() ? "none stored (signet accounts add)" : join(names, ", "));
  return check.message;
}

Target target_of(const Account& a) {
  Target t;
  t.key = a.name;
  t.name = a.name;
  t.account_id = a.account_id;
  t.provider = a.provider;
  t.access = a.access;
  t.regions = a.regions;
  t.max_requests_per_second = a.max_requests_per_second;
  t.max_service_requests_per_second = a.max_service_requests_per_second;
  return t;
}

void require_free_name(store::Store& store, const std::string& name, std::int64_t account_id, std::int64_t organization_id) {
  auto taken = [&](const std::string& what) {
    throw InvalidFields("the name is taken", {{"name", "'" + name + "' is already " + what + "'s name"}});
  };
  if (auto a = AccountRecords(store).by_name(name); a && a->id != account_id) taken("an account");
  if (auto o = OrganizationRecords(store).by_name(name); o && o->id != organization_id) taken("an organization");
}

Resolved resolve(const Selection& selection, const std::vector<Account>& accounts, const std::vector<Organization>& organizations,
                 const MemberLister& list_members) {
  Resolved out;
  std::set<std::string> items(selection.items.begin(), selection.items.end());
  bool all = selection.all() || items.count("all");
  std::set<std::string> reached_ids;  // account ids already a target
  auto named = [&](const std::string& name) { return items.count(name) > 0; };

  for (const auto& a : accounts) {
    bool wanted = all ? a.enabled : named(a.name) || (!a.account_id.empty() && named(a.account_id));
    if (!wanted) continue;
    if (!a.account_id.empty()) reached_ids.insert(a.account_id);
    out.targets.push_back(target_of(a));
  }

  for (const auto& o : organizations) {
    // Which of its members are wanted: all of them (the source is named, or "all"), or
    // those named by id or under a named OU.
    const provider::Provider* p = provider::find(o.provider);
    bool whole = all ? o.enabled : named(o.name);
    bool any_id_or_parent = p && std::any_of(items.begin(), items.end(), [&](const std::string& i) { return p->selects_by_id(i); });
    if (!whole && !any_id_or_parent) continue;
    const auto is_parent = p ? p->source_filters().is_parent : nullptr;
    bool parent_named = is_parent && std::any_of(items.begin(), items.end(), is_parent);
    std::vector<Member> members;
    try {
      members = list_members(o, needs_parents(o) || (!whole && parent_named), needs_tags(o));
    } catch (const std::exception& e) {
      out.failed_sources.push_back({o.name, e.what()});
      continue;
    }
    std::vector<Member> chosen = select_members(o, members, &out.skipped);
    for (const auto& m : chosen) {
      if (!whole) {
        bool by_id = named(m.id);
        bool by_ou = std::any_of(m.parents.begin(), m.parents.end(), [&](const std::string& p) { return named(p); });
        if (!by_id && !by_ou) continue;
      }
      if (!reached_ids.insert(m.id).second) {
        out.skipped.push_back(o.name + ": " + m.name + " (" + m.id + ") is scanned as a stored account");
        continue;
      }
      Target t;
      t.key = m.id;
      t.name = m.name;
      t.account_id = m.id;
      t.organization = o.name;
      t.provider = o.provider;
      if (!p || !p->records_have_access()) {
        // A subscription of the tenant, a project of the organization: the scanner's
        // credentials reach it as they listed it.
      } else if (m.management) {
        t.access = o.management;
      } else {
        t.access.role_arn = p->member_role(o.management.role_arn, m.id, o.member_role_name);
        t.access.external_id = o.member_external_id;
        t.through = o.management;
      }
      t.regions = o.regions;
      t.max_requests_per_second = o.max_requests_per_second;
      t.max_service_requests_per_second = o.max_service_requests_per_second;
      out.targets.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace signet::accounts
