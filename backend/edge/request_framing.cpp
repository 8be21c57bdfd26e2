// request_framing.cpp — see request_framing.h.
#include "edge/request_framing.h"

#include <charconv>
#include <optional>

#include "slotwise/error_codes.h"

namespace slotwise::edge {

namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::size_t kMaxChunkLine = 1024;  // a chunk-size line with its extensions

RequestFrame Refuse(std::string_view code, std::string message) {
  RequestFrame frame;
  frame.state = FrameState::kRefused;
  frame.refusal = FrameRefusal{code, std::move(message)};
  return frame;
}

RequestFrame Malformed(std::string message) { return Refuse(codes::kHttpError, std::move(message)); }

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool IsTokenChar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// What the head says about the body.
struct HeadFacts {
  std::string_view method;
  bool http10 = false;
  std::optional<std::size_t> content_length;
  bool length_over_budget = false;  // a Content-Length too large to represent counts as over any budget
  bool chunked = false;
  bool expects_continue = false;
};

// Reads "Content-Length: 12" or "12, 12" into `facts`; false when the value is not a length.
bool ReadContentLength(std::string_view value, HeadFacts& facts) {
  while (true) {
    const std::size_t comma = value.find(',');
    const std::string_view item = TrimBlanks(value.substr(0, comma));
    if (item.empty()) return false;
    for (char c : item) {
      if (c < '0' || c > '9') return false;
    }
    std::size_t length = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), length);
    if (error == std::errc::result_out_of_range) {
      facts.length_over_budget = true;
      length = static_cast<std::size_t>(-1);
    } else if (error != std::errc() || end != item.data() + item.size()) {
      return false;
    }
    if (facts.content_length && *facts.content_length != length) return false;
    facts.content_length = length;
    if (comma == std::string_view::npos) return true;
    value.remove_prefix(comma + 1);
  }
}

// Parses the head (without its final empty line) into `facts`; a refusal when it breaks the protocol.
std::optional<RequestFrame> ReadHead(std::string_view head, HeadFacts& facts) {
  if (head.find('\0') != std::string_view::npos) return Malformed("the request head contains a NUL byte");
  const std::size_t line_end = head.find(kCrlf);
  const std::string_view request_line = head.substr(0, line_end);
  if (request_line.empty()) return Malformed("the request line is empty");
  const std::size_t first_space = request_line.find(' ');
  const std::size_t last_space = request_line.rfind(' ');
  if (first_space == std::string_view::npos || last_space == first_space) {
    return Malformed("the request line is not \"METHOD target HTTP/1.1\"");
  }
  facts.method = request_line.substr(0, first_space);
  const std::string_view target = request_line.substr(first_space + 1, last_space - first_space - 1);
  const std::string_view version = request_line.substr(last_space + 1);
  if (!IsToken(facts.method) || target.empty()) return Malformed("the request line is not \"METHOD target HTTP/1.1\"");
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return Malformed("the request target contains a control character or space");
  }
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    return Malformed("only HTTP/1.1 and HTTP/1.0 are served (the request says " + std::string(version.substr(0, 16)) +
                     ")");
  }
  facts.http10 = version == "HTTP/1.0";

  bool has_transfer_encoding = false;
  std::string_view rest = line_end == std::string_view::npos ? std::string_view() : head.substr(line_end + 2);
  while (!rest.empty()) {
    const std::size_t end = rest.find(kCrlf);
    const std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
    if (line.empty()) return Malformed("an empty line inside the request head");
    if (line.front() == ' ' || line.front() == '\t') return Malformed("folded header lines are not accepted");
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) {
      return Malformed("a header line is not \"Name: value\"");
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = TrimBlanks(line.substr(colon + 1));
    for (char c : value) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
        return Malformed("the header " + std::string(name) + " contains a control character");
      }
    }
    if (EqualsIgnoringCase(name, "content-length")) {
      if (!ReadContentLength(value, facts)) return Malformed("Content-Length is not one decimal length");
    } else if (EqualsIgnoringCase(name, "transfer-encoding")) {
      if (has_transfer_encoding) return Malformed("Transfer-Encoding appears twice");
      has_transfer_encoding = true;
      if (!EqualsIgnoringCase(value, "chunked")) {
        return Refuse(codes::kUnsupportedTransferCoding,
                      "only Transfer-Encoding: chunked is accepted (the request says \"" +
                          std::string(value.substr(0, 40)) + "\")");
      }
      facts.chunked = true;
    } else if (EqualsIgnoringCase(name, "expect")) {
      facts.expects_continue = EqualsIgnoringCase(value, "100-continue");
    }
  }
  if (facts.chunked && facts.content_length) {
    return Malformed("a request may not carry both Content-Length and Transfer-Encoding");
  }
  if (facts.chunked && facts.http10) return Malformed("HTTP/1.0 has no chunked transfer coding");
  return std::nullopt;
}

// Walks a chunked body starting at `body`; kComplete carries the body's length in `total_bytes`.
RequestFrame WalkChunkedBody(std::string_view body, const FramingLimits& limits) {
  std::size_t at = 0;
  std::size_t decoded = 0;
  while (true) {
    const std::size_t line_end = body.find(kCrlf, at);
    if (line_end == std::string_view::npos) {
      // Waiting: the line's CRLF may still come (a lone CR may already be here).
      if (body.size() - at > kMaxChunkLine + 1) return Malformed("a chunk-size line is longer than 1024 bytes");
      return RequestFrame{};
    }
    const std::string_view line = body.substr(at, line_end - at);
    if (line.size() > kMaxChunkLine) return Malformed("a chunk-size line is longer than 1024 bytes");
    const std::string_view digits = TrimBlanks(line.substr(0, line.find(';')));
    std::size_t size = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size, 16);
    if (error == std::errc::result_out_of_range) {
      return Refuse(codes::kPayloadTooLarge, "the chunked request body is over the server's limit of " +
                                                 std::to_string(limits.max_body_bytes) + " bytes");
    }
    if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
      return Malformed("a chunk size is not a hexadecimal number");
    }
    at = line_end + 2;
    if (size == 0) break;
    if (size > limits.max_body_bytes - decoded) {
      return Refuse(codes::kPayloadTooLarge, "the chunked request body is over the server's limit of " +
                                                 std::to_string(limits.max_body_bytes) + " bytes");
    }
    decoded += size;
    if (body.size() - at < size + 2) return RequestFrame{};
    if (body.substr(at + size, 2) != kCrlf) return Malformed("a chunk does not end with CRLF where its size says");
    at += size + 2;
  }
  // Trailers: header lines up to an empty line; the lines, with their CRLFs, within the header budget. While a line
  // is still arriving one more byte (a lone CR) is allowed, so that bytes arriving one by one meet the same verdict.
  const std::size_t trailers_start = at;
  while (true) {
    const std::size_t line_end = body.find(kCrlf, at);
    if (line_end == std::string_view::npos) {
      if (body.size() - trailers_start > limits.max_header_bytes + 1) {
        return Refuse(codes::kHeadersTooLarge, "the chunked body's trailers are over the header limit");
      }
      return RequestFrame{};
    }
    const bool last = line_end == at;
    if (!last && line_end + 2 - trailers_start > limits.max_header_bytes) {
      return Refuse(codes::kHeadersTooLarge, "the chunked body's trailers are over the header limit");
    }
    at = line_end + 2;
    if (last) break;
  }
  RequestFrame frame;
  frame.state = FrameState::kComplete;
  frame.total_bytes = at;
  return frame;
}

// The walk, and while it waits for more: tiny chunks cost framing bytes the decoded size does not count, so the raw
// body is bounded too.
RequestFrame FrameChunkedBody(std::string_view body, const FramingLimits& limits) {
  RequestFrame frame = WalkChunkedBody(body, limits);
  const std::size_t max_raw = 2 * limits.max_body_bytes + 4096;
  const std::size_t raw = frame.state == FrameState::kComplete ? frame.total_bytes : body.size();
  if (frame.state != FrameState::kRefused && raw > max_raw + limits.max_header_bytes) {
    return Refuse(codes::kPayloadTooLarge, "the chunked request body, with its chunk framing, is over the server's "
                                           "limit of " + std::to_string(max_raw) + " bytes");
  }
  return frame;
}

}  // namespace

RequestFrame FrameRequest(std::string_view buffer, const FramingLimits& limits) {
  const std::size_t head_end = buffer.find("\r\n\r\n");
  if (head_end == std::string_view::npos || head_end + 4 > limits.max_header_bytes) {
    if (buffer.size() > limits.max_header_bytes) {
      return Refuse(codes::kHeadersTooLarge, "the request line and headers are over the server's limit of " +
                                                 std::to_string(limits.max_header_bytes) + " bytes");
    }
    if (head_end == std::string_view::npos) return RequestFrame{};
  }
  const std::size_t head_bytes = head_end + 4;
  HeadFacts facts;
  if (std::optional<RequestFrame> refusal = ReadHead(buffer.substr(0, head_end), facts)) return *refusal;

  RequestFrame frame;
  frame.head_bytes = head_bytes;
  frame.expects_continue = facts.expects_continue;
  if (facts.chunked) {
    frame.has_body = true;
    RequestFrame body = FrameChunkedBody(buffer.substr(head_bytes), limits);
    if (body.state == FrameState::kRefused) return body;
    if (body.state == FrameState::kComplete) {
      frame.state = FrameState::kComplete;
      frame.total_bytes = head_bytes + body.total_bytes;
    }
    return frame;
  }
  if (!facts.content_length) {
    if (facts.method == "POST" || facts.method == "PUT" || facts.method == "PATCH") {
      return Refuse(codes::kLengthRequired, "a " + std::string(facts.method) +
                                                " request needs a Content-Length header (use 0 for no body)");
    }
    facts.content_length = 0;
  }
  if (facts.length_over_budget || *facts.content_length > limits.max_body_bytes) {
    return Refuse(codes::kPayloadTooLarge, "the request body is over the server's limit of " +
                                               std::to_string(limits.max_body_bytes) + " bytes");
  }
  frame.has_body = *facts.content_length > 0;
  if (buffer.size() - head_bytes >= *facts.content_length) {
    frame.state = FrameState::kComplete;
    frame.total_bytes = head_bytes + *facts.content_length;
  }
  return frame;
}

}  // namespace slotwise::edge
