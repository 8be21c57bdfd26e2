// google_room_directory_test.cpp — the Admin SDK room reader against a scripted transport: every page of buildings
// and calendar resources followed, the building's name in place of its id, conference rooms only, features by name,
// the token source's own error kept, a page count bound.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fake_transport.h"
#include "providers/google_room_directory.h"
#include "slotwise/error_codes.h"

using namespace slotwise;
using namespace slotwise::providers;
using namespace slotwise::providers::testing;
using nlohmann::json;

namespace {

constexpr const char* kBase = "https://admin.googleapis.com/admin/directory/v1";
const std::string kCalendars = std::string(kBase) + "/customer/my_customer/resources/calendars";
const std::string kBuildings = std::string(kBase) + "/customer/my_customer/resources/buildings";

json Resource(const std::string& email, const std::string& name, const std::string& category = "CONFERENCE_ROOM") {
  return {{"kind", "admin#directory#resources#calendars#CalendarResource"}, {"resourceEmail", email},
          {"resourceName", name}, {"resourceCategory", category}};
}

// A token source that cannot give a token (an administrator's delegation is missing).
class RefusingTokens final : public AccessTokenSource {
 public:
  Result<std::string> Current() override { return Error{codes::kConsentRequired, "authorise the scope", ""}; }
  Result<std::string> AfterRejection(std::string_view) override { return Current(); }
};

}  // namespace

TEST_CASE("GoogleRoomDirectory: every page of buildings and rooms; building names, floors, capacity, features") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  transport.Expect("GET", kBuildings,
                   Response(200, json{{"buildings", {{{"buildingId", "berlin-hq"}, {"buildingName", "Berlin HQ"}}}},
                                      {"nextPageToken", "b2"}}.dump()));
  transport.Expect("GET", kBuildings,
                   Response(200, json{{"buildings", {{{"buildingId", "tokyo"}, {"buildingName", "Tokyo Office"}}}}}.dump()));
  json spree = Resource("c_spree@resource.calendar.google.com", "Berlin · Spree");
  spree["capacity"] = 4;
  spree["buildingId"] = "berlin-hq";
  spree["floorName"] = "2";
  spree["featureInstances"] = {{{"feature", {{"name", "Whiteboard"}}}}, {{"feature", {{"name", "Video conferencing"}}}}};
  json fuji = Resource("c_fuji@resource.calendar.google.com", "東京 · 富士");
  fuji["buildingId"] = "tokyo";
  json unnamed_building = Resource("c_annex@resource.calendar.google.com", "Annex 1");
  unnamed_building["buildingId"] = "annex";
  transport.Expect("GET", kCalendars,
                   Response(200, json{{"items", {spree, Resource("c_beamer@resource.calendar.google.com", "Beamer",
                                                                 "OTHER")}},
                                      {"nextPageToken", "page-2"}}.dump()));
  transport.Expect("GET", kCalendars, Response(200, json{{"items", {fuji, unnamed_building,
                                                                    json{{"resourceName", "no address"}}}}}.dump()));

  GoogleRoomDirectory directory(transport, tokens, kBase, {}, time.Hooks());
  Result<std::vector<RoomInfo>> rooms = directory.ListRooms();
  REQUIRE_MESSAGE(rooms.ok(), rooms.error().message);
  CHECK(transport.unexpected() == 0);
  const std::vector<net::HttpRequest> requests = transport.requests();
  REQUIRE(requests.size() == 4);
  CHECK(requests[0].url.find("maxResults=500") != std::string::npos);
  CHECK(requests[1].url.find("pageToken=b2") != std::string::npos);
  CHECK(requests[3].url.find("pageToken=page-2") != std::string::npos);
  for (const net::HttpRequest& request : requests) CHECK(request.url.find("token-") == std::string::npos);

  REQUIRE(rooms->size() == 3);  // the projector (OTHER) and the resource without an address are left out
  CHECK((*rooms)[0].email == "c_spree@resource.calendar.google.com");
  CHECK((*rooms)[0].name == "Berlin · Spree");
  CHECK((*rooms)[0].capacity == 4);
  CHECK((*rooms)[0].building == "Berlin HQ");
  CHECK((*rooms)[0].floor == "2");
  CHECK((*rooms)[0].features == std::vector<std::string>{"Whiteboard", "Video conferencing"});
  CHECK((*rooms)[1].building == "Tokyo Office");
  CHECK_FALSE((*rooms)[1].capacity.has_value());
  CHECK((*rooms)[2].building == "annex");  // a building the list does not name keeps its id
}

TEST_CASE("GoogleRoomDirectory: an empty Workspace has no list at all; errors keep their meaning") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  transport.Expect("GET", kBuildings, Response(200, R"({"kind":"admin#directory#resources#buildings#buildingsList"})"));
  transport.Expect("GET", kCalendars, Response(200, R"({"kind":"x"})"));
  GoogleRoomDirectory directory(transport, tokens, kBase, {}, time.Hooks());
  Result<std::vector<RoomInfo>> none = directory.ListRooms();
  REQUIRE(none.ok());
  CHECK(none->empty());

  // Not an administrator: Google's 403.
  transport.Expect("GET", kBuildings,
                   Response(403, R"({"error":{"code":403,"message":"Not Authorized to access this resource/api",)"
                                 R"("errors":[{"reason":"forbidden","domain":"global"}]}})"));
  Result<std::vector<RoomInfo>> forbidden = directory.ListRooms();
  REQUIRE_FALSE(forbidden.ok());
  CHECK(forbidden.error().code == codes::kProviderForbidden);
  CHECK(forbidden.error().message.find("Not Authorized") != std::string::npos);

  // A list that is not a list.
  transport.Expect("GET", kBuildings, Response(200, R"({"buildings":{"no":"list"}})"));
  CHECK(directory.ListRooms().error().code == codes::kProviderError);

  // The token source's refusal says what to fix: kept, not turned into "could not be reached".
  RefusingTokens refusing;
  GoogleRoomDirectory unauthorised(transport, refusing, kBase, {}, time.Hooks());
  Result<std::vector<RoomInfo>> refused = unauthorised.ListRooms();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == codes::kConsentRequired);
  CHECK(transport.unexpected() == 0);
}

TEST_CASE("GoogleRoomDirectory: a directory that never stops paging is refused after max_pages") {
  FakeTransport transport;
  CountingTokenSource tokens;
  FakeTime time;
  transport.Respond("GET", kBuildings, [](const net::HttpRequest&) {
    return Result<net::HttpResponse>(Response(200, R"({"buildings":[],"nextPageToken":"again"})"));
  });
  GoogleRoomDirectory directory(transport, tokens, kBase, {}, time.Hooks(), 3);
  Result<std::vector<RoomInfo>> endless = directory.ListRooms();
  REQUIRE_FALSE(endless.ok());
  CHECK(endless.error().code == codes::kProviderError);
  CHECK(transport.requests().size() == 3);
}
