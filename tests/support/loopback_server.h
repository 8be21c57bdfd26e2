// loopback_server.h — test helper: a cpp-httplib server of the test's own (a scripted provider, a webhook receiver, a
// route under test) on 127.0.0.1 at an ephemeral port, serving on its own thread.
//
// Contract: routes are added to server() before Start(), which binds, starts the thread and answers the port (failing
// to bind fails the test). The destructor (or Stop()) stops the server and joins the thread. StopAndJoin is the safe
// way to stop any server that runs listen_after_bind() on a thread: httplib's stop() does nothing when
// listen_after_bind() has not started yet, and join() would then wait forever, so it waits (at most 5 s) until the
// server runs, then stops it and joins the thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <thread>

#include <doctest/doctest.h>

namespace slotwise::testing {

inline void StopAndJoin(httplib::Server& server, std::thread& thread) {
  for (int i = 0; i < 5000 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server.stop();
  if (thread.joinable()) thread.join();
}

class LoopbackServer {
 public:
  LoopbackServer() = default;
  ~LoopbackServer() { Stop(); }
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  httplib::Server& server() { return server_; }

  int Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE_MESSAGE(port_ > 0, "cannot bind a loopback port");
    thread_ = std::thread([this] { server_.listen_after_bind(); });  // the socket already listens: no race
    return port_;
  }
  void Stop() {
    if (thread_.joinable()) StopAndJoin(server_, thread_);
  }

  int port() const { return port_; }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string Url(const std::string& path) const { return origin() + path; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace slotwise::testing
