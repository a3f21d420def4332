#include <gtest/gtest.h>
TEST(Placeholder, Hostile) {}
