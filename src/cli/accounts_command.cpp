// `signet accounts ...` and `signet organizations ...`: the estate Signet scans, with the
// same checks as the console (accounts::parse_account, parse_organization). Flags left out
// keep their stored values; `test` says who the credentials are, which regions are enabled
// and which of the calls Signet makes the account refuses.
#include <iostream>
#include <optional>

#include "cli/provider_options.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "common/names.h"
#include "common/strings.h"
#include "provider/providers.h"
#include "store/store.h"

namespace signet::cli {

namespace {

using nlohmann::json;

struct EstateArgs {
  std::string db, name;
  bool json_output = false;
  json given = json::object();  // API field -> value, as the flags gave them ("a/b": nested)
  ProviderOptions cloud;          // for test and members: endpoints and credentials, as other commands take them
};

std::string database(const EstateArgs& a) { return a.db.empty() ? store::default_path() : a.db; }

// A flag recorded under its API field only when given; "access/profile" nests.
template <typename T>
void field_option(CLI::App* cmd, EstateArgs& args, const std::string& flag, const std::string& field, const std::string& help) {
  cmd->add_option_function<T>(flag, [&args, field](const T& v) { args.given[json::json_pointer("/" + field)] = v; }, help);
}

void list_option(CLI::App* cmd, EstateArgs& args, const std::string& flag, const std::string& field, const std::string& help) {
  cmd->add_option_function<std::vector<std::string>>(
         flag, [&args, field](const std::vector<std::string>& v) { args.given[json::json_pointer("/" + field)] = v; }, help)
      ->delimiter(',');
}

// The body a change sends: nested objects given in part keep the stored rest.
json body_for(const EstateArgs& a, const json& stored) {
  json body = a.given;
  for (auto& [key, value] : body.items())
    if (value.is_object() && stored.contains(key) && stored[key].is_object()) {
      json merged = stored[key];
      merged.merge_patch(value);
      value = merged;
    }
  return body;
}

void print_invalid(const InvalidFields& e) {
  std::cerr << e.what() << ":\n";
  for (const auto& [field, message] : e.fields.items()) std::cerr << "  " << field << ": " << message.get<std::string>() << "\n";
}

std::string regions_text(const std::vector<std::string>& regions) { return regions.empty() ? "all enabled" : join(regions, ","); }

std::string access_text(const accounts::Access& a) {
  std::string base = a.profile.empty() ? "default credentials" : "profile " + a.profile;
  return a.role_arn.empty() ? base : a.role_arn + " (from " + base + ")";
}

// The regions a change gives must be the record's provider's (AWS regions, Azure locations).
NameCheck regions_check(const json& body) {
  const auto* p = provider::find(accounts::provider_of(body));
  return p ? p->check_regions(listed_in(body, "regions")) : NameCheck{"regions", {}, ""};
}

// ---- accounts ----

int accounts_list(const EstateArgs& a) {
  auto store = store::open(database(a));
  auto all = accounts::AccountRecords(*store).all();
  if (a.json_output) {
    json out = json::array();
    for (const auto& account : all) out.push_back(accounts::to_json(account));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  Table table({"NAME", "ACCOUNT ID", "ACCESS", "REGIONS", "ENABLED"});
  for (const auto& account : all)
    table.add({account.name, account.account_id.empty() ? "-" : account.account_id, access_text(account.access), regions_text(account.regions),
               account.enabled ? "yes" : "no"});
  std::cout << (all.empty() ? "No accounts stored: scans use the default credentials (add one with signet accounts add)\n" : table.render());
  return 0;
}

accounts::Account existing_account(store::Store& store, const std::string& name) {
  auto account = accounts::AccountRecords(store).by_name(name);
  if (!account) throw std::invalid_argument("no account named '" + name + "' (signet accounts list shows them)");
  return *account;
}

int accounts_save(const EstateArgs& a, bool adding) {
  auto store = store::open(database(a));
  accounts::AccountRecords records(*store);
  std::optional<accounts::Account> base;
  if (!adding) base = existing_account(*store, a.name);
  json body = body_for(a, base ? accounts::to_json(*base) : json::object());
  if (adding) body["name"] = a.name;
  auto account = parse_and_require_known([&] { return accounts::parse_account(body, base ? &*base : nullptr); }, {regions_check(body)});
  accounts::require_free_name(*store, account.name, account.id, -1);
  if (adding) account.id = records.add(account);
  else records.update(account);
  const std::string reach = account.provider == "azure" ? "Azure subscription " + account.account_id : access_text(account.access);
  std::cout << (adding ? "Added" : "Changed") << " account " << account.name << " (" << reach << ", regions "
            << regions_text(account.regions) << ")\n";
  return 0;
}

int accounts_show(const EstateArgs& a) {
  auto store = store::open(database(a));
  if (auto organization = accounts::OrganizationRecords(*store).by_name(a.name)) {
    std::cout << accounts::to_json(*organization).dump(2) << "\n";
    return 0;
  }
  std::cout << accounts::to_json(existing_account(*store, a.name)).dump(2) << "\n";
  return 0;
}

int accounts_remove(const EstateArgs& a) {
  auto store = store::open(database(a));
  auto account = existing_account(*store, a.name);
  accounts::AccountRecords(*store).remove(account.id);
  std::cout << "Removed account " << account.name << " (its scans stay in the history)\n";
  return 0;
}

// The access report of `target`, with where its credentials came from.
// Prints what a test found; 0 when reached and nothing was refused.
int print_access(const accounts::AccessReport& report, const std::string& who) {
  if (!report.reached) {
    std::cout << who << ": cannot be reached: " << report.error << "\n";
    return 1;
  }
  std::cout << who << ": " << report.identity << "\n";
  if (!report.credentials.empty()) std::cout << "  credentials: " << report.credentials << "\n";
  if (!report.regions.empty()) std::cout << "  regions: " << report.regions.size() << " (" << join(report.regions, ", ") << ")\n";
  if (report.probed == 0) return 0;
  if (report.refused.empty()) {
    std::cout << "  permissions: every one of the " << report.probed << " listing calls Signet makes was allowed\n";
    return 0;
  }
  std::cout << "  permissions: " << report.refused.size() << " of " << report.probed
            << " listing calls were refused (signet permissions prints the policy Signet needs):\n";
  for (const auto& refused : report.refused) std::cout << "    " << refused.substr(0, 200) << "\n";
  return 1;
}

int accounts_test(const EstateArgs& a) {
  auto store = store::open(database(a));
  const accounts::Connectors connectors = a.cloud.connectors();
  if (auto organization = accounts::OrganizationRecords(*store).by_name(a.name)) {
    accounts::Connector& connector = connectors.of(organization->provider);
    int rc = print_access(connector.test_source(*organization), "organization " + organization->name + " (its own access)");
    if (rc == 0) {
      auto members = connector.list_members(*organization, accounts::needs_parents(*organization), accounts::needs_tags(*organization));
      std::vector<std::string> skipped;
      auto chosen = accounts::select_members(*organization, members, &skipped);
      std::cout << "  members: " << members.size() << ", " << chosen.size() << " scanned"
                << (organization->member_role_name.empty() ? "" : " through role " + organization->member_role_name) << "\n";
      for (const auto& s : skipped) std::cout << "    skipped " << s << "\n";
    }
    return rc;
  }
  accounts::AccountRecords records(*store);
  auto account = existing_account(*store, a.name);
  auto report = connectors.of(account.provider).test_access(accounts::target_of(account));
  int rc = print_access(report, "account " + account.name);
  if (report.reached && !report.scope_id.empty() && report.scope_id != account.account_id) {
    account.account_id = report.scope_id;  // what it is, for --accounts by id and the console
    records.update(account);
  }
  return rc;
}

// ---- organizations ----

accounts::Organization existing_organization(store::Store& store, const std::string& name) {
  auto organization = accounts::OrganizationRecords(store).by_name(name);
  if (!organization) throw std::invalid_argument("no organization named '" + name + "' (signet organizations list shows them)");
  return *organization;
}

int organizations_list(const EstateArgs& a) {
  auto store = store::open(database(a));
  auto all = accounts::OrganizationRecords(*store).all();
  if (a.json_output) {
    json out = json::array();
    for (const auto& o : all) out.push_back(accounts::to_json(o));
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  Table table({"NAME", "MANAGEMENT ACCESS", "MEMBER ROLE", "FILTERS", "REGIONS", "ENABLED"});
  for (const auto& o : all) {
    std::vector<std::string> filters;
    for (auto [label, list] : {std::pair{"ous", &o.include_ous}, {"accounts", &o.include_accounts}, {"tags", &o.include_tags}})
      if (!list->empty()) filters.push_back(std::string("+") + label + "=" + join(*list, ","));
    for (auto [label, list] : {std::pair{"ous", &o.exclude_ous}, {"accounts", &o.exclude_accounts}, {"tags", &o.exclude_tags}})
      if (!list->empty()) filters.push_back(std::string("-") + label + "=" + join(*list, ","));
    table.add({o.name, access_text(o.management), o.member_role_name, filters.empty() ? "-" : join(filters, " "), regions_text(o.regions),
               o.enabled ? "yes" : "no"});
  }
  std::cout << (all.empty() ? "No organizations stored (add one with signet organizations add)\n" : table.render());
  return 0;
}

int organizations_save(const EstateArgs& a, bool adding) {
  auto store = store::open(database(a));
  accounts::OrganizationRecords records(*store);
  std::optional<accounts::Organization> base;
  if (!adding) base = existing_organization(*store, a.name);
  json body = body_for(a, base ? accounts::to_json(*base) : json::object());
  if (adding) body["name"] = a.name;
  auto o = parse_and_require_known([&] { return accounts::parse_organization(body, base ? &*base : nullptr); }, {regions_check(body)});
  accounts::require_free_name(*store, o.name, -1, o.id);
  if (adding) o.id = records.add(o);
  else records.update(o);
  if (o.provider == "azure")
    std::cout << (adding ? "Added" : "Changed") << " organization " << o.name
              << " (an Azure tenant: every subscription the scanner's Azure credentials can read)\n";
  else
    std::cout << (adding ? "Added" : "Changed") << " organization " << o.name << " (management: " << access_text(o.management)
              << "; members through role " << o.member_role_name << ")\n";
  return 0;
}

int organizations_remove(const EstateArgs& a) {
  auto store = store::open(database(a));
  auto o = existing_organization(*store, a.name);
  accounts::OrganizationRecords(*store).remove(o.id);
  std::cout << "Removed organization " << o.name << " (its members' scans stay in the history)\n";
  return 0;
}

int organizations_members(const EstateArgs& a) {
  auto store = store::open(database(a));
  auto o = existing_organization(*store, a.name);
  auto members = a.cloud.connectors().member_lister()(o, true, accounts::needs_tags(o));
  auto chosen = accounts::select_members(o, members);
  std::set<std::string> scanned;
  for (const auto& m : chosen) scanned.insert(m.id);
  if (a.json_output) {
    json out = json::array();
    for (const auto& m : members)
      out.push_back({{"id", m.id}, {"name", m.name}, {"email", m.email}, {"status", m.status}, {"parents", m.parents},
                     {"management", m.management}, {"scanned", scanned.count(m.id) > 0}});
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::vector<std::string> skipped;
  accounts::select_members(o, members, &skipped);
  Table table({o.provider == "azure" ? "SUBSCRIPTION" : "ACCOUNT ID", "NAME", "STATUS", "OU PATH", "SCANNED"});
  for (const auto& m : members)
    table.add({m.id, m.name + (m.management ? " (management)" : ""), m.status, join(m.parents, " / "), scanned.count(m.id) ? "yes" : "no"});
  std::cout << table.render();
  for (const auto& s : skipped) std::cout << "skipped " << s << "\n";
  return 0;
}

// ---- registration ----

using Run = int (*)(const EstateArgs&);

void run_guarded(const char* what, Run run, const EstateArgs& args, int& exit_code) {
  try {
    exit_code = run(args);
  } catch (const InvalidFields& e) {
    print_invalid(e);
    exit_code = 2;
  } catch (const std::exception& e) {
    std::cerr << what << ": " << e.what() << "\n";
    exit_code = 2;
  }
}

CLI::App* subcommand(CLI::App* parent, const char* name, const char* help, std::shared_ptr<EstateArgs> args, const char* what, Run run,
                     int& exit_code, bool takes_name) {
  auto* cmd = parent->add_subcommand(name, help);
  cmd->add_option("--db", args->db, "The database (default: $SIGNET_DB or ~/.signet/signet.db)");
  if (takes_name) cmd->add_option("name", args->name, "The account's or organization's name")->required();
  cmd->callback([args, what, run, &exit_code] { run_guarded(what, run, *args, exit_code); });
  return cmd;
}

void access_options(CLI::App* cmd, EstateArgs& args, const std::string& prefix) {
  field_option<std::string>(cmd, args, "--profile", prefix + "/profile", "AWS profile whose credentials are used (default: the default credential chain)");
  field_option<std::string>(cmd, args, "--role-arn", prefix + "/roleArn", "A role to assume with those credentials");
  field_option<std::string>(cmd, args, "--external-id", prefix + "/externalId", "The external id the role's trust policy asks for");
  field_option<std::string>(cmd, args, "--session-name", prefix + "/sessionName", "The role session's name (default signet-<time>)");
  field_option<int>(cmd, args, "--duration-seconds", prefix + "/durationSeconds", "The role session's length, 900 to 43200 (default one hour)");
}

void common_options(CLI::App* cmd, EstateArgs& args) {
  field_option<std::string>(cmd, args, "--provider", "provider",
                            "aws (default), azure (a subscription: give --account-id; a source: a tenant's subscriptions) or gcp (a project: give --account-id; a source: every project the credentials list)");
  list_option(cmd, args, "--regions", "regions", "Regions (Azure: locations) to scan (default: every region enabled for the account)");
  field_option<bool>(cmd, args, "--enabled", "enabled", "Whether `signet scan` scans it by default (true or false)");
  field_option<double>(cmd, args, "--max-requests-per-second", "maxRequestsPerSecond", "Politeness cap: AWS requests a second to the account");
  field_option<double>(cmd, args, "--max-service-requests-per-second", "maxServiceRequestsPerSecond",
                       "Politeness cap: AWS requests a second to any one service of the account");
}

void organization_options(CLI::App* cmd, EstateArgs& args) {
  access_options(cmd, args, "management");
  common_options(cmd, args);
  field_option<std::string>(cmd, args, "--member-role", "memberRoleName", "The role assumed in each member (default OrganizationAccountAccessRole)");
  field_option<std::string>(cmd, args, "--member-external-id", "memberExternalId", "The external id the member role asks for");
  for (const char* side : {"include", "exclude"})
    for (auto [what, help] : {std::pair{"ous", "OU (or root) ids: members under them, nested OUs included (Google Cloud: folders/N, organizations/N)"},
                              {"accounts", "12-digit member account ids (Azure: subscription ids; Google Cloud: project ids)"},
                              {"tags", "member account tags (Google Cloud: project labels), key=value (or key, any value)"}})
      list_option(cmd, args, std::string("--") + side + "-" + what, std::string(side) + "/" + what,
                  std::string(side == std::string("include") ? "Only " : "Not ") + help);
}

}  // namespace

void add_accounts_command(CLI::App& app, int& exit_code) {
  auto* accounts = app.add_subcommand("accounts", "The accounts Signet scans (AWS accounts, Azure subscriptions, Google Cloud projects): add, list, show, change, remove, test");
  accounts->require_subcommand(1);
  const char* what = "signet accounts";
  auto add = std::make_shared<EstateArgs>();
  auto* add_cmd = subcommand(accounts, "add", "Store an account", add, what, [](const EstateArgs& a) { return accounts_save(a, true); },
                             exit_code, true);
  access_options(add_cmd, *add, "access");
  common_options(add_cmd, *add);
  field_option<std::string>(add_cmd, *add, "--account-id", "accountId",
                            "The id it must be: AWS's 12 digits (default: learned at the first test or scan), Azure's subscription id, Google Cloud's project id");
  auto list = std::make_shared<EstateArgs>();
  subcommand(accounts, "list", "List the stored accounts", list, what, accounts_list, exit_code, false)->add_flag("--json", list->json_output);
  auto show = std::make_shared<EstateArgs>();
  subcommand(accounts, "show", "Show an account (or organization) as JSON", show, what, accounts_show, exit_code, true);
  auto change = std::make_shared<EstateArgs>();
  auto* change_cmd = subcommand(accounts, "change", "Change an account (flags left out keep their values)", change, what,
                                [](const EstateArgs& a) { return accounts_save(a, false); }, exit_code, true);
  access_options(change_cmd, *change, "access");
  common_options(change_cmd, *change);
  field_option<std::string>(change_cmd, *change, "--account-id", "accountId", "The 12-digit id it must be");
  field_option<std::string>(change_cmd, *change, "--name", "name", "A new name");
  auto remove = std::make_shared<EstateArgs>();
  subcommand(accounts, "remove", "Remove an account", remove, what, accounts_remove, exit_code, true);
  auto test = std::make_shared<EstateArgs>();
  auto* test_cmd = subcommand(accounts, "test",
                              "Who the account's credentials are, its enabled regions, and which of Signet's listing calls it refuses "
                              "(an organization: its management access and members)",
                              test, what, accounts_test, exit_code, true);
  test->cloud.add_to(*test_cmd, false);

  auto* organizations = app.add_subcommand("organizations", "AWS Organizations, Azure tenants and Google Cloud organizations as sources of accounts: add, list, show, change, remove, members");
  organizations->require_subcommand(1);
  const char* owhat = "signet organizations";
  auto oadd = std::make_shared<EstateArgs>();
  organization_options(subcommand(organizations, "add", "Store an organization: its management access and member role", oadd, owhat,
                                  [](const EstateArgs& a) { return organizations_save(a, true); }, exit_code, true),
                       *oadd);
  auto olist = std::make_shared<EstateArgs>();
  subcommand(organizations, "list", "List the stored organizations", olist, owhat, organizations_list, exit_code, false)
      ->add_flag("--json", olist->json_output);
  auto oshow = std::make_shared<EstateArgs>();
  subcommand(organizations, "show", "Show an organization as JSON", oshow, owhat, accounts_show, exit_code, true);
  auto ochange = std::make_shared<EstateArgs>();
  auto* ochange_cmd = subcommand(organizations, "change", "Change an organization (flags left out keep their values)", ochange, owhat,
                                 [](const EstateArgs& a) { return organizations_save(a, false); }, exit_code, true);
  organization_options(ochange_cmd, *ochange);
  field_option<std::string>(ochange_cmd, *ochange, "--name", "name", "A new name");
  auto oremove = std::make_shared<EstateArgs>();
  subcommand(organizations, "remove", "Remove an organization", oremove, owhat, organizations_remove, exit_code, true);
  auto members = std::make_shared<EstateArgs>();
  auto* members_cmd = subcommand(organizations, "members", "List the organization's member accounts and which are scanned", members, owhat,
                                 organizations_members, exit_code, true);
  members_cmd->add_flag("--json", members->json_output);
  members->cloud.add_to(*members_cmd, false);
}

}  // namespace signet::cli
