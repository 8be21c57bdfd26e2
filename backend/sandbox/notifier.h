// notifier.h — delivers the sandbox's outgoing HTTP calls (change notifications, webhooks) on a background thread.
//
// Contract:
// - Enqueue never blocks on the network: requests are queued and sent in order by one worker thread, each with its
//   own timeout (net::HttpRequest::timeout; 0 is replaced by kDefaultTimeout). Failures are recorded, not retried.
// - SendNow sends synchronously on the caller's thread (Graph's validation handshake needs the answer).
// - Thread-safe. The destructor stops the worker; queued requests not yet sent are dropped.
// - Delivered() reports every attempt {url, status (0 = transport error), error} for the admin API.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/http_transport.h"
#include "slotwise/result.h"

namespace slotwise::sandbox {

struct Delivery {
  std::string url;
  std::string kind;
  int status = 0;
  std::string error;
};

class Notifier {
 public:
  static constexpr std::chrono::milliseconds kDefaultTimeout{2000};

  Notifier();
  ~Notifier();
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  void Enqueue(net::HttpRequest request, std::string kind);
  Result<net::HttpResponse> SendNow(net::HttpRequest request);
  std::vector<Delivery> Delivered() const;
  void ClearDelivered();
  // Blocks until the queue is empty and nothing is in flight, or `timeout` passes. Returns true when idle.
  bool WaitIdle(std::chrono::milliseconds timeout);

 private:
  void Work();

  std::unique_ptr<net::HttpTransport> transport_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::pair<net::HttpRequest, std::string>> queue_;
  std::vector<Delivery> delivered_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace slotwise::sandbox
