// smtp_test_relay.h — test helper: a real SMTP server (tests/mail/smtp_test_server.py on Debian's python3 with
// python3-aiosmtpd) started for one test on 127.0.0.1 at an ephemeral port, with a self-signed certificate made for
// it by the `openssl` command-line tool, and stopped (SIGTERM, then SIGKILL) when the object goes away.
//
// Contract: the constructor fails the test when the server does not report its port within 10 s. The certificate
// names `certificate_names` (a subjectAltName list, "DNS:localhost,IP:127.0.0.1" by default); ca_file() is that
// certificate, which signs itself. Accepted messages are read back with Received() (the server writes each one before
// it answers 250, so a SendMail that returned has its message there). Not thread-safe. Built as the library
// slotwise_smtp_test_relay (tests/support/CMakeLists.txt); a suite linking it also compiles process_harness.cpp.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "support/process_harness.h"
#include "support/temp_dir.h"

namespace slotwise::testing {

inline constexpr const char* kRelayUser = "slotwise@example.com";
inline constexpr const char* kRelayPassword = "correct horse battery staple";

struct ReceivedMessage {
  std::string mail_from;
  std::vector<std::string> rcpt_tos;
  std::string login;    // the AUTH identity, "" without AUTH
  std::string content;  // the message as received (dot-stuffing undone)
};

class SmtpTestRelay {
 public:
  // `mode`: "starttls", "tls", "plain", "stall" or "stall_after_greeting" (see smtp_test_server.py).
  explicit SmtpTestRelay(const std::string& mode, const std::string& certificate_names = "DNS:localhost,IP:127.0.0.1");
  ~SmtpTestRelay();
  SmtpTestRelay(const SmtpTestRelay&) = delete;
  SmtpTestRelay& operator=(const SmtpTestRelay&) = delete;

  int port() const { return port_; }
  std::string ca_file() const { return (dir_.path() / "cert.pem").string(); }
  std::vector<ReceivedMessage> Received() const;

 private:
  TempDir dir_{"slotwise-smtp-relay"};
  ChildProcess server_;
  int port_ = 0;
};

}  // namespace slotwise::testing
