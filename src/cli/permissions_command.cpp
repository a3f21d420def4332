// `signet permissions`: the least-privilege IAM policy for the scanner (or the member-role
// template carrying it), from the signatures in the store and the last scan's calls.
#include <iostream>

#include "builtins/builtins.h"
#include "cli/commands.h"
#include "common/names.h"
#include "aws/permissions/permissions.h"
#include "store/store.h"

namespace signet::cli {

namespace {

struct PermissionsArgs {
  std::vector<std::string> signatures;
  std::string format = "json", db, scanner_principal, external_id;
  bool why = false;
};

// IAM's limit on a role's inline policies, counted without whitespace.
constexpr std::size_t kInlinePolicyLimit = 10240;

int run(const PermissionsArgs& args) {
  if (args.format != "json" && args.format != "cloudformation") {
    std::cerr << "signet permissions: --format takes json or cloudformation, not '" << args.format << "'\n";
    return 2;
  }
  if (args.format != "cloudformation" && (!args.scanner_principal.empty() || !args.external_id.empty())) {
    std::cerr << "signet permissions: --scanner-principal and --external-id go with --format cloudformation\n";
    return 2;
  }
  auto store = store::open(args.db.empty() ? store::default_path() : args.db);
  builtins::install(*store);  // as signet scan does: the built-ins are always there
  require_known({check_signature_ids(args.signatures, *store)});
  auto needed = permissions::needed(*store, *aws::Models::embedded(), {args.signatures.begin(), args.signatures.end()});
  for (const auto& note : needed.notes) std::cerr << "signet permissions: note: " << note << "\n";
  if (args.why) {
    std::cout << permissions::explain(needed);
    return 0;
  }
  if (std::size_t size = permissions::iam_policy(needed).dump().size(); size > kInlinePolicyLimit)
    std::cerr << "signet permissions: note: the policy has " << size << " characters, more than IAM's " << kInlinePolicyLimit
              << " for a role's inline policies; scan with fewer signatures per role\n";
  if (args.format == "json") {
    std::cout << permissions::iam_policy(needed).dump(2) << "\n";
    return 0;
  }
  try {
    std::cout << permissions::cloudformation(needed, {args.scanner_principal, args.external_id});
  } catch (const std::invalid_argument& e) {
    std::cerr << "signet permissions: " << e.what() << "\n";
    return 2;
  }
  return 0;
}

}  // namespace

void add_permissions_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<PermissionsArgs>();
  auto* cmd = app.add_subcommand("permissions", "Print the least-privilege IAM policy the scanner needs (or a role template with it)");
  cmd->add_option("--signatures", args->signatures, "Only these signatures' needs (default: every enabled one)")->delimiter(',');
  cmd->add_option("--format", args->format, "json (the policy) or cloudformation (a member-role template with it)");
  cmd->add_option("--db", args->db, "The signature database (default: $SIGNET_DB or ~/.signet/signet.db)");
  cmd->add_option("--scanner-principal", args->scanner_principal, "The template's default for the principal that assumes the role (an IAM ARN)");
  cmd->add_option("--external-id", args->external_id, "The template's default for the external id the role requires");
  cmd->add_flag("--why", args->why, "List each action with what needs it, instead of the policy");
  cmd->callback([args, &exit_code] {
    try {
      exit_code = run(*args);
    } catch (const std::exception& e) {  // unknown signature ids (InvalidFields), an unreadable store
      std::cerr << "signet permissions: " << e.what() << "\n";
      exit_code = 2;
    }
  });
}

}  // namespace signet::cli
