#pragma once
// How deeply JSON text nests. nlohmann's parser is iterative, but copying, comparing and
// dumping a value recurse: a document of a few hundred KB of "[" parses, then overflows the
// stack where it is next copied. Inputs from outside are refused past a depth instead.
#include <algorithm>
#include <string_view>

namespace signet {

// The deepest nesting of arrays and objects in `text`, counted outside strings (for text
// that is not JSON the number means nothing; parsing refuses it anyway).
inline int json_nesting(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

}  // namespace signet
