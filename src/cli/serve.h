#pragma once
// Serving the web console until SIGINT/SIGTERM: shared by `signet serve` and `signet demo --serve`.
#include "server/server.h"
#include "store/store.h"

namespace signet::cli {

// Splits "ADDR:PORT" (or ":PORT", "PORT"); throws std::invalid_argument when malformed.
void parse_listen(const std::string& listen, server::ServerOptions& options);
// Binds, prints where the console is (and the setup token while no user exists), serves
// until a signal, then stops cleanly. Returns the exit code.
int serve_until_signal(store::Store& store, server::ServerOptions options);

}  // namespace signet::cli
