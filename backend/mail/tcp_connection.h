// tcp_connection.h — a blocking-free TCP client connection over POSIX sockets, for the SMTP client: every connect,
// read and write waits in poll() for at most a caller-given time, so no call can hang a thread.
//
// Contract:
// - Connect resolves `host` with getaddrinfo (the system resolver: it has no timeout of its own, so relays are best
//   named by address or /etc/hosts), then tries each address until one connects; the whole attempt is bounded by
//   `timeout`.
// - Errors: "timeout" (the wait ran out), "network_error" (resolution, refusal, reset, peer closed). The message
//   names host:port and the system's reason.
// - Writes never raise SIGPIPE (MSG_NOSIGNAL). Not thread-safe: one thread drives a connection. Closing is the
//   destructor's job.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "slotwise/result.h"

namespace slotwise::mail {

class TcpConnection {
 public:
  using Clock = std::chrono::steady_clock;

  static Result<std::unique_ptr<TcpConnection>> Connect(const std::string& host, int port,
                                                        std::chrono::milliseconds timeout);
  ~TcpConnection();
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  // Sends all of `bytes`; fails when no progress is possible for `idle_timeout` at any point.
  Result<bool> WriteAll(std::string_view bytes, std::chrono::milliseconds idle_timeout);
  // The next line without its "\r\n" (a bare "\n" also ends a line); fails at `deadline`, at end of stream, or when
  // the line passes `max_bytes`.
  Result<std::string> ReadLine(Clock::time_point deadline, std::size_t max_bytes);

  const std::string& peer() const { return peer_; }  // "host:port", for messages

 private:
  TcpConnection(int fd, std::string peer) : fd_(fd), peer_(std::move(peer)) {}

  int fd_;
  std::string peer_;
  std::string buffer_;  // bytes read past the last line returned
};

}  // namespace slotwise::mail
