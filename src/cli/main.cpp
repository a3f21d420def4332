#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "sandbox/sandbox.h"

int main(int argc, char** argv) {
  signet::sandbox::run_worker_if_requested(argc, argv);  // sandbox workers are this binary

  CLI::App app{"Signet: a self-hosted cloud security posture engine with signatures written in JavaScript"};
  app.require_subcommand(1);
  int exit_code = 0;
  signet::cli::add_demo_command(app, exit_code);
  signet::cli::add_test_command(app, exit_code);
  signet::cli::add_call_command(app, exit_code);
  signet::cli::add_inventory_command(app, exit_code);
  signet::cli::add_signatures_command(app, exit_code);
  signet::cli::add_compliance_command(app, exit_code);
  signet::cli::add_scan_command(app, exit_code);
  signet::cli::add_serve_command(app, exit_code);
  signet::cli::add_users_command(app, exit_code);
  signet::cli::add_channels_command(app, exit_code);
  signet::cli::add_schedules_command(app, exit_code);
  signet::cli::add_mutelist_command(app, exit_code);
  signet::cli::add_accounts_command(app, exit_code);
  signet::cli::add_permissions_command(app, exit_code);
  signet::cli::add_worker_command(app, exit_code);
  signet::cli::add_version_command(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
