// End to end: the candidate's invitation sent by the outbox of a real server through a real SMTP relay
// (support/smtp_test_relay.h: aiosmtpd with STARTTLS and AUTH required, a self-signed certificate) — delivered as
// built, and a wrong password recorded where delivery failures are: the interview fails with the reason.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "provider_world.h"
#include "slotwise/time.h"
#include "support/smtp_test_relay.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

DeliveryOptions SmtpDelivery(const SmtpTestRelay& relay, const std::string& password) {
  DeliveryOptions delivery;
  delivery.mode = "smtp";
  delivery.smtp.host = "127.0.0.1";
  delivery.smtp.port = relay.port();
  delivery.smtp.security = mail::SmtpSecurity::kStartTls;
  delivery.smtp.username = kRelayUser;
  delivery.smtp.password = password;
  delivery.smtp.ca_file = relay.ca_file();
  delivery.smtp.timeout = std::chrono::seconds(10);
  delivery.smtp_from = "interviews@kumo.example";
  return delivery;
}

// Books a 30-minute interview (organiser Lena, interviewer Jonas) on Wednesday of the week after next at `hour`
// Berlin time, and answers the interview once the outbox is done with it.
json BookAndSettle(ProviderWorld& world, const std::string& title, int hour) {
  const std::int64_t start = FreeWeekDay(world.Now(), 3).midnight + hour * 3600;
  const json body = {
      {"title", title},
      {"organizer", "lena.fischer@kumo.example"},
      {"start", FormatRfc3339(start)},
      {"end", FormatRfc3339(start + 30 * 60)},
      {"interviewers", {{{"sub", "jonas.becker@kumo.example"}}}},
      {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "Europe/Berlin"}}},
      {"query", {{"start_interval", {{"minutes", 30}}}}}};
  const HttpAnswer booked = world.Api("POST", "/v1/interviews", body, "smtp-" + std::to_string(hour));
  REQUIRE_MESSAGE(booked.status == 201, booked.body);
  return world.Settled(json::parse(booked.body).at("id"));
}

}  // namespace

TEST_CASE("SMTP delivery: the invitation goes out over STARTTLS with AUTH; a wrong password fails the booking") {
  SmtpTestRelay relay("starttls");
  {
    ProviderWorld world(true, true, SmtpDelivery(relay, kRelayPassword));
    const json interview = BookAndSettle(world, "Interview by e-mail", 11);
    REQUIRE_MESSAGE(interview.at("status") == "confirmed", interview.dump());
    const std::vector<ReceivedMessage> received = relay.Received();
    REQUIRE(received.size() == 1);
    CHECK(received[0].mail_from == "interviews@kumo.example");
    CHECK(received[0].rcpt_tos == std::vector<std::string>{"jane.doe@candidate.example"});
    CHECK(received[0].login == kRelayUser);
    CHECK(received[0].content.find("text/calendar; charset=UTF-8; method=REQUEST") != std::string::npos);
    CHECK(received[0].content.find("\r\nX-Slotwise-Delivery: ") != std::string::npos);
  }
  {
    ProviderWorld world(true, true, SmtpDelivery(relay, "not the password"));
    const json interview = BookAndSettle(world, "Interview with a wrong SMTP password", 14);
    CHECK(interview.at("status") == "failed");
    const std::string reason = interview.value("failure_reason", "");
    CHECK_MESSAGE(reason.rfind("smtp_auth_failed: The SMTP relay 127.0.0.1:" + std::to_string(relay.port()) +
                                   " refused the username and password (SMTP status 535)",
                               0) == 0,
                  reason);
    CHECK(reason.find("not the password") == std::string::npos);
    CHECK(relay.Received().size() == 1);  // nothing more arrived
  }
}
