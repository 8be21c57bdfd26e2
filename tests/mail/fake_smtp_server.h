// fake_smtp_server.h — test helper: a scripted SMTP server on 127.0.0.1 (ephemeral port) that accepts one
// connection on its own thread, answers each command through a callback and records what it received.
//
// Every wait is bounded (kWait), so a broken client can fail a test but never hang it.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace slotwise::mail::test {

class FakeSmtpServer {
 public:
  static constexpr std::chrono::seconds kWait{5};
  static constexpr const char* kMessageEvent = "<message>";  // passed to the responder after the DATA bytes

  // The reply (with CRLF, possibly several lines) to a command line (without CRLF), or to kMessageEvent.
  using Responder = std::function<std::string(const std::string& command)>;

  // `greeting` is sent on connect ("" = send nothing and never answer). After a reply starting with "354" the bytes
  // up to and including "\r\n.\r\n" are collected as the message. The session ends after QUIT, on EOF or at kWait.
  FakeSmtpServer(std::string greeting, Responder respond);
  ~FakeSmtpServer();  // joins the thread
  FakeSmtpServer(const FakeSmtpServer&) = delete;
  FakeSmtpServer& operator=(const FakeSmtpServer&) = delete;

  int port() const { return port_; }
  void Join();  // waits for the session to end; call before reading the records below

  const std::vector<std::string>& commands() const { return commands_; }  // command lines, in order
  const std::string& data() const { return data_; }  // message bytes as sent, terminator ".\r\n" included

  // A responder that accepts everything: multi-line EHLO, 250 / 354 / 221.
  static std::string Accepting(const std::string& command);

 private:
  void Serve();

  std::string greeting_;
  Responder respond_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::vector<std::string> commands_;
  std::string data_;
  std::thread thread_;
};

}  // namespace slotwise::mail::test
