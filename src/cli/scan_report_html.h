#pragma once
// A scan as one self-contained HTML page (`signet scan --output html`): what was scanned,
// charts of the risks by level and by service, then the risks by level, signature by
// signature, each with its remediation steps and failing resources. No scripts and nothing
// fetched from elsewhere: it can be mailed, archived, or printed to PDF from a browser.
#include <ostream>

#include "engine/scan.h"
#include "store/store.h"

namespace signet::cli {

void write_html_report(std::ostream& out, const store::Store& store, const engine::ScanReport& report);

}  // namespace signet::cli
