// Tests for SendMail (backend/mail/smtp_client.h) against a scripted SMTP server on an ephemeral loopback port.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "fake_smtp_server.h"
#include "mail/mail_message.h"
#include "mail/smtp_client.h"
#include "slotwise/error_codes.h"

namespace slotwise::mail {
namespace {

using test::FakeSmtpServer;

SmtpSettings SettingsFor(const FakeSmtpServer& server, std::chrono::milliseconds timeout = std::chrono::seconds(3)) {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = server.port();
  settings.helo_name = "client.test";
  settings.timeout = timeout;
  return settings;
}

}  // namespace

TEST_CASE("SMTP: a message is delivered with the exact command sequence, multi-line replies included") {
  FakeSmtpServer server("220-fake.test ESMTP\r\n220-second greeting line\r\n220 ready\r\n", FakeSmtpServer::Accepting);
  Result<bool> sent = SendMail(SettingsFor(server), "interviews@example.com", {"jane@example.org", "hr@example.com"},
                               "Subject: hi\r\n\r\nHello\r\n");
  server.Join();
  REQUIRE_MESSAGE(sent.ok(), (sent.ok() ? "" : sent.error().message));
  CHECK(server.commands() == std::vector<std::string>{"EHLO client.test", "MAIL FROM:<interviews@example.com>",
                                                      "RCPT TO:<jane@example.org>", "RCPT TO:<hr@example.com>", "DATA",
                                                      "QUIT"});
  CHECK(server.data() == "Subject: hi\r\n\r\nHello\r\n.\r\n");
}

TEST_CASE("SMTP: lines starting with a dot are dot-stuffed and bare line ends become CRLF") {
  FakeSmtpServer server("220 ready\r\n", FakeSmtpServer::Accepting);
  const std::string message = ".first\r\nmiddle\r\n.\r\n..two\nbare.\n.after-bare-lf\rend";
  REQUIRE(SendMail(SettingsFor(server), "a@example.com", {"b@example.com"}, message).ok());
  server.Join();
  CHECK(server.data() == "..first\r\nmiddle\r\n..\r\n...two\r\nbare.\r\n..after-bare-lf\r\nend\r\n.\r\n");
  CHECK(DataPayload("") == ".\r\n");
  CHECK(DataPayload("x\r\n") == "x\r\n.\r\n");
}

TEST_CASE("SMTP: a rendered message arrives byte for byte") {
  MailMessage message;
  message.from = {"Slotwise", "interviews@example.com"};
  message.to = {{"Zoë", "zoe@example.org"}};
  message.subject = "Entretien confirmé";
  message.text_body = ".a line starting with a dot\n";
  message.calendar = CalendarPart{"REQUEST", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"};
  message.date = 1700000000;
  Result<std::string> rendered = RenderMessage(message);
  REQUIRE(rendered.ok());
  FakeSmtpServer server("220 ready\r\n", FakeSmtpServer::Accepting);
  REQUIRE(SendMail(SettingsFor(server), "interviews@example.com", {"zoe@example.org"}, *rendered).ok());
  server.Join();
  CHECK(server.data() == DataPayload(*rendered));
  CHECK(server.data() == *rendered + ".\r\n");  // base64 bodies never start a line with '.'
}

TEST_CASE("SMTP: a relay that refuses EHLO is greeted with HELO") {
  FakeSmtpServer server("220 old relay\r\n", [](const std::string& command) -> std::string {
    if (command.starts_with("EHLO")) return "502 5.5.1 Command not implemented\r\n";
    return FakeSmtpServer::Accepting(command);
  });
  REQUIRE(SendMail(SettingsFor(server), "", {"b@example.com"}, "x\r\n").ok());
  server.Join();
  REQUIRE(server.commands().size() >= 3);
  CHECK(server.commands()[0] == "EHLO client.test");
  CHECK(server.commands()[1] == "HELO client.test");
  CHECK(server.commands()[2] == "MAIL FROM:<>");  // the null reverse-path
}

TEST_CASE("SMTP: 550 on RCPT TO is smtp_rejected with the relay's words, and nothing is sent") {
  FakeSmtpServer server("220 ready\r\n", [](const std::string& command) -> std::string {
    if (command == "RCPT TO:<nobody@example.org>")
      return "550-5.1.1 <nobody@example.org>:\r\n550 5.1.1 no such user\r\n";
    return FakeSmtpServer::Accepting(command);
  });
  Result<bool> sent = SendMail(SettingsFor(server), "a@example.com", {"ok@example.org", "nobody@example.org"}, "x\r\n");
  server.Join();
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == slotwise::codes::kSmtpRejected);
  CHECK(sent.error().field == "recipients[1]");
  CHECK(sent.error().message.find("550 5.1.1 no such user") != std::string::npos);
  CHECK(sent.error().message.find("permanent") != std::string::npos);
  CHECK(server.data().empty());
  CHECK(std::find(server.commands().begin(), server.commands().end(), "DATA") == server.commands().end());
  CHECK(server.commands().back() == "QUIT");
}

TEST_CASE("SMTP: a 421 greeting is smtp_unavailable (retryable)") {
  FakeSmtpServer server("421 4.3.2 Service not available, closing channel\r\n", FakeSmtpServer::Accepting);
  Result<bool> sent = SendMail(SettingsFor(server), "a@example.com", {"b@example.com"}, "x\r\n");
  server.Join();
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == slotwise::codes::kSmtpUnavailable);
  CHECK(sent.error().message.find("421 4.3.2") != std::string::npos);
  CHECK(sent.error().message.find("temporary") != std::string::npos);
}

TEST_CASE("SMTP: 4xx and 5xx after the data are unavailable and rejected") {
  for (const auto& [reply, code] :
       {std::pair<std::string, std::string_view>{"451 4.3.0 try later\r\n", slotwise::codes::kSmtpUnavailable},
        {"554 5.7.1 spam\r\n", slotwise::codes::kSmtpRejected}}) {
    CAPTURE(reply);
    FakeSmtpServer server("220 ready\r\n", [reply = reply](const std::string& command) -> std::string {
      if (command == FakeSmtpServer::kMessageEvent) return reply;
      return FakeSmtpServer::Accepting(command);
    });
    Result<bool> sent = SendMail(SettingsFor(server), "a@example.com", {"b@example.com"}, "x\r\n");
    server.Join();
    REQUIRE_FALSE(sent.ok());
    CHECK(sent.error().code == code);
    CHECK(sent.error().message.find(reply.substr(0, 9)) != std::string::npos);
  }
}

TEST_CASE("SMTP: a server that never answers times out within the timeout") {
  FakeSmtpServer server("", FakeSmtpServer::Accepting);  // accepts the connection, then silence
  const auto started = std::chrono::steady_clock::now();
  Result<bool> sent =
      SendMail(SettingsFor(server, std::chrono::milliseconds(300)), "a@example.com", {"b@example.com"}, "x\r\n");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  server.Join();
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == slotwise::codes::kSmtpUnavailable);
  CHECK(sent.error().message.find("timed out") != std::string::npos);
  // The timeout ended it: not before it ran out, and not never (the fake server stays silent forever). The upper bound
  // is wide on purpose — a loaded or sanitized build is slow, and only a missing timeout would reach it.
  CHECK(elapsed >= std::chrono::milliseconds(250));
  CHECK(elapsed < std::chrono::seconds(10));
}

TEST_CASE("SMTP: a relay that goes silent mid-conversation times out too") {
  FakeSmtpServer server("220 ready\r\n", [](const std::string& command) -> std::string {
    if (command.starts_with("MAIL")) return "";  // never answers MAIL FROM
    return FakeSmtpServer::Accepting(command);
  });
  const auto started = std::chrono::steady_clock::now();
  Result<bool> sent =
      SendMail(SettingsFor(server, std::chrono::milliseconds(300)), "a@example.com", {"b@example.com"}, "x\r\n");
  server.Join();
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == slotwise::codes::kSmtpUnavailable);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500));
}

TEST_CASE("SMTP: a closed port and a garbled reply are smtp_unavailable") {
  int closed_port = 0;
  {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    closed_port = ntohs(address.sin_port);
    close(fd);  // bound but never listening, then released: connecting is refused
  }
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = closed_port;
  settings.timeout = std::chrono::seconds(2);
  Result<bool> sent = SendMail(settings, "a@example.com", {"b@example.com"}, "x\r\n");
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == slotwise::codes::kSmtpUnavailable);
  CHECK(sent.error().message.find("127.0.0.1:" + std::to_string(closed_port)) != std::string::npos);

  FakeSmtpServer server("HTTP/1.1 400 Bad Request\r\n", FakeSmtpServer::Accepting);
  sent = SendMail(SettingsFor(server), "a@example.com", {"b@example.com"}, "x\r\n");
  server.Join();
  REQUIRE_FALSE(sent.ok());
  CHECK(sent.error().code == slotwise::codes::kSmtpUnavailable);
  CHECK(sent.error().message.find("not an SMTP reply") != std::string::npos);
}

TEST_CASE("SMTP: bad envelope addresses and settings are refused before connecting") {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = 1;  // nothing is contacted
  CHECK(SendMail(settings, "a@example.com", {"b@example.com\r\nRCPT TO:<c@d.e>"}, "x").error().field ==
        "recipients[0]");
  CHECK(SendMail(settings, "a@example.com\r\n", {"b@example.com"}, "x").error().field == "envelope_from");
  CHECK(SendMail(settings, "a@example.com", {}, "x").error().field == "recipients");
  CHECK(SendMail(settings, "a@example.com", {"b@example.com"}, "x").error().code == slotwise::codes::kSmtpUnavailable);
  settings.timeout = std::chrono::milliseconds(0);
  CHECK(SendMail(settings, "a@example.com", {"b@example.com"}, "x").error().code == "invalid_settings");
  settings.timeout = std::chrono::seconds(1);
  settings.port = 70000;
  CHECK(SendMail(settings, "a@example.com", {"b@example.com"}, "x").error().field == "port");
}

}  // namespace slotwise::mail
