// token_server.h — a scripted HTTP server for the oauth suite: records each request and answers from a queue.
//
// Runs a real cpp-httplib server on an ephemeral loopback port in its own thread; stops in the destructor.
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "net/url.h"
#include "support/loopback_server.h"

namespace slotwise::testing {

struct RecordedRequest {
  std::string method;
  std::string path;
  httplib::Headers headers;
  std::string body;
  net::Params form;  // the body parsed as a form (empty when it is not one)

  std::string Header(const std::string& name) const {
    const auto found = headers.find(name);  // httplib::Headers compares names case-insensitively
    return found == headers.end() ? std::string() : found->second;
  }
  std::optional<std::string> Param(std::string_view name) const { return net::ParamValue(form, name); }
};

struct ScriptedReply {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds delay{0};  // sleep before answering (to provoke client timeouts)
};

class TokenServer {
 public:
  TokenServer() {
    server_.server().Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
      ScriptedReply reply;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        RecordedRequest recorded{request.method, request.path, request.headers, request.body, {}};
        if (auto form = net::ParseForm(request.body)) recorded.form = std::move(*form);
        requests_.push_back(std::move(recorded));
        if (!replies_.empty()) {
          reply = std::move(replies_.front());
          replies_.pop_front();
        } else {
          reply = fallback_;
        }
      }
      if (reply.delay.count() > 0) std::this_thread::sleep_for(reply.delay);
      response.status = reply.status;
      for (const auto& [name, value] : reply.headers) response.set_header(name, value);
      response.set_content(reply.body, "application/json");
    });
    server_.Start();
  }
  TokenServer(const TokenServer&) = delete;
  TokenServer& operator=(const TokenServer&) = delete;
  ~TokenServer() { server_.Stop(); }  // before the queues the handler reads go away

  std::string Url(const std::string& path = "") const { return server_.Url(path); }
  int port() const { return server_.port(); }

  void Enqueue(ScriptedReply reply) {
    std::lock_guard<std::mutex> lock(mutex_);
    replies_.push_back(std::move(reply));
  }
  void Enqueue(int status, std::string body) { Enqueue(ScriptedReply{status, std::move(body), {}, {}}); }
  void SetFallback(ScriptedReply reply) {
    std::lock_guard<std::mutex> lock(mutex_);
    fallback_ = std::move(reply);
  }
  std::vector<RecordedRequest> Requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  LoopbackServer server_;
  mutable std::mutex mutex_;
  std::vector<RecordedRequest> requests_;
  std::deque<ScriptedReply> replies_;
  ScriptedReply fallback_{500, R"({"error":"no scripted reply"})", {}, {}};
};

}  // namespace slotwise::testing
