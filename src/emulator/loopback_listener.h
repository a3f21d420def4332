#pragma once
// Binds a cpp-httplib server to 127.0.0.1 on a free port with a listen backlog that fits
// many simultaneous connects. cpp-httplib 0.11 listens with a backlog of 5, so a burst of
// more than ~6 connects loses SYNs and waits for the kernel's 1 s SYN retry. Its socket
// options hook sees the listening socket before bind(); Linux lets listen() be called again
// on a listening socket to change its backlog, which is done right after the bind.
#include <httplib.h>
#include <sys/socket.h>

namespace signet::emulator {

// Returns the port, or -1 when the bind fails. Call before listen_after_bind().
inline int bind_loopback(httplib::Server& server, int backlog = 1024) {
  auto fd = std::make_shared<socket_t>(INVALID_SOCKET);
  server.set_socket_options([fd](socket_t sock) {
    httplib::default_socket_options(sock);  // SO_REUSEADDR, as without the hook
    *fd = sock;
  });
  int port = server.bind_to_any_port("127.0.0.1");
  if (port <= 0 || *fd == INVALID_SOCKET) return -1;
  if (::listen(*fd, backlog) != 0) return -1;  // the kernel caps it at net.core.somaxconn
  return port;
}

}  // namespace signet::emulator
