// raw_client.h — test helper: a blocking TCP client on 127.0.0.1 that writes exactly the bytes a test gives it and
// reads raw responses, for tests that must send what no HTTP library would (trickled heads, bare chunked bodies,
// pipelined requests, nothing at all).
//
// Contract: Connect() fails the test when the port refuses. Send() writes everything or answers false (the peer
// closed). ReadResponse() reads one response — head and a Content-Length body — within `timeout`, answering its
// status (0 when none arrived) and the whole text in `last_text`. Close() (or the destructor) closes the socket.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

namespace slotwise::testing {

class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE_MESSAGE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0, "cannot connect");
    int yes = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
  }
  ~RawClient() { Close(); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // One response's status; the text read so far stays in last_text (bytes after the response stay buffered).
  int ReadResponse(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const std::size_t head_end = pending_.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        std::size_t length = 0;
        const std::size_t at = Lowered(pending_.substr(0, head_end)).find("\r\ncontent-length:");
        if (at != std::string::npos) length = std::stoul(pending_.substr(at + 17));
        if (pending_.size() >= head_end + 4 + length) {
          last_text = pending_.substr(0, head_end + 4 + length);
          pending_.erase(0, head_end + 4 + length);
          return last_text.size() > 12 ? std::stoi(last_text.substr(9, 3)) : 0;
        }
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return 0;
      pollfd wait{fd_, POLLIN, 0};
      if (::poll(&wait, 1, static_cast<int>(left.count())) <= 0) return 0;
      char buffer[65536];
      const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
      if (n <= 0) return 0;
      pending_.append(buffer, static_cast<std::size_t>(n));
    }
  }

  // True when the server closed the connection (EOF) within `timeout`, with nothing else to read.
  bool ClosedByServer(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    pollfd wait{fd_, POLLIN, 0};
    if (::poll(&wait, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char byte = 0;
    return ::recv(fd_, &byte, 1, MSG_PEEK) == 0;
  }

  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  std::string last_text;

 private:
  static std::string Lowered(std::string text) {
    for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return text;
  }

  int fd_ = -1;
  std::string pending_;
};

}  // namespace slotwise::testing
