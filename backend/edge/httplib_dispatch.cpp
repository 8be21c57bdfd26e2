// httplib_dispatch.cpp — see httplib_dispatch.h.
#include "edge/httplib_dispatch.h"

#include <httplib.h>

#include <functional>

namespace slotwise::edge {

// The request processor this file reaches was written against this exact release; another release must be checked
// (its signature and its use of the stream) before this line is changed.
static_assert(std::string_view(CPPHTTPLIB_VERSION) == "0.11.4", "check httplib_dispatch.cpp against this cpp-httplib");

namespace {

using ProcessRequest = bool (httplib::Server::*)(httplib::Stream&, bool, bool&,
                                                 const std::function<void(httplib::Request&)>&);

// httplib::Server::process_request is private. An explicit instantiation may name a private member (the language
// exempts explicit instantiations from access checks), and the friend function it defines hands the pointer out.
struct ProcessRequestTag {
  friend ProcessRequest ProcessRequestOf(ProcessRequestTag);
};
template <ProcessRequest Member>
struct ProcessRequestAccess {
  friend ProcessRequest ProcessRequestOf(ProcessRequestTag) { return Member; }
};
template struct ProcessRequestAccess<&httplib::Server::process_request>;

// A stream over one buffered request; what httplib writes is collected in `output`.
class BufferedStream final : public httplib::Stream {
 public:
  BufferedStream(std::string_view input, const Endpoint& remote, const Endpoint& local)
      : input_(input), remote_(remote), local_(local) {}

  bool is_readable() const override { return offset_ < input_.size(); }
  bool is_writable() const override { return true; }
  ssize_t read(char* ptr, size_t size) override {
    const std::size_t n = std::min(size, input_.size() - offset_);
    std::copy_n(input_.data() + offset_, n, ptr);
    offset_ += n;
    return static_cast<ssize_t>(n);
  }
  ssize_t write(const char* ptr, size_t size) override {
    output.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = remote_.ip;
    port = remote_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = local_.ip;
    port = local_.port;
  }
  // No descriptor: httplib checks descriptors against select()'s FD_SETSIZE and would refuse high ones.
  socket_t socket() const override { return INVALID_SOCKET; }

  std::string output;

 private:
  std::string_view input_;
  std::size_t offset_ = 0;
  const Endpoint& remote_;
  const Endpoint& local_;
};

constexpr std::string_view kInterimContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

DispatchedResponse DispatchBufferedRequest(httplib::Server& server, std::string_view request, const Endpoint& remote,
                                           const Endpoint& local, bool close_connection) {
  BufferedStream stream(request, remote, local);
  bool closed = false;
  const ProcessRequest process = ProcessRequestOf(ProcessRequestTag{});
  const bool processed = (server.*process)(stream, close_connection, closed, nullptr);
  DispatchedResponse answer;
  answer.bytes = std::move(stream.output);
  // The edge answered "100 Continue" itself before the body arrived; httplib's own copy would be a second one.
  if (std::string_view(answer.bytes).substr(0, kInterimContinue.size()) == kInterimContinue) {
    answer.bytes.erase(0, kInterimContinue.size());
  }
  answer.close = close_connection || closed || !processed || answer.bytes.empty();
  return answer;
}

}  // namespace slotwise::edge
