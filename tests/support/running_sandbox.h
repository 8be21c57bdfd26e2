// running_sandbox.h — test helper: the provider sandbox (backend/sandbox) serving on 127.0.0.1 at an ephemeral port on
// its own thread.
//
// Contract: the constructor binds, starts the thread and returns once the sandbox serves (failing to bind fails the
// test); Stop() (idempotent, also run by the destructor) stops it and joins the thread, so a fixture can stop the
// sandbox at the point of its teardown where that matters. The Sandbox itself is thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <thread>

#include <doctest/doctest.h>

#include "sandbox/sandbox.h"
#include "slotwise/result.h"

namespace slotwise::testing {

class RunningSandbox {
 public:
  explicit RunningSandbox(sandbox::SandboxOptions options = {}) : server_(options) {
    Result<int> bound = server_.Bind("127.0.0.1", 0);
    REQUIRE_MESSAGE(bound.ok(), "the sandbox cannot bind a loopback port");
    port_ = bound.value();
    thread_ = std::thread([this] { server_.Run(); });  // the bound socket queues connections until Run accepts
  }
  ~RunningSandbox() { Stop(); }
  RunningSandbox(const RunningSandbox&) = delete;
  RunningSandbox& operator=(const RunningSandbox&) = delete;

  void Stop() {
    if (!thread_.joinable()) return;
    server_.Stop();
    thread_.join();
  }

  sandbox::Sandbox& sandbox() { return server_.sandbox(); }
  int port() const { return port_; }
  std::string root() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  sandbox::SandboxServer server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace slotwise::testing
