#include <iostream>

#include "cli/commands.h"

namespace signet::cli {

void add_version_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print Signet's version and what it was built with");
  cmd->callback([&exit_code] {
    std::cout << "signet " << SIGNET_VERSION << "\n"
              << "JavaScript sandbox: SpiderMonkey " << SIGNET_MOZJS_VERSION << "\n";
    exit_code = 0;
  });
}

}  // namespace signet::cli
