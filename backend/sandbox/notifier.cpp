// notifier.cpp — see notifier.h.
#include "sandbox/notifier.h"

namespace slotwise::sandbox {

Notifier::Notifier() : transport_(net::MakeHttplibTransport()), worker_([this] { Work(); }) {}

Notifier::~Notifier() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  worker_.join();
}

void Notifier::Enqueue(net::HttpRequest request, std::string kind) {
  if (request.timeout.count() <= 0) request.timeout = kDefaultTimeout;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    queue_.emplace_back(std::move(request), std::move(kind));
  }
  wake_.notify_one();
}

Result<net::HttpResponse> Notifier::SendNow(net::HttpRequest request) {
  if (request.timeout.count() <= 0) request.timeout = kDefaultTimeout;
  return transport_->Send(request);
}

std::vector<Delivery> Notifier::Delivered() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return delivered_;
}

void Notifier::ClearDelivered() {
  std::lock_guard<std::mutex> lock(mutex_);
  delivered_.clear();
}

bool Notifier::WaitIdle(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return idle_.wait_for(lock, timeout, [this] { return queue_.empty() && !busy_; });
}

void Notifier::Work() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto [request, kind] = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    auto response = transport_->Send(request);
    lock.lock();
    Delivery delivery{request.url, kind, 0, ""};
    if (response) delivery.status = response.value().status;
    else delivery.error = response.error().code;
    if (delivered_.size() < 10000) delivered_.push_back(std::move(delivery));
    busy_ = false;
    if (queue_.empty()) idle_.notify_all();
  }
}

}  // namespace slotwise::sandbox
