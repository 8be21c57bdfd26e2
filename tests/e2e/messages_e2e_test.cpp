// Messages of no interview, end to end: the colleague "connect your account" e-mail rendered in each recipient's
// language, a bulk send of the tenant's own template queued through the outbox and delivered to the ATS's signed
// webhook (a local receiver stands in for the ATS), and what is refused.
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "auth/webhook_signature.h"
#include "provider_world.h"
#include "support/loopback_server.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

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
  LoopbackServer server;
  std::mutex mutex;
  std::vector<Post> received;
};

json ConnectRequest(bool send) {
  return {{"template", "connect_conferencing"},
          {"provider", "zoom"},
          {"variables", {{"organizer_name", "Lena Fischer"}, {"connect_url", "https://ats.example/settings/video"}}},
          {"recipients", {{{"email", "jonas.becker@kumo.example"}, {"name", "Jonas Becker"}, {"locale", "de"}},
                          {{"email", "ken.sato@kumo.example"}, {"name", "佐藤 健"}, {"locale", "ja"}},
                          {{"email", "emily.carter@kumo.example"}, {"name", "Emily Carter"}}}},
          {"send", send}};
}

}  // namespace

TEST_CASE("messages: the colleague e-mail to connect Zoom, in each recipient's language") {
  ProviderWorld world(true, true);
  const HttpAnswer preview = world.Api("POST", "/v1/messages", ConnectRequest(false));
  REQUIRE_MESSAGE(preview.status == 200, preview.body);
  const json messages = json::parse(preview.body).at("messages");
  REQUIRE(messages.size() == 3);
  std::set<std::string> subjects;
  for (const json& message : messages) {
    const std::string body = message.at("body");
    CHECK(body.find("https://ats.example/settings/video") != std::string::npos);
    CHECK(body.find("Zoom") != std::string::npos);
    CHECK(body.find("Lena Fischer") != std::string::npos);
    CHECK(body.find("{{") == std::string::npos);
    CHECK(message.at("unresolved").empty());
    subjects.insert(message.at("subject").get<std::string>());
  }
  CHECK(subjects.size() == 3);  // three languages, three different subjects
  // Japanese text is not ASCII; the English one is.
  const std::string ja = messages[1].at("subject"), en = messages[2].at("subject");
  CHECK(std::any_of(ja.begin(), ja.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  CHECK(std::all_of(en.begin(), en.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));

  // Without the sender's name the e-mail would go out with "{{organizer_name}}": never sent.
  json unsigned_request = ConnectRequest(true);
  unsigned_request["variables"].erase("organizer_name");
  const HttpAnswer refused = world.Api("POST", "/v1/messages", unsigned_request);
  CHECK(refused.status == 422);
  CHECK(json::parse(refused.body).at("error").at("code") == "unresolved_placeholders");
}

TEST_CASE("messages: a bulk send goes through the outbox to the ATS's signed webhook, once per recipient") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  const std::string secret = "ats-webhook-secret-for-the-test-0123456789";
  REQUIRE(world.Api("PATCH", "/v1/tenant",
                    {{"ats_webhook_url", ats.server.Url("/ats/mail")},
                     {"ats_webhook_secret", secret}})
              .status == 200);
  const json request = {{"template", {{"subject", "Your interview day, {{candidate_name}}"},
                                      {"body", "Hello {{candidate_name}},\nsee you at {{company}}.\n"}}},
                        {"variables", {{"company", "Kumo"}}},
                        {"recipients", {{{"email", "a@candidate.example"}, {"name", "Ana"}},
                                        {{"email", "b@candidate.example"}, {"name", "Bo"}},
                                        {{"email", "c@candidate.example"}, {"name", "Cy"}}}},
                        {"send", true}};
  const HttpAnswer sent = world.Api("POST", "/v1/messages", request);
  REQUIRE_MESSAGE(sent.status == 202, sent.body);
  const json queued = json::parse(sent.body).at("queued");
  REQUIRE(queued.size() == 3);

  const std::vector<AtsReceiver::Post> posts = ats.WaitFor(3);
  REQUIRE(posts.size() == 3);
  std::set<std::string> delivered, subjects;
  for (const AtsReceiver::Post& post : posts) {
    CHECK(auth::VerifyWebhookSignature(secret, post.signature, post.body, world.Now(), 300).ok());
    const json mail = json::parse(post.body);
    CHECK(mail.at("type") == "email.send");
    CHECK(mail.at("kind") == "custom");
    CHECK(mail.at("delivery_id") == post.delivery);
    CHECK(mail.at("attachments").empty());  // no interview, no invitation
    delivered.insert(post.delivery);
    subjects.insert(mail.at("subject").get<std::string>());
  }
  CHECK(delivered == std::set<std::string>(queued.begin(), queued.end()));
  CHECK(subjects == std::set<std::string>{"Your interview day, Ana", "Your interview day, Bo", "Your interview day, Cy"});
}

TEST_CASE("messages: the colleague e-mail carries each recipient's own connect link, which connects them") {
  ProviderWorld world(true, true);
  AtsReceiver ats;
  const std::string secret = "ats-webhook-secret-for-the-test-0123456789";
  REQUIRE(world.Api("PATCH", "/v1/tenant", {{"ats_webhook_url", ats.server.Url("/ats/mail")}, {"ats_webhook_secret", secret}})
              .status == 200);
  json request = ConnectRequest(true);
  request["variables"].erase("connect_url");  // no link of the ATS's own: each person gets theirs
  request["recipients"] = {{{"email", "jonas.becker@kumo.example"}, {"name", "Jonas Becker"}, {"locale", "de"}},
                           {{"email", "emily.carter@kumo.example"}, {"name", "Emily Carter"}}};

  // A preview makes no link; it shows where the link goes.
  json preview_request = request;
  preview_request["send"] = false;
  const HttpAnswer preview = world.Api("POST", "/v1/messages", preview_request);
  REQUIRE_MESSAGE(preview.status == 200, preview.body);
  CHECK(preview.body.find("/connect?link=") != std::string::npos);
  CHECK(preview.body.find("swc1_") == std::string::npos);

  const HttpAnswer sent = world.Api("POST", "/v1/messages", request);
  REQUIRE_MESSAGE(sent.status == 202, sent.body);
  const std::vector<AtsReceiver::Post> posts = ats.WaitFor(2);
  REQUIRE(posts.size() == 2);
  std::set<std::string> links;
  for (const AtsReceiver::Post& post : posts) {
    const json mail = json::parse(post.body);
    const std::string text = mail.at("text");
    const std::size_t at = text.find(world.root() + "/connect?link=swc1_");
    REQUIRE_MESSAGE(at != std::string::npos, text);
    const std::string link = text.substr(at, text.find_first_of(" \n", at) - at);
    links.insert(link);
    // The link's page is for exactly this recipient, and for Zoom meetings.
    const HttpAnswer page = HttpGet(link);
    CHECK(page.status == 200);
    CHECK(page.body.find(mail.at("to").at("email").get<std::string>()) != std::string::npos);
    CHECK(page.body.find("Connect your Zoom") != std::string::npos);
  }
  CHECK(links.size() == 2);  // one link each

  // A recipient who is not one of the tenant's people gets no link: the request is refused, nothing is queued.
  json stranger = request;
  stranger["recipients"][1]["email"] = "someone@elsewhere.example";
  const HttpAnswer refused = world.Api("POST", "/v1/messages", stranger);
  CHECK(refused.status == 422);
  CHECK(json::parse(refused.body).at("error").at("code") == "unknown_participant");
  CHECK(json::parse(refused.body).at("error").at("field") == "recipients[1].email");
}

TEST_CASE("messages: bad requests are refused with the field and queue nothing") {
  ProviderWorld world(true, true);
  const auto refused = [&](const json& body) {
    const HttpAnswer answer = world.Api("POST", "/v1/messages", body);
    CHECK_MESSAGE(answer.status == 422, answer.body);
    return json::parse(answer.body).at("error");
  };
  json base = ConnectRequest(false);
  json no_recipients = base;
  no_recipients["recipients"] = json::array();
  CHECK(refused(no_recipients).at("field") == "recipients");
  json unknown_template = base;
  unknown_template["template"] = "candidate_invitation";
  CHECK(refused(unknown_template).at("field") == "template");
  json bad_provider = base;
  bad_provider["provider"] = "skype";
  CHECK(refused(bad_provider).at("field") == "provider");
  json bad_zone = base;
  bad_zone["recipients"][0]["time_zone"] = "Mars/Olympus";
  CHECK(refused(bad_zone).at("field") == "recipients[0].time_zone");
  const json unknown_variable = {{"template", {{"subject", "Hi {{nickname}}"}, {"body", "x"}}},
                                 {"recipients", {{{"email", "a@candidate.example"}}}}};
  CHECK(refused(unknown_variable).at("code") == "unknown_template_variable");
  CHECK(HttpJson("POST", world.root() + "/v1/messages", base).status == 401);
}
