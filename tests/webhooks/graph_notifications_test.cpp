// Tests for backend/webhooks/graph_notifications: validation echo, clientState checks, duplicates, malformed bodies.
#include <doctest/doctest.h>

#include <string>

#include "slotwise/json_text.h"
#include "support/error_code.h"
#include "webhooks/graph_notifications.h"

using namespace slotwise::webhooks;
using slotwise::testing::ErrorCode;
using nlohmann::json;

namespace {

constexpr std::int64_t kNow = 1'700'000'000;
const std::string kSecretA = "client-state-secret-A-0123456789";
const std::string kSecretB = "client-state-secret-B-0123456789";

void RegisterTwo(SubscriptionRegistry& registry) {
  REQUIRE(registry.Register(GraphSubscription{"sub-a", kSecretA, GraphResource{"conn-1", "ada@contoso.com"}}));
  REQUIRE(registry.Register(GraphSubscription{"sub-b", kSecretB, GraphResource{"conn-2", "bob@contoso.com"}}));
}

json Item(std::string subscription, std::string client_state, std::string event_id,
          std::string change_type = "updated") {
  return json{{"subscriptionId", subscription},
              {"changeType", change_type},
              {"resource", "Users/u1/Events/" + event_id},
              {"resourceData", {{"@odata.type", "#Microsoft.Graph.Event"}, {"id", event_id}}},
              {"clientState", client_state},
              {"tenantId", "tenant-1"},
              {"subscriptionExpirationDateTime", "2023-11-20T00:00:00Z"}};
}

std::string Body(std::initializer_list<json> items) {
  json value = json::array();
  for (const auto& item : items) value.push_back(item);
  return slotwise::DumpJson(json{{"value", value}});
}


}  // namespace

TEST_CASE("Webhooks: Graph validation token is echoed as given, never decoded twice") {
  const std::string token =
      "Validation: Testing client application reachability for subscription Request-Id: "
      "25f6e3f4-2e2a-4a6b-9c55-3c9f7c6a2d81";
  CHECK(ValidationReply(token).value() == token);
  CHECK(ValidationReply("a%2Bb+c").value() == "a%2Bb+c");
  CHECK(ValidationReply(std::string(1024, 'v')).value().size() == 1024);
  for (const std::string& bad : {std::string(), std::string(1025, 'v'), std::string("a\r\nSet-Cookie: x"),
                                 std::string("tab\there"), std::string("nul\0x", 5), std::string("del\x7f")}) {
    auto result = ValidationReply(bad);
    REQUIRE_FALSE(result);
    CHECK(result.error().code == "invalid_validation_token");
  }
}

TEST_CASE("Webhooks: Graph notifications with valid clientState map to their subscriptions") {
  SubscriptionRegistry registry;
  RegisterTwo(registry);
  ReplayCache cache;
  auto result = VerifyGraphNotifications(registry, Body({Item("sub-a", kSecretA, "e1"), Item("sub-b", kSecretB, "e2")}),
                                         cache, kNow);
  REQUIRE(result);
  REQUIRE(result->size() == 2);
  const GraphChange& first = (*result)[0];
  CHECK(first.subscription_id == "sub-a");
  CHECK(first.change_type == "updated");
  CHECK(first.resource == "Users/u1/Events/e1");
  CHECK(first.resource_id == "e1");
  CHECK(first.tenant_id == "tenant-1");
  CHECK(first.target.connection_id == "conn-1");
  CHECK(first.target.mailbox == "ada@contoso.com");
  CHECK((*result)[1].target.mailbox == "bob@contoso.com");

  json minimal = {{"value",
                   {{{"subscriptionId", "sub-a"},
                     {"changeType", "deleted"},
                     {"resource", "Users/u1/Events/x"},
                     {"clientState", kSecretA}}}}};
  auto bare = VerifyGraphNotifications(registry, slotwise::DumpJson(minimal), cache, kNow);
  REQUIRE(bare);
  REQUIRE(bare->size() == 1);
  CHECK((*bare)[0].resource_id.empty());
  CHECK((*bare)[0].tenant_id.empty());
}

TEST_CASE("Webhooks: Graph clientState mismatches and unknown subscriptions are rejected per item") {
  SubscriptionRegistry registry;
  RegisterTwo(registry);
  ReplayCache cache;
  std::string equal_length = kSecretA;
  equal_length.back() = 'X';
  REQUIRE(equal_length.size() == kSecretA.size());

  const auto code = [&](const json& item) {
    return ErrorCode(VerifyGraphNotifications(registry, Body({item}), cache, kNow));
  };
  CHECK(code(Item("sub-a", equal_length, "e1")) == "invalid_client_state");
  CHECK(code(Item("sub-a", kSecretB, "e1")) == "invalid_client_state");  // another subscription's secret
  CHECK(code(Item("sub-a", kSecretA + "x", "e1")) == "invalid_client_state");
  CHECK(code(Item("sub-a", "", "e1")) == "invalid_client_state");
  CHECK(code(Item("sub-zzz", kSecretA, "e1")) == "invalid_client_state");
  json missing = Item("sub-a", kSecretA, "e1");
  missing.erase("clientState");
  CHECK(code(missing) == "invalid_client_state");
  json number = Item("sub-a", kSecretA, "e1");
  number["clientState"] = 42;
  CHECK(code(number) == "invalid_client_state");
  CHECK(registry.Unregister("sub-a"));
  CHECK(code(Item("sub-a", kSecretA, "e1")) == "invalid_client_state");

  // One bad item does not sink the good ones; the bad one is dropped.
  auto mixed = VerifyGraphNotifications(
      registry, Body({Item("sub-b", "forged", "e7"), Item("sub-b", kSecretB, "e8"), json("junk")}), cache, kNow);
  REQUIRE(mixed);
  REQUIRE(mixed->size() == 1);
  CHECK((*mixed)[0].resource_id == "e8");
}

TEST_CASE("Webhooks: Graph duplicates within the window are dropped, forged items do not poison the cache") {
  SubscriptionRegistry registry;
  RegisterTwo(registry);
  ReplayCache cache;
  const std::string body = Body({Item("sub-a", kSecretA, "e1")});
  CHECK(VerifyGraphNotifications(registry, body, cache, kNow)->size() == 1);
  auto again = VerifyGraphNotifications(registry, body, cache, kNow + 5);
  REQUIRE(again);  // a duplicate is not an error: the route still answers 202
  CHECK(again->empty());
  CHECK(VerifyGraphNotifications(registry, body, cache, kNow + kGraphDuplicateWindowSeconds)->size() == 1);

  // Same item twice in one body; other change types and other events are not duplicates.
  auto same_body =
      VerifyGraphNotifications(registry,
                               Body({Item("sub-b", kSecretB, "e2"), Item("sub-b", kSecretB, "e2"),
                                     Item("sub-b", kSecretB, "e2", "deleted"), Item("sub-b", kSecretB, "e3")}),
                               cache, kNow);
  REQUIRE(same_body);
  CHECK(same_body->size() == 3);

  // A forged item (wrong clientState) must not make the genuine one look like a duplicate.
  CHECK(ErrorCode(VerifyGraphNotifications(registry, Body({Item("sub-a", "forged", "e9")}), cache, kNow)) ==
        "invalid_client_state");
  CHECK(VerifyGraphNotifications(registry, Body({Item("sub-a", kSecretA, "e9")}), cache, kNow)->size() == 1);

  // A custom, shorter window.
  ReplayCache short_cache;
  const std::string e5 = Body({Item("sub-a", kSecretA, "e5")});
  CHECK(VerifyGraphNotifications(registry, e5, short_cache, kNow, 2)->size() == 1);
  CHECK(VerifyGraphNotifications(registry, e5, short_cache, kNow + 1, 2)->empty());
  CHECK(VerifyGraphNotifications(registry, e5, short_cache, kNow + 2, 2)->size() == 1);
}

TEST_CASE("Webhooks: Graph malformed bodies are invalid_notification, oversized ones body_too_large") {
  SubscriptionRegistry registry;
  RegisterTwo(registry);
  ReplayCache cache;
  const auto code = [&](std::string_view body) {
    return ErrorCode(VerifyGraphNotifications(registry, body, cache, kNow));
  };
  for (const char* body : {"", "{", "not json", "[]", "null", "{\"value\":[]}", "{\"value\":{}}", "{\"value\":\"x\"}",
                           "{\"values\":[{}]}", "{\"value\":[1,2,\"x\",null]}", "{\"value\":[{}]}", "{\"a\":1}x"}) {
    CAPTURE(body);
    CHECK(code(body) == "invalid_notification");
  }
  // Wrong types or sizes make an item malformed (not an authentication failure).
  json wrong_type = Item("sub-a", kSecretA, "e1");
  wrong_type["changeType"] = 1;
  CHECK(code(Body({wrong_type})) == "invalid_notification");
  json long_resource = Item("sub-a", kSecretA, "e1");
  long_resource["resource"] = std::string(kMaxGraphResourceBytes + 1, 'r');
  CHECK(code(Body({long_resource})) == "invalid_notification");
  json bad_data = Item("sub-a", kSecretA, "e1");
  bad_data["resourceData"] = "x";
  CHECK(code(Body({bad_data})) == "invalid_notification");
  json no_subscription = Item("sub-a", kSecretA, "e1");
  no_subscription.erase("subscriptionId");
  CHECK(code(Body({no_subscription})) == "invalid_notification");
  CHECK(code(std::string("{\"value\":[\"\xff\xfe\"]}")) == "invalid_notification");  // invalid UTF-8: no throw

  json many = {{"value", json::array()}};
  for (std::size_t i = 0; i <= kMaxGraphItems; ++i) many["value"].push_back(Item("sub-a", kSecretA, "m"));
  CHECK(code(slotwise::DumpJson(many)) == "invalid_notification");
  CHECK(code(std::string(kMaxGraphBodyBytes + 1, ' ')) == "body_too_large");
  CHECK(code(std::string(100000, '[')) == "invalid_notification");  // deep nesting, unterminated
}

TEST_CASE("Webhooks: Graph subscription registration is validated") {
  SubscriptionRegistry registry;
  const auto field = [&](GraphSubscription subscription) {
    auto result = registry.Register(std::move(subscription));
    REQUIRE_FALSE(result);
    CHECK(result.error().code == "invalid_subscription");
    return result.error().field;
  };
  CHECK(field({"", "s", {"c", "m"}}) == "subscription_id");
  CHECK(field({std::string(129, 'i'), "s", {"c", "m"}}) == "subscription_id");
  CHECK(field({"id", "", {"c", "m"}}) == "client_state");
  CHECK(field({"id", std::string(129, 's'), {"c", "m"}}) == "client_state");
  CHECK(field({"id", "s", {"", "m"}}) == "resource.connection_id");
  CHECK(field({"id", "s", {"c", ""}}) == "resource.mailbox");
  CHECK(registry.Size() == 0);
  const std::string state = NewGraphClientState();
  CHECK(state.size() == 43);
  CHECK(state != NewGraphClientState());
  CHECK(registry.Register({"id", state, {"c", "m"}}));
  CHECK(registry.Size() == 1);
}

TEST_CASE("Webhooks: Graph lifecycle notifications are verified like changes and carry their event") {
  SubscriptionRegistry registry;
  RegisterTwo(registry);
  ReplayCache cache;
  const json removed = {{"subscriptionId", "sub-a"},
                        {"lifecycleEvent", "subscriptionRemoved"},
                        {"clientState", kSecretA},
                        {"tenantId", "tenant-1"},
                        {"subscriptionExpirationDateTime", "2023-11-20T00:00:00Z"}};
  auto accepted = VerifyGraphNotifications(registry, Body({removed}), cache, kNow);
  REQUIRE(accepted);
  REQUIRE(accepted->size() == 1);
  CHECK((*accepted)[0].lifecycle_event == "subscriptionRemoved");
  CHECK((*accepted)[0].change_type.empty());
  CHECK((*accepted)[0].target.connection_id == "conn-1");
  // A change notification names no lifecycle event.
  auto change = VerifyGraphNotifications(registry, Body({Item("sub-a", kSecretA, "e1")}), cache, kNow);
  REQUIRE(change);
  CHECK((*change)[0].lifecycle_event.empty());

  json forged = removed;
  forged["clientState"] = kSecretB;
  auto refused = VerifyGraphNotifications(registry, Body({forged}), cache, kNow + 100);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == "invalid_client_state");
  json neither = removed;  // no lifecycleEvent and no changeType: malformed
  neither.erase("lifecycleEvent");
  auto malformed = VerifyGraphNotifications(registry, Body({neither}), cache, kNow + 100);
  REQUIRE_FALSE(malformed);
  CHECK(malformed.error().code == "invalid_notification");
}
