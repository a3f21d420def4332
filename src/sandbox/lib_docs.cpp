#include "sandbox/sandbox.h"

// lib/build_lib.py's documentation of lib, embedded at build time.
extern "C" const char signet_lib_docs_json[];

namespace signet::sandbox {

const char* lib_documentation() { return signet_lib_docs_json; }

}  // namespace signet::sandbox
