// change_assessment.cpp — see change_assessment.h.
#include "booking/change_assessment.h"

#include <algorithm>
#include <set>

#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

Error Malformed(std::string_view provider, std::string_view what) {
  return Error{codes::kProviderError,
               std::string(provider) + " answered an event that is not as documented: " + std::string(what), ""};
}

std::string What(const BookedObject& booked) {
  return booked.object == "meeting" ? booked.provider + " meeting" : "event";
}

std::string Range(std::int64_t start, std::int64_t end) {
  return FormatRfc3339(start) + " – " + FormatRfc3339(end);
}

// Who differs between the people booked and the event's people now (see the header's contract).
AttendeeChange CompareAttendees(const BookedPeople& booked, const std::vector<providers::AttendeeStatus>& people) {
  // The organiser is compared on neither side: a recruiter who also interviews is booked as an interviewer, and
  // Google lists the organiser among the attendees only sometimes.
  const std::string organizer = AsciiLower(booked.organizer);
  std::set<std::string> invited, interviewers, now, declined;
  for (const std::string& email : booked.interviewers) interviewers.insert(AsciiLower(email));
  interviewers.erase(organizer);
  invited = interviewers;
  for (const std::string& email : booked.observers) invited.insert(AsciiLower(email));
  invited.erase(organizer);
  for (const providers::AttendeeStatus& attendee : people) {
    const std::string email = AsciiLower(attendee.email);
    if (email.empty() || email == organizer) continue;
    now.insert(email);
    if (attendee.response == providers::AttendeeResponse::kDeclined) declined.insert(email);
  }
  AttendeeChange change;
  for (const std::string& email : invited) {
    if (!now.count(email)) change.removed.push_back(email);
  }
  for (const std::string& email : now) {
    if (!invited.count(email)) change.added.push_back(email);
  }
  for (const std::string& email : declined) {
    if (interviewers.count(email)) change.declined.push_back(email);
  }
  return change;
}

std::string AttendeeSentence(const AttendeeChange& change) {
  std::string text = "the attendees were changed outside Slotwise:";
  if (!change.removed.empty()) text += " removed " + JoinedEmails(change.removed) + ";";
  if (!change.added.empty()) text += " added " + JoinedEmails(change.added) + ";";
  if (!change.declined.empty()) text += " declined by " + JoinedEmails(change.declined) + ";";
  text.pop_back();
  return text;
}

}  // namespace

BookedPeople PeopleOf(const InterviewSpec& spec) { return BookedPeople{spec.organizer, spec.interviewers, spec.observers}; }

int FlagSeverity(std::string_view flag) {
  if (flag == kFlagDeletedExternally) return 4;
  if (flag == kFlagMovedExternally) return 3;
  if (flag == kFlagRoomDeclined) return 2;
  if (flag == kFlagAttendeesChanged) return 1;
  return 0;
}

InterviewSpec WithAttendeeChange(InterviewSpec spec, const AttendeeChange& change) {
  const auto listed = [](const std::vector<std::string>& emails, const std::string& email) {
    const std::string lower = AsciiLower(email);
    return std::any_of(emails.begin(), emails.end(), [&](const std::string& other) { return AsciiLower(other) == lower; });
  };
  const auto off = [&](const std::string& email) {
    return listed(change.removed, email) || listed(change.declined, email);
  };
  spec.interviewers.erase(std::remove_if(spec.interviewers.begin(), spec.interviewers.end(), off), spec.interviewers.end());
  spec.observers.erase(std::remove_if(spec.observers.begin(), spec.observers.end(), off), spec.observers.end());
  for (const std::string& email : change.added) {
    if (!listed(spec.interviewers, email) && !listed(spec.observers, email)) spec.interviewers.push_back(email);
  }
  return spec;
}

std::string JoinedEmails(const std::vector<std::string>& emails) {
  std::string text;
  for (const std::string& email : emails) text += (text.empty() ? "" : ", ") + email;
  return text;
}

// [SECTION] Assessing an observation

Observation Assess(const BookedObject& expected, const ObservedEvent& observed, const BookedPeople& people) {
  if (observed.gone) {
    return {std::string(kFlagDeletedExternally), "the " + What(expected) + " was deleted or cancelled outside Slotwise (booked for " +
                                                     Range(expected.expected_start, expected.expected_end) + ")",
            0, 0, {}};
  }
  if (observed.all_day) {
    return {std::string(kFlagMovedExternally),
            "the event was changed into an all-day event outside Slotwise (booked for " +
                Range(expected.expected_start, expected.expected_end) + ")",
            0, 0, {}};
  }
  if (observed.start != expected.expected_start || observed.end != expected.expected_end) {
    return {std::string(kFlagMovedExternally),
            "the " + What(expected) + " was moved to " + Range(observed.start, observed.end) +
                " outside Slotwise (booked for " + Range(expected.expected_start, expected.expected_end) + ")",
            observed.start, observed.end, {}};
  }
  if (!observed.declined_rooms.empty()) {
    return {std::string(kFlagRoomDeclined), "the room declined the booking: " + JoinedEmails(observed.declined_rooms),
            observed.start, observed.end, {}};
  }
  if (observed.people_known) {
    AttendeeChange change = CompareAttendees(people, observed.people);
    if (!change.empty()) {
      std::string sentence = AttendeeSentence(change);
      return {std::string(kFlagAttendeesChanged), std::move(sentence), observed.start, observed.end, std::move(change)};
    }
  }
  return {"", "", observed.start, observed.end, {}};
}

Result<ObservedEvent> ObservedFrom(const providers::CreatedEvent& event) {
  ObservedEvent observed;
  if (event.cancelled) {
    observed.gone = true;
    return observed;
  }
  observed.all_day = event.all_day;
  if (!event.all_day && (event.start == 0 || event.end <= event.start)) {
    return Malformed("The calendar", "start/end missing or not in UTC");
  }
  observed.start = event.start;
  observed.end = event.end;
  observed.people_known = true;
  for (const providers::AttendeeStatus& attendee : event.attendees) {
    if (!attendee.resource) {
      observed.people.push_back(attendee);
    } else if (attendee.response == providers::AttendeeResponse::kDeclined) {
      observed.declined_rooms.push_back(attendee.email);
    }
  }
  return observed;
}

Result<ObservedEvent> ObservedFrom(const MeetingState& meeting) {
  if (meeting.start == 0 || meeting.end <= meeting.start) return Malformed("The meeting service", "start or duration missing");
  ObservedEvent observed;
  observed.start = meeting.start;
  observed.end = meeting.end;
  return observed;
}

}  // namespace slotwise
