// `signet mutelist add|list|remove|import|export`: the rules that turn matching Fail results
// into Muted (mutelist/), from the terminal, with the same checks as the API.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/table.h"
#include "common/files.h"
#include "mutelist/mutelist.h"
#include "store/store.h"


namespace signet::cli {

namespace {

struct MutelistArgs {
  std::string db;
  mutelist::Rule rule;  // add: filled by the flags, tags aside
  std::vector<std::string> tags, except_tags;  // KEY=VALUE
  std::string output = "table";
  std::int64_t id = 0;
  std::string file, out;
  bool replace = false, dry_run = false;
};

std::unique_ptr<store::Store> open(const MutelistArgs& a) { return store::open(a.db.empty() ? store::default_path() : a.db); }

std::string user_name() {
  const char* user = std::getenv("USER");
  return user ? user : "";
}

// The flag each field comes from, so that a refusal names what was typed.
std::string flag_of(const std::string& field) {
  static const std::vector<std::pair<std::string, std::string>> flags = {
      {"match.accounts", "--account"},
      {"match.regions", "--region"},
      {"match.signatures", "--signature"},
      {"match.resources", "--resource"},
      {"match.tags", "--tag"},
      {"match", "--account, --region, --signature, --resource or --tag"},
      {"except.accounts", "--except-account"},
      {"except.regions", "--except-region"},
      {"except.resources", "--except-resource"},
      {"except.tags", "--except-tag"},
      {"reason", "--reason"},
      {"author", "--author"},
      {"expires", "--expires"},
  };
  for (const auto& [prefix, flag] : flags)
    if (field.rfind(prefix, 0) == 0) return flag;
  return "";
}

void print_errors(const std::string& what, const std::vector<mutelist::FieldError>& errors, bool with_flags) {
  std::cerr << "signet mutelist: " << what << ":\n";
  for (const auto& e : errors) {
    std::string flag = with_flags ? flag_of(e.field) : "";
    std::cerr << "  " << e.field << (flag.empty() ? "" : " (" + flag + ")") << ": " << e.message << "\n";
  }
}

// --tag KEY=VALUE into `tags`; a value without '=' is an error for `field`.
void read_tags(const std::vector<std::string>& given, const std::string& field, std::map<std::string, std::string>& tags,
               std::vector<mutelist::FieldError>& errors) {
  for (const auto& tag : given) {
    auto equals = tag.find('=');
    if (equals == std::string::npos) errors.push_back({field, "'" + tag + "' is not KEY=VALUE-PATTERN (env=dev*, owner=*)"});
    else tags[tag.substr(0, equals)] = tag.substr(equals + 1);
  }
}

int add(const MutelistArgs& a) {
  mutelist::Rule rule = a.rule;
  std::vector<mutelist::FieldError> errors;
  read_tags(a.tags, "match.tags", rule.match.tags, errors);
  read_tags(a.except_tags, "except.tags", rule.except.tags, errors);
  for (auto& e : mutelist::validate(rule)) errors.push_back(std::move(e));
  if (!errors.empty()) {
    print_errors("the rule is not valid", errors, true);
    return 2;
  }
  auto id = mutelist::MuteRules(*open(a)).add(rule);
  std::cout << "Added mute rule " << id << "\n";
  return 0;
}

int list(const MutelistArgs& a) {
  auto rules = mutelist::MuteRules(*open(a)).all();
  auto now = std::chrono::system_clock::now();
  if (a.output == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rules) {
      out.push_back(mutelist::to_json(r));
      out.back()["state"] = mutelist::state(r, now);
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  if (a.output != "table") throw std::invalid_argument("--output must be table or json");
  Table table({"ID", "MATCHES", "EXCEPT", "REASON", "AUTHOR", "EXPIRES", "STATE", "LAST MATCHED"});
  for (const auto& r : rules) {
    std::string reason = r.reason;
    std::replace(reason.begin(), reason.end(), '\n', ' ');
    table.add({std::to_string(r.id), mutelist::describe(r.match), mutelist::describe(r.except), reason, r.author.empty() ? "-" : r.author,
               r.expires.empty() ? "never" : r.expires, mutelist::state(r, now), r.last_matched_at.empty() ? "never" : r.last_matched_at});
  }
  std::cout << table.render();
  return 0;
}

int remove(const MutelistArgs& a) {
  if (!mutelist::MuteRules(*open(a)).remove(a.id)) throw std::invalid_argument("no mute rule " + std::to_string(a.id));
  std::cout << "Removed mute rule " << a.id << "\n";
  return 0;
}

int export_rules(const MutelistArgs& a) {
  auto rules = mutelist::MuteRules(*open(a)).all();
  std::string yaml = mutelist::to_yaml(rules);
  if (a.out.empty()) {
    std::cout << yaml;
    return 0;
  }
  std::ofstream file(a.out, std::ios::binary);
  if (!(file << yaml) || !file.flush()) throw std::runtime_error("cannot write " + a.out);
  std::cout << "Exported " << rules.size() << " mute rule(s) to " << a.out << "\n";
  return 0;
}

// The file's text, or a bit more than the importer accepts (it then says the file is too large).
int import_rules(const MutelistArgs& a) {
  auto imported = mutelist::from_yaml(read_file(a.file, 4 << 20), mutelist::builtin_prowler_checks(), user_name());
  for (const auto& note : imported.notes) std::cout << "note: " << note << "\n";
  if (!imported.errors.empty()) {
    print_errors(a.file + " is not imported", imported.errors, false);
    return 2;
  }
  auto store = open(a);
  mutelist::MuteRules rules(*store);
  auto stored = rules.all();
  std::string replacing = a.replace ? ", replacing the " + std::to_string(stored.size()) + " stored" : "";
  if (a.dry_run) {
    std::cout << "Would import " << imported.rules.size() << " mute rule(s) from " << a.file << replacing << " (dry run: nothing saved)\n";
    return 0;
  }
  if (a.replace)
    for (const auto& r : stored) rules.remove(r.id);
  for (const auto& r : imported.rules) rules.add(r);
  std::cout << "Imported " << imported.rules.size() << " mute rule(s) from " << a.file << replacing << "\n";
  return 0;
}

// Repeatable, one value each time: --account A --account B.
void patterns(CLI::App* cmd, const std::string& flag, std::vector<std::string>& into, const std::string& help) {
  cmd->add_option(flag, into, help)->allow_extra_args(false);
}

}  // namespace

void add_mutelist_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<MutelistArgs>();
  auto* cmd = app.add_subcommand("mutelist", "Mute rules: accepted Fail results, kept as Muted and never counted as risks");
  cmd->require_subcommand(1);
  cmd->add_option("--db", args->db, "The database (default $SIGNET_DB, else ~/.signet/signet.db)");
  auto wrap = [args, &exit_code](int (*fn)(const MutelistArgs&)) {
    return [args, &exit_code, fn] {
      try {
        exit_code = fn(*args);
      } catch (const std::exception& e) {
        std::cerr << "signet mutelist: " << e.what() << "\n";
        exit_code = 2;
      }
    };
  };

  auto* add_cmd = cmd->add_subcommand("add", "Add a rule; patterns are globs (* any text, ? one character), each flag repeatable");
  auto& rule = args->rule;
  add_cmd->add_option("--reason", rule.reason, "Why these results are accepted (required)");
  patterns(add_cmd, "--account", rule.match.accounts, "Account id or name");
  patterns(add_cmd, "--region", rule.match.regions, "Region");
  patterns(add_cmd, "--signature", rule.match.signatures, "Signature id (\"*\": every signature)");
  patterns(add_cmd, "--resource", rule.match.resources, "Resource id, name or ARN");
  patterns(add_cmd, "--tag", args->tags, "KEY=VALUE-PATTERN: the resource has the tag");
  patterns(add_cmd, "--except-account", rule.except.accounts, "Not muted when these all match: account");
  patterns(add_cmd, "--except-region", rule.except.regions, "... region");
  patterns(add_cmd, "--except-resource", rule.except.resources, "... resource");
  patterns(add_cmd, "--except-tag", args->except_tags, "... tag KEY=VALUE-PATTERN");
  add_cmd->add_option("--expires", rule.expires, "YYYY-MM-DD: the rule mutes through that day (UTC), then stops");
  rule.author = user_name();
  add_cmd->add_option("--author", rule.author, "Who accepts the risk (default $USER)");
  add_cmd->callback(wrap(add));

  auto* list_cmd = cmd->add_subcommand("list", "List the rules: what each matches, why, and whether it is active, expired or stale");
  list_cmd->add_option("--output", args->output, "table (default) or json");
  list_cmd->callback(wrap(list));

  auto* remove_cmd = cmd->add_subcommand("remove", "Remove a rule");
  remove_cmd->add_option("id", args->id, "Rule id")->required();
  remove_cmd->callback(wrap(remove));

  auto* export_cmd = cmd->add_subcommand("export", "Write the rules as Signet's mutelist YAML");
  export_cmd->add_option("--out", args->out, "The file (default standard output)");
  export_cmd->callback(wrap(export_rules));

  auto* import_cmd = cmd->add_subcommand("import", "Add the rules of a Signet or Prowler mutelist YAML file; all or nothing");
  import_cmd->add_option("file", args->file, "The YAML file")->required();
  import_cmd->add_flag("--replace", args->replace, "Remove the stored rules first");
  import_cmd->add_flag("--dry-run", args->dry_run, "Say what would be imported; save nothing");
  import_cmd->callback(wrap(import_rules));
}

}  // namespace signet::cli
