#include "server/auth.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

using namespace signet::server;

TEST(Auth, PasswordsAreHashedWithArgon2idAndASalt) {
  auto a = hash_password("correct horse battery");
  auto b = hash_password("correct horse battery");
  EXPECT_EQ(a.rfind("$argon2id$", 0), 0u);
  EXPECT_NE(a, b) << "each hash has its own salt";
  EXPECT_TRUE(verify_password(a, "correct horse battery"));
  EXPECT_FALSE(verify_password(a, "correct horse batterx"));
  EXPECT_FALSE(verify_password("not a hash", "x"));
  EXPECT_NE(password_problem("short"), "");
  EXPECT_EQ(password_problem("long enough!"), "");
  EXPECT_NE(user_name_problem("a b"), "");
  EXPECT_NE(user_name_problem("<script>"), "");
  EXPECT_EQ(user_name_problem("ada.lovelace@example"), "");
}

TEST(Auth, RolesAreOrderedWeakestFirst) {
  EXPECT_LT(*parse_role("viewer"), *parse_role("editor"));
  EXPECT_LT(*parse_role("editor"), *parse_role("admin"));
  EXPECT_FALSE(parse_role("root"));
  EXPECT_EQ(to_string(Role::Editor), "editor");
}

TEST(Auth, SignInLimiterCountsFailuresInAWindow) {
  SignInLimiter limiter(3, std::chrono::seconds(60));
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(limiter.wait_seconds("user:ada"), 0);
    limiter.failed("user:ada");
  }
  EXPECT_GT(limiter.wait_seconds("user:ada"), 0);
  EXPECT_EQ(limiter.wait_seconds("user:bob"), 0) << "keys are counted apart";
  limiter.succeeded("user:ada");
  EXPECT_EQ(limiter.wait_seconds("user:ada"), 0);
}

TEST(Auth, SessionsExpireWhenIdleAndFollowTheStoredUser) {
  auto path = (std::filesystem::temp_directory_path() / ("signet-auth-" + std::to_string(getpid()) + ".db")).string();
  {
    auto store = signet::store::open_sqlite(path);
    store->add_user({"ada", "editor", hash_password("correct horse battery"), ""});
    Sessions sessions(std::chrono::seconds(3600));
    std::string csrf;
    auto cookie = sessions.open("ada", csrf);
    EXPECT_EQ(cookie.size(), 64u);
    auto who = sessions.find(cookie, *store);
    ASSERT_TRUE(who);
    EXPECT_EQ(who->role, Role::Editor);
    EXPECT_EQ(who->csrf_token, csrf);
    EXPECT_FALSE(sessions.find("forged", *store));
    store->remove_user("ada");
    EXPECT_FALSE(sessions.find(cookie, *store)) << "a removed user's session ends";
    Sessions quick(std::chrono::seconds(0));
    store->add_user({"bob", "viewer", hash_password("correct horse battery"), ""});
    auto bob = quick.open("bob", csrf);
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_FALSE(quick.find(bob, *store)) << "idle sessions expire";
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
