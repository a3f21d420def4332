#pragma once
// Serving the web console until SIGINT/SIGTERM: shared by `signet serve` and `signet demo --serve`.
#include <functional>

#include "server/server.h"
#include "store/store.h"

namespace signet::cli {

// Splits "ADDR:PORT" (or ":PORT", "PORT"); throws std::invalid_argument when malformed.
void parse_listen(const std::string& listen, server::ServerOptions& options);
// Binds, prints where the console is (and the setup token while no user exists), serves
// until a signal, then stops cleanly. Returns the exit code.
// `on_listening` gets the console's URL once it is known (port 0 picks one).
int serve_until_signal(store::Store& store, server::ServerOptions options,
                       const std::function<void(const std::string& url)>& on_listening = {});

}  // namespace signet::cli
