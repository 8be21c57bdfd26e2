// ats_receiver.h — the ATS's side of the candidate messages in end-to-end tests: a local webhook endpoint that
// records every POST (body, signature, delivery id) and reads the e-mails ("email.send") among them, and the tenant
// pointed at it (PATCH /v1/tenant, as the ATS vendor configures it).
#pragma once

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "provider_world.h"
#include "support/loopback_server.h"

namespace slotwise::testing {

// The ATS's webhook endpoint: records every POST with its signature header.
struct AtsReceiver {
  AtsReceiver() {
    server.server().Post("/ats/mail", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex);
      received.push_back({req.body, req.get_header_value("Slotwise-Signature"), req.get_header_value("Slotwise-Delivery")});
      res.status = 204;
    });
    server.Start();
  }
  ~AtsReceiver() { server.Stop(); }  // before `received` goes away
  struct Post {
    std::string body, signature, delivery;
  };
  std::vector<Post> WaitFor(std::size_t count) {
    for (int i = 0; i < 200; ++i) {
      {
        std::lock_guard lock(mutex);
        if (received.size() >= count) return received;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::lock_guard lock(mutex);
    return received;
  }
  // The e-mails among the posts (lifecycle events go to the same URL), once at least `count` arrived (~20 s at most).
  std::vector<nlohmann::json> Mails(std::size_t count) {
    std::vector<nlohmann::json> mails;
    for (int i = 0; i < 400 && mails.size() < count; ++i) {
      if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      mails.clear();
      std::lock_guard lock(mutex);
      for (const Post& post : received) {
        nlohmann::json body = nlohmann::json::parse(post.body, nullptr, false);
        if (body.is_object() && body.value("type", "") == "email.send") mails.push_back(std::move(body));
      }
    }
    return mails;
  }
  LoopbackServer server;
  std::mutex mutex;
  std::vector<Post> received;
};

inline const std::string kAtsSecret = "ats-webhook-secret-for-the-test-0123456789";

// The tenant's ATS webhook is `ats` (PATCH /v1/tenant, as the ATS vendor configures it), signed with kAtsSecret.
inline void ConnectAts(ProviderWorld& world, AtsReceiver& ats) {
  REQUIRE(world.Api("PATCH", "/v1/tenant", {{"ats_webhook_url", ats.server.Url("/ats/mail")}, {"ats_webhook_secret", kAtsSecret}})
              .status == 200);
}

}  // namespace slotwise::testing
