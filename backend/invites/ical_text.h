// ical_text.h — RFC 5545 content-line text: TEXT escaping, parameter quoting, line folding, DATE-TIME and UTC-OFFSET
// values. The building blocks of icalendar.cpp, public so that each rule is tested on its own.
//
// Contract: pure functions, thread-safe, no throw except std::bad_alloc. Input strings are UTF-8; they are not
// validated here (invalid bytes pass through unchanged, folding never splits a multi-byte sequence of valid UTF-8).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "slotwise/time.h"

namespace slotwise::invites {

inline constexpr std::size_t kMaxLineOctets = 75;  // RFC 5545 §3.1: content lines SHOULD NOT exceed 75 octets
inline constexpr std::string_view kCrlf = "\r\n";

// A TEXT value (RFC 5545 §3.3.11): "\" -> "\\", ";" -> "\;", "," -> "\,", CRLF / LF / CR -> "\n"; other control
// characters (below 0x20 except TAB, and 0x7F) are dropped.
std::string EscapeText(std::string_view text);

// A parameter value (RFC 5545 §3.2): DQUOTE characters are removed (they cannot be escaped), control characters
// become spaces, and the value is wrapped in DQUOTEs when it contains ":", ";" or ",".
std::string QuoteParameter(std::string_view value);

// One unfolded content line (no CRLF inside) -> its folded form ending in CRLF: every physical line holds at most
// kMaxLineOctets octets before its CRLF, continuation lines start with one space (counted in the 75), and a UTF-8
// multi-byte sequence is never split across lines.
std::string FoldLine(std::string_view line);

// "YYYYMMDDTHHMMSSZ" for a UTC instant (DATE-TIME form #2). Years must be 0..9999.
std::string FormatUtcDateTime(Instant instant);
// "YYYYMMDDTHHMMSS" for local wall seconds (DATE-TIME form #1/#3, floating or with TZID). Years must be 0..9999.
std::string FormatLocalDateTime(std::int64_t local_seconds);
// A UTC-OFFSET value (RFC 5545 §3.3.14): "+0100", "-0500", "+0530", with seconds only when non-zero ("+005328");
// zero is "+0000" ("-0000" is not allowed).
std::string FormatUtcOffset(std::int32_t offset_seconds);

// True when `text` holds a byte below 0x20 (CR, LF, TAB, NUL …) or 0x7F.
bool HasControlCharacter(std::string_view text);

}  // namespace slotwise::invites
