#pragma once
// Inside the mutelist module only: what mutelist.cpp and prowler.cpp share.
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "mutelist/mutelist.h"

namespace signet::mutelist::detail {

// A value as messages show it: valid UTF-8 (messages become JSON), no control characters,
// at most 80 bytes; shown() also quotes it.
std::string printable(std::string_view value);
std::string shown(std::string_view value);

// Prowler's mutelist: the value under its top-level `top_key` ("Mutelist"), as read from YAML
// (ordered JSON, every scalar as text). Adds rules, notes and errors to `out`.
void import_prowler(const nlohmann::ordered_json& mutelist, const std::string& top_key, const ProwlerChecks& prowler_checks,
                    const std::string& author, Imported& out);

}  // namespace signet::mutelist::detail
