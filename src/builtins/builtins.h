#pragma once
// Signet's own signatures (signatures/aws/, YAML + JS like a user's), embedded, and put in
// the store so that every scan runs them.
#include <vector>

#include "signature/files.h"
#include "store/store.h"

namespace signet::builtins {

std::vector<signature::SignatureFile> signatures();  // parsed and validated
// Adds missing built-ins and refreshes stored ones (keeping whether the user disabled them).
void install(store::Store& store);

}  // namespace signet::builtins
