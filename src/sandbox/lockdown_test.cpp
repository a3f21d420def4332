// The worker lock-down on its own, in forked children: what a compromised JS engine could
// try after it (open a file, a socket, a process) must kill the process; what SpiderMonkey
// needs (memory, threads, time) must keep working.
#include "sandbox/lockdown.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <thread>

namespace {

// Runs `attempt` in a locked-down child; returns its wait status.
int run_locked_down(const std::function<int()>& attempt, std::size_t memory = 128u << 20) {
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    signet::sandbox::lock_down(memory, sv[1]);
    _exit(attempt());
  }
  close(sv[0]);
  close(sv[1]);
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

bool killed_by_filter(int status) { return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS; }

}  // namespace

TEST(Lockdown, OpeningAFileKillsTheWorker) {
  EXPECT_TRUE(killed_by_filter(run_locked_down([] { return open("/etc/hostname", O_RDONLY) >= 0 ? 0 : 7; })));
}

TEST(Lockdown, OpeningASocketKillsTheWorker) {
  EXPECT_TRUE(killed_by_filter(run_locked_down([] { return socket(AF_INET, SOCK_STREAM, 0) >= 0 ? 0 : 7; })));
}

TEST(Lockdown, StartingAProcessKillsTheWorker) {
  EXPECT_TRUE(killed_by_filter(run_locked_down([] { return fork() >= 0 ? 0 : 7; })));
  EXPECT_TRUE(killed_by_filter(run_locked_down([] {
    char* argv[] = {const_cast<char*>("/bin/true"), nullptr};
    execv("/bin/true", argv);
    return 7;
  })));
}

TEST(Lockdown, SignallingAnotherProcessKillsTheWorker) {
  EXPECT_TRUE(killed_by_filter(run_locked_down([] { return kill(getppid(), 0) == 0 ? 0 : 7; })));
}

TEST(Lockdown, MemoryThreadsAndClocksStillWork) {
  int status = run_locked_down([] {
    void* block = std::malloc(32u << 20);
    if (!block) return 3;
    std::memset(block, 1, 32u << 20);
    std::free(block);
    int result = 0;
    std::thread worker([&] { result = 42; });  // clone(CLONE_THREAD): allowed
    worker.join();
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return result == 42 ? 0 : 4;
  });
  ASSERT_TRUE(WIFEXITED(status)) << "signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(Lockdown, DataLimitRefusesLargeAllocations) {
  int status = run_locked_down([] { return std::malloc(512u << 20) == nullptr ? 5 : 0; }, 128u << 20);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 5);
}
