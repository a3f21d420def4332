#pragma once
// Plain-text tables for terminals: columns padded to their widest cell.
#include <string>
#include <vector>

namespace signet::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  // Cells longer than `max_cell` are cut with "..."; the last column is never padded.
  std::string render(std::size_t max_cell = 120, const std::string& indent = "  ") const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// Display width in terminal columns of UTF-8 text (one per code point).
std::size_t display_width(const std::string& text);

}  // namespace signet::cli
