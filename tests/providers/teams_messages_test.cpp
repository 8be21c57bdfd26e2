// Tests for backend/providers/teams_messages: the card as a STRING for Graph and as an OBJECT for webhooks.
#include <doctest/doctest.h>

#include "fake_transport.h"
#include "providers/teams_messages.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;
using nlohmann::json;

namespace {

constexpr const char* kBase = "http://127.0.0.1:7002/microsoft/v1.0";
constexpr const char* kHook = "https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=SECRETSIG";

json Card() {
  return {{"type", "AdaptiveCard"},
          {"version", "1.2"},
          {"body", {{{"type", "TextBlock"}, {"text", "Absent today: Fox (back Monday)"}}}}};
}

}  // namespace

TEST_CASE("TeamsMessages: a channel message carries the card JSON as a string and returns the message id") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  TeamsMessages teams(transport, tokens, kBase, RetryPolicy{}, time.Hooks());
  transport.Expect("POST", std::string(kBase) + "/teams/team-1/channels/19%3Aabc%40thread.tacv2/messages",
                   Response(201, R"({"id":"1616990032035","messageType":"message","body":{"contentType":"html"}})"));
  Result<std::string> id = teams.PostChannelMessage("team-1", "19:abc@thread.tacv2", Card());
  REQUIRE(id);
  CHECK(*id == "1616990032035");
  CHECK(AllAuthorizedWithTimeout(transport.requests()));
  const json body = BodyOf(transport.requests()[0]);
  const json& attachment = body["attachments"][0];
  CHECK(body["body"]["contentType"] == "html");
  CHECK(body["body"]["content"] == "<attachment id=\"" + attachment["id"].get<std::string>() + "\"></attachment>");
  CHECK(attachment["contentType"] == "application/vnd.microsoft.card.adaptive");
  REQUIRE(attachment["content"].is_string());  // a string, not an object
  CHECK(json::parse(attachment["content"].get<std::string>()) == Card());

  transport.Expect("POST", std::string(kBase) + "/teams/", Response(201, R"({"messageType":"message"})"));
  CHECK(teams.PostChannelMessage("team-1", "c", Card()).error().code == "provider_error");
  transport.Expect("POST", std::string(kBase) + "/teams/",
                   Response(403, R"({"error":{"code":"Forbidden","message":"Missing role permissions"}})"));
  CHECK(teams.PostChannelMessage("team-1", "c", Card()).error().code == "provider_forbidden");
  CHECK(teams.PostChannelMessage("team-1", "c", json::array()).error().code == "invalid_request");
}

TEST_CASE("TeamsWebhook: the workflow envelope carries the card as an object with contentUrl null, no token") {
  FakeTransport transport;
  FakeTime time;
  TeamsWebhook webhook(transport, RetryPolicy{}, time.Hooks());
  transport.Expect("POST", kHook, Response(202));
  CHECK(webhook.PostWorkflowWebhook(kHook, Card()).value());
  const net::HttpRequest request = transport.requests()[0];
  CHECK(request.timeout.count() > 0);
  CHECK(HeaderOf(request, "Authorization").empty());
  const json body = BodyOf(request);
  CHECK(body["type"] == "message");
  CHECK(body["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive");
  CHECK(body["attachments"][0]["contentUrl"].is_null());
  CHECK(body["attachments"][0]["content"] == Card());  // an object, not a string
}

TEST_CASE("TeamsWebhook: an old incoming webhook's 200 '...returned HTTP error 429' is throttling") {
  FakeTransport transport;
  FakeTime time;
  TeamsWebhook webhook(transport, RetryPolicy{}, time.Hooks());
  const std::string throttled =
      "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429 with ContextId "
      "tcid=0,server=msgapi-canary-eus2-0,cv=x.";
  transport.Expect("POST", kHook, Response(200, throttled));
  transport.Expect("POST", kHook, Response(200, "1"));
  CHECK(webhook.PostWorkflowWebhook(kHook, Card()).value());
  CHECK(transport.count() == 2);
  CHECK(time.sleeps.size() == 1);

  transport.Respond("POST", kHook, [&](const net::HttpRequest&) { return Response(200, throttled); });
  Result<bool> limited = webhook.PostWorkflowWebhook(kHook, Card());
  REQUIRE_FALSE(limited);
  CHECK(limited.error().code == "rate_limited");
  CHECK(transport.count() == 2 + 4);

  FakeTransport failing;
  TeamsWebhook failing_hook(failing, RetryPolicy{}, time.Hooks());
  failing.Expect("POST", kHook, Response(400, "Bad payload for " + std::string(kHook)));
  Result<bool> bad = failing_hook.PostWorkflowWebhook(kHook, Card());
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == "provider_rejected");
  CHECK(bad.error().message.find("SECRETSIG") == std::string::npos);  // the URL is a credential
  CHECK(failing_hook.PostWorkflowWebhook("ftp://x", Card()).error().code == "invalid_request");
  CHECK(IsIncomingWebhookThrottled(Response(200, throttled)));
  CHECK_FALSE(IsIncomingWebhookThrottled(Response(200, "1")));
}
