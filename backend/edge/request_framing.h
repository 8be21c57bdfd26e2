// request_framing.h — where one HTTP/1.1 request ends in the bytes a client has sent so far, within the server's
// budgets; the edge (edge_server.h) reads requests off the network with it before any worker sees them.
//
// Contract:
// - FrameRequest(buffer, limits) looks at the bytes received on a connection (the next request starts at offset 0)
//   and answers one of:
//     kNeedMore  — no verdict yet; `head_bytes` is set once the head (request line + headers + empty line) is in;
//     kComplete  — the request is `total_bytes` long (head + body); bytes after it belong to the next request;
//     kRefused   — the request breaks the protocol or a budget; `refusal` names the error code and says why. The
//                  connection must be answered with that error and closed (its framing can no longer be trusted).
// - Budgets: a head longer than `max_header_bytes` (counted from the first byte, whether or not its end has
//   arrived) → headers_too_large; a declared Content-Length, or the decoded size of a chunked body so far, over
//   `max_body_bytes` → payload_too_large, decided as soon as the size is known (before the body arrives); a chunked
//   body's raw bytes (chunk lines included) over 2 × max_body_bytes + 4 KiB (+ the trailer budget) → payload_too_large.
// - Bodies: Content-Length (one value, digits only; repeated equal values accepted) or `Transfer-Encoding: chunked`
//   (chunk sizes in hex with optional extensions, trailers allowed; chunk lines bounded). Both at once, any other
//   transfer coding, or conflicting lengths → refused (the ambiguity request smuggling lives on). POST, PUT and PATCH
//   with neither → length_required at once; other methods without them have an empty body.
// - `expects_continue` is true when the head carries `Expect: 100-continue` (the edge answers 100 before the body).
// - Header names are matched case-insensitively; obsolete line folding and bare LF line ends are refused.
// - Pure function: no allocation beyond the refusal message; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace slotwise::edge {

struct FramingLimits {
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 8 * 1024 * 1024;
};

enum class FrameState { kNeedMore, kComplete, kRefused };

struct FrameRefusal {
  std::string_view code;  // an error code of slotwise/error_codes.h
  std::string message;
};

struct RequestFrame {
  FrameState state = FrameState::kNeedMore;
  std::size_t head_bytes = 0;   // 0 until the head is complete
  std::size_t total_bytes = 0;  // set when kComplete
  bool expects_continue = false;
  bool has_body = false;        // a Content-Length > 0 or a chunked body follows the head
  FrameRefusal refusal;         // set when kRefused
};

RequestFrame FrameRequest(std::string_view buffer, const FramingLimits& limits);

}  // namespace slotwise::edge
