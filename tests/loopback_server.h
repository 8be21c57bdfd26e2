// loopback_server.h — stopping a cpp-httplib test server that runs listen_after_bind() on its own thread.
//
// httplib's stop() does nothing when listen_after_bind() has not started yet (the thread may not have run); join()
// then waits forever. StopAndJoin waits (at most 5 s) until the server runs, then stops it and joins the thread.
#pragma once

#include <httplib.h>

#include <chrono>
#include <thread>

namespace slotwise::testing {

inline void StopAndJoin(httplib::Server& server, std::thread& thread) {
  for (int i = 0; i < 5000 && !server.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  server.stop();
  if (thread.joinable()) thread.join();
}

}  // namespace slotwise::testing
