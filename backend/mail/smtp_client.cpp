// smtp_client.cpp — SendMail (see smtp_client.h).
#include "mail/smtp_client.h"

#include <algorithm>
#include <initializer_list>
#include <memory>

#include "mail/mail_message.h"
#include "mail/tcp_connection.h"
#include "slotwise/error_codes.h"

namespace slotwise::mail {
namespace {

constexpr std::size_t kMaxReplyLineBytes = 4096;
constexpr int kMaxReplyLines = 100;

struct Reply {
  int code = 0;
  std::string text;  // every line of the reply, with its code, joined by " "
};

Error Unavailable(const std::string& what) {
  return Error{codes::kSmtpUnavailable, what + " This is temporary: retry later.", ""};
}

Error Rejected(const std::string& what, std::string field = {}) {
  return Error{codes::kSmtpRejected, what + " This is permanent: do not retry this message.", std::move(field)};
}

bool IsDigit(char ch) {
  return ch >= '0' && ch <= '9';
}

class Session {
 public:
  Session(TcpConnection& connection, std::chrono::milliseconds timeout) : connection_(connection), timeout_(timeout) {}

  // One reply, continuation lines ("250-…") included, all within one timeout.
  Result<Reply> ReadReply() {
    const TcpConnection::Clock::time_point deadline = TcpConnection::Clock::now() + timeout_;
    Reply reply;
    for (int count = 0; count < kMaxReplyLines; ++count) {
      Result<std::string> line = connection_.ReadLine(deadline, kMaxReplyLineBytes);
      if (!line) return Unavailable("The SMTP relay did not answer: " + line.error().message + ".");
      const std::string& text = *line;
      const bool shaped = text.size() >= 3 && IsDigit(text[0]) && IsDigit(text[1]) && IsDigit(text[2]) &&
                          text[0] >= '2' && text[0] <= '5' && (text.size() == 3 || text[3] == ' ' || text[3] == '-');
      const int code = shaped ? std::stoi(text.substr(0, 3)) : 0;
      if (!shaped || (reply.code != 0 && code != reply.code)) {
        return Unavailable("The SMTP relay sent something that is not an SMTP reply: \"" + text.substr(0, 200) + "\".");
      }
      reply.code = code;
      if (!reply.text.empty()) reply.text += ' ';
      reply.text += text;
      if (text.size() == 3 || text[3] == ' ') return reply;
    }
    return Unavailable("The SMTP relay sent a reply of more than 100 lines.");
  }

  // Sends `line` + CRLF and reads the reply.
  Result<Reply> Command(const std::string& line) { return Send(line + "\r\n"); }

  // Sends `bytes` as they are and reads the reply.
  Result<Reply> Send(std::string_view bytes) {
    if (Result<bool> sent = connection_.WriteAll(bytes, timeout_); !sent) {
      return Unavailable("Sending to the SMTP relay failed: " + sent.error().message + ".");
    }
    return ReadReply();
  }

  // The reply when its code is one of `expected`; otherwise the error it stands for (4xx temporary, 5xx permanent).
  Result<Reply> Expect(Result<Reply> reply, std::initializer_list<int> expected, const std::string& step,
                       std::string field = {}) {
    if (!reply) return reply;
    if (std::find(expected.begin(), expected.end(), reply->code) != expected.end()) return reply;
    const std::string what =
        "The SMTP relay " + connection_.peer() + " answered " + step + " with \"" + reply->text + "\".";
    if (reply->code >= 500) return Rejected(what, std::move(field));
    return Unavailable(what);
  }

  void QuitQuietly() { (void)connection_.WriteAll("QUIT\r\n", timeout_); }

 private:
  TcpConnection& connection_;
  std::chrono::milliseconds timeout_;
};

Result<bool> CheckArguments(const SmtpSettings& settings, const std::string& envelope_from,
                            const std::vector<std::string>& recipients) {
  if (settings.host.empty()) return Error{codes::kInvalidSettings, "The SMTP relay host is empty.", "host"};
  if (settings.port < 1 || settings.port > 65535) {
    return Error{codes::kInvalidSettings, "The SMTP relay port must be from 1 to 65535.", "port"};
  }
  if (settings.timeout.count() <= 0) return Error{codes::kInvalidSettings, "The SMTP timeout must be positive.", codes::kTimeout};
  if (!envelope_from.empty() && !IsValidAddress(envelope_from)) {
    return Error{codes::kInvalidMessage, "The envelope sender is not a plain ASCII address.", "envelope_from"};
  }
  if (recipients.empty()) return Error{codes::kInvalidMessage, "A message needs at least one recipient.", "recipients"};
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    if (!IsValidAddress(recipients[i])) {
      const std::string field = "recipients[" + std::to_string(i) + "]";
      return Error{codes::kInvalidMessage, field + " is not a plain ASCII address.", field};
    }
  }
  return true;
}

// The transaction after connecting; the caller says QUIT.
Result<bool> Converse(Session& session, const SmtpSettings& settings, const std::string& envelope_from,
                      const std::vector<std::string>& recipients, const std::string& rendered_message) {
  if (Result<Reply> greeting = session.Expect(session.ReadReply(), {220}, "the connection"); !greeting) {
    return greeting.error();
  }
  const std::string helo_name = settings.helo_name.empty() ? "localhost" : settings.helo_name;
  Result<Reply> ehlo = session.Command("EHLO " + helo_name);
  if (!ehlo) return ehlo.error();
  if (ehlo->code >= 500) ehlo = session.Command("HELO " + helo_name);  // an RFC 821 relay
  if (Result<Reply> hello = session.Expect(std::move(ehlo), {250}, "EHLO/HELO"); !hello) return hello.error();

  const std::string mail_from = "MAIL FROM:<" + envelope_from + ">";
  if (Result<Reply> reply = session.Expect(session.Command(mail_from), {250}, mail_from); !reply) {
    return reply.error();
  }
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    const std::string rcpt_to = "RCPT TO:<" + recipients[i] + ">";
    Result<Reply> reply =
        session.Expect(session.Command(rcpt_to), {250, 251}, rcpt_to, "recipients[" + std::to_string(i) + "]");
    if (!reply) return reply.error();
  }
  if (Result<Reply> reply = session.Expect(session.Command("DATA"), {354}, "DATA"); !reply) return reply.error();
  Result<Reply> accepted =
      session.Expect(session.Send(DataPayload(rendered_message)), {250}, "the end of the message data");
  if (!accepted) return accepted.error();
  return true;
}

}  // namespace

std::string DataPayload(std::string_view message) {
  std::string out;
  out.reserve(message.size() + message.size() / 64 + 8);
  bool line_start = true;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const char ch = message[i];
    if (ch == '\r' || ch == '\n') {
      out += "\r\n";
      if (ch == '\r' && i + 1 < message.size() && message[i + 1] == '\n') ++i;
      line_start = true;
      continue;
    }
    if (line_start && ch == '.') out += '.';
    out += ch;
    line_start = false;
  }
  if (!line_start) out += "\r\n";
  out += ".\r\n";
  return out;
}

Result<bool> SendMail(const SmtpSettings& settings, const std::string& envelope_from,
                      const std::vector<std::string>& recipients, const std::string& rendered_message) {
  if (Result<bool> checked = CheckArguments(settings, envelope_from, recipients); !checked) return checked;
  Result<std::unique_ptr<TcpConnection>> connection =
      TcpConnection::Connect(settings.host, settings.port, settings.timeout);
  if (!connection) return Unavailable("Cannot reach the SMTP relay: " + connection.error().message + ".");
  Session session(*connection.value(), settings.timeout);
  Result<bool> sent = Converse(session, settings, envelope_from, recipients, rendered_message);
  if (!sent) {
    session.QuitQuietly();
    return sent;
  }
  (void)session.Command("QUIT");  // the message is accepted; how the relay says goodbye does not matter
  return true;
}

}  // namespace slotwise::mail
