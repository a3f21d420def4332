#pragma once
// Names a user gives in a list (signature ids, services, regions) checked against the ones
// known, so that a value matching nothing is refused up front instead of selecting nothing.
// The kinds themselves are checked next to what knows them: each provider's services and
// regions (provider/provider.h), check_signature_ids (here: any store with signature(id) and
// signatures()). The CLI prints the message and exits 2; the
// API answers 422 with the message under the field.
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/invalid_fields.h"
#include "common/strings.h"

namespace signet {

struct NameCheck {
  std::string field;                 // "signatures", "services", "regions"
  std::vector<std::string> unknown;  // every value that matched nothing, in the order given
  std::string message;               // "unknown service(s): EC3 (did you mean EC2?); known: ..."
  bool ok() const { return unknown.empty(); }
};

// Edit distance, case-insensitively (how close a typo is to a name).
inline std::size_t name_distance(std::string_view a, std::string_view b) {
  std::string x = to_lower(a), y = to_lower(b);
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

// The candidate closest to `value` if it is close enough to be a typo of it, else "".
// Earlier candidates win ties.
inline std::string closest_name(const std::string& value, const std::vector<std::string>& candidates) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, value.size() / 3) + 1;
  for (const auto& c : candidates) {
    std::size_t d = name_distance(value, c);
    if (d < best_distance) best_distance = d, best = c;
  }
  return best;
}

// `values` checked with `knows`: every unknown one is named (once), with the closest of
// `candidates` when one is close, then `known` ("known: ...", may be empty).
inline NameCheck check_names(std::string field, const std::string& kind, const std::vector<std::string>& values,
                             const std::function<bool(const std::string&)>& knows, const std::vector<std::string>& candidates,
                             const std::string& known = "") {
  NameCheck check{std::move(field), {}, ""};
  for (const auto& v : values)
    if (!knows(v) && std::find(check.unknown.begin(), check.unknown.end(), v) == check.unknown.end()) check.unknown.push_back(v);
  if (check.unknown.empty()) return check;
  check.message = "unknown " + kind + "(s): ";
  for (std::size_t i = 0; i < check.unknown.size(); ++i) {
    const std::string& v = check.unknown[i];
    check.message += (i ? ", " : "") + (v.empty() ? std::string("''") : v);
    if (auto close = closest_name(v, candidates); !close.empty() && !v.empty()) check.message += " (did you mean " + close + "?)";
  }
  if (!known.empty()) check.message += "; known: " + known;
  return check;
}

// Throws InvalidFields naming each field with unknown values (the message says them all).
inline void require_known(const std::vector<NameCheck>& checks) {
  nlohmann::json fields = nlohmann::json::object();
  std::string message;
  for (const auto& c : checks)
    if (!c.ok()) {
      fields[c.field] = c.message;
      message += (message.empty() ? "" : "; ") + c.message;
    }
  if (!fields.empty()) throw InvalidFields(message, fields);
}

// The list a request body gives under `field` ([] when absent, or not a list of text: the
// body's parser says so), for checking only what a change gives.
inline std::vector<std::string> listed_in(const nlohmann::json& body, const char* field) {
  FieldReader read{body};
  std::vector<std::string> out;
  read.list(field, out);
  return read.fields.empty() ? out : std::vector<std::string>{};
}

// `parse()` (which throws InvalidFields) with `checks`: what either finds wrong is refused
// together, field by field (the parser's message for a field wins).
template <typename Parse>
auto parse_and_require_known(Parse&& parse, const std::vector<NameCheck>& checks) -> decltype(parse()) {
  try {
    auto parsed = parse();
    require_known(checks);
    return parsed;
  } catch (const InvalidFields& e) {
    nlohmann::json fields = e.fields;
    for (const auto& c : checks)
      if (!c.ok() && !fields.contains(c.field)) fields[c.field] = c.message;
    throw InvalidFields(e.what(), fields);
  }
}

// Signature ids the store has (built-in or custom, enabled or not). `store`: a
// store::Store. Scans select by exact id; channel filters compare ignoring case.
template <typename Store>
NameCheck check_signature_ids(const std::vector<std::string>& ids, const Store& store, bool ignore_case = false) {
  if (ids.empty()) return {"signatures", {}, ""};
  std::vector<std::string> known;
  for (const auto& s : store.signatures()) known.push_back(s.metadata.id);
  return check_names(
      "signatures", "signature id", ids,
      [&](const std::string& id) {
        return std::any_of(known.begin(), known.end(), [&](const std::string& k) { return ignore_case ? to_lower(k) == to_lower(id) : k == id; });
      },
      known);
}

}  // namespace signet
