#include "cli/table.h"

#include <gtest/gtest.h>

using signet::cli::Table;

TEST(Table, PadsColumnsToTheWidestCellCountingUtf8AsOneColumn) {
  Table t({"A", "B", "C"});
  t.add({"ünï", "x", "last"});
  t.add({"a", "longer", "z"});
  EXPECT_EQ(t.render(120, ""), "A    B       C\nünï  x       last\na    longer  z\n");
}

TEST(Table, CutsLongCellsAndFlattensNewlines) {
  Table t({"M"});
  t.add({"line one\nline two that is long"});
  EXPECT_EQ(t.render(12, ""), "M\nline one ...\n");
}
