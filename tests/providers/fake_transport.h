// fake_transport.h — a scripted HttpTransport, a counting token source and a fake clock for the provider tests.
//
// FakeTransport answers each request with the first scripted entry whose method matches and whose URL starts with
// the entry's prefix (entries are consumed in order; a "responder" entry may answer many times). Every request is
// recorded (method, URL, headers, body, timeout). A request nothing matches is answered with a transport Error
// "network_error" and counted in `unexpected` — tests assert it stays 0. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/http_transport.h"
#include "providers/access_token_source.h"
#include "providers/retry.h"

namespace slotwise::providers::testing {

using Responder = std::function<Result<net::HttpResponse>(const net::HttpRequest&)>;

inline net::HttpResponse Response(int status, std::string body = {}, std::vector<net::HttpHeader> headers = {}) {
  net::HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

class FakeTransport final : public net::HttpTransport {
 public:
  // One answer for the next matching request.
  void Expect(std::string method, std::string url_prefix, net::HttpResponse response) {
    std::lock_guard lock(mutex_);
    Result<net::HttpResponse> answer = std::move(response);
    entries_.push_back({std::move(method), std::move(url_prefix), [answer](const net::HttpRequest&) { return answer; }, 1});
  }
  // A transport failure ("timeout", "network_error") for the next matching request.
  void ExpectFailure(std::string method, std::string url_prefix, std::string code) {
    std::lock_guard lock(mutex_);
    Error error{std::move(code), "scripted transport failure", ""};
    entries_.push_back({std::move(method), std::move(url_prefix), [error](const net::HttpRequest&) {
                          return Result<net::HttpResponse>(error);
                        }, 1});
  }
  // A responder for up to `times` matching requests (default: any number).
  void Respond(std::string method, std::string url_prefix, Responder responder, int times = -1) {
    std::lock_guard lock(mutex_);
    entries_.push_back({std::move(method), std::move(url_prefix), std::move(responder), times});
  }

  Result<net::HttpResponse> Send(const net::HttpRequest& request) override {
    Responder responder;
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request);
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->method == request.method && request.url.rfind(it->url_prefix, 0) == 0) {
          responder = it->responder;
          if (it->remaining > 0 && --it->remaining == 0) entries_.erase(it);
          break;
        }
      }
      if (!responder) {
        ++unexpected_;
        return Error{"network_error", "unexpected request " + request.method + " " + request.url, ""};
      }
    }
    if (on_send_) on_send_(request);
    return responder(request);
  }

  std::vector<net::HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::size_t count() const {
    std::lock_guard lock(mutex_);
    return requests_.size();
  }
  int unexpected() const {
    std::lock_guard lock(mutex_);
    return unexpected_;
  }
  std::size_t pending() const {  // scripted single answers not yet consumed
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const Entry& entry : entries_) n += entry.remaining > 0 ? 1 : 0;
    return n;
  }
  void OnSend(std::function<void(const net::HttpRequest&)> hook) { on_send_ = std::move(hook); }

 private:
  struct Entry {
    std::string method;
    std::string url_prefix;
    Responder responder;
    int remaining;  // -1 = unlimited
  };
  mutable std::mutex mutex_;
  std::deque<Entry> entries_;
  std::vector<net::HttpRequest> requests_;
  int unexpected_ = 0;
  std::function<void(const net::HttpRequest&)> on_send_;
};

// Tokens "token-1", "token-2", …: AfterRejection hands out the next one (or fails when `refusals` say so).
class CountingTokenSource final : public AccessTokenSource {
 public:
  Result<std::string> Current() override {
    std::lock_guard lock(mutex_);
    ++current_calls;
    return "token-" + std::to_string(generation_);
  }
  Result<std::string> AfterRejection(std::string_view rejected) override {
    std::lock_guard lock(mutex_);
    ++rejections;
    last_rejected = std::string(rejected);
    if (fail_refresh) return Error{"reauth_needed", "refresh token revoked", ""};
    ++generation_;
    return "token-" + std::to_string(generation_);
  }
  int current_calls = 0;
  int rejections = 0;
  bool fail_refresh = false;
  std::string last_rejected;

 private:
  std::mutex mutex_;
  int generation_ = 1;
};

// A clock that only moves when something sleeps; records every sleep.
struct FakeTime {
  std::int64_t now = 1767225600;  // 2026-01-01T00:00:00Z
  std::int64_t now_millis_extra = 0;
  std::vector<std::chrono::milliseconds> sleeps;
  double random_value = 0.5;

  RetryHooks Hooks() {
    RetryHooks hooks;
    hooks.sleep = [this](std::chrono::milliseconds delay) {
      sleeps.push_back(delay);
      now_millis_extra += delay.count();
      now += now_millis_extra / 1000;
      now_millis_extra %= 1000;
    };
    hooks.random = [this] { return random_value; };
    hooks.now = [this] { return now; };
    return hooks;
  }
  std::chrono::milliseconds TotalSlept() const {
    std::chrono::milliseconds total{0};
    for (auto s : sleeps) total += s;
    return total;
  }
};

inline std::string HeaderOf(const net::HttpRequest& request, std::string_view name) {
  for (const net::HttpHeader& header : request.headers) {
    if (net::HeaderNameEquals(header.name, name)) return header.value;
  }
  return "";
}

// Every recorded request carries a positive timeout and a Bearer header, and no token in its URL.
inline bool AllAuthorizedWithTimeout(const std::vector<net::HttpRequest>& requests) {
  for (const net::HttpRequest& request : requests) {
    if (request.timeout.count() <= 0) return false;
    if (HeaderOf(request, "Authorization").rfind("Bearer token-", 0) != 0) return false;
    if (request.url.find("token-") != std::string::npos) return false;
    if (request.url.find("access_token") != std::string::npos) return false;
  }
  return true;
}

inline nlohmann::json BodyOf(const net::HttpRequest& request) {
  return nlohmann::json::parse(request.body, nullptr, false);
}

}  // namespace slotwise::providers::testing
