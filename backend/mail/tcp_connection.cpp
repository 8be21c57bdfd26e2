// tcp_connection.cpp — see tcp_connection.h.
#include "mail/tcp_connection.h"

#include "slotwise/error_codes.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace slotwise::mail {
namespace {

constexpr std::size_t kReadChunk = 4096;

int MillisecondsUntil(TcpConnection::Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - TcpConnection::Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<std::int64_t>(left.count(), 1 << 30));
}

// Waits until `fd` is ready for `events` or `deadline` passes. 1 = ready, 0 = timed out, -1 = error (errno).
int WaitFor(int fd, short events, TcpConnection::Clock::time_point deadline) {
  while (true) {
    pollfd entry{fd, events, 0};
    const int ready = poll(&entry, 1, MillisecondsUntil(deadline));
    if (ready < 0 && errno == EINTR) continue;
    return ready;
  }
}

Error NetworkError(const std::string& peer, const std::string& what) {
  return Error{codes::kNetworkError, what + " (" + peer + ")", ""};
}

Error Timeout(const std::string& peer, const std::string& what) {
  return Error{codes::kTimeout, what + " timed out (" + peer + ")", ""};
}

}  // namespace

Result<std::unique_ptr<TcpConnection>> TcpConnection::Connect(const std::string& host, int port,
                                                              std::chrono::milliseconds timeout) {
  const std::string peer = host + ":" + std::to_string(port);
  const Clock::time_point deadline = Clock::now() + timeout;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* addresses = nullptr;
  const int resolved = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &addresses);
  if (resolved != 0) return NetworkError(peer, std::string("cannot resolve the host: ") + gai_strerror(resolved));
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(addresses, &freeaddrinfo);

  Error last = NetworkError(peer, "no address to connect to");
  for (const addrinfo* address = addresses; address; address = address->ai_next) {
    const int fd =
        socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address->ai_protocol);
    if (fd < 0) {
      last = NetworkError(peer, std::string("socket: ") + std::strerror(errno));
      continue;
    }
    int result = connect(fd, address->ai_addr, address->ai_addrlen);
    if (result != 0 && errno == EINPROGRESS) {
      const int ready = WaitFor(fd, POLLOUT, deadline);
      if (ready == 0) {
        close(fd);
        return Timeout(peer, "connecting");
      }
      int socket_error = 0;
      socklen_t length = sizeof socket_error;
      if (ready < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &socket_error, &length) != 0) socket_error = errno;
      errno = socket_error;
      result = socket_error == 0 ? 0 : -1;
    }
    if (result == 0) return std::unique_ptr<TcpConnection>(new TcpConnection(fd, peer));
    last = NetworkError(peer, std::string("cannot connect: ") + std::strerror(errno));
    close(fd);
    if (Clock::now() >= deadline) return Timeout(peer, "connecting");
  }
  return last;
}

TcpConnection::~TcpConnection() {
  close(fd_);
}

Result<bool> TcpConnection::WriteAll(std::string_view bytes, std::chrono::milliseconds idle_timeout) {
  while (!bytes.empty()) {
    const ssize_t sent = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      const int ready = WaitFor(fd_, POLLOUT, Clock::now() + idle_timeout);
      if (ready == 0) return Timeout(peer_, "sending");
      if (ready < 0) return NetworkError(peer_, std::string("poll: ") + std::strerror(errno));
      continue;
    }
    return NetworkError(peer_, std::string("sending failed: ") + std::strerror(errno));
  }
  return true;
}

Result<std::string> TcpConnection::ReadLine(Clock::time_point deadline, std::size_t max_bytes) {
  std::size_t scanned = 0;
  while (true) {
    const std::size_t newline = buffer_.find('\n', scanned);
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (buffer_.size() > max_bytes) return NetworkError(peer_, "the peer sent a line longer than the limit");
    scanned = buffer_.size();
    const int ready = WaitFor(fd_, POLLIN, deadline);
    if (ready == 0) return Timeout(peer_, "waiting for a reply");
    if (ready < 0) return NetworkError(peer_, std::string("poll: ") + std::strerror(errno));
    char chunk[kReadChunk];
    const ssize_t received = recv(fd_, chunk, sizeof chunk, 0);
    if (received == 0) return NetworkError(peer_, "the peer closed the connection");
    if (received < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      return NetworkError(peer_, std::string("receiving failed: ") + std::strerror(errno));
    }
    buffer_.append(chunk, static_cast<std::size_t>(received));
  }
}

}  // namespace slotwise::mail
