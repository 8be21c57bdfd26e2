// smtp_client.h — hands one rendered message to an SMTP relay (RFC 5321): EHLO (HELO when EHLO is refused),
// MAIL FROM, one RCPT TO per recipient, DATA, QUIT.
//
// Security: plain TCP without AUTH or TLS. The relay must be reachable only over a trusted network or loopback
// (a local Postfix/Exim/OpenSMTPD or a sidecar that relays onwards with TLS). STARTTLS and AUTH are future work.
//
// Contract:
// - Every connect and every wait for a reply is bounded by `timeout` (poll()); a write fails when it cannot make
//   progress for `timeout`. Name resolution uses getaddrinfo, which has no timeout: name the relay by address or a
//   local hosts entry.
// - `rendered_message` is sent as given (RenderMessage output is 7-bit with CRLF), except that every lone LF or CR
//   becomes CRLF (a bare line end could smuggle an end-of-data marker) and lines starting with "." get a second "."
//   (dot-stuffing, RFC 5321 §4.5.2). The end-of-data marker "\r\n.\r\n" is added.
// - All or nothing: a refused recipient aborts the transaction before DATA (nobody gets a partial send).
// - Errors, each carrying the relay's reply text when there was one:
//     "smtp_unavailable"  cannot connect, timeout, connection lost, a malformed reply, or a 4xx reply — temporary:
//                         the caller (the outbox) should retry later with backoff.
//     "smtp_rejected"     a 5xx reply — permanent for this message: retrying the same message will not help.
//     "invalid_message"   an envelope address that is empty (recipients), not plain ASCII local@domain, or
//                         contains CR/LF; nothing is sent. field = "envelope_from" / "recipients[i]".
//     "invalid_settings"  empty host, port outside 1..65535, timeout <= 0 (field "host" / "port" / "timeout").
// - Thread-safe: each call uses its own connection; calls share nothing.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "slotwise/error_codes.h"
#include "slotwise/result.h"

namespace slotwise::mail {


struct SmtpSettings {
  std::string host;                           // relay address or name
  int port = 25;                              // 1..65535
  std::string helo_name = "localhost";        // our name in EHLO/HELO
  std::chrono::milliseconds timeout{10'000};  // bounds connect and each reply; must be > 0
};

// Sends `rendered_message` from `envelope_from` ("" = the null reverse-path "<>", for bounces) to every recipient.
// Returns true once the relay accepted the message (250 after the data); QUIT's answer does not matter.
Result<bool> SendMail(const SmtpSettings& settings, const std::string& envelope_from,
                      const std::vector<std::string>& recipients, const std::string& rendered_message);

// The DATA payload for `message`: CRLF line ends, dot-stuffed, ending with "\r\n.\r\n".
std::string DataPayload(std::string_view message);

}  // namespace slotwise::mail
