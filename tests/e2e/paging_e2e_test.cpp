// paging_e2e_test.cpp — cursor paging (backend/api/paging.h, docs/API_BACKEND.md "Paging") through HTTP against a
// real server: every list endpoint read one and two items at a time answers each item once, in the order of the
// unpaged list, with next_cursor null on the last page; a malformed, foreign or filter-changed cursor and a limit out
// of range are invalid_request naming the parameter. And the acceptance of issue 21: paging through N interviews while
// another thread keeps booking new ones through the API answers every interview that existed before paging started
// exactly once, and no interview twice. N is SLOTWISE_PAGING_INTERVIEWS (default 1,000; scripts/soak-pagination runs
// 10,000), the page size SLOTWISE_PAGING_LIMIT (default 25).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "provider_world.h"
#include "slotwise/time.h"

using namespace slotwise;
using namespace slotwise::testing;
using nlohmann::json;

namespace {

using Get = std::function<HttpAnswer(const std::string&)>;
using KeyOf = std::function<std::string(const json&)>;

std::string WithParam(const std::string& path, const std::string& param) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") + param;
}

json Parsed(const HttpAnswer& answer) {
  json body = json::parse(answer.body, nullptr, false);
  REQUIRE_MESSAGE(!body.is_discarded(), answer.body);
  return body;
}

// Every item of `path`'s `array`, read `limit` at a time following next_cursor to its end. Each page answers 200 with
// at most `limit` items; only the last has next_cursor null. `between` runs before each page after the first.
std::vector<json> ReadAllPages(const Get& get, const std::string& path, const std::string& array, int limit,
                               const std::function<void()>& between = {}) {
  std::vector<json> items;
  std::string cursor;
  for (int page = 0;; ++page) {
    REQUIRE(page < 100000);
    if (page > 0 && between) between();
    std::string url = WithParam(path, "limit=" + std::to_string(limit));
    if (!cursor.empty()) url = WithParam(url, "cursor=" + cursor);
    const HttpAnswer answer = get(url);
    REQUIRE_MESSAGE(answer.status == 200, (url + " " + answer.body));
    const json body = Parsed(answer);
    REQUIRE(body.contains("next_cursor"));
    REQUIRE(body.at(array).size() <= static_cast<std::size_t>(limit));
    for (const json& item : body.at(array)) items.push_back(item);
    if (body.at("next_cursor").is_null()) return items;
    CHECK(body.at(array).size() == static_cast<std::size_t>(limit));
    cursor = body.at("next_cursor").get<std::string>();
  }
}

std::vector<std::string> KeysOf(const std::vector<json>& items, const KeyOf& key_of) {
  std::vector<std::string> keys;
  for (const json& item : items) keys.push_back(key_of(item));
  return keys;
}

KeyOf Field(const std::string& name) {
  return [name](const json& item) { return item.at(name).get<std::string>(); };
}

void RequireRefused(const Get& get, const std::string& url, const std::string& field) {
  const HttpAnswer answer = get(url);
  CHECK_MESSAGE(answer.status == 422, (url + " " + answer.body));
  const json body = json::parse(answer.body, nullptr, false);
  REQUIRE_MESSAGE(body.is_object(), answer.body);
  CHECK(body.at("error").at("code") == "invalid_request");
  CHECK_MESSAGE(body.at("error").at("field") == field, (url + " " + answer.body));
}

// The whole paging contract on one list holding at least `at_least` items; `foreign` is a cursor of another list.
void CheckPaging(const Get& get, const std::string& path, const std::string& array, const KeyOf& key_of,
                 std::size_t at_least, const std::string& foreign) {
  CAPTURE(path);
  const HttpAnswer whole = get(path);
  REQUIRE_MESSAGE(whole.status == 200, whole.body);
  const json body = Parsed(whole);
  CHECK(body.at("next_cursor").is_null());  // the default limit holds every item of a small list
  const std::vector<std::string> expected = KeysOf(body.at(array).get<std::vector<json>>(), key_of);
  REQUIRE(expected.size() >= at_least);
  CHECK(std::set<std::string>(expected.begin(), expected.end()).size() == expected.size());
  for (int limit : {1, 2}) {
    CAPTURE(limit);
    CHECK(KeysOf(ReadAllPages(get, path, array, limit), key_of) == expected);
  }
  for (const char* limit : {"0", "-1", "1001", "ten", ""})
    RequireRefused(get, WithParam(path, std::string("limit=") + limit), "limit");
  for (const std::string& cursor : {std::string("not*base64"), std::string("bm9wZQ"), foreign}) {
    RequireRefused(get, WithParam(path, "cursor=" + cursor), "cursor");
  }
}

// The first page's next_cursor of `path` read one at a time (the list must hold two items or more).
std::string FirstCursor(const Get& get, const std::string& path) {
  const HttpAnswer answer = get(WithParam(path, "limit=1"));
  REQUIRE_MESSAGE(answer.status == 200, answer.body);
  const json cursor = Parsed(answer).at("next_cursor");
  REQUIRE(cursor.is_string());
  return cursor.get<std::string>();
}

// Booking `index` of the interviews there before paging (mornings: six half-hours from 09:00 Berlin) or of those
// added while paging (eight from 12:00, the last ending 16:00, inside every interviewer's working hours): the two
// series never collide, and interleave in the list's start-time order.
json PagingBooking(std::int64_t now, int index, bool afternoon) {
  return afternoon ? SeriesBooking(now, index, 12, 8, "Paging added ") : SeriesBooking(now, index, 9, 6, "Paging ");
}

std::string Book(ProviderWorld& world, std::int64_t now, int index, bool afternoon) {
  const HttpAnswer answer = world.Api("POST", "/v1/interviews", PagingBooking(now, index, afternoon),
                                      std::string(afternoon ? "paging-added-" : "paging-") + std::to_string(index));
  if (answer.status != 201) {
    std::fprintf(stderr, "booking %d refused: %d %s\n", index, answer.status, answer.body.substr(0, 300).c_str());
    return "";
  }
  return json::parse(answer.body).at("id").get<std::string>();  // not Parsed: lanes run on threads of their own
}

int EnvironmentNumber(const char* name, int fallback) {
  const char* text = std::getenv(name);
  return text && *text ? std::atoi(text) : fallback;
}

}  // namespace

TEST_CASE("paging: every list endpoint pages one and two at a time; bad limits and cursors are refused") {
  ProviderWorld world(true, true);
  const Get api = [&](const std::string& path) { return world.Api("GET", path); };
  const Get admin = [&](const std::string& path) {
    return HttpJson("GET", world.root() + path, nullptr,
                    {{"Authorization", std::string("Bearer ") + ProviderWorld::kAdminKey}});
  };

  // Some of everything: interviews (with history and webhook deliveries), API keys, connections, HR data.
  const std::int64_t now = world.Now();
  std::vector<std::string> interviews;
  for (int index = 0; index < 3; ++index) interviews.push_back(Book(world, now, index, false));
  for (const std::string& id : interviews) REQUIRE(!id.empty());
  world.Settled(interviews.front());
  for (const char* label : {"one", "two", "three"}) {
    REQUIRE(world.Api("POST", "/v1/api_keys", {{"label", label}}).status == 201);
  }
  for (const char* host : {"teams:lena.fischer@kumo.example", "google_meet:lena.fischer@kumo.example",
                           "teams:sanne.devries@kumo-labs.example"}) {
    const HttpAnswer put = world.Api("PUT", std::string("/v1/host_accounts/") + host, json::object());
    REQUIRE_MESSAGE(put.status == 200, put.body);
  }
  world.Connected("google", "lena.fischer@kumo.example", "recruiter-1");
  world.Connected("microsoft", "sanne.devries@kumo-labs.example", "recruiter-1");
  for (const char* label : {"a", "b", "c"}) {
    REQUIRE(world.Api("POST", "/v1/hr/credentials", {{"label", label}, {"attributes", {"first_name"}}}).status == 201);
  }
  json employees = json::array(), absences = json::array();
  for (const std::string id : {"e-1", "e-2", "e-3"}) {
    employees.push_back({{"id", id},
                         {"first_name", "Pat"},
                         {"last_name", id},
                         {"email", id + "@kumo.example"},
                         {"time_zone", "Europe/Berlin"}});
    absences.push_back({{"id", "x-" + id},
                        {"employee_id", id},
                        {"type", "vacation"},
                        {"first_day", "2026-11-09"},
                        {"last_day", "2026-11-10"}});
  }
  REQUIRE(world.Api("PUT", "/v1/hr/employees", {{"employees", employees}}).status == 200);
  REQUIRE(world.Api("PUT", "/v1/hr/absences", {{"absences", absences}}).status == 200);
  REQUIRE(world
              .Api("PUT", "/v1/hr/org_units",
                   {{"org_units",
                     {{{"kind", "office"}, {"name", "Berlin"}},
                      {{"kind", "department"}, {"name", "Engineering"}},
                      {{"kind", "team"}, {"name", "Platform"}},
                      {{"kind", "team"}, {"name", "Apps"}}}}})
              .status == 200);
  for (const char* team : {"Platform", "Apps"}) {
    const HttpAnswer mapping =
        world.Api("POST", "/v1/hr/channel_mappings",
                  {{"unit", {{"kind", "team"}, {"name", team}}},
                   {"target", {{"kind", "workflow_webhook"}, {"url", "http://127.0.0.1:9/hook"}}},
                   {"language", "en"},
                   {"time_zone", "Europe/Berlin"}});
    REQUIRE_MESSAGE(mapping.status == 201, mapping.body);
  }

  const std::string foreign = FirstCursor(api, "/v1/people");
  const KeyOf whole_item = [](const json& item) { return item.dump(); };
  CheckPaging(api, "/v1/interviews", "interviews", Field("id"), 3, foreign);
  CheckPaging(api, "/v1/interviews/" + interviews.front() + "/history", "history", whole_item, 2, foreign);
  CheckPaging(api, "/v1/people", "people", Field("email"), 3, FirstCursor(api, "/v1/rooms"));
  CheckPaging(api, "/v1/rooms", "rooms", Field("email"), 2, foreign);
  CheckPaging(api, "/v1/host_accounts", "host_accounts", Field("id"), 2, foreign);
  CheckPaging(api, "/v1/api_keys", "api_keys", Field("key_id"), 3, foreign);
  CheckPaging(admin, "/v1/tenants/kumo/api_keys", "api_keys", Field("key_id"), 3, foreign);
  CheckPaging(api, "/v1/connections?user=recruiter-1", "connections", Field("id"), 2, foreign);
  CheckPaging(api, "/v1/hr/credentials", "credentials", Field("credential_id"), 3, foreign);
  CheckPaging(api, "/v1/hr/employees", "employees", Field("id"), 3, foreign);
  CheckPaging(api, "/v1/hr/absences?from=2026-11-01&to=2026-11-30", "absences", Field("id"), 3, foreign);
  CheckPaging(api, "/v1/hr/org_units", "org_units", whole_item, 4, foreign);
  CheckPaging(api, "/v1/hr/channel_mappings", "channel_mappings", Field("id"), 2, foreign);
  CheckPaging(api, "/v1/organisation/people", "people", Field("email"), 3, foreign);
  CheckPaging(api, "/v1/webhook_deliveries", "deliveries", Field("id"), 2, foreign);

  // A cursor is bound to its filter: the next page of another month's absences is refused, not answered wrongly.
  const std::string november = FirstCursor(api, "/v1/hr/absences?from=2026-11-01&to=2026-11-30");
  RequireRefused(api, "/v1/hr/absences?from=2026-11-02&to=2026-11-30&cursor=" + november, "cursor");
  const std::string all_interviews = FirstCursor(api, "/v1/interviews");
  RequireRefused(api, "/v1/interviews?from=2026-01-01T00:00:00Z&cursor=" + all_interviews, "cursor");
  // The same for one interview's history and another's, and for one tenant's keys and another's.
  RequireRefused(api,
                 "/v1/interviews/" + interviews.back() +
                     "/history?cursor=" + FirstCursor(api, "/v1/interviews/" + interviews.front() + "/history"),
                 "cursor");
  // Older callers of the delivery log keep next_before; cursor and before together are refused.
  const json deliveries = Parsed(api("/v1/webhook_deliveries?limit=1"));
  CHECK(deliveries.at("next_before").is_string());
  RequireRefused(api, "/v1/webhook_deliveries?before=evt_1&cursor=" + deliveries.at("next_cursor").get<std::string>(),
                 "cursor");
}

TEST_CASE("paging: N interviews read page by page while more are booked: each that existed is answered once") {
  const int count = EnvironmentNumber("SLOTWISE_PAGING_INTERVIEWS", 1000);
  const int limit = EnvironmentNumber("SLOTWISE_PAGING_LIMIT", 25);
  constexpr int kLanes = 4;
  ProviderWorld world(true, true);
  const std::int64_t now = world.Now();

  // The interviews that exist when paging starts: booked through the API, kLanes requests at a time.
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::string> existing(static_cast<std::size_t>(count));
  {
    std::vector<std::thread> lanes;
    for (int lane = 0; lane < kLanes; ++lane) {
      lanes.emplace_back([&, lane] {
        for (int index = lane; index < count; index += kLanes) existing[index] = Book(world, now, index, false);
      });
    }
    for (std::thread& lane : lanes) lane.join();
  }
  const double booking_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (std::size_t index = 0; index < existing.size(); ++index) REQUIRE_MESSAGE(!existing[index].empty(), index);
  std::printf("paging: booked %d interviews through the API in %.1f s (%.0f/s)\n", count, booking_seconds,
              count / booking_seconds);

  // Meanwhile another thread books more, in the afternoons of the same days: they land before, among and after the
  // page being read.
  std::atomic<bool> stop{false};
  std::atomic<int> added{0};
  std::thread booker([&] {
    for (int index = 0; !stop.load(); ++index) {
      if (!Book(world, now, index, true).empty()) ++added;
    }
  });
  const auto waiting = std::chrono::steady_clock::now();
  while (added.load() < 3 && std::chrono::steady_clock::now() - waiting < std::chrono::seconds(30)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (added.load() < 3) {
    stop = true;
    booker.join();
    FAIL("the concurrent bookings do not succeed");
  }

  const auto paging_started = std::chrono::steady_clock::now();
  const int added_before = added.load();
  // Every page is read after at least one more booking was committed: additions interleave with the whole walk.
  const auto after_a_booking = [&] {
    const int seen = added.load();
    const auto since = std::chrono::steady_clock::now();
    while (added.load() == seen && std::chrono::steady_clock::now() - since < std::chrono::seconds(10)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  };
  const std::vector<json> paged = ReadAllPages([&](const std::string& path) { return world.Api("GET", path); },
                                               "/v1/interviews", "interviews", limit, after_a_booking);
  const int added_during = added.load() - added_before;
  stop = true;
  booker.join();
  const double paging_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - paging_started).count();
  std::printf("paging: read %zu interviews, %d a page, in %.1f s while %d more were booked\n", paged.size(), limit,
              paging_seconds, added_during);

  std::multiset<std::string> answered;
  for (const json& interview : paged) answered.insert(interview.at("id").get<std::string>());
  std::size_t twice = 0;
  for (auto it = answered.begin(); it != answered.end(); it = answered.upper_bound(*it)) {
    if (answered.count(*it) > 1) ++twice;
  }
  CHECK(twice == 0);
  std::size_t missing = 0;
  for (const std::string& id : existing) missing += answered.count(id) == 1 ? 0 : 1;
  CHECK(missing == 0);
  CHECK(added_during >= static_cast<int>(paged.size()) / limit);  // at least one booking between any two pages
}
