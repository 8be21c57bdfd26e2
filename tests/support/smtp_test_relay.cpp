// smtp_test_relay.cpp — see smtp_test_relay.h.
#include "support/smtp_test_relay.h"

#include <sstream>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "support/command.h"

namespace slotwise::testing {

SmtpTestRelay::SmtpTestRelay(const std::string& mode, const std::string& certificate_names) {
  const std::string folder = dir_.path().string();
  const CommandResult made = RunCommand(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=slotwise-test-relay"
      " -addext 'subjectAltName=" +
      certificate_names + "' -keyout '" + folder + "/key.pem' -out '" + folder + "/cert.pem' 2>&1");
  REQUIRE_MESSAGE(made.exit_code == 0, "openssl req failed: " << made.output);
  const bool started = server_.Start({SLOTWISE_SYSTEM_PYTHON, SLOTWISE_SMTP_TEST_SERVER, "--mode", mode, "--cert",
                                      folder + "/cert.pem", "--key", folder + "/key.pem", "--user", kRelayUser,
                                      "--password", kRelayPassword, "--record", folder + "/received.jsonl"});
  REQUIRE_MESSAGE(started, "cannot start the SMTP test server: " << server_.error());
  const std::optional<std::string> line = server_.WaitForLine("listening on port ", std::chrono::seconds(10));
  REQUIRE_MESSAGE(line.has_value(), "the SMTP test server did not start: " << server_.Output());
  port_ = std::stoi(line->substr(line->rfind(' ') + 1));
}

SmtpTestRelay::~SmtpTestRelay() {
  server_.Terminate(std::chrono::seconds(2));
}

std::vector<ReceivedMessage> SmtpTestRelay::Received() const {
  std::vector<ReceivedMessage> messages;
  std::istringstream lines(ReadFile(dir_.path() / "received.jsonl"));
  std::string line;
  while (std::getline(lines, line)) {
    const nlohmann::json record = nlohmann::json::parse(line);
    ReceivedMessage message;
    message.mail_from = record.at("mail_from").get<std::string>();
    message.rcpt_tos = record.at("rcpt_tos").get<std::vector<std::string>>();
    message.login = record.at("login").is_string() ? record.at("login").get<std::string>() : "";
    message.content = record.at("content").get<std::string>();
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace slotwise::testing
