// mime_encoding.h — the encodings an e-mail message is built from: RFC 2047 encoded-words for UTF-8 header text,
// RFC 5322 folding and dates, base64 bodies wrapped at 76 characters, CRLF line ends. Used by mail_message.cpp.
//
// Contract: pure functions (no clock, no randomness), thread-safe, no exceptions except std::bad_alloc. Header output
// never contains a bare CR or LF: lines are joined by "\r\n " (a fold), so the result is one logical header line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace slotwise::mail {

inline constexpr std::size_t kMaxEncodedWordChars = 75;  // RFC 2047 §2
inline constexpr std::size_t kFoldColumn = 78;           // RFC 5322 §2.1.1 "SHOULD" line length
inline constexpr std::size_t kMaxLineChars = 998;        // RFC 5322 §2.1.1 "MUST" line length (without CRLF)
inline constexpr std::size_t kBase64LineChars = 76;      // RFC 2045 §6.8

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// `utf8` as "=?UTF-8?B?...?=" words of at most 75 characters each, folded with "\r\n " between words. No word splits
// a UTF-8 sequence, so each decodes on its own. `first_line_used` = characters already on the first line (e.g. 9
// for "Subject: "); the first word is shortened so that line stays within 78 where it can. "" gives "".
std::string EncodeWords(std::string_view utf8, std::size_t first_line_used);

// Unstructured header text (a subject): printable-ASCII text that cannot be mistaken for an encoded-word is folded at
// spaces to keep lines within 78 where a word allows; anything else (non-ASCII, control characters, "=?", or a word
// too long to fold) becomes encoded-words. `text` must be valid UTF-8 without CR or LF (callers check).
std::string EncodeUnstructured(std::string_view text, std::size_t first_line_used);

// A display name as an RFC 5322 phrase: atoms as they are, other printable ASCII as a quoted-string (quote and
// backslash escaped), non-ASCII as encoded-words. Same preconditions as EncodeUnstructured.
std::string EncodePhrase(std::string_view name, std::size_t first_line_used);

// base64 of `bytes`, "\r\n" after every 76 characters and at the end ("" gives "").
std::string Base64Lines(std::string_view bytes);

// `text` with every lone "\n" or "\r" turned into "\r\n" (existing "\r\n" pairs are kept).
std::string ToCrlf(std::string_view text);

// "Tue, 14 Nov 2023 22:13:20 +0000" (RFC 5322 §3.3, always UTC).
std::string FormatRfc5322Date(std::int64_t unix_seconds);

}  // namespace slotwise::mail
