// `signet inventory`: the resources Signet finds in the account, by service and region.
#include <iostream>
#include <map>
#include <sstream>

#include "cli/provider_options.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "common/names.h"
#include "inventory/inventory.h"

namespace signet::cli {

namespace {

struct InventoryArgs {
  std::vector<std::string> services, regions;
  bool json_output = false;
  ProviderOptions cloud;
};

int run(const InventoryArgs& args) {
  try {
    // Only the catalog's services: they are what the inventory lists.
    require_known(args.cloud.check_names(args.services, args.regions, true));
  } catch (const std::exception& e) {
    std::cerr << "signet inventory: " << e.what() << "\n";
    return 2;
  }
  io::EventLoop loop;
  std::unique_ptr<provider::Scope> scope;
  std::optional<inventory::Inventory> found;
  try {
    scope = args.cloud.make_scope(loop);
    inventory::InventoryOptions options;
    options.regions = args.regions;
    options.services.insert(args.services.begin(), args.services.end());
    auto session = scope->open_session();
    session->discover(options, [&](inventory::Inventory i) { found = std::move(i); });
  } catch (const std::exception& e) {
    std::cerr << "signet inventory: " << e.what() << "\n";
    return 2;
  }
  loop.run_until([&] { return found.has_value(); });
  if (args.json_output) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : found->problems) problems.push_back({{"service", p.service}, {"type", p.type}, {"region", p.region}, {"message", p.message}});
    std::cout << nlohmann::json{{"accountId", found->account_id}, {"regions", found->regions}, {"resources", found->resources},
                                {"problems", problems}}
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    Table table({"SERVICE", "TYPE", "REGION", "VPC", "NAME", "ID"});
    std::map<std::string, int> per_type;
    for (const auto& r : found->resources) {
      table.add({r["service"], r["type"], r["region"], r["vpc"].is_string() ? r["vpc"].get<std::string>() : "-", r["name"], r["id"]});
      per_type[r["service"].get<std::string>() + " " + r["type"].get<std::string>()]++;
    }
    std::cout << table.render(80);
    std::cout << "\n" << found->resources.size() << " resources in account " << found->account_id << ", " << found->regions.size()
              << " region(s), " << per_type.size() << " resource types\n";
    for (const auto& p : found->problems)
      std::cerr << "could not list " << p.service << " " << p.type << " in " << p.region << ": " << p.message << "\n";
  }
  return 0;
}

}  // namespace

void add_inventory_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<InventoryArgs>();
  auto* cmd = app.add_subcommand("inventory", "List the account's resources that signatures run on");
  cmd->add_option("--services", args->services, "Only these services (IAM,EC2,...)")->delimiter(',');
  cmd->add_option("--regions", args->regions, "Only these regions (Azure: locations; default: every region enabled for the account)")->delimiter(',');
  cmd->add_flag("--json", args->json_output, "Print the resources as JSON, in the shape signatures receive");
  args->cloud.add_to(*cmd);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace signet::cli
