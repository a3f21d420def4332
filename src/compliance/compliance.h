#pragma once
// Compliance frameworks (CIS, AWS FSBP, PCI DSS, NIST 800-53, SOC 2, ISO 27001, HIPAA, NIS2;
// data embedded from frameworks/*.json) and a scan read control by control: a control is
// served by the signatures whose `compliance` tags name it (FRAMEWORK:CONTROL), and fails
// when any of them failed on a resource.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/store.h"

namespace signet::compliance {

struct Control {
  std::string id, title, section;
  std::string assessment;  // "Automated", "Manual", or "" where the framework does not say
};

struct Framework {
  std::string id, name, version;
  std::vector<std::string> providers;
  std::vector<Control> controls;
};

const std::vector<Framework>& frameworks();
// By id, in any case ("cis-aws-3.0"); nullptr when there is none.
const Framework* find_framework(const std::string& id);
// "unknown framework 'X' (known: ...)", with the closest id suggested.
std::string unknown_framework_message(const std::string& id);

// What a scan (or the latest scans of several accounts) said per signature.
struct SignatureCounts {
  std::size_t pass = 0, fail = 0, error = 0, muted = 0;
};
std::map<std::string, SignatureCounts> signature_counts(const store::Store& store, const std::vector<std::int64_t>& scans);

// What a report reads: the scans (`scan` when given, and it must be complete; else the
// latest complete scan of `account` (name, key or id), or of every account), what they said
// per signature, and the stored signatures with their tags. std::invalid_argument names a
// scan or account that has none.
struct Reading {
  std::vector<store::ScanSummary> scans;
  std::map<std::string, SignatureCounts> counts;
  std::vector<store::StoredSignature> signatures;
};
Reading read(const store::Store& store, const std::string& account, std::int64_t scan);
nlohmann::json scans_json(const std::vector<store::ScanSummary>& scans);

// A control's state: "fail" (a signature failed on a resource), "error" (none failed, one
// could not decide), "pass" (every result passed or was muted), "no results" (its signatures
// ran on no resource, or were not in the scan), "not checked" (no signature serves it),
// "manual" (the framework says it is checked by hand, and no signature serves it).
struct ControlResult {
  const Control* control = nullptr;
  std::string status;
  std::vector<std::string> signatures;  // that serve it
  SignatureCounts counts;               // summed over them
};

struct Report {
  const Framework* framework = nullptr;
  std::vector<ControlResult> controls;
  std::map<std::string, std::size_t> by_status;
  // Of the controls with results, the share that pass (0-100); -1 when none has results.
  double score() const;
};

// Which signatures serve which control of `framework`: tag "ID:CONTROL" -> signature ids.
Report assess(const Framework& framework, const std::vector<store::StoredSignature>& signatures,
              const std::map<std::string, SignatureCounts>& counts);

nlohmann::json to_json(const Report& report, bool with_controls = true);
// A standalone HTML page (every text escaped) of one report and the scans it read.
std::string to_html(const Report& report, const nlohmann::json& scans);

}  // namespace signet::compliance
