// End to end: every value a caller stores or sends is checked where it comes in (issue 17, point 7) — instants
// outside the supported range (1970-01-01 .. 2200-12-31 UTC) are 422 with the field, never a 502 "try again later";
// a person's time zone, working hours and key, a room's key and the text that ends up in e-mail headers are refused
// before anything is stored; the media type is matched exactly; the widget pages are framed only by the origins of
// the tenant they name (docs/API_BACKEND.md, docs/ENGINE.md).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "api/api_auth.h"
#include "auth/security_headers.h"
#include "provider_world.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/time.h"
#include "support/http_call.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

const std::string kRange = "outside the supported range 1970-01-01 .. 2200-12-31 (UTC)";

json ErrorOf(const HttpAnswer& answer) {
  const json body = json::parse(answer.body, nullptr, false);
  return body.is_object() && body.contains("error") ? body.at("error") : json::object();
}

// The answer must be a 422 naming `field`; `message_part` must occur in the message when given.
void CheckRefused(const HttpAnswer& answer, const std::string& field, const std::string& message_part = {}) {
  CAPTURE(answer.body);
  CHECK(answer.status == 422);
  CHECK(ErrorOf(answer).value("field", "") == field);
  if (!message_part.empty()) CHECK(ErrorOf(answer).value("message", "").find(message_part) != std::string::npos);
}

json JonasQuery(const std::string& start, const std::string& end) {
  return {{"participants", {{{"members", {{{"sub", "jonas.becker@kumo.example"}}}}, {"required", "all"}}}},
          {"required_duration", {{"minutes", 60}}},
          {"query_periods", {{{"start", start}, {"end", end}}}}};
}

json BookingAt(const std::string& start, const std::string& end) {
  return {
      {"title", "Range check"},
      {"organizer", "lena.fischer@kumo.example"},
      {"start", start},
      {"end", end},
      {"interviewers", {{{"sub", "jonas.becker@kumo.example"}}}},
      {"candidate", {{"name", "Jane Doe"}, {"email", "jane.doe@candidate.example"}, {"time_zone", "Europe/Berlin"}}}};
}

// [["HH:MM", "HH:MM"]…] — spelled out: a braced list of two strings would become an object.
json Windows(const std::vector<std::pair<std::string, std::string>>& windows) {
  json list = json::array();
  for (const auto& [start, end] : windows) list.push_back(json::array({start, end}));
  return list;
}

bool PeopleListed(ProviderWorld& world, const std::string& fragment) {
  const HttpAnswer people = world.Api("GET", "/v1/people");
  REQUIRE(people.status == 200);
  return people.body.find(fragment) != std::string::npos;
}

}  // namespace

TEST_CASE("Stored fields: instants outside 1970-01-01 .. 2200-12-31 are a 422 naming the field and the range") {
  ProviderWorld world(true, true);
  // The tenant's availability (calendars gathered from the providers): no provider is asked about year 9999.
  CheckRefused(world.Api("POST", "/v1/availability", JonasQuery("9999-12-01T00:00:00Z", "9999-12-02T00:00:00Z")),
               "query.query_periods[0].start", kRange);
  CheckRefused(world.Api("POST", "/v1/availability", JonasQuery("0000-12-01T00:00:00Z", "0000-12-02T00:00:00Z")),
               "query.query_periods[0].start", kRange);
  CheckRefused(world.Api("POST", "/v1/availability", JonasQuery("2200-12-31T00:00:00Z", "2201-01-02T00:00:00Z")),
               "query.query_periods[0].end", kRange);
  // The last day itself is supported (the period's end may be 2201-01-01T00:00:00Z: intervals are half-open).
  CHECK(world.Api("POST", "/v1/availability", JonasQuery("2200-12-31T00:00:00Z", "2201-01-01T00:00:00Z")).status ==
        200);
  // Bookings and proposals.
  CheckRefused(world.Api("POST", "/v1/interviews", BookingAt("9999-12-01T09:00:00Z", "9999-12-01T10:00:00Z"), "r-1"),
               "start", kRange);
  CheckRefused(world.Api("POST", "/v1/interviews", BookingAt("1969-12-31T09:00:00Z", "1969-12-31T10:00:00Z"), "r-2"),
               "start", kRange);
  json proposal = BookingAt("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z");
  proposal.erase("start");
  proposal.erase("end");
  proposal["options"] = {{{"start", "9999-12-01T09:00:00Z"}, {"end", "9999-12-01T10:00:00Z"}}};
  CheckRefused(world.Api("POST", "/v1/proposals", proposal), "options[0].start", kRange);
  // Nothing was booked.
  CHECK(world.Api("GET", "/v1/interviews").body.find("Range check") == std::string::npos);
}

TEST_CASE("Stored fields: a person's time zone and working hours are validated as the engine reads them") {
  ProviderWorld world(true, true);
  const std::string person = "/v1/people/new.person@kumo.example";
  CheckRefused(world.Api("PUT", person, {{"time_zone", "Mars/Olympus"}}), "time_zone", "Mars/Olympus");
  CheckRefused(world.Api("PUT", person, {{"time_zone", "../../etc/passwd"}}), "time_zone");
  CheckRefused(world.Api("PUT", person, {{"working_hours", {{"mon", Windows({{"17:00", "09:00"}})}}}}),
               "working_hours.mon[0][1]");
  CheckRefused(world.Api("PUT", person, {{"working_hours", {{"monday", Windows({{"09:00", "17:00"}})}}}}),
               "working_hours.monday");
  CheckRefused(world.Api("PUT", person, {{"working_hours", {{"tue", Windows({{"09:00", "25:00"}})}}}}),
               "working_hours.tue[0][1]");
  CheckRefused(world.Api("PUT", person, {{"working_hours", {{"wed", json::array({json{{"a", 1}}})}}}}),
               "working_hours.wed[0]");
  CHECK_FALSE(PeopleListed(world, "new.person@kumo.example"));

  const HttpAnswer stored =
      world.Api("PUT", person,
                {{"time_zone", "Europe/Berlin"},
                 {"working_hours", {{"mon", Windows({{"09:00", "12:00"}, {"13:00", "17:00"}})}}}});
  CHECK_MESSAGE(stored.status == 200, stored.body);
  CHECK(PeopleListed(world, "new.person@kumo.example"));
}

TEST_CASE("Stored fields: keys with control characters, empty or too long are refused; nothing is stored") {
  ProviderWorld world(true, true);
  const std::vector<std::pair<std::string, std::string>> keys = {{"nul%00@kumo.example", "NUL"},
                                                                 {"cr%0D@kumo.example", "CR"},
                                                                 {"lf%0A@kumo.example", "LF"},
                                                                 {"del%7F@kumo.example", "DEL"},
                                                                 {"tab%09@kumo.example", "TAB"},
                                                                 {"nel%C2%85@kumo.example", "C1 (U+0085)"},
                                                                 {std::string(321, 'k') + "@kumo.example", "too long"}};
  for (const auto& [key, what] : keys) {
    CAPTURE(what);
    CheckRefused(world.Api("PUT", "/v1/people/" + key, {{"name", "Someone"}}), "email");
    CheckRefused(world.Api("PUT", "/v1/rooms/" + key, {{"name", "Some room"}}), "email");
    CheckRefused(world.Api("PUT", "/v1/candidates/" + key, {{"name", "Someone"}, {"email", "x@candidate.example"}}),
                 "id");
  }
  const HttpAnswer people = world.Api("GET", "/v1/people"), rooms = world.Api("GET", "/v1/rooms");
  for (const char* marker : {"nul", "cr\\r", "lf\\n", "del", "tab", "nel", "kkkkkkkk"}) {
    CHECK(people.body.find(std::string("\"") + marker) == std::string::npos);
    CHECK(rooms.body.find(std::string("\"") + marker) == std::string::npos);
  }
  // An ordinary key still works.
  CHECK(world.Api("PUT", "/v1/people/plain.key@kumo.example", {{"name", "Plain"}}).status == 200);
}

TEST_CASE("Stored fields: text that ends up in an e-mail header is refused with CR or LF at write time") {
  ProviderWorld world(true, true);
  CheckRefused(world.Api("PUT", "/v1/candidates/cand-1",
                         {{"name", "Jane\r\nBcc: all@victim.example"}, {"email", "jane@candidate.example"}}),
               "name");
  CheckRefused(world.Api("PUT", "/v1/people/header.person@kumo.example", {{"name", "Eve\nBcc: x@evil.example"}}),
               "name");
  // The tenant's name is the {{company}} of the candidates' subjects; its zone their default zone.
  CheckRefused(world.Api("PATCH", "/v1/tenant", {{"name", "Kumo\r\nBcc: all@victim.example"}}), "name");
  CheckRefused(world.Api("PATCH", "/v1/tenant", {{"time_zone", "Mars/Olympus"}}), "time_zone");
  json booking = BookingAt("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z");
  booking["candidate"]["name"] = "Jane\r\nBcc: all@victim.example";
  CheckRefused(world.Api("POST", "/v1/interviews", booking, "hdr-1"), "candidate.name");
  booking = BookingAt("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z");
  booking["title"] = "Interview\r\nBcc: all@victim.example";
  CheckRefused(world.Api("POST", "/v1/interviews", booking, "hdr-2"), "title");
  const json message = {{"template", {{"subject", "Hello {{candidate_name}}"}, {"body", "Hi"}}},
                        {"recipients", {{{"email", "kim@candidate.example"}, {"name", "Kim\r\nBcc: x@evil.example"}}}},
                        {"send", false}};
  CheckRefused(world.Api("POST", "/v1/messages", message), "recipients[0].name");
  const json subject = {{"template", {{"subject", "Hello\nBcc: x@evil.example"}, {"body", "Hi"}}},
                        {"recipients", {{{"email", "kim@candidate.example"}}}},
                        {"send", false}};
  CheckRefused(world.Api("POST", "/v1/messages", subject), "template.subject");
  CHECK(world.Api("GET", "/v1/candidates/cand-1").status != 200);
}

TEST_CASE("Stored fields: Content-Type is matched as a media type, not as a prefix") {
  ProviderWorld world(true, true);
  const httplib::Headers auth = {{"Authorization", "Bearer " + world.api_key()}};
  const std::string url = world.root() + "/v1/people/media.type@kumo.example";
  const std::string body = R"({"name": "Media Type"})";
  for (const char* type : {"application/jsonxyz", "application/json-patch+json", "application/jsonp", "text/json",
                           "application/json x", "application/json,text/plain"}) {
    CAPTURE(type);
    const HttpReply reply = HttpCall("PUT", url, body, auth, type);
    CHECK(reply.status == 415);
    CHECK(reply.Json()["error"]["code"] == "unsupported_media_type");
  }
  CHECK_FALSE(PeopleListed(world, "media.type@kumo.example"));
  for (const char* type : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                           "application/json;charset=UTF-8", "application/json ; charset=\"utf-8\""}) {
    CAPTURE(type);
    CHECK(HttpCall("PUT", url, body, auth, type).status == 200);
  }
}

TEST_CASE("Stored fields: widget pages are framed only by the named tenant's origins; the candidate URL names it") {
  ProviderWorld world(true, true);
  DirectoryStore& directory = world.scheduling().directory();
  Tenant other;
  other.id = "acme";
  other.name = "Acme";
  other.allowed_origins = {"https://ats.acme.example"};
  REQUIRE(directory.CreateTenant(other).ok());
  ApiAuth auth(directory, {}, std::nullopt, [] { return std::int64_t{0}; });
  // Without a tenant: no tenant's origin (the page may frame itself only) — no list of customers in a header.
  CHECK(auth.EmbeddingOrigins("").empty());
  const std::string page_policy = auth::WidgetPagePolicy(auth.EmbeddingOrigins(""));
  CHECK(page_policy.find("frame-ancestors 'self'") != std::string::npos);
  CHECK(page_policy.find("acme") == std::string::npos);
  CHECK(page_policy.find(world.root()) == std::string::npos);
  // With one: exactly that tenant's origins.
  CHECK(auth.EmbeddingOrigins("acme") == std::vector<std::string>{"https://ats.acme.example"});
  CHECK(auth.EmbeddingOrigins("kumo") == std::vector<std::string>{world.root()});
  CHECK(auth.EmbeddingOrigins("nobody").empty());

  // The candidate page's URL names its tenant, so the page gets that tenant's policy.
  // Tuesday of the week after next, 10:00 UTC: inside Jonas's Berlin hours, free of the sandbox's demo events.
  const std::string start =
      FormatRfc3339((IsoWeekStartDay(world.Now() / kSecondsPerDay) + 15) * kSecondsPerDay + 36000);
  json proposal = BookingAt(start, start);
  proposal.erase("start");
  proposal.erase("end");
  proposal["options"] = {{{"start", start}, {"end", FormatRfc3339(*ParseRfc3339(start) + 3600)}}};
  const HttpAnswer created = world.Api("POST", "/v1/proposals", proposal);
  REQUIRE_MESSAGE(created.status == 201, created.body);
  const std::string url = json::parse(created.body).at("candidate_url");
  CHECK(url.rfind(world.root() + "/candidate/?tenant=kumo#p=swp_", 0) == 0);
}
