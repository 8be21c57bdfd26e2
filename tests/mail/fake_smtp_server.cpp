// fake_smtp_server.cpp — see fake_smtp_server.h.
#include "fake_smtp_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

namespace slotwise::mail::test {
namespace {

bool WaitReadable(int fd) {
  pollfd entry{fd, POLLIN, 0};
  return poll(&entry, 1, static_cast<int>(std::chrono::milliseconds(FakeSmtpServer::kWait).count())) == 1;
}

void SendAll(int fd, const std::string& text) {
  std::size_t offset = 0;
  while (offset < text.size()) {
    const ssize_t sent = send(fd, text.data() + offset, text.size() - offset, MSG_NOSIGNAL);
    if (sent <= 0) return;
    offset += static_cast<std::size_t>(sent);
  }
}

}  // namespace

FakeSmtpServer::FakeSmtpServer(std::string greeting, Responder respond)
    : greeting_(std::move(greeting)), respond_(std::move(respond)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  REQUIRE(listen_fd_ >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  REQUIRE(bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(listen(listen_fd_, 1) == 0);
  socklen_t length = sizeof address;
  REQUIRE(getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

FakeSmtpServer::~FakeSmtpServer() {
  Join();
  close(listen_fd_);
}

void FakeSmtpServer::Join() {
  if (thread_.joinable()) thread_.join();
}

std::string FakeSmtpServer::Accepting(const std::string& command) {
  if (command.starts_with("EHLO")) return "250-fake.test greets you\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n";
  if (command.starts_with("HELO") || command.starts_with("MAIL") || command.starts_with("RCPT")) return "250 OK\r\n";
  if (command == "DATA") return "354 End data with <CR><LF>.<CR><LF>\r\n";
  if (command == kMessageEvent) return "250 2.0.0 Ok: queued as 12345\r\n";
  if (command == "QUIT") return "221 2.0.0 Bye\r\n";
  return "500 5.5.2 Unknown command\r\n";
}

void FakeSmtpServer::Serve() {
  if (!WaitReadable(listen_fd_)) return;
  const int fd = accept(listen_fd_, nullptr, nullptr);
  if (fd < 0) return;
  std::string buffer;
  bool in_data = false;
  bool quit = false;
  if (!greeting_.empty()) SendAll(fd, greeting_);
  while (!quit) {
    // Handle everything complete in the buffer first.
    if (in_data) {
      std::size_t length = std::string::npos;
      if (buffer.starts_with(".\r\n")) {
        length = 3;
      } else if (const std::size_t end = buffer.find("\r\n.\r\n"); end != std::string::npos) {
        length = end + 5;
      }
      if (length != std::string::npos) {
        data_ = buffer.substr(0, length);
        buffer.erase(0, length);
        in_data = false;
        SendAll(fd, respond_(kMessageEvent));
        continue;
      }
    } else if (const std::size_t newline = buffer.find("\r\n"); newline != std::string::npos && !greeting_.empty()) {
      const std::string command = buffer.substr(0, newline);
      buffer.erase(0, newline + 2);
      commands_.push_back(command);
      const std::string reply = respond_(command);
      SendAll(fd, reply);
      in_data = reply.starts_with("354");
      quit = command == "QUIT";
      continue;
    }
    if (!WaitReadable(fd)) break;
    char chunk[4096];
    const ssize_t received = recv(fd, chunk, sizeof chunk, 0);
    if (received <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(received));
  }
  close(fd);
}

}  // namespace slotwise::mail::test
