#pragma once
// The forms a scan is written in: table (people), json, csv, junit, sarif, ocsf (tools).
#include <string>

#include "engine/scan.h"

namespace signet::cli {

// Throws std::invalid_argument for an unknown format.
std::string render_scan(const engine::ScanReport& report, const std::string& format);

}  // namespace signet::cli
