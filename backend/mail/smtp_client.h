// smtp_client.h — hands one rendered message to an SMTP relay (RFC 5321) through libcurl: TLS (STARTTLS or implicit),
// SMTP AUTH, the envelope (MAIL FROM, one RCPT TO per recipient), DATA, QUIT.
//
// Contract:
// - Security (SmtpSettings::security):
//     kStartTls     plain connect, then STARTTLS is required: a relay that does not offer it fails the send
//                   (smtp_tls_failed); nothing, not even the envelope, is ever sent in clear.
//     kImplicitTls  TLS from the first byte (the "smtps" port, 465).
//     kNone         plain TCP, no TLS: only for a relay on loopback or a trusted network; refused with a username
//                   (the password would travel in clear) as "invalid_settings".
//   With TLS the relay's certificate chain and host name are always verified, against the system's CAs
//   (/etc/ssl/certs) plus `ca_file` when given.
// - AUTH when `username` is set (PLAIN, LOGIN or whatever stronger mechanism the relay offers, libcurl picks).
// - Bounded: connecting and the whole exchange each finish within `timeout`, name resolution included; a relay that
//   accepts and then says nothing is cut off at `timeout`. Never raises SIGPIPE or SIGALRM.
// - `rendered_message` is sent with every lone LF or CR turned into CRLF; lines starting with "." are dot-stuffed and
//   the end-of-data marker added (RFC 5321 §4.5.2) by libcurl.
// - All or nothing: a refused recipient aborts the transaction before DATA (nobody gets a partial send).
// - Secrets: the password and the message never reach a log; libcurl's verbose output stays off. Error messages name
//   the relay (host:port), the SMTP status and libcurl's one-line reason — never the password or message content.
// - Errors:
//     "smtp_unavailable"  cannot resolve or connect, timeout, connection lost, TLS handshake failed, a 4xx status —
//                         temporary: the caller (the outbox) retries later with backoff.
//     "smtp_rejected"     a 5xx status to the envelope or the data — permanent for this message.
//     "smtp_auth_failed"  the relay refused the username and password (or offers no mechanism we can use) —
//                         permanent until the configuration is fixed.
//     "smtp_tls_failed"   the certificate does not verify (untrusted, expired, wrong host), `ca_file` unusable, or
//                         STARTTLS not offered — permanent until the relay or the configuration is fixed.
//     "invalid_message"   an envelope address that is empty (recipients), not plain ASCII local@domain, or contains
//                         CR/LF; nothing is sent. field = "envelope_from" / "recipients[i]".
//     "invalid_settings"  see CheckSmtpSettings.
// - Thread-safe: each call uses its own libcurl handle and connection; calls share nothing.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/result.h"

namespace slotwise::mail {

enum class SmtpSecurity { kStartTls, kImplicitTls, kNone };

struct SmtpSettings {
  std::string host;  // relay name or address (IPv6 without brackets)
  int port = 0;      // 1..65535; 0 = the security's port (DefaultSmtpPort)
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string helo_name = "localhost";        // our name in EHLO/HELO
  std::string username;                       // "" = no AUTH
  std::string password;                       // secret; used only with a username
  std::string ca_file;                        // PEM CA bundle trusted besides the system's; "" = the system's only
  std::chrono::milliseconds timeout{30'000};  // bounds connecting and the whole exchange; must be > 0
};

// 587 (submission) for kStartTls, 465 for kImplicitTls, 25 for kNone.
int DefaultSmtpPort(SmtpSecurity security);

// The settings' own checks, for a caller that wants to refuse a configuration before the first message (the server
// at start): Error "invalid_settings" with field "host" (empty, or not a plain host name/address), "port" (outside
// 0..65535), "helo_name", "timeout" (<= 0), "username" (with kNone, or a control character), "password" (a username
// without one, or a control character), "ca_file" (set but not a readable file). Returns true.
Result<bool> CheckSmtpSettings(const SmtpSettings& settings);

// Sends `rendered_message` from `envelope_from` ("" = the null reverse-path "<>", for bounces) to every recipient.
// Returns true once the relay accepted the message (250 after the data).
Result<bool> SendMail(const SmtpSettings& settings, const std::string& envelope_from,
                      const std::vector<std::string>& recipients, const std::string& rendered_message);

}  // namespace slotwise::mail
