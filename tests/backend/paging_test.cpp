// paging_test.cpp — the paging vocabulary (api/paging.h) without a server: limits, cursors bound to their list and
// filter, and keyset pages over a list held in memory, including items added between pages.
#include <doctest/doctest.h>

#include <httplib.h>

#include <string>
#include <vector>

#include "api/paging.h"
#include "crypto/crypto_primitives.h"

using namespace slotwise;

namespace {

httplib::Request RequestWith(std::initializer_list<std::pair<std::string, std::string>> params) {
  httplib::Request req;
  for (const auto& [name, value] : params) req.params.emplace(name, value);
  return req;
}

std::string Identity(const std::string& s) {
  return s;
}

}  // namespace

TEST_CASE("paging: limit defaults, bounds and refusals name the parameter") {
  Result<PageRequest> plain = ReadPageRequest(RequestWith({}), "people", "");
  REQUIRE(plain);
  CHECK(plain->limit == kDefaultPageLimit);
  CHECK_FALSE(plain->after);
  CHECK(ReadPageRequest(RequestWith({{"limit", "1000"}}), "people", "")->limit == 1000);
  for (const char* bad : {"0", "1001", "-3", "x", "", "2.5"}) {
    Result<PageRequest> refused = ReadPageRequest(RequestWith({{"limit", bad}}), "people", "");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "invalid_request");
    CHECK(refused.error().field == "limit");
  }
  CHECK(ReadPageRequest(RequestWith({{"limit", "100"}}), "d", "", PageLimits{50, 100})->limit == 100);
  CHECK_FALSE(ReadPageRequest(RequestWith({{"limit", "101"}}), "d", "", PageLimits{50, 100}));
}

TEST_CASE("paging: a cursor continues only its own list and filter") {
  const PageRequest people{"people", "", 10, std::nullopt};
  const std::string cursor = PageCursor(people, "b@x.example");
  Result<PageRequest> next = ReadPageRequest(RequestWith({{"cursor", cursor}}), "people", "");
  REQUIRE(next);
  CHECK(next->after == "b@x.example");
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"rooms", ""},         // another list
      {"people", "from=1"},  // another filter
  };
  for (const auto& [list, filter] : refused) {
    Result<PageRequest> answer = ReadPageRequest(RequestWith({{"cursor", cursor}}), list, filter);
    REQUIRE_FALSE(answer);
    CHECK(answer.error().field == "cursor");
  }
  for (const std::string& bad : {std::string("***"), crypto::Base64UrlEncode("v1\npeople"),
                                 crypto::Base64UrlEncode("v2\npeople\n\nb"), std::string("")}) {
    Result<PageRequest> answer = ReadPageRequest(RequestWith({{"cursor", bad}}), "people", "");
    REQUIRE_FALSE(answer);
    CHECK(answer.error().code == "invalid_request");
    CHECK(answer.error().field == "cursor");
  }
  // Filter values are percent-encoded: a newline in a parameter cannot forge the cursor's layout.
  CHECK(PageFilter(RequestWith({{"from", "a\nb"}}), {"from", "to"}) == "from=a%0Ab&to=");
}

TEST_CASE("paging: keyset pages over a list in memory answer each item once while items are added") {
  std::vector<std::string> items = {"d", "b", "f", "a"};
  PageRequest page{"letters", "", 2, std::nullopt};
  Page<std::string> first = TakePage(items, page, Identity);
  CHECK(first.items == std::vector<std::string>{"a", "b"});
  REQUIRE(first.next_cursor.is_string());
  // Added before the cursor ("aa") and after it ("c", "e"): the first never shows, the others in their place.
  items.insert(items.end(), {"aa", "c", "e"});
  page.after = "b";
  Page<std::string> second = TakePage(items, page, Identity);
  CHECK(second.items == std::vector<std::string>{"c", "d"});
  page.after = "d";
  Page<std::string> third = TakePage(items, page, Identity);
  CHECK(third.items == std::vector<std::string>{"e", "f"});
  CHECK(third.next_cursor.is_null());
  page.after = "f";
  CHECK(TakePage(items, page, Identity).items.empty());
}
