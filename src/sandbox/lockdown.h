#pragma once
// Confines the calling worker process for good: resource limits, no core dumps, and a
// seccomp allow-list applied to every thread. Internal to the sandbox module.
#include <cstddef>

namespace signet::sandbox {

// `keep_fd` is the parent socket, the only descriptor left open.
void lock_down(std::size_t memory_bytes, int keep_fd);

}  // namespace signet::sandbox
