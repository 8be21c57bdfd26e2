// request_framing_test.cpp — where a request ends, and what the edge refuses before any worker sees it
// (backend/edge/request_framing.h).
#include <doctest/doctest.h>

#include <string>

#include "edge/request_framing.h"
#include "slotwise/error_codes.h"

namespace {

using slotwise::edge::FrameRequest;
using slotwise::edge::FrameState;
using slotwise::edge::FramingLimits;
using slotwise::edge::RequestFrame;
namespace codes = slotwise::codes;

const FramingLimits kLimits{1024, 4096};

RequestFrame Frame(const std::string& bytes, FramingLimits limits = kLimits) { return FrameRequest(bytes, limits); }

void CheckRefused(const std::string& bytes, std::string_view code, const std::string& says,
                  FramingLimits limits = kLimits) {
  const RequestFrame frame = Frame(bytes, limits);
  REQUIRE(frame.state == FrameState::kRefused);
  CHECK(frame.refusal.code == code);
  CHECK_MESSAGE(frame.refusal.message.find(says) != std::string::npos, frame.refusal.message);
}

}  // namespace

TEST_CASE("Framing: a request without a body ends with its head; bytes after it belong to the next request") {
  const std::string get = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  CHECK(Frame("GET /healthz HTTP/1.1\r\nHo").state == FrameState::kNeedMore);
  const RequestFrame frame = Frame(get + "GET /next HTTP/1.1\r\n");
  CHECK(frame.state == FrameState::kComplete);
  CHECK(frame.total_bytes == get.size());
  CHECK(frame.head_bytes == get.size());
  CHECK_FALSE(frame.has_body);
  CHECK(Frame("DELETE /v1/x HTTP/1.1\r\nHost: x\r\n\r\n").state == FrameState::kComplete);
}

TEST_CASE("Framing: Content-Length bodies — waiting, complete, and decided before the body arrives") {
  const std::string head = "POST /v1/availability HTTP/1.1\r\nContent-Length: 10\r\n\r\n";
  RequestFrame frame = Frame(head + "01234");
  CHECK(frame.state == FrameState::kNeedMore);
  CHECK(frame.head_bytes == head.size());
  CHECK(frame.has_body);
  frame = Frame(head + "0123456789" + "GET");
  CHECK(frame.state == FrameState::kComplete);
  CHECK(frame.total_bytes == head.size() + 10);
  CHECK(Frame("POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\nabcde").state == FrameState::kComplete);
  CHECK(Frame("POST / HTTP/1.1\r\ncontent-length:0\r\n\r\n").state == FrameState::kComplete);

  CheckRefused("POST / HTTP/1.1\r\nContent-Length: 4097\r\n\r\n", codes::kPayloadTooLarge, "limit of 4096 bytes");
  CheckRefused("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", codes::kPayloadTooLarge,
               "limit");
  CheckRefused("POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n", codes::kHttpError, "Content-Length");
  CheckRefused("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", codes::kHttpError,
               "Content-Length");
  CheckRefused("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", codes::kHttpError, "Content-Length");
  CheckRefused("POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n", codes::kHttpError, "Content-Length");
}

TEST_CASE("Framing: POST, PUT and PATCH without a length are refused at once; other methods have no body") {
  for (const char* method : {"POST", "PUT", "PATCH"}) {
    CheckRefused(std::string(method) + " /v1/tenants HTTP/1.1\r\nHost: x\r\n\r\n", codes::kLengthRequired,
                 std::string(method) + " request needs a Content-Length");
  }
  CHECK(Frame("GET / HTTP/1.1\r\n\r\n").state == FrameState::kComplete);
}

TEST_CASE("Framing: chunked bodies — extensions and trailers, the decoded size budget, broken chunks") {
  const std::string head = "POST /v1/validate HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string body = "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n";
  const RequestFrame frame = Frame(head + body + "GET / HTTP/1.1\r\n");
  REQUIRE(frame.state == FrameState::kComplete);
  CHECK(frame.total_bytes == head.size() + body.size());
  CHECK(Frame(head + "5\r\nhel").state == FrameState::kNeedMore);
  CHECK(Frame(head + "0\r\n").state == FrameState::kNeedMore);
  CHECK(Frame(head + "0\r\n\r\n").state == FrameState::kComplete);
  CHECK(Frame("POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n").state == FrameState::kComplete);

  // Over the budget as soon as a chunk size says so, before its data.
  CheckRefused(head + "1001\r\n", codes::kPayloadTooLarge, "limit of 4096 bytes");
  CheckRefused(head + "800\r\n" + std::string(0x800, 'a') + "\r\n801\r\n", codes::kPayloadTooLarge, "limit of 4096");
  CheckRefused(head + "ffffffffffffffffffff\r\n", codes::kPayloadTooLarge, "limit");
  // Tiny chunks: the raw framing is bounded too.
  std::string tiny;
  while (tiny.size() < 2 * 4096 + 4096 + 1024 + 64) tiny += "1\r\na\r\n";
  CheckRefused(head + tiny, codes::kPayloadTooLarge, "chunk framing");

  CheckRefused(head + "5\r\nhelloXX", codes::kHttpError, "does not end with CRLF");
  CheckRefused(head + "zz\r\n", codes::kHttpError, "hexadecimal");
  CheckRefused(head + std::string(2000, '1'), codes::kHttpError, "longer than 1024");
  CheckRefused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", codes::kUnsupportedTransferCoding, "gzip");
  CheckRefused("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", codes::kUnsupportedTransferCoding,
               "only Transfer-Encoding: chunked");
  CheckRefused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", codes::kHttpError,
               "both Content-Length and Transfer-Encoding");
  CheckRefused("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
               codes::kHttpError, "twice");
  CheckRefused("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", codes::kHttpError, "HTTP/1.0");
}

TEST_CASE("Framing: a line at its bound is judged the same whether its CRLF arrives at once or a byte at a time") {
  const std::string head = "POST /v1/validate HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  // A chunk-size line of exactly 1024 bytes (digits and an extension) is accepted, so its prefix ending in the lone
  // CR must wait rather than be refused.
  const std::string line = "1;" + std::string(1022, 'x');
  CHECK(Frame(head + line + "\r\na\r\n0\r\n\r\n", FramingLimits{1024, 1 << 20}).state == FrameState::kComplete);
  CHECK(Frame(head + line + "\r", FramingLimits{1024, 1 << 20}).state == FrameState::kNeedMore);
  // The same for a trailer that fills the trailer budget exactly (the line and its CRLF: 1024 bytes).
  const std::string trailer = "X-T: " + std::string(1024 - 5 - 2, 't');
  const std::string body = "0\r\n" + trailer + "\r\n\r\n";
  CHECK(Frame(head + body, FramingLimits{1024, 1 << 20}).state == FrameState::kComplete);
  CHECK(Frame(head + "0\r\n" + trailer + "\r", FramingLimits{1024, 1 << 20}).state == FrameState::kNeedMore);
  CHECK(Frame(head + "0\r\n" + trailer + "\r\n\r", FramingLimits{1024, 1 << 20}).state == FrameState::kNeedMore);
  CHECK(Frame(head + "0\r\n" + trailer + "t\r\n\r\n", FramingLimits{1024, 1 << 20}).state == FrameState::kRefused);
}

TEST_CASE("Framing: the header budget holds whether or not the head's end has arrived") {
  const std::string start = "GET / HTTP/1.1\r\nX-Fill: ";
  CHECK(Frame(start + std::string(900, 'a')).state == FrameState::kNeedMore);
  CheckRefused(start + std::string(1100, 'a'), codes::kHeadersTooLarge, "limit of 1024 bytes");
  CheckRefused(start + std::string(1100, 'a') + "\r\n\r\n", codes::kHeadersTooLarge, "limit of 1024 bytes");
  CHECK(Frame(start + std::string(900, 'a') + "\r\n\r\n").state == FrameState::kComplete);
}

TEST_CASE("Framing: heads that break the protocol are refused with what is wrong") {
  CheckRefused("\r\n\r\n", codes::kHttpError, "request line is empty");
  CheckRefused("GET\r\n\r\n", codes::kHttpError, "METHOD target HTTP/1.1");
  CheckRefused("GET / HTTP/2.0\r\n\r\n", codes::kHttpError, "HTTP/2.0");
  CheckRefused("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", codes::kHttpError, "only HTTP/1.1");
  CheckRefused("GET /a\x01 HTTP/1.1\r\n\r\n", codes::kHttpError, "control character");
  CheckRefused("GET / HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n", codes::kHttpError, "folded");
  CheckRefused("GET / HTTP/1.1\r\nNo colon here\r\n\r\n", codes::kHttpError, "Name: value");
  CheckRefused("GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n", codes::kHttpError, "control character");
  CheckRefused(std::string("GET / HTTP/1.1\r\nX-A: a\0b\r\n\r\n", 28), codes::kHttpError, "NUL");
  CheckRefused("GET / HTTP/1.1\nHost: x\n\nGET / HTTP/1.1\r\n\r\n", codes::kHttpError, "");
}

TEST_CASE("Framing: Expect: 100-continue is reported with the head") {
  const RequestFrame frame = Frame("POST / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n");
  CHECK(frame.state == FrameState::kNeedMore);
  CHECK(frame.expects_continue);
  CHECK_FALSE(Frame("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").expects_continue);
}

TEST_CASE("Framing: any split of a valid stream of requests frames the same requests (property)") {
  const std::string a = "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
  const std::string b = "POST /b HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n";
  const std::string c = "GET /c HTTP/1.1\r\n\r\n";
  const std::string stream = a + b + c;
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    // Bytes arrive up to `cut`; requests are taken off the front as soon as they are complete.
    std::string buffer = stream.substr(0, cut);
    std::vector<std::size_t> sizes;
    while (true) {
      const RequestFrame frame = Frame(buffer);
      REQUIRE(frame.state != FrameState::kRefused);
      if (frame.state != FrameState::kComplete) break;
      sizes.push_back(frame.total_bytes);
      buffer.erase(0, frame.total_bytes);
    }
    std::size_t expected_complete = 0;
    for (std::size_t end : {a.size(), a.size() + b.size(), stream.size()}) expected_complete += cut >= end ? 1 : 0;
    REQUIRE(sizes.size() == expected_complete);
    if (sizes.size() >= 1) CHECK(sizes[0] == a.size());
    if (sizes.size() >= 2) CHECK(sizes[1] == b.size());
    if (sizes.size() == 3) CHECK(sizes[2] == c.size());
  }
}
