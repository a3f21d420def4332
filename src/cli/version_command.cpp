#include <iostream>

#include "aws/models/models.h"
#include "cli/commands.h"

namespace signet::cli {

void add_version_command(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("version", "Print Signet's version and what it was built with");
  cmd->callback([&exit_code] {
    std::cout << "signet " << SIGNET_VERSION << "\n"
              << "JavaScript sandbox: SpiderMonkey " << SIGNET_MOZJS_VERSION << "\n";
    auto models = aws::Models::embedded();
    std::cout << "AWS models: botocore " << models->botocore_version() << ", " << models->service_count() << " services\n";
    exit_code = 0;
  });
}

}  // namespace signet::cli
