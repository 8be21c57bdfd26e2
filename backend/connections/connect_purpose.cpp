// connect_purpose.cpp — see connect_purpose.h.
#include "connections/connect_purpose.h"

#include <string>

#include "slotwise/error_codes.h"

namespace slotwise {

std::string_view ConnectPurposeName(ConnectPurpose purpose) {
  switch (purpose) {
    case ConnectPurpose::kCalendar:
      return "calendar";
    case ConnectPurpose::kCalendarRooms:
      return "calendar_rooms";
    case ConnectPurpose::kMeetings:
      return "meetings";
    case ConnectPurpose::kHrPosting:
      return "hr_posting";
  }
  return "calendar_rooms";
}

std::optional<ConnectPurpose> ParseConnectPurpose(std::string_view name) {
  for (ConnectPurpose purpose : {ConnectPurpose::kCalendar, ConnectPurpose::kCalendarRooms, ConnectPurpose::kMeetings,
                                 ConnectPurpose::kHrPosting}) {
    if (ConnectPurposeName(purpose) == name) return purpose;
  }
  return std::nullopt;
}

Result<bool> CheckConnectPurpose(oauth::Provider provider, ConnectPurpose purpose) {
  if (purpose == ConnectPurpose::kHrPosting && provider != oauth::Provider::kMicrosoft) {
    return Error{codes::kInvalidRequest,
                 "hr_posting connects a Microsoft 365 account that posts the HR daily update to a Teams channel; " +
                     std::string(oauth::ProviderName(provider)) +
                     " cannot post to Teams. Connect a Microsoft 365 account for hr_posting instead.",
                 "purpose"};
  }
  return true;
}

bool CalendarGranted(oauth::Provider provider, std::string_view granted_scopes) {
  return provider != oauth::Provider::kMicrosoft || granted_scopes.find("Calendars.ReadWrite") != std::string_view::npos;
}

bool TeamsPostingGranted(oauth::Provider provider, std::string_view granted_scopes) {
  return provider == oauth::Provider::kMicrosoft && granted_scopes.find("ChannelMessage.Send") != std::string_view::npos;
}

}  // namespace slotwise
