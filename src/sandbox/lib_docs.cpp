#include "sandbox/sandbox.h"

// lib/extract_docs.py's output, embedded at build time.
extern "C" const char signet_lib_docs_json[];

namespace signet::sandbox {

const char* lib_documentation() { return signet_lib_docs_json; }

}  // namespace signet::sandbox
