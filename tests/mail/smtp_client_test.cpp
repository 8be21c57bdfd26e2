// Tests for SendMail (backend/mail/smtp_client.h) against a real SMTP server (support/smtp_test_relay.h: aiosmtpd with
// STARTTLS or implicit TLS and AUTH required, a self-signed certificate) on an ephemeral loopback port.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "mail/mail_message.h"
#include "mail/smtp_client.h"
#include "slotwise/error_codes.h"
#include "support/smtp_test_relay.h"

namespace slotwise::mail {
namespace {

using testing::SmtpTestRelay;

// Settings that should work with `relay`: its port, its certificate trusted, the right credentials.
SmtpSettings SettingsFor(const SmtpTestRelay& relay, SmtpSecurity security,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = relay.port();
  settings.security = security;
  settings.helo_name = "client.test";
  settings.timeout = timeout;
  if (security != SmtpSecurity::kNone) {
    settings.username = testing::kRelayUser;
    settings.password = testing::kRelayPassword;
    settings.ca_file = relay.ca_file();
  }
  return settings;
}

std::string Rendered() {
  MailMessage message;
  message.from = {"Slotwise", "interviews@example.com"};
  message.to = {{"Zoë", "zoe@example.org"}};
  message.subject = "Entretien confirmé";
  message.text_body = ".a line starting with a dot\n";
  message.calendar = CalendarPart{"REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"};
  message.date = 1700000000;
  message.extra_headers = {{"X-Slotwise-Delivery", "d-1"}};
  Result<std::string> rendered = RenderMessage(message);
  REQUIRE(rendered.ok());
  return *rendered;
}

int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);  // bound but never listening, then released: connecting is refused
  return ntohs(address.sin_port);
}

bool Mentions(const Error& error, const std::string& text) {
  return error.message.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("SMTP: STARTTLS with AUTH delivers the exact message, headers and body") {
  SmtpTestRelay relay("starttls");
  const std::string rendered = Rendered();
  Result<bool> sent = SendMail(SettingsFor(relay, SmtpSecurity::kStartTls), "interviews@example.com",
                               {"zoe@example.org", "hr@example.com"}, rendered);
  REQUIRE_MESSAGE(sent.ok(), (sent.ok() ? "" : sent.error().message));
  const std::vector<testing::ReceivedMessage> received = relay.Received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].mail_from == "interviews@example.com");
  CHECK(received[0].rcpt_tos == std::vector<std::string>{"zoe@example.org", "hr@example.com"});
  CHECK(received[0].login == testing::kRelayUser);
  CHECK(received[0].content == rendered);
  CHECK(received[0].content.find("X-Slotwise-Delivery: d-1\r\n") != std::string::npos);
}

TEST_CASE("SMTP: implicit TLS with AUTH delivers") {
  SmtpTestRelay relay("tls");
  const std::string rendered = Rendered();
  Result<bool> sent = SendMail(SettingsFor(relay, SmtpSecurity::kImplicitTls), "", {"zoe@example.org"}, rendered);
  REQUIRE_MESSAGE(sent.ok(), (sent.ok() ? "" : sent.error().message));
  const std::vector<testing::ReceivedMessage> received = relay.Received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].mail_from == "<>");  // the null reverse-path
  CHECK(received[0].login == testing::kRelayUser);
  CHECK(received[0].content == rendered);
}

TEST_CASE("SMTP: lines starting with a dot survive and bare line ends arrive as CRLF") {
  SmtpTestRelay relay("plain");
  const std::string message = ".first\r\nmiddle\r\n.\r\n..two\nbare.\n.after-bare-lf\rend";
  REQUIRE(SendMail(SettingsFor(relay, SmtpSecurity::kNone), "a@example.com", {"b@example.com"}, message).ok());
  const std::vector<testing::ReceivedMessage> received = relay.Received();
  REQUIRE(received.size() == 1);
  CHECK(received[0].content == ".first\r\nmiddle\r\n.\r\n..two\r\nbare.\r\n.after-bare-lf\r\nend\r\n");
  CHECK(received[0].login.empty());
}

TEST_CASE("SMTP: a wrong password is smtp_auth_failed naming the SMTP status, and nothing is sent") {
  SmtpTestRelay relay("starttls");
  SmtpSettings settings = SettingsFor(relay, SmtpSecurity::kStartTls);
  settings.password = "wrong";
  Result<bool> sent = SendMail(settings, "a@example.com", {"b@example.com"}, "Subject: x\r\n\r\nsecret body\r\n");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == codes::kSmtpAuthFailed);
  CHECK(Mentions(sent.error(), "refused the username and password (SMTP status 535)"));
  CHECK(Mentions(sent.error(), "127.0.0.1:" + std::to_string(relay.port())));
  CHECK(Mentions(sent.error(), "not retried"));
  CHECK_FALSE(Mentions(sent.error(), "wrong"));  // neither password nor message in the error
  CHECK_FALSE(Mentions(sent.error(), "secret body"));
  CHECK(relay.Received().empty());
}

TEST_CASE("SMTP: a certificate the client does not trust is refused, and nothing is sent") {
  SmtpTestRelay relay("starttls");
  SmtpSettings settings = SettingsFor(relay, SmtpSecurity::kStartTls);
  settings.ca_file.clear();  // the system's CAs only: the self-signed certificate is unknown
  Result<bool> sent = SendMail(settings, "a@example.com", {"b@example.com"}, "x\r\n");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == codes::kSmtpTlsFailed);
  CHECK(Mentions(sent.error(), "certificate could not be verified"));
  CHECK(Mentions(sent.error(), "mail.smtp.ca_file"));
  CHECK(relay.Received().empty());

  SmtpTestRelay implicit("tls");
  settings = SettingsFor(implicit, SmtpSecurity::kImplicitTls);
  settings.ca_file.clear();
  sent = SendMail(settings, "a@example.com", {"b@example.com"}, "x\r\n");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == codes::kSmtpTlsFailed);
  CHECK(implicit.Received().empty());
}

TEST_CASE("SMTP: a trusted certificate for another host name is refused") {
  SmtpTestRelay relay("starttls", "DNS:relay.other.example");
  Result<bool> sent =
      SendMail(SettingsFor(relay, SmtpSecurity::kStartTls), "a@example.com", {"b@example.com"}, "x\r\n");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == codes::kSmtpTlsFailed);
  CHECK(relay.Received().empty());
}

TEST_CASE("SMTP: \"starttls\" against a relay without STARTTLS fails instead of sending in clear") {
  SmtpTestRelay relay("plain");
  SmtpSettings settings = SettingsFor(relay, SmtpSecurity::kStartTls);
  Result<bool> sent = SendMail(settings, "a@example.com", {"b@example.com"}, "x\r\n");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == codes::kSmtpTlsFailed);
  CHECK(Mentions(sent.error(), "does not offer STARTTLS"));
  CHECK(relay.Received().empty());
}

TEST_CASE("SMTP: a relay that accepts and stalls is cut off by the timeout") {
  for (const char* mode : {"stall", "stall_after_greeting"}) {
    CAPTURE(mode);
    SmtpTestRelay relay(mode);
    const auto started = std::chrono::steady_clock::now();
    Result<bool> sent = SendMail(SettingsFor(relay, SmtpSecurity::kStartTls, std::chrono::milliseconds(800)),
                                 "a@example.com", {"b@example.com"}, "x\r\n");
    const auto elapsed = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().code == codes::kSmtpUnavailable);
    CHECK(Mentions(sent.error(), "did not finish within 800 ms"));
    CHECK(Mentions(sent.error(), "temporary"));
    // Ended by the timeout: not before it ran out, and not much later (the relay stays silent forever). The upper
    // bound leaves a loaded or sanitized build room; a missing or much longer timeout passes it.
    CHECK(elapsed >= std::chrono::milliseconds(700));
    CHECK(elapsed < std::chrono::seconds(5));
  }
}

TEST_CASE("SMTP: 550 to a recipient is smtp_rejected naming the status, and nothing is sent") {
  SmtpTestRelay relay("plain");
  Result<bool> sent = SendMail(SettingsFor(relay, SmtpSecurity::kNone), "a@example.com",
                               {"ok@example.org", "nobody@example.org"}, "x\r\n");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == codes::kSmtpRejected);
  CHECK(Mentions(sent.error(), "SMTP status 550"));
  CHECK(Mentions(sent.error(), "not retried"));
  CHECK(relay.Received().empty());
}

TEST_CASE("SMTP: a closed port is smtp_unavailable naming the relay") {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = ClosedPort();
  settings.security = SmtpSecurity::kNone;
  settings.timeout = std::chrono::seconds(2);
  Result<bool> sent = SendMail(settings, "a@example.com", {"b@example.com"}, "x\r\n");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == codes::kSmtpUnavailable);
  CHECK(Mentions(sent.error(), "127.0.0.1:" + std::to_string(settings.port)));
}

TEST_CASE("SMTP: bad envelope addresses and settings are refused before connecting") {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = 1;  // nothing is contacted
  CHECK(SendMail(settings, "a@example.com", {"b@example.com\r\nRCPT TO:<c@d.e>"}, "x").error().field ==
        "recipients[0]");
  CHECK(SendMail(settings, "a@example.com\r\n", {"b@example.com"}, "x").error().field == "envelope_from");
  CHECK(SendMail(settings, "a@example.com", {}, "x").error().field == "recipients");
  settings.timeout = std::chrono::milliseconds(0);
  CHECK(SendMail(settings, "a@example.com", {"b@example.com"}, "x").error().code == codes::kInvalidSettings);
  settings.timeout = std::chrono::seconds(1);
  settings.port = 70000;
  CHECK(SendMail(settings, "a@example.com", {"b@example.com"}, "x").error().field == "port");
  settings.port = 1;
  settings.host = "relay.example/evil";
  CHECK(CheckSmtpSettings(settings).error().field == "host");
  settings.host = "127.0.0.1";
  settings.ca_file = "/nonexistent/ca.pem";
  CHECK(CheckSmtpSettings(settings).error().field == "ca_file");
  settings.ca_file.clear();
  settings.username = "me";
  CHECK(CheckSmtpSettings(settings).error().field == "password");
  settings.password = "pw";
  CHECK(CheckSmtpSettings(settings).ok());
  settings.security = SmtpSecurity::kNone;  // the password would travel in clear
  const Result<bool> refused = CheckSmtpSettings(settings);
  CHECK(refused.error().code == codes::kInvalidSettings);
  CHECK(refused.error().field == "username");
  CHECK(Mentions(refused.error(), "in clear"));
  CHECK(SendMail(settings, "a@example.com", {"b@example.com"}, "x").error().field == "username");
}

TEST_CASE("SMTP: the default port follows the security") {
  CHECK(DefaultSmtpPort(SmtpSecurity::kStartTls) == 587);
  CHECK(DefaultSmtpPort(SmtpSecurity::kImplicitTls) == 465);
  CHECK(DefaultSmtpPort(SmtpSecurity::kNone) == 25);
}

}  // namespace slotwise::mail
