// `signet users add|list|remove|token`: the web console's accounts, from the terminal.
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"
#include "cli/table.h"
#include "server/auth.h"
#include "store/store.h"

namespace signet::cli {

namespace {

struct UsersArgs {
  std::string db, name, role = "viewer", token_name;
  bool password_stdin = false;
};

std::unique_ptr<store::Store> open(const UsersArgs& a) { return store::open(a.db.empty() ? store::default_path() : a.db); }

// The password from standard input (one line), or typed at a terminal without echo.
std::string read_password(const UsersArgs& a) {
  std::string password;
  if (a.password_stdin || !isatty(STDIN_FILENO)) {
    std::getline(std::cin, password);
    return password;
  }
  char* typed = getpass("Password: ");
  return typed ? typed : "";
}

int add(const UsersArgs& a) {
  if (auto p = server::user_name_problem(a.name); !p.empty()) throw std::invalid_argument("user name " + p);
  if (!server::parse_role(a.role)) throw std::invalid_argument("--role must be admin, editor or viewer");
  std::string password = read_password(a);
  if (auto p = server::password_problem(password); !p.empty()) throw std::invalid_argument("password " + p);
  open(a)->add_user({a.name, a.role, server::hash_password(password), ""});
  std::cout << "Added " << a.name << " (" << a.role << ")\n";
  return 0;
}

int list(const UsersArgs& a) {
  Table table({"NAME", "ROLE", "CREATED"});
  for (const auto& u : open(a)->users()) table.add({u.name, u.role, u.created_at});
  std::cout << table.render();
  return 0;
}

int remove(const UsersArgs& a) {
  if (!open(a)->remove_user(a.name)) throw std::invalid_argument("no user " + a.name);
  std::cout << "Removed " << a.name << "\n";
  return 0;
}

int token(const UsersArgs& a) {
  auto store = open(a);
  if (!store->user(a.name)) throw std::invalid_argument("no user " + a.name);
  std::string token = server::issue_api_token(*store, a.name, a.token_name).token;
  std::cerr << "API token '" << a.token_name << "' for " << a.name << " (shown once; send it as 'Authorization: Bearer TOKEN'):\n";
  std::cout << token << "\n";
  return 0;
}

}  // namespace

void add_users_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<UsersArgs>();
  auto* cmd = app.add_subcommand("users", "Manage the web console's users and API tokens");
  cmd->require_subcommand(1);
  cmd->add_option("--db", args->db, "The database (default $SIGNET_DB, else ~/.signet/signet.db)");
  auto wrap = [args, &exit_code](int (*fn)(const UsersArgs&)) {
    return [args, &exit_code, fn] {
      try {
        exit_code = fn(*args);
      } catch (const std::exception& e) {
        std::cerr << "signet users: " << e.what() << "\n";
        exit_code = 2;
      }
    };
  };
  auto* add_cmd = cmd->add_subcommand("add", "Add a user (password from standard input, or typed)");
  add_cmd->add_option("name", args->name, "User name")->required();
  add_cmd->add_option("--role", args->role, "admin, editor or viewer (default viewer)");
  add_cmd->add_flag("--password-stdin", args->password_stdin, "Read the password from standard input");
  add_cmd->callback(wrap(add));
  cmd->add_subcommand("list", "List users")->callback(wrap(list));
  auto* remove_cmd = cmd->add_subcommand("remove", "Remove a user and their API tokens");
  remove_cmd->add_option("name", args->name, "User name")->required();
  remove_cmd->callback(wrap(remove));
  auto* token_cmd = cmd->add_subcommand("token", "Create an API token for a user (for the CLI and CI)");
  token_cmd->add_option("name", args->name, "User name")->required();
  token_cmd->add_option("--name", args->token_name, "What the token is for")->required();
  token_cmd->callback(wrap(token));
}

}  // namespace signet::cli
