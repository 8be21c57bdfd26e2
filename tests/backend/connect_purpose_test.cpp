// Tests for backend/connections/connect_purpose.h and ProviderRegistry::ScopesFor: the wire names, which provider can be
// connected for which purpose, and the exact scopes each purpose asks of Microsoft.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "connections/connect_purpose.h"
#include "connections/provider_registry.h"
#include "net/http_transport.h"

using namespace slotwise;

namespace {

bool Has(const std::vector<std::string>& scopes, const std::string& scope) {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

}  // namespace

TEST_CASE("ConnectPurpose: every purpose round-trips through its wire name; other names are refused") {
  for (ConnectPurpose purpose : {ConnectPurpose::kCalendar, ConnectPurpose::kCalendarRooms, ConnectPurpose::kMeetings,
                                 ConnectPurpose::kHrPosting}) {
    CHECK(ParseConnectPurpose(ConnectPurposeName(purpose)) == purpose);
  }
  CHECK(ConnectPurposeName(ConnectPurpose::kHrPosting) == "hr_posting");
  CHECK_FALSE(ParseConnectPurpose("hr-posting").has_value());
  CHECK_FALSE(ParseConnectPurpose("HR_POSTING").has_value());
  CHECK_FALSE(ParseConnectPurpose("").has_value());
}

TEST_CASE("ConnectPurpose: hr_posting is Microsoft's only; the refusal says why and what to connect instead") {
  CHECK(CheckConnectPurpose(oauth::Provider::kMicrosoft, ConnectPurpose::kHrPosting).ok());
  for (oauth::Provider provider : {oauth::Provider::kGoogle, oauth::Provider::kZoom, oauth::Provider::kGoTo}) {
    const Result<bool> refused = CheckConnectPurpose(provider, ConnectPurpose::kHrPosting);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "invalid_request");
    CHECK(refused.error().field == "purpose");
    CHECK(refused.error().message.find(std::string(oauth::ProviderName(provider))) != std::string::npos);
    CHECK(refused.error().message.find("Microsoft 365") != std::string::npos);
    CHECK(CheckConnectPurpose(provider, ConnectPurpose::kCalendarRooms).ok());
  }
}

TEST_CASE("ScopesFor: hr_posting asks exactly the Teams permissions of the HR daily post, and no calendar") {
  std::unique_ptr<net::HttpTransport> transport = net::MakeHttplibTransport();
  ProviderRegistry registry(*transport, "http://127.0.0.1:1");
  const std::vector<std::string> hr = registry.ScopesFor(oauth::Provider::kMicrosoft, ConnectPurpose::kHrPosting);
  CHECK(hr == std::vector<std::string>{"openid", "email", "Team.ReadBasic.All", "Channel.ReadBasic.All",
                                       "ChannelMessage.Read.All", "ChannelMessage.Send"});
  for (const std::string& scope : hr) CHECK(scope.rfind("Calendars.", 0) == std::string::npos);

  // The calendar purposes ask no Teams permission; only calendar_rooms asks for rooms; meetings keeps the calendar
  // (a Teams meeting is an event with a Teams link).
  for (ConnectPurpose purpose : {ConnectPurpose::kCalendar, ConnectPurpose::kCalendarRooms, ConnectPurpose::kMeetings}) {
    const std::vector<std::string> scopes = registry.ScopesFor(oauth::Provider::kMicrosoft, purpose);
    CHECK(Has(scopes, "Calendars.ReadWrite"));
    CHECK_FALSE(Has(scopes, "ChannelMessage.Send"));
    CHECK(Has(scopes, "Place.Read.All") == (purpose == ConnectPurpose::kCalendarRooms));
  }
}

TEST_CASE("CalendarGranted: a Microsoft connection uses the calendar only with Calendars.ReadWrite") {
  const std::string hr = "openid email https://graph.microsoft.com/Channel.ReadBasic.All "
                         "https://graph.microsoft.com/ChannelMessage.Send";
  CHECK_FALSE(CalendarGranted(oauth::Provider::kMicrosoft, hr));
  CHECK(CalendarGranted(oauth::Provider::kMicrosoft, "openid https://graph.microsoft.com/Calendars.ReadWrite"));
  CHECK(CalendarGranted(oauth::Provider::kGoogle, ""));
  CHECK(CalendarGranted(oauth::Provider::kZoom, ""));
}
