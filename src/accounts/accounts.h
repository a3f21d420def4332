#pragma once
// The estate Signet scans: stored accounts (how to reach each one, its regions, whether it
// is scanned) and organization sources (a management account whose member accounts are
// listed at every scan, filtered by OU, account id and tag). `signet scan --accounts` and
// the console pick from them; what a selection resolves to is a list of targets.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/invalid_fields.h"
#include "store/records.h"

namespace signet::accounts {

// How to reach an account: a named profile or the default credential chain, and
// optionally a role to assume from those credentials.
struct Access {
  std::string profile;           // "" = the default credential chain
  std::string role_arn;          // "" = the profile's (or default) credentials themselves
  std::string external_id;
  std::string session_name;      // "" = signet-<time>
  int duration_seconds = 0;      // 0 = STS's default (one hour)
};

struct Account {
  std::int64_t id = 0;
  std::string name;               // unique among accounts and organizations
  std::string provider = "aws";
  Access access;
  std::vector<std::string> regions;  // empty: every region enabled for the account
  bool enabled = true;
  double max_requests_per_second = 0;          // politeness caps (0: none; the rate control adapts)
  double max_service_requests_per_second = 0;
  std::string account_id;         // the id it must be: given, or as the cloud said at the first test or scan
};

// A management (or delegated administrator) account's access plus the role every member
// account is scanned through.
struct Organization {
  std::int64_t id = 0;
  std::string name;
  std::string provider = "aws";
  Access management;
  std::string member_role_name = "OrganizationAccountAccessRole";
  std::string member_external_id;
  std::vector<std::string> include_ous, exclude_ous;            // ou-... or r-... ids; nested OUs included
  std::vector<std::string> include_accounts, exclude_accounts;  // 12-digit account ids
  std::vector<std::string> include_tags, exclude_tags;          // key=value (or key: any value)
  std::vector<std::string> regions;  // for every member; empty: each member's enabled regions
  bool enabled = true;
  double max_requests_per_second = 0, max_service_requests_per_second = 0;  // per member account
};

// The provider a record's body names, else `otherwise` (the stored record's, or aws): AWS
// regions are checked against AWS's list, another provider's locations by the parse.
std::string provider_of(const nlohmann::json& body, const std::string& otherwise = "aws");

// From an API or CLI body (`base`: the stored one being changed); throws InvalidFields.
Account parse_account(const nlohmann::json& body, const Account* base = nullptr);
Organization parse_organization(const nlohmann::json& body, const Organization* base = nullptr);
nlohmann::json to_json(const Account& account);
nlohmann::json to_json(const Organization& organization);

class AccountRecords : public store::Records<Account> {
 public:
  explicit AccountRecords(store::Store& store);
  std::optional<Account> by_name(const std::string& name) const;
};

class OrganizationRecords : public store::Records<Organization> {
 public:
  explicit OrganizationRecords(store::Store& store);
  std::optional<Organization> by_name(const std::string& name) const;
};

// A member account as its organization lists it.
struct Member {
  std::string id, name, email, status;        // status ACTIVE, SUSPENDED, PENDING_CLOSURE
  std::vector<std::string> parents;           // root and OU ids from the root down (when asked for)
  std::vector<std::pair<std::string, std::string>> tags;  // (when asked for)
  bool management = false;  // the organization's management account: reached with the management access itself
};

// Which members of `organization` are scanned: active, and passing its filters. `skipped`
// gets a line for each member left out and why (suspended, excluded by OU, ...).
std::vector<Member> select_members(const Organization& organization, const std::vector<Member>& members,
                                   std::vector<std::string>* skipped = nullptr);
// Whether listing must fetch OU parents and tags for the organization's filters.
bool needs_parents(const Organization& organization);
bool needs_tags(const Organization& organization);

// One account a scan reaches.
struct Target {
  std::string key;           // what its scan history is kept under: the account's name, or a member's id
  std::string name;          // as shown: the account's name, or the member's name
  std::string account_id;    // expected id ("" = learned when scanned)
  std::string organization;  // the source's name, for a member
  std::string provider = "aws";
  Access access;             // for a member: the member role, assumed from the management access
  std::optional<Access> through;  // a member's management access (the source of its role)
  std::vector<std::string> regions;
  double max_requests_per_second = 0, max_service_requests_per_second = 0;
};

// What `--accounts` names: "all" (or empty: every enabled account and organization), else
// a comma list of account names, organization names (all their members), 12-digit account
// ids (a stored account or a member) and OU ids (members under that OU). Names that match
// nothing are refused by `check_selection` before anything is listed.
struct Selection {
  std::vector<std::string> items;  // empty = all
  static Selection parse(const std::string& text);
  bool all() const { return items.empty(); }
};

// Each item of `selection` that names no stored account or organization and is not an
// account or OU id: the field error for "accounts" (empty when all are known).
std::string check_selection(const Selection& selection, const std::vector<Account>& accounts,
                            const std::vector<Organization>& organizations);

// Lists an organization's members, with their parents and tags when asked (the caller
// reaches the cloud: AWS Organizations); throws std::runtime_error saying why it cannot.
using MemberLister = std::function<std::vector<Member>(const Organization& organization, bool parents, bool tags)>;

struct Resolved {
  std::vector<Target> targets;
  std::vector<std::string> skipped;  // members left out, and why
  // Sources that could not be listed: {organization name, cause}. The scan shows each as an Error.
  std::vector<std::pair<std::string, std::string>> failed_sources;
};

// A stored account as a target (the one to test, or a scan's).
Target target_of(const Account& account);

// Account and organization names share one space (`--accounts` reads either): throws
// InvalidFields when `name` is taken by a record other than account `account_id` or
// organization `organization_id` (-1: none).
void require_free_name(store::Store& store, const std::string& name, std::int64_t account_id, std::int64_t organization_id);

// The targets a selection names. Stored accounts first, then members by organization;
// an account reached twice (stored and as a member) is scanned once, as the stored one.
Resolved resolve(const Selection& selection, const std::vector<Account>& accounts,
                 const std::vector<Organization>& organizations, const MemberLister& list_members);

}  // namespace signet::accounts
