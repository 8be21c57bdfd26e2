// widget_booking.cpp — see widget_booking.h.
#include "state/widget_booking.h"
#include "slotwise/error_codes.h"
#include "state/widget_json.h"

#include <algorithm>

#include "slotwise/json_text.h"
#include "state/widget_data.h"
#include "state/widget_request.h"

namespace slotwise::widget {

using nlohmann::json;

namespace {

void Fail(Booking& booking, std::string code, std::string message) {
  booking.phase = BookingPhase::kFailed;
  booking.error_code = std::move(code);
  booking.message = std::move(message);
}

// The interview is being booked or is booked, and still stands (a cancel being confirmed or counted down included:
// until the DELETE goes out it is there).
bool BookingStands(BookingPhase phase) {
  return phase == BookingPhase::kSubmitting || phase == BookingPhase::kPending || phase == BookingPhase::kConfirmed ||
         phase == BookingPhase::kConfirmingCancel || phase == BookingPhase::kCancelScheduled;
}
}  // namespace

bool SelectionIsTheBooking(const WidgetModel& model) {
  const Booking& booking = model.booking;
  return BookingStands(booking.phase) && model.selected && *model.selected == booking.when.start &&
         booking.when.end - booking.when.start == static_cast<Duration>(model.settings.duration_minutes) * kSecondsPerMinute;
}

bool IsTheBookingEvent(const WidgetModel& model, const Row& row, const BusyEvent& event) {
  return BookingStands(model.booking.phase) && row.included && event.status != BusyStatus::kFree && event.when == model.booking.when;
}

bool CanBook(const WidgetModel& model) {
  if (!model.selected || !model.explanation.available || !model.explanation.slot) return false;
  if (model.explanation.start != *model.selected || model.settings.loop) return false;
  if (BookingInFlight(model.booking.phase) || model.booking.phase == BookingPhase::kCancelled) return false;
  if (model.booking.phase == BookingPhase::kConfirmed && !model.booking.rescheduling) return false;
  // Moving to the very time it is booked at, changing nothing else, is no move.
  if (model.booking.rescheduling && model.explanation.slot->when == model.booking.moving_from && ChangesOfMove(model).empty()) {
    return false;
  }
  return true;
}

std::string BuildBookingRequest(const WidgetModel& model) {
  if (!CanBook(model)) return "";
  const Suggestion& slot = *model.explanation.slot;
  const Settings& settings = model.settings;
  json body = {{"start", FormatRfc3339(slot.when.start)}, {"end", FormatRfc3339(slot.when.end)},
               {"interviewers", SubMembers(IncludedSubs(model, RowKind::kInterviewer))},
               {"observers", SubMembers(IncludedSubs(model, RowKind::kObserver))}, {"buffer", BufferJson(settings)}};
  if (settings.type == InterviewType::kOnSite) {
    body["room"] = slot.rooms.empty() ? json(nullptr) : json{{"sub", slot.rooms.front()}};
  }
  if (model.booking.rescheduling && !model.booking.interview_id.empty()) return DumpJson(body);

  body["title"] = InterviewTitle(model);
  if (!model.interview.organizer.empty()) body["organizer"] = model.interview.organizer;
  const std::string provider = ProviderOf(settings.type);
  if (provider.empty()) {
    body["conferencing"] = {{"provider", "none"}};
  } else {
    json conferencing = {{"provider", provider}};
    std::string host = settings.host;
    if (host.empty() && !slot.hosts.empty()) host = slot.hosts.front().sub;
    if (!host.empty()) conferencing["host"] = host;
    body["conferencing"] = conferencing;
  }
  if (model.interview.candidate.is_object() && !model.interview.candidate.empty()) body["candidate"] = model.interview.candidate;
  body["query"] = QueryJson(model);
  return DumpJson(body);
}

namespace {
// A request about the booking is on its way: the last answer's outcome is forgotten.
void BeginRequest(Booking& booking, std::string idempotency_key) {
  booking.phase = BookingPhase::kSubmitting;
  booking.idempotency_key = std::move(idempotency_key);
  booking.error_code.clear();
  booking.message.clear();
  booking.violations.clear();
  booking.polls = 0;
}
}  // namespace

void StartSubmit(WidgetModel& model, std::string idempotency_key) {
  BeginRequest(model.booking, std::move(idempotency_key));
  if (model.explanation.slot) model.booking.when = model.explanation.slot->when;
}

void ApplyInterviewResponse(WidgetModel& model, int http_status, std::string_view body) {
  Booking& booking = model.booking;
  if (http_status != 200) {
    // A failed poll is not a failed booking: keep polling (the server finishes the job either way).
    if (booking.phase == BookingPhase::kPending) ++booking.polls;
    return;
  }
  const json view = ParseJson(body);
  if (!view.is_object()) return;
  booking.interview_id = JsonText(view, "id").empty() ? booking.interview_id : JsonText(view, "id");
  booking.status = JsonText(view, "status");
  const std::optional<Instant> start = ParseRfc3339(JsonText(view, "start"));
  const std::optional<Instant> end = ParseRfc3339(JsonText(view, "end"));
  if (start && end) booking.when = {*start, *end};
  const json conferencing = view.value("conferencing", json::object());
  booking.join_url = JsonText(conferencing, "join_url");
  booking.passcode = JsonText(conferencing, "passcode");
  booking.event_id = view.contains("event") && view.at("event").is_object() ? JsonText(view.at("event"), "id") : "";
  if (view.contains("interviewers")) booking.booked_interviewers = SubsOf(view.at("interviewers"));
  if (view.contains("observers")) booking.booked_observers = SubsOf(view.at("observers"));
  booking.created.clear();
  if (!JsonText(conferencing, "meeting_id").empty()) booking.created.push_back("meeting:" + JsonText(conferencing, "meeting_id"));
  if (!booking.event_id.empty()) booking.created.push_back("event:" + JsonText(view, "organizer"));
  if (view.contains("room") && view.at("room").is_object()) booking.created.push_back("room:" + JsonText(view.at("room"), "sub"));
  if (view.contains("candidate") && view.at("candidate").is_object() && !JsonText(view.at("candidate"), "email").empty()) {
    booking.created.push_back("invite:" + JsonText(view.at("candidate"), "email"));
  }
  if (booking.status == "confirmed") {
    if (booking.rescheduling && booking.moving_from.length() > 0 && !(booking.moving_from == booking.when)) {
      booking.moved_from = booking.moving_from;  // "Moved from … to …"
    }
    booking.phase = BookingPhase::kConfirmed;
    booking.rescheduling = false;
    ++model.solve_generation;  // the new interview now blocks its people (after the next document refresh)
  } else if (booking.status == "failed") {
    Fail(booking, "failed", JsonText(view, "failure_reason"));
  } else if (booking.status == "cancelled") {
    booking.phase = BookingPhase::kCancelled;
  } else {
    booking.phase = BookingPhase::kPending;
    ++booking.polls;
  }
}

void ApplySubmitResponse(WidgetModel& model, int http_status, std::string_view body) {
  Booking& booking = model.booking;
  if (http_status == 0) return Fail(booking, "network", "");
  if (http_status == 200 || http_status == 201) {
    booking.polls = 0;
    ApplyInterviewResponse(model, 200, body);
    if (booking.phase == BookingPhase::kPending) booking.polls = 0;
    if (booking.interview_id.empty()) Fail(booking, "invalid_answer", "The server's answer has no interview id.");
    return;
  }
  const json doc = ParseJson(body);
  const json error = doc.is_object() && doc.contains("error") && doc.at("error").is_object() ? doc.at("error") : json::object();
  Fail(booking, JsonText(error, "code").empty() ? "http_" + std::to_string(http_status) : JsonText(error, "code"),
       JsonText(error, "message").empty() ? ErrorSentence(http_status, body) : JsonText(error, "message"));
  if (http_status == 401) booking.error_code = codes::kUnauthorized;
  booking.violations.clear();
  for (const char* list : {"violations", "conflicts"}) {
    if (!error.contains(list) || !error.at(list).is_array()) continue;
    for (const json& item : error.at(list)) {
      booking.violations.push_back({JsonText(item, "code"), JsonText(item, "message"), JsonText(item, "sub").empty() ? JsonText(item, "resource") : JsonText(item, "sub")});
    }
  }
}

int NextPollDelayMs(const WidgetModel& model) {
  if (model.booking.phase != BookingPhase::kPending) return -1;
  constexpr int kDelays[] = {300, 600, 1200};
  return model.booking.polls < 3 ? kDelays[model.booking.polls] : 2000;
}

void StartReschedule(WidgetModel& model) {
  if (model.booking.interview_id.empty()) return;
  model.booking.rescheduling = true;
  model.booking.moving_from = model.booking.when;
  model.booking.moved_from.reset();
  model.booking.phase = BookingPhase::kIdle;
  model.booking.error_code.clear();
  model.booking.message.clear();
  model.booking.violations.clear();
  ++model.solve_generation;
}

void StopReschedule(WidgetModel& model) {
  Booking& booking = model.booking;
  if (!booking.rescheduling || (BookingInFlight(booking.phase) && booking.phase != BookingPhase::kConfirmingChanges)) return;
  booking.rescheduling = false;
  booking.phase = booking.status == "confirmed" ? BookingPhase::kConfirmed : BookingPhase::kIdle;
  if (booking.moving_from.length() > 0) booking.when = booking.moving_from;
  booking.error_code.clear();
  booking.message.clear();
  booking.violations.clear();
  ++model.solve_generation;
}

RescheduleChanges ChangesOfMove(const WidgetModel& model) {
  RescheduleChanges changes;
  const Booking& booking = model.booking;
  if (!booking.rescheduling) return changes;
  const auto compare = [&](const std::vector<std::string>& booked, RowKind kind) {
    const std::vector<std::string> now = IncludedSubs(model, kind);
    for (const std::string& sub : now) {
      if (std::find(booked.begin(), booked.end(), sub) == booked.end()) changes.added.emplace_back(sub, kind);
    }
    for (const std::string& sub : booked) {
      if (std::find(now.begin(), now.end(), sub) == now.end()) changes.removed.emplace_back(sub, kind);
    }
  };
  compare(booking.booked_interviewers, RowKind::kInterviewer);
  compare(booking.booked_observers, RowKind::kObserver);
  changes.new_minutes = model.settings.duration_minutes;
  changes.booked_minutes = booking.moving_from.length() > 0 ? static_cast<std::int32_t>(booking.moving_from.length() / 60)
                                                            : changes.new_minutes;
  return changes;
}

bool ConfirmChanges(WidgetModel& model) {
  Booking& booking = model.booking;
  if (!booking.rescheduling || (booking.phase != BookingPhase::kIdle && booking.phase != BookingPhase::kFailed)) return false;
  if (ChangesOfMove(model).empty()) return false;
  booking.phase = BookingPhase::kConfirmingChanges;
  return true;
}

void BackFromChanges(WidgetModel& model) {
  if (model.booking.phase == BookingPhase::kConfirmingChanges) model.booking.phase = BookingPhase::kIdle;
}

void StartResolveExternalChange(WidgetModel& model, std::string idempotency_key) {
  BeginRequest(model.booking, std::move(idempotency_key));  // the interview keeps its time (no slot is selected)
}

void ApplyResolveExternalChangeResponse(WidgetModel& model, int http_status, std::string_view body) {
  if (http_status == 200) {
    model.booking.external_changes.clear();
    SelectInterviewPeople(model, body);  // an accepted attendee change changes who the interview is with
  }
  ApplySubmitResponse(model, http_status, body);
}

void AskToCancel(WidgetModel& model) {
  if (model.booking.interview_id.empty() || model.booking.phase != BookingPhase::kConfirmed) return;
  model.booking.phase = BookingPhase::kConfirmingCancel;
  model.booking.cancel_message.clear();
}

void SetCancelMessage(WidgetModel& model, std::string message) {
  if (message.size() > kMaxCancelMessageBytes) {
    std::size_t cut = kMaxCancelMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    message.resize(cut);
  }
  model.booking.cancel_message = std::move(message);
}

void ScheduleCancel(WidgetModel& model, double now_ms) {
  if (model.booking.phase != BookingPhase::kConfirmingCancel) return;
  model.booking.phase = BookingPhase::kCancelScheduled;
  model.booking.cancel_at_ms = now_ms + kCancelUndoMs;
}

void KeepInterview(WidgetModel& model) {
  if (model.booking.phase != BookingPhase::kConfirmingCancel && model.booking.phase != BookingPhase::kCancelScheduled) return;
  model.booking.phase = BookingPhase::kConfirmed;
  model.booking.cancel_message.clear();
  model.booking.cancel_at_ms = 0;
}

bool CancelDue(const WidgetModel& model, double now_ms) {
  return model.booking.phase == BookingPhase::kCancelScheduled && now_ms >= model.booking.cancel_at_ms;
}

int CancelSecondsLeft(const WidgetModel& model, double now_ms) {
  if (model.booking.phase != BookingPhase::kCancelScheduled) return 0;
  const double left = model.booking.cancel_at_ms - now_ms;
  return left <= 0 ? 0 : static_cast<int>((left + 999) / 1000);
}

void StartCancel(WidgetModel& model) {
  const BookingPhase phase = model.booking.phase;
  if (model.booking.interview_id.empty() || (BookingInFlight(phase) && phase != BookingPhase::kCancelScheduled)) return;
  model.booking.phase = BookingPhase::kCancelling;
}

std::string CancelRequestBody(const WidgetModel& model) {
  json body = json::object();
  if (!model.booking.cancel_message.empty()) body["candidate_message"] = model.booking.cancel_message;
  return DumpJson(body);
}

void ApplyCancelResponse(WidgetModel& model, int http_status, std::string_view body) {
  Booking& booking = model.booking;
  if (http_status == 200 || http_status == 204) {
    booking.phase = BookingPhase::kCancelled;
    booking.status = "cancelled";
    booking.rescheduling = false;
    ++model.solve_generation;
    return;
  }
  const json doc = ParseJson(body);
  const json error = doc.is_object() && doc.contains("error") && doc.at("error").is_object() ? doc.at("error") : json::object();
  Fail(booking, http_status == 0 ? "network" : JsonText(error, "code"), JsonText(error, "message"));
}

void DismissBookingResult(WidgetModel& model) {
  if (model.booking.phase != BookingPhase::kFailed) return;
  model.booking.phase = model.booking.status == "confirmed" ? BookingPhase::kConfirmed : BookingPhase::kIdle;
  if (model.booking.rescheduling) model.booking.phase = BookingPhase::kIdle;
  model.booking.error_code.clear();
  model.booking.message.clear();
  model.booking.violations.clear();
}

int ExternalChangeSeverity(const std::string& state) {
  if (state == "deleted_externally") return 4;
  if (state == "moved_externally") return 3;
  if (state == "room_declined") return 2;
  if (state == "attendees_changed") return 1;
  return 0;
}

const ExternalChange* MostSevereExternalChange(const Booking& booking) {
  const ExternalChange* worst = nullptr;
  for (const ExternalChange& change : booking.external_changes) {
    const int severity = ExternalChangeSeverity(change.state);
    if (severity > 0 && (!worst || severity > ExternalChangeSeverity(worst->state))) worst = &change;
  }
  return worst;
}

}  // namespace slotwise::widget
