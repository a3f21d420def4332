// `signet signatures list|show|add|import|export|enable|disable|delete`.
#include <iostream>

#include "builtins/builtins.h"
#include "cli/commands.h"
#include "cli/table.h"
#include "provider/providers.h"
#include "signature/files.h"
#include "store/store.h"

namespace signet::cli {

namespace {

struct SignaturesArgs {
  std::string db;
  std::string id, folder, meta, code;
  bool json_output = false;
};

using provider::catalog_errors;
using provider::known_service;

std::unique_ptr<store::Store> open(const SignaturesArgs& args) {
  auto store = store::open(args.db.empty() ? store::default_path() : args.db);
  builtins::install(*store);  // Signet's own signatures are always there
  return store;
}

int fail(const std::string& message, int code = 2) {
  std::cerr << "signet signatures: " << message << "\n";
  return code;
}

int list(const SignaturesArgs& args) {
  auto all = open(args)->signatures();
  if (args.json_output) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : all) {
      auto j = signature::to_json_object(s.metadata);
      j["builtin"] = s.builtin;
      out.push_back(j);
    }
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  Table table({"ID", "SERVICE", "LEVEL", "ENABLED", "DESCRIPTION"});
  for (const auto& s : all)
    table.add({s.metadata.id, s.metadata.service, s.metadata.risk_level, s.metadata.enabled ? "yes" : "no", s.metadata.description});
  std::cout << table.render(90) << "\n" << all.size() << " signature" << (all.size() == 1 ? "" : "s") << "\n";
  return 0;
}

int show(const SignaturesArgs& args) {
  auto s = open(args)->signature(args.id);
  if (!s) return fail("no signature " + args.id, 1);
  std::cout << "# " << s->metadata.id << (s->builtin ? " (built-in)" : "") << "\n" << signature::to_yaml(s->metadata) << "---\n" << s->code;
  if (!s->code.empty() && s->code.back() != '\n') std::cout << "\n";
  return 0;
}

int save(const SignaturesArgs& args, std::vector<signature::SignatureFile> files, bool replace) {
  bool bad = false;
  for (auto& f : files) {
    auto extra = catalog_errors(f.metadata);
    f.errors.insert(f.errors.end(), extra.begin(), extra.end());
    if (f.errors.empty()) continue;
    bad = true;
    std::cerr << f.name << ":\n";
    for (const auto& e : f.errors) std::cerr << "  " << e.field << ": " << e.message << "\n";
  }
  if (bad) return fail("nothing was saved: fix the fields above");
  if (files.empty()) return fail("no NAME.yaml + NAME.js pairs found");
  std::vector<store::StoredSignature> batch;
  for (auto& f : files) batch.push_back({f.metadata, f.code, false, ""});
  try {
    auto store = open(args);
    auto ids = replace ? store->import_signatures(std::move(batch)) : store->add_signatures(std::move(batch));
    for (std::size_t i = 0; i < ids.size(); ++i) std::cout << "saved " << ids[i] << " (" << files[i].name << ")\n";
  } catch (const store::StoreError& e) {
    return fail(std::string(e.what()) + "; nothing was saved");
  }
  return 0;
}

int export_all(const SignaturesArgs& args) {
  auto all = open(args)->signatures();
  int n = 0;
  for (const auto& s : all) {
    if (!args.id.empty() && s.metadata.id != args.id) continue;
    signature::write_pair(args.folder, s.metadata, s.code);
    ++n;
  }
  std::cout << "exported " << n << " signature(s) to " << args.folder << "\n";
  return n == 0 && !args.id.empty() ? 1 : 0;
}

}  // namespace

void add_signatures_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<SignaturesArgs>();
  auto* cmd = app.add_subcommand("signatures", "Keep signatures: list, show, add, import, export, enable, disable, delete");
  cmd->require_subcommand(1);
  cmd->add_option("--db", args->db, "The signature database (default: $SIGNET_DB or ~/.signet/signet.db)");
  auto wrap = [args, &exit_code](auto fn) {
    return [args, &exit_code, fn] {
      try {
        exit_code = fn(*args);
      } catch (const std::exception& e) {
        exit_code = fail(e.what());
      }
    };
  };
  auto* list_cmd = cmd->add_subcommand("list", "List the signatures");
  list_cmd->add_flag("--json", args->json_output, "As JSON");
  list_cmd->callback(wrap(list));
  auto* show_cmd = cmd->add_subcommand("show", "Show one signature's metadata and code");
  show_cmd->add_option("id", args->id)->required();
  show_cmd->callback(wrap(show));
  auto* add_cmd = cmd->add_subcommand("add", "Add a signature from NAME.yaml and NAME.js");
  add_cmd->add_option("meta", args->meta, "NAME.yaml")->required();
  add_cmd->add_option("code", args->code, "NAME.js (default: beside the .yaml)");
  add_cmd->callback(wrap([](const SignaturesArgs& a) {
    std::string js = a.code;
    if (js.empty()) js = a.meta.substr(0, a.meta.find_last_of('.')) + ".js";
    return save(a, {signature::read_pair(a.meta, js, known_service())}, false);
  }));
  auto* import_cmd = cmd->add_subcommand("import", "Import every NAME.yaml + NAME.js of a folder, all or nothing; stored ids are replaced");
  import_cmd->add_option("folder", args->folder)->required();
  import_cmd->callback(wrap([](const SignaturesArgs& a) { return save(a, signature::read_folder(a.folder, known_service()), true); }));
  auto* export_cmd = cmd->add_subcommand("export", "Write signatures to a folder as NAME.yaml + NAME.js");
  export_cmd->add_option("folder", args->folder)->required();
  export_cmd->add_option("--id", args->id, "Only this signature");
  export_cmd->callback(wrap(export_all));
  for (auto [name, enabled] : {std::pair{"enable", true}, std::pair{"disable", false}}) {
    auto* sub = cmd->add_subcommand(name, enabled ? "Scan this signature again" : "Keep it, but do not scan it");
    sub->add_option("id", args->id)->required();
    sub->callback(wrap([enabled = enabled](const SignaturesArgs& a) {
      if (!open(a)->set_enabled(a.id, enabled)) return fail("no signature " + a.id, 1);
      std::cout << a.id << (enabled ? " enabled\n" : " disabled\n");
      return 0;
    }));
  }
  auto* delete_cmd = cmd->add_subcommand("delete", "Delete a signature");
  delete_cmd->add_option("id", args->id)->required();
  delete_cmd->callback(wrap([](const SignaturesArgs& a) {
    if (!open(a)->remove_signature(a.id)) return fail("no signature " + a.id, 1);
    std::cout << a.id << " deleted\n";
    return 0;
  }));
}

}  // namespace signet::cli
