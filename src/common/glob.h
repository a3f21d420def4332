#pragma once
// Glob patterns as mutelist rules and the emulator's throttling rules write them: `*` any
// run of characters (also none), `?` one character (a whole UTF-8 sequence), everything
// else itself; the pattern matches the whole text.
#include <string_view>

#include "common/utf8.h"

namespace signet {

// Iterative, remembering only the last `*`: a hostile pattern costs at most pattern x text
// steps and no recursion.
inline bool glob_match(std::string_view pattern, std::string_view text) {
  auto character_length = [&](std::size_t i) {
    std::size_t n = utf8_sequence(text, i);
    return n ? n : std::size_t{1};
  };
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && pattern[p] == '?') {
      ++p;
      t += character_length(t);
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      resume += character_length(resume);
      t = resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace signet
