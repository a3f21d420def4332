#include "sandbox/lockdown.h"

#include <fcntl.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace signet::sandbox {

namespace {

void set_limit(int resource, rlim_t value, const char* name) {
  rlimit limit{value, value};
  if (setrlimit(resource, &limit) != 0)
    throw std::runtime_error(std::string("setrlimit(") + name + "): " + std::strerror(errno));
}

// The syscalls a running SpiderMonkey worker makes (measured, see FACTS.md), plus the
// socket I/O and poll of its own loop. Anything else kills the worker.
const int kAllowed[] = {
    SCMP_SYS(read),          SCMP_SYS(write),         SCMP_SYS(readv),          SCMP_SYS(writev),
    SCMP_SYS(close),         SCMP_SYS(sendto),        SCMP_SYS(recvfrom),       SCMP_SYS(sendmsg),
    SCMP_SYS(recvmsg),       SCMP_SYS(poll),          SCMP_SYS(ppoll),          SCMP_SYS(mmap),
    SCMP_SYS(munmap),        SCMP_SYS(mprotect),      SCMP_SYS(madvise),        SCMP_SYS(mremap),
    SCMP_SYS(brk),           SCMP_SYS(futex),         SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigaction),
    SCMP_SYS(rt_sigreturn),  SCMP_SYS(sigaltstack),   SCMP_SYS(set_robust_list), SCMP_SYS(rseq),
    SCMP_SYS(exit),          SCMP_SYS(exit_group),    SCMP_SYS(getrandom),      SCMP_SYS(getrusage),
    SCMP_SYS(sched_yield),   SCMP_SYS(gettid),        SCMP_SYS(getpid),         SCMP_SYS(clock_gettime),
    SCMP_SYS(clock_getres),  SCMP_SYS(clock_nanosleep), SCMP_SYS(nanosleep),    SCMP_SYS(gettimeofday),
    SCMP_SYS(restart_syscall), SCMP_SYS(sched_getaffinity),
};

void install_seccomp() {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_KILL_PROCESS);
  if (!ctx) throw std::runtime_error("seccomp_init failed");
  auto check = [&](int rc, const char* what) {
    if (rc != 0) {
      seccomp_release(ctx);
      throw std::runtime_error(std::string("seccomp: ") + what + ": " + std::strerror(-rc));
    }
  };
  // Cover the JS engine's helper threads, which already run.
  check(seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1), "TSYNC");
  for (int sys : kAllowed) check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, sys, 0), "allow");
  // New threads only, never new processes.
  check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
                         SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD)),
        "clone");
  check(seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0), "clone3");  // glibc falls back to clone
  check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1, SCMP_A0(SCMP_CMP_EQ, PR_SET_NAME)), "prctl");
  auto self = static_cast<scmp_datum_t>(getpid());  // the argument type (clang refuses narrowing a pid_t)
  check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(kill), 1, SCMP_A0(SCMP_CMP_EQ, self)), "kill");
  check(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(tgkill), 1, SCMP_A0(SCMP_CMP_EQ, self)), "tgkill");
  check(seccomp_load(ctx), "load");
  seccomp_release(ctx);
}

}  // namespace

void lock_down(std::size_t memory_bytes, int keep_fd) {
  // Nothing but the parent socket stays open: write(2) is allowed on any open descriptor.
  int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null_fd >= 0) {
    for (int fd = 0; fd <= 2; ++fd)
      if (fd != keep_fd) dup2(null_fd, fd);
    close(null_fd);
  }
  for (int fd = 3; fd < 1024; ++fd)
    if (fd != keep_fd) close(fd);

  set_limit(RLIMIT_DATA, memory_bytes, "RLIMIT_DATA");  // not RLIMIT_AS: see FACTS.md
  set_limit(RLIMIT_CORE, 0, "RLIMIT_CORE");
  set_limit(RLIMIT_FSIZE, 0, "RLIMIT_FSIZE");
  set_limit(RLIMIT_NOFILE, keep_fd + 1, "RLIMIT_NOFILE");
  if (prctl(PR_SET_DUMPABLE, 0) != 0) throw std::runtime_error("prctl(PR_SET_DUMPABLE) failed");
  install_seccomp();
}

}  // namespace signet::sandbox
