// mail_message.h — one e-mail (an interview invitation or notice) rendered as RFC 5322 + MIME text, ready for SMTP.
//
// Contract:
// - Output is 7-bit ASCII with CRLF line ends and no line over 998 characters: UTF-8 subjects and display names
//   become RFC 2047 encoded-words (B encoding, at most 75 characters each), every body part is base64 (76 per line).
//   Text is put in canonical form (lone LF or CR → CRLF) before encoding.
// - Without a calendar part the message is a single text/plain; charset=UTF-8 part. With one it is
//     multipart/mixed
//       multipart/alternative
//         text/plain; charset=UTF-8
//         text/calendar; charset=UTF-8; method=<method>
//       application/ics; name="invite.ics"   (attachment, the same iCalendar text)
//   — the layout calendar clients (Outlook, Gmail, Apple Mail) recognise as an invitation with RSVP buttons.
// - Boundaries are random (CSPRNG) and checked not to occur in any part.
// - Header injection is impossible: CR or LF in an address, a display name, the subject, the message id or an extra
//   header is Error {"header_injection", …, field} ("to[1].name"). Other refusals are "invalid_message": empty `to`,
//   an address that is not plain ASCII local@domain, text that is not UTF-8, control characters in header text, an
//   extra header that is malformed or one this renderer writes itself, a calendar method that is not A-Z/'-'.
// - Thread-safe; the only side effect is drawing random bytes (boundaries and a generated Message-ID).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "slotwise/result.h"

namespace slotwise::mail {

struct MailAddress {
  std::string name;   // display name, UTF-8; "" = address only
  std::string email;  // "local@domain", ASCII
};

struct CalendarPart {
  std::string method = "REQUEST";  // iTIP method: REQUEST, CANCEL, PUBLISH, REPLY, …; must match the ics METHOD
  std::string ics_text;            // the VCALENDAR, UTF-8
};

struct MailHeader {
  std::string name;   // e.g. "Reply-To", "Auto-Submitted", "X-Slotwise-Booking"
  std::string value;  // printable ASCII
};

struct MailMessage {
  MailAddress from;
  std::vector<MailAddress> to;  // at least one
  std::string subject;          // UTF-8
  std::string text_body;        // UTF-8
  std::optional<CalendarPart> calendar;
  std::string message_id;  // "<unique@domain>" (brackets added when missing); "" = generated from `from`'s domain
  std::int64_t date = 0;   // Unix seconds; written as UTC ("+0000")
  std::vector<MailHeader> extra_headers;  // written after the standard headers, in order
};

// The whole message (headers, blank line, body), or an Error as described above.
Result<std::string> RenderMessage(const MailMessage& message);

// Text a caller sends that will end up in a header (a recipient's name, a title that becomes a subject), checked when
// it comes in rather than when the message is sent: "invalid_request" at `field` for CR or LF, another control
// character or text that is not UTF-8 — exactly the text RenderMessage would refuse as a subject or display name.
Result<bool> CheckHeaderInput(std::string_view text, const std::string& field);

// True for a plain ASCII "local@domain" address without spaces, controls or any of <>()[],;:"\ (what this module
// sends; quoted local parts and internationalised addresses are not supported).
bool IsValidAddress(std::string_view email);

}  // namespace slotwise::mail
