#pragma once
// Text made inert inside HTML (element content and quoted attribute values), and the frame
// of Signet's single-file reports (the scan report, the compliance report): no scripts, no
// outside resources, fit to print.
#include <string>

namespace signet {

inline std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

// The start of a report's page, up to and including <body>: the shared style, plus `css`.
inline std::string html_report_start(const std::string& title, const std::string& css = "") {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
         "</title>\n<style>body{font:14px system-ui,sans-serif;margin:2em;color:#1d2330}"
         "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #dde;padding:.35em .5em;text-align:left;vertical-align:top}"
         ".fail{color:#b42318;font-weight:600}.pass{color:#067647}.error{color:#b54708}.muted{color:#667085}"
         ".summary span{margin-right:1.5em}code{font-size:12px}" +
         css + "</style></head><body>\n";
}

inline const char* html_report_end() { return "</body></html>\n"; }

}  // namespace signet
