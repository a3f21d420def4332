#pragma once
// Each subcommand registers itself on the app; its callback sets the exit code.
#include <CLI/CLI.hpp>

namespace signet::cli {

void add_test_command(CLI::App& app, int& exit_code);
void add_version_command(CLI::App& app, int& exit_code);
void add_call_command(CLI::App& app, int& exit_code);
void add_inventory_command(CLI::App& app, int& exit_code);
void add_signatures_command(CLI::App& app, int& exit_code);
void add_compliance_command(CLI::App& app, int& exit_code);
void add_scan_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_users_command(CLI::App& app, int& exit_code);
void add_channels_command(CLI::App& app, int& exit_code);
void add_schedules_command(CLI::App& app, int& exit_code);
void add_mutelist_command(CLI::App& app, int& exit_code);
void add_accounts_command(CLI::App& app, int& exit_code);  // and organizations
void add_permissions_command(CLI::App& app, int& exit_code);
void add_worker_command(CLI::App& app, int& exit_code);

}  // namespace signet::cli
