// connect_purpose.cpp — see connect_purpose.h.
#include "connections/connect_purpose.h"

namespace slotwise {

std::string_view ConnectPurposeName(ConnectPurpose purpose) {
  switch (purpose) {
    case ConnectPurpose::kCalendar:
      return "calendar";
    case ConnectPurpose::kCalendarRooms:
      return "calendar_rooms";
    case ConnectPurpose::kMeetings:
      return "meetings";
  }
  return "calendar_rooms";
}

std::optional<ConnectPurpose> ParseConnectPurpose(std::string_view name) {
  for (ConnectPurpose purpose : {ConnectPurpose::kCalendar, ConnectPurpose::kCalendarRooms, ConnectPurpose::kMeetings}) {
    if (ConnectPurposeName(purpose) == name) return purpose;
  }
  return std::nullopt;
}

}  // namespace slotwise
