// view_panels.cpp — toolbar, settings bar, connection problems and the side panel (see widget_view.h).
#include <imgui.h>

#include <algorithm>
#include <optional>
#include <string>

#include "slotwise/error_codes.h"
#include "state/widget_booking.h"
#include "state/widget_find.h"
#include "state/widget_i18n.h"
#include "state/widget_live.h"
#include "state/widget_loop_booking.h"
#include "state/widget_request.h"
#include "state/widget_selection.h"
#include "state/widget_solve.h"
#include "state/widget_time_format.h"
#include "view/view_colors.h"
#include "view/view_controls.h"
#include "view/view_flow.h"
#include "view/view_text.h"
#include "view/widget_view.h"

namespace slotwise::widget {

namespace {

// The colours of a main action's button (book, move, apply) or a destructive one (cancel), pushed for one button.
// Hovered and pressed are darker shades, so the white label keeps its contrast (widget_palette.h). PopButtonColors
// after the button.
void PushButtonColors(Rgb fill) {
  const auto darker = [&](float f) {
    return Rgb{static_cast<std::uint8_t>(fill.r * f), static_cast<std::uint8_t>(fill.g * f), static_cast<std::uint8_t>(fill.b * f)};
  };
  ImGui::PushStyleColor(ImGuiCol_Button, Vec4(fill));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, Vec4(darker(0.88f)));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, Vec4(darker(0.76f)));
  ImGui::PushStyleColor(ImGuiCol_Text, Vec4(Colors().on_primary));
}
void PopButtonColors() { ImGui::PopStyleColor(4); }

const char* TypeLabel(Locale locale, InterviewType type) {
  switch (type) {
    case InterviewType::kOnSite: return Tr(locale, StringId::kOnSite);
    case InterviewType::kGoogleMeet: return Tr(locale, StringId::kGoogleMeet);
    case InterviewType::kZoom: return Tr(locale, StringId::kZoom);
    case InterviewType::kTeams: return Tr(locale, StringId::kTeams);
    case InterviewType::kGoTo: return Tr(locale, StringId::kGoTo);
  }
  return "";
}

// A combo over minute values; true when changed.
bool MinutesCombo(const char* id, std::string_view name, Locale locale, std::int32_t& value, std::initializer_list<std::int32_t> choices,
                  float width) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ui::BeginCombo(id, Format(locale, StringId::kMinutes, {std::to_string(value)}).c_str(), name)) {
    for (std::int32_t choice : choices) {
      if (ui::Selectable(Format(locale, StringId::kMinutes, {std::to_string(choice)}).c_str(), choice == value)) {
        value = choice;
        changed = true;
      }
    }
    ui::EndCombo();
  }
  return changed;
}

void Label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine();
}

// A small button whose text wraps at the window's edge instead of running past it (a long relaxation in German, a
// join URL in a narrow panel). Give it an ID scope (PushID) of its own.
bool WrappingButton(const std::string& text) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 padding(style.FramePadding.x, 1.0f);
  const float wrap = std::max(ImGui::GetContentRegionAvail().x - padding.x * 2, 40.0f);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ui::Button("##wrapping", ImVec2(size.x + padding.x * 2, size.y + padding.y * 2), text);
  ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + padding.x, pos.y + padding.y),
                                      ImGui::GetColorU32(ImGuiCol_Text), text.c_str(), nullptr, wrap);
  return pressed;
}

std::string PasscodeLine(const WidgetModel& model, const HostOutcome& host) {
  const Locale locale = model.locale;
  const int row = FindRow(model, host.sub);
  const std::string name = row >= 0 ? DisplayName(model, model.rows[static_cast<std::size_t>(row)].host_owner) : host.sub;
  std::string text = Format(locale, *host.passcode ? StringId::kPasscodeYes : StringId::kPasscodeNo, {name});
  const std::string& reason = host.passcode_reason;
  const StringId why = reason == "admin_locked"                   ? StringId::kPasscodeAdminLocked
                       : reason == "personal_account"             ? StringId::kPasscodePersonal
                       : reason == "unlocked_setting_not_applied" ? StringId::kPasscodeUnlocked
                                                                  : StringId::kPasscodeNotRequired;
  return text + " " + Tr(locale, why);
}

void DrawSuggestions(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  ImGui::TextUnformatted(Tr(locale, StringId::kSuggestions));
  ImGui::SameLine();
  ImGui::TextDisabled("%s", Format(locale, StringId::kSuggestionsCount, {std::to_string(model.available_starts)}).c_str());
  if (!model.solve_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(Vec4(Colors().text_red), "%s", Format(locale, StringId::kSolveError, {model.solve_error}).c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  if (model.suggestions.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(Vec4(Colors().text_amber), "%s", Tr(locale, StringId::kNoSuggestions));
    ImGui::PopTextWrapPos();
  }
  const float height = std::min(static_cast<float>(model.suggestions.size()), 6.0f) * ImGui::GetTextLineHeightWithSpacing() * 2.0f + 4;
  if (!model.suggestions.empty() && ImGui::BeginChild("suggestions", ImVec2(0, height), false)) {
    for (std::size_t i = 0; i < model.suggestions.size() && i < 40; ++i) {
      const Suggestion& suggestion = model.suggestions[i];
      std::string label = std::to_string(i + 1) + ". " + FormatRange(locale, suggestion.when, *context.viewer);
      if (context.candidate) label += "\n    " + FormatRange(locale, suggestion.when, *context.candidate) + " (" + ZoneCity(context.candidate->name()) + ")";
      ImGui::PushID(static_cast<int>(i));
      const bool current = static_cast<int>(i) == model.suggestion_cursor;
      if (ui::Selectable(label.c_str(), current)) intents.selected_suggestion = static_cast<int>(i);
      if (current && model.selected && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
      ImGui::PopID();
    }
  }
  if (!model.suggestions.empty()) ImGui::EndChild();
}

void DrawRelaxations(const WidgetModel& model, Intents& intents) {
  if (model.relaxations.empty()) return;
  ImGui::Spacing();
  ImGui::TextUnformatted(Tr(model.locale, StringId::kWhatWouldHelp));
  for (std::size_t i = 0; i < model.relaxations.size() && i < kShownRelaxations; ++i) {
    ImGui::PushID(static_cast<int>(1000 + i));
    if (WrappingButton(DescribeRelaxation(model, model.relaxations[i]))) intents.relaxation = model.relaxations[i];
    ImGui::PopID();
  }
}

void DrawExplanation(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  ImGui::TextUnformatted(Tr(locale, StringId::kWhyTitle));
  ImGui::PushTextWrapPos(0);
  if (!model.selected) {
    ImGui::TextDisabled("%s", Tr(locale, StringId::kClickToExplain));
    ImGui::PopTextWrapPos();
    return;
  }
  if (SelectionIsTheBooking(model)) {  // never explained as a conflict with itself
    ImGui::TextDisabled("%s", Tr(locale, StringId::kSelectionIsBooked));
    ImGui::PopTextWrapPos();
    return;
  }
  const Explanation& explanation = model.explanation;
  const Interval when{*model.selected, *model.selected + static_cast<Duration>(model.settings.duration_minutes) * kSecondsPerMinute};
  const std::string time = DescribeSelectedTime(model, when, *context.viewer, context.candidate);
  if (explanation.start != *model.selected) {
    ImGui::TextUnformatted(time.c_str());
  } else if (explanation.available && explanation.slot) {
    ImGui::TextColored(Vec4(Colors().text_green), "%s", Format(locale, StringId::kAvailable, {time}).c_str());
    const Suggestion& slot = *explanation.slot;
    std::string who;
    for (const std::string& sub : slot.participants) who += (who.empty() ? "" : ", ") + DisplayName(model, sub);
    WrappedBullet(std::string(Tr(locale, StringId::kInterviewers)) + ": " + who);
    if (!slot.rooms.empty()) WrappedBullet(std::string(Tr(locale, StringId::kRoom)) + ": " + DisplayName(model, slot.rooms.front()));
    for (const HostOutcome& host : slot.hosts) {
      if (!model.settings.host.empty() && host.sub != model.settings.host) continue;
      if (host.passcode) WrappedBullet(PasscodeLine(model, host));
      for (const auto& warning : host.warnings) {
        ImGui::TextColored(Vec4(Colors().text_amber), "%s", Shown(DescribeHostWarning(model, host, warning, *context.viewer)));
      }
      if (model.settings.host.empty()) break;  // the first free account is the one booked
    }
    for (const StagePick& stage : slot.stages) {
      std::string people;
      for (const std::string& sub : stage.participants) people += (people.empty() ? "" : ", ") + DisplayName(model, sub);
      WrappedBullet(Format(locale, StringId::kLoopSuggestion, {stage.id, FormatRange(locale, stage.when, *context.viewer), people}));
    }
  } else {
    ImGui::TextColored(Vec4(Colors().text_red), "%s", Format(locale, StringId::kNotAvailable, {time}).c_str());
    if (!explanation.error.empty()) ImGui::TextColored(Vec4(Colors().text_red), "%s", explanation.error.c_str());
    for (const Reason& reason : explanation.reasons) WrappedBullet(DescribeReason(model, reason, *context.viewer));
    if (explanation.error.empty() && explanation.reasons.empty() && model.settings.loop) {
      WrappedBullet(Tr(locale, StringId::kNoLoopAtTime));
    }
  }
  ImGui::PopTextWrapPos();
  (void)intents;
}

// A loop: the "book the loop" button, then each stage's progress and the all-or-nothing outcome.
void DrawLoopBooking(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  const LoopBooking& loop = model.loop_booking;
  if (loop.phase != LoopBookingPhase::kIdle) {
    const bool good = loop.phase == LoopBookingPhase::kConfirmed;
    const bool bad = loop.phase == LoopBookingPhase::kRolledBack || loop.phase == LoopBookingPhase::kRollbackIncomplete ||
                     loop.phase == LoopBookingPhase::kRollingBack;
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(good ? Vec4(Colors().text_green) : bad ? Vec4(Colors().text_red) : Vec4(Colors().text_amber), "%s", DescribeLoopBooking(model).c_str());
    for (std::size_t i = 0; i < loop.stages.size(); ++i) WrappedBullet(DescribeStageBooking(model, i, *context.viewer));
    ImGui::PopTextWrapPos();
    if (!LoopBookingInFlight(model) && ui::Button(Tr(locale, StringId::kClose))) intents.loop_dismiss = true;
  }
  if (CanBookLoop(model)) {
    PushButtonColors(Colors().primary_button);
    const std::string label = Format(locale, StringId::kBookLoop, {std::to_string(model.explanation.slot->stages.size())});
    if (ui::Button(label.c_str(), ImVec2(-1, 0))) intents.book = true;
    PopButtonColors();
  }
}

// The two answers to the most severe change (the server resolves that one first), or one for a deletion or a decline
// alone (Slotwise cannot undo either); a new time picked in the grid is the third answer (a reschedule).
void DrawExternalChangeActions(const Booking& booking, Locale locale, Intents& intents) {
  if (BookingInFlight(booking.phase)) return;
  const ExternalChange* worst = MostSevereExternalChange(booking);
  if (!worst) return;
  StringId accept = StringId::kAcceptRoomDeclined;
  std::optional<StringId> restore = StringId::kRestoreRoom;
  if (worst->state == "deleted_externally") {
    accept = StringId::kAcceptDeletion;
    restore.reset();
  } else if (worst->state == "moved_externally") {
    accept = StringId::kAcceptMove;
    restore = StringId::kRestoreBooked;
  } else if (worst->state == "attendees_changed") {
    accept = StringId::kAcceptAttendees;
    restore = StringId::kRestoreAttendees;
    if (worst->removed.empty() && worst->added.empty()) restore.reset();
  }
  if (ui::Button(Tr(locale, accept))) intents.external_change = "accept";
  if (restore && ui::Button(Tr(locale, *restore))) intents.external_change = "restore";
  ImGui::TextWrapped("%s", Tr(locale, StringId::kChangedExternallyHint));
}

// One line per person an attendee change concerns, by display name.
void DrawAttendeeChange(const WidgetModel& model, const ExternalChange& change) {
  const auto lines = [&](const std::vector<std::string>& emails, StringId sentence) {
    for (const std::string& email : emails) {
      ImGui::TextWrapped("\xE2\x80\xA2 %s", Shown(Format(model.locale, sentence, {DisplayName(model, email)})));
    }
  };
  lines(change.removed, StringId::kAttendeeRemoved);
  lines(change.added, StringId::kAttendeeAdded);
  lines(change.declined, StringId::kAttendeeDeclined);
}

void DrawBooking(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  const Booking& booking = model.booking;
  ImGui::PushTextWrapPos(0);
  if (booking.rescheduling && !booking.external_changes.empty() && context.viewer) {
    ImGui::TextColored(Vec4(Colors().text_amber), "%s", Tr(locale, StringId::kChangedExternally));
    for (const ExternalChange& change : booking.external_changes) {
      if (change.state == "attendees_changed" && !(change.removed.empty() && change.added.empty() && change.declined.empty())) {
        DrawAttendeeChange(model, change);
        continue;
      }
      const std::string booked = FormatRange(locale, change.booked, *context.viewer);
      const std::string sentence =
          change.state == "moved_externally" && change.observed
              ? Format(locale, StringId::kMovedExternally, {FormatRange(locale, *change.observed, *context.viewer), booked})
          : change.state == "deleted_externally" ? Format(locale, StringId::kDeletedExternally, {booked})
          : change.state == "room_declined"      ? std::string(Tr(locale, StringId::kRoomDeclinedExternally))
                                                 : change.detail;
      ImGui::TextWrapped("\xE2\x80\xA2 %s", Shown(sentence));  // • one line per change, wrapped
    }
    DrawExternalChangeActions(booking, locale, intents);
  }
  // Moving an interview: what is being moved, and the way back to the booked time.
  const bool choosing_new_time = booking.phase == BookingPhase::kIdle || booking.phase == BookingPhase::kFailed ||
                                 booking.phase == BookingPhase::kConfirmingChanges;
  if (booking.rescheduling && booking.moving_from.length() > 0 && context.viewer && choosing_new_time) {
    ImGui::TextColored(Vec4(Colors().text_blue), "%s", Format(locale, StringId::kMovingBanner, {DescribeSelectedTime(model, booking.moving_from, *context.viewer, context.candidate)}).c_str());
    if (booking.phase != BookingPhase::kConfirmingChanges && ui::Button(Tr(locale, StringId::kKeepBookedTime))) {
      intents.stop_rescheduling = true;
    }
  }
  switch (booking.phase) {
    case BookingPhase::kConfirmingChanges: {
      ImGui::TextUnformatted(Tr(locale, StringId::kMoveAlsoChanges));
      for (const std::string& change : DescribeMoveChanges(model)) WrappedBullet(change);
      PushButtonColors(Colors().primary_button);
      if (ui::Button(Tr(locale, StringId::kMoveAndApply))) intents.changes_confirmed = true;
      PopButtonColors();
      NextGroup(ButtonWidth(Tr(locale, StringId::kBackToTimes)));
      if (ui::Button(Tr(locale, StringId::kBackToTimes))) intents.changes_back = true;
      break;
    }
    case BookingPhase::kSubmitting: ImGui::TextColored(Vec4(Colors().text_amber), "%s", Tr(locale, StringId::kSubmitting)); break;
    case BookingPhase::kPending: {
      static const char* kSpinner[] = {"|", "/", "-", "\\"};
      ImGui::TextColored(Vec4(Colors().text_amber), "%s %s", kSpinner[static_cast<int>(ImGui::GetTime() * 8) % 4],
                         Format(locale, StringId::kPending, {std::to_string(booking.polls)}).c_str());
      break;
    }
    case BookingPhase::kConfirmed: {
      if (booking.moved_from) {
        ImGui::TextColored(Vec4(Colors().text_green), "%s", DescribeMove(model, *context.viewer, context.candidate).c_str());
      } else {
        ImGui::TextColored(Vec4(Colors().text_green), "%s", Format(locale, StringId::kConfirmed, {DescribeSelectedTime(model, booking.when, *context.viewer, context.candidate)}).c_str());
      }
      if (!booking.join_url.empty()) {
        ImGui::TextUnformatted(Tr(locale, StringId::kJoinLink));
        ImGui::SameLine();
        ImGui::PushID("join_url");
        if (WrappingButton(booking.join_url)) intents.open_url = booking.join_url;
        ImGui::PopID();
      }
      if (!booking.passcode.empty()) ImGui::Text("%s: %s", Tr(locale, StringId::kPasscode), booking.passcode.c_str());
      ImGui::TextUnformatted(Tr(locale, StringId::kCreated));
      for (const std::string& item : booking.created) {
        const std::size_t colon = item.find(':');
        const std::string kind = item.substr(0, colon), value = item.substr(colon + 1);
        const StringId id = kind == "meeting" ? StringId::kCreatedMeeting
                            : kind == "event" ? StringId::kCreatedEvent
                            : kind == "room"  ? StringId::kCreatedRoom
                                              : StringId::kCreatedInvite;
        WrappedBullet(Format(locale, id, {kind == "invite" || kind == "meeting" ? value : DisplayName(model, value)}));
      }
      if (ui::Button(Tr(locale, StringId::kReschedule))) intents.reschedule = true;
      ImGui::SameLine();
      if (ui::Button(Tr(locale, StringId::kCancelInterview))) intents.cancel = true;
      break;
    }
    case BookingPhase::kFailed: {
      const std::string& code = booking.error_code;
      std::string headline = code == codes::kSlotTaken                                      ? Tr(locale, StringId::kSlotTaken)
                             : code == codes::kBookingInvalid || code == codes::kSlotUnavailable ? Tr(locale, StringId::kBookingInvalid)
                             : code == "network"                                       ? Tr(locale, StringId::kNetworkError)
                             : code == codes::kUnauthorized                                  ? Tr(locale, StringId::kTokenExpired)
                                                                                       : booking.message;
      ImGui::TextColored(Vec4(Colors().text_red), "%s", Format(locale, StringId::kFailed, {headline}).c_str());
      if (headline != booking.message && !booking.message.empty()) ImGui::TextDisabled("%s", booking.message.c_str());
      for (const Violation& violation : booking.violations) WrappedBullet(violation.message.empty() ? violation.code : violation.message);
      if (ui::Button(Tr(locale, StringId::kRetry))) intents.dismiss = true;
      break;
    }
    case BookingPhase::kConfirmingCancel: {
      ImGui::TextUnformatted(Format(locale, StringId::kCancelQuestion, {DescribeSelectedTime(model, booking.when, *context.viewer, context.candidate)}).c_str());
      ImGui::TextUnformatted(Tr(locale, StringId::kCancelMessage));
      std::string buffer = booking.cancel_message;
      buffer.resize(kMaxCancelMessageBytes + 1, '\0');
      if (ui::InputTextMultiline("##cancel_message", buffer.data(), buffer.size(), ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f),
                                 Tr(locale, StringId::kCancelMessage))) {
        intents.cancel_message = std::string(buffer.c_str());
      }
      PushButtonColors(Colors().danger_button);
      if (ui::Button(Tr(locale, StringId::kCancelConfirm))) intents.cancel_confirm = true;
      PopButtonColors();
      NextGroup(ButtonWidth(Tr(locale, StringId::kKeepInterview)));
      if (ui::Button(Tr(locale, StringId::kKeepInterview))) intents.cancel_keep = true;
      break;
    }
    case BookingPhase::kCancelScheduled:
      ImGui::TextColored(Vec4(Colors().text_amber), "%s", Format(locale, StringId::kCancelScheduled, {std::to_string(context.cancel_seconds_left)}).c_str());
      if (ui::Button(Tr(locale, StringId::kUndo))) intents.cancel_keep = true;
      break;
    case BookingPhase::kCancelling: ImGui::TextColored(Vec4(Colors().text_amber), "%s", Tr(locale, StringId::kCancelling)); break;
    case BookingPhase::kCancelled: ImGui::TextColored(Vec4(Colors().text_green), "%s", Tr(locale, StringId::kCancelled)); break;
    case BookingPhase::kIdle: break;
  }
  ImGui::PopTextWrapPos();
  DrawLoopBooking(model, context, intents);
  if (CanBook(model)) {
    const Interval when{*model.selected, *model.selected + static_cast<Duration>(model.settings.duration_minutes) * kSecondsPerMinute};
    const std::string label = Format(locale, booking.rescheduling ? StringId::kRescheduleTo : StringId::kBookAt,
                                     {FormatRange(locale, when, *context.viewer)});
    PushButtonColors(Colors().primary_button);
    if (ui::Button(label.c_str(), ImVec2(-1, 0))) intents.book = true;
    PopButtonColors();
  }
}

// The candidate zone picker's list: a search field (city, IANA name or offset) over every zone the browser knows,
// each shown as "City · UTC±hh:mm · Area/City".
void DrawZonePicker(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  std::string filter = model.zone_filter;
  filter.resize(64, '\0');
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, 260 * context.scale));
  if (ui::InputTextWithHint("##zone_filter", Tr(locale, StringId::kFindZoneHint), filter.data(), filter.size(),
                            Tr(locale, StringId::kFindZoneHint))) {
    intents.zone_filter = std::string(filter.c_str());
  }
  if (ui::Selectable(Tr(locale, StringId::kNoCandidateZone), model.viewport.candidate_zone.empty())) {
    intents.candidate_zone = "";
    intents.zone_filter = "";
  }
  if (!context.zone_list) return;
  const std::vector<ZoneChoice>& zones = *context.zone_list;
  for (const std::size_t i : FindZones(zones, model.zone_filter, 60)) {
    const ZoneChoice& zone = zones[i];
    const std::string label = zone.city + " \xC2\xB7 " + zone.offset + " \xC2\xB7 " + zone.id + "##" + zone.id;
    if (ui::Selectable(label.c_str(), zone.id == model.viewport.candidate_zone)) {
      intents.candidate_zone = zone.id;
      intents.zone_filter = "";
    }
  }
}

// "Find people and rooms": a search field; while it has text, the matches appear under it — each person or room with
// whether it is free at the selected time (a room also its capacity and building). Choosing one adds the person to
// the interview (or books that room) and scrolls the grid to its row.
void DrawFindField(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  std::string query = model.find_query;
  query.resize(96, '\0');
  const float width = 220 * context.scale;
  NextGroup(width);
  ImGui::SetNextItemWidth(width);
  if (ui::InputTextWithHint("##find", Tr(locale, StringId::kFindHint), query.data(), query.size(), Tr(locale, StringId::kFindHint))) {
    intents.find_query = std::string(query.c_str());
  }
  if (model.find_query.empty()) return;
  const ImVec2 below(ImGui::GetItemRectMin().x, ImGui::GetItemRectMax().y + 2);
  std::optional<Interval> when;
  if (model.selected) when = Interval{*model.selected, *model.selected + model.settings.duration_minutes * 60};
  const std::vector<FoundRow> found = FindRows(model, model.find_query, when, 12);
  ImGui::SetNextWindowPos(below);
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width * 2, 400 * context.scale));
  ImGui::Begin("##find_results", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                              ImGuiWindowFlags_NoFocusOnAppearing);
  if (found.empty()) ImGui::TextDisabled("%s", Tr(locale, StringId::kFindNothing));
  for (const FoundRow& result : found) {
    const Row& row = model.rows[static_cast<std::size_t>(result.row)];
    std::string label = row.name.empty() ? row.sub : row.name;
    if (row.kind == RowKind::kRoom) {
      label += row.capacity ? " (" + std::to_string(*row.capacity) + ")" : "";
      if (!row.building.empty()) label += " \xC2\xB7 " + row.building;
    } else {
      label += std::string(" \xC2\xB7 ") + RowKindLabel(locale, row.kind);
    }
    if (result.has_when) label += std::string(" \xC2\xB7 ") + Tr(locale, result.free ? StringId::kFindFree : StringId::kFindBusy);
    if (row.included) label += std::string(" \xC2\xB7 ") + Tr(locale, StringId::kFindAdded);
    label += "##find" + row.sub;
    if (ui::Selectable(label.c_str(), false)) intents.find_pick = result.row;
  }
  ImGui::End();
}

}  // namespace

void DrawToolbar(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  ImGui::TextUnformatted(Tr(locale, StringId::kTitle));
  ui::MarkHeading(Tr(locale, StringId::kTitle));
  // The language switch: each language named in itself.
  const char* language = LanguageName(locale);
  const float language_width = ComboWidth(language, 110 * context.scale);
  NextGroup(language_width, 16 * context.scale);
  ImGui::SetNextItemWidth(language_width);
  if (ui::BeginCombo("##language", language, Tr(locale, StringId::kLanguage), ImGuiComboFlags_HeightLarge)) {
    for (const Locale choice : kLocales) {
      if (ui::Selectable(LanguageName(choice), choice == locale) && choice != locale) intents.locale = choice;
    }
    ui::EndCombo();
  }
  if (context.fonts_loading) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Tr(locale, StringId::kLoadingFont));
  }
  if (model.load != LoadState::kLoaded || !context.viewer) return;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const char* day = Tr(locale, StringId::kDay);
  const char* week = Tr(locale, StringId::kWeek);
  const char* two_weeks = Tr(locale, StringId::kTwoWeeks);
  NextGroup(ToggleWidth(day) + ToggleWidth(week) + ToggleWidth(two_weeks) + 2 * spacing, 24 * context.scale);
  if (ui::RadioButton(day, model.viewport.mode == ViewMode::kDay)) intents.view_mode = ViewMode::kDay;
  ImGui::SameLine();
  if (ui::RadioButton(week, model.viewport.mode == ViewMode::kWeek)) intents.view_mode = ViewMode::kWeek;
  ImGui::SameLine();
  if (ui::RadioButton(two_weeks, model.viewport.mode == ViewMode::kTwoWeeks)) intents.view_mode = ViewMode::kTwoWeeks;
  const char* previous = Tr(locale, StringId::kPrevious);
  const char* today = Tr(locale, StringId::kToday);
  const char* next = Tr(locale, StringId::kNext);
  const char* refresh = "\xE2\x86\xBB";  // ↻ fetches fresh free/busy
  NextGroup(ButtonWidth(previous) + ButtonWidth(today) + ButtonWidth(next) + ButtonWidth(refresh) + 3 * spacing, 16 * context.scale);
  if (ui::Button(previous, ImVec2(0, 0), Tr(locale, StringId::kPreviousName))) intents.shift_view = -1;
  ImGui::SameLine();
  if (ui::Button(today)) intents.today = true;
  ImGui::SameLine();
  if (ui::Button(next, ImVec2(0, 0), Tr(locale, StringId::kNextName))) intents.shift_view = +1;
  ImGui::SameLine();
  if (ui::Button(refresh, ImVec2(0, 0), Tr(locale, StringId::kRefreshName))) intents.refresh = true;
  // Time zones: the recruiter's, and the candidate's side by side (switchable).
  const Instant now = context.clock_now;
  const std::string your_time = Format(locale, StringId::kYourTime, {ZoneCity(context.viewer->name()) + ", " + FormatOffset(*context.viewer, now)});
  NextGroup(TextWidth(your_time.c_str()), 24 * context.scale);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", your_time.c_str());
  const char* candidate_zone = Tr(locale, StringId::kCandidateZone);
  const float swap_width = model.viewport.candidate_zone.empty() ? 0 : spacing + TextWidth("\xE2\x87\x84") + ImGui::GetStyle().FramePadding.x * 2;
  const std::string current = model.viewport.candidate_zone.empty() ? Tr(locale, StringId::kNoCandidateZone)
                                                                    : ZoneCity(model.viewport.candidate_zone);
  float zone_width = ComboWidth(current.c_str(), 190 * context.scale);
  // In a very narrow page (320 px) the label takes a line of its own and the combo box the width that is left.
  const float line_width = VisibleRight() - ImGui::GetWindowPos().x - ImGui::GetStyle().WindowPadding.x;
  const bool stacked = LabelWidth(candidate_zone) + zone_width + swap_width > line_width;
  if (stacked) {
    zone_width = std::max(std::min(zone_width, line_width - swap_width), 80 * context.scale);
    NextGroup(line_width + 1);  // never fits: a new line
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(candidate_zone);
  } else {
    NextGroup(LabelWidth(candidate_zone) + zone_width + swap_width);
    Label(candidate_zone);
  }
  ImGui::SetNextItemWidth(zone_width);
  if (ui::BeginCombo("##candidate_zone", current.c_str(), candidate_zone)) {
    DrawZonePicker(model, context, intents);
    ui::EndCombo();
  }
  if (!model.viewport.candidate_zone.empty()) {
    ImGui::SameLine();
    if (ui::SmallButton("\xE2\x87\x84", Tr(locale, StringId::kSwapZones))) intents.swap_zones = true;  // ⇄ view in the candidate's zone
  }
}

void DrawSettingsBar(const WidgetModel& model, const ViewContext& context, Intents& intents) {
  const Locale locale = model.locale;
  const float scale = context.scale;
  Settings settings = model.settings;
  bool changed = false;
  const bool reschedule = model.booking.rescheduling;
  Label(Tr(locale, StringId::kInterviewType));
  ImGui::SetNextItemWidth(ComboWidth(TypeLabel(locale, settings.type), 150 * scale));
  ImGui::BeginDisabled(reschedule);  // the meeting type cannot change when moving an interview
  if (ui::BeginCombo("##type", TypeLabel(locale, settings.type), Tr(locale, StringId::kInterviewType))) {
    for (InterviewType type : {InterviewType::kOnSite, InterviewType::kGoogleMeet, InterviewType::kZoom, InterviewType::kTeams, InterviewType::kGoTo}) {
      if (ui::Selectable(TypeLabel(locale, type), type == settings.type) && type != settings.type) {
        settings.type = type;
        settings.host.clear();
        changed = true;
      }
    }
    ui::EndCombo();
  }
  ImGui::EndDisabled();
  if (settings.type == InterviewType::kOnSite) {
    const std::string room = settings.room.empty() ? Tr(locale, StringId::kAnyRoom) : DisplayName(model, settings.room);
    const float room_width = ComboWidth(room.c_str(), 170 * scale);
    NextGroup(LabelWidth(Tr(locale, StringId::kRoom)) + room_width);
    Label(Tr(locale, StringId::kRoom));
    ImGui::SetNextItemWidth(room_width);
    if (ui::BeginCombo("##room", room.c_str(), Tr(locale, StringId::kRoom))) {
      if (ui::Selectable(Tr(locale, StringId::kAnyRoom), settings.room.empty())) { settings.room.clear(); changed = true; }
      for (const Row& row : model.rows) {
        if (row.kind != RowKind::kRoom) continue;
        const std::string label = row.name + (row.capacity ? " (" + std::to_string(*row.capacity) + ")" : "");
        if (ui::Selectable(label.c_str(), row.sub == settings.room)) { settings.room = row.sub; changed = true; }
      }
      ui::EndCombo();
    }
  } else {
    const std::string provider = ProviderOf(settings.type);
    bool any = false;
    for (const Row& row : model.rows) any |= row.kind == RowKind::kHost && row.host_provider == provider;
    if (any) {
      const std::string host = settings.host.empty() ? Tr(locale, StringId::kAnyHost) : DisplayName(model, settings.host);
      const float host_width = ComboWidth(host.c_str(), 190 * scale);
      NextGroup(LabelWidth(Tr(locale, StringId::kHostAccount)) + host_width);
      Label(Tr(locale, StringId::kHostAccount));
      ImGui::SetNextItemWidth(host_width);
      ImGui::BeginDisabled(reschedule);
      if (ui::BeginCombo("##host", host.c_str(), Tr(locale, StringId::kHostAccount))) {
        if (ui::Selectable(Tr(locale, StringId::kAnyHost), settings.host.empty())) { settings.host.clear(); changed = true; }
        for (const Row& row : model.rows) {
          if (row.kind != RowKind::kHost || row.host_provider != provider) continue;
          if (ui::Selectable((row.name + "##" + row.sub).c_str(), row.sub == settings.host)) { settings.host = row.sub; changed = true; }
        }
        ui::EndCombo();
      }
      ImGui::EndDisabled();
    }
  }
  NextGroup(LabelWidth(Tr(locale, StringId::kDuration)) + 90 * scale);
  Label(Tr(locale, StringId::kDuration));
  changed |= MinutesCombo("##duration", Tr(locale, StringId::kDuration), locale, settings.duration_minutes, {15, 30, 45, 60, 75, 90, 120, 180}, 90 * scale);
  NextGroup(LabelWidth(Tr(locale, StringId::kBufferBefore)) + 80 * scale);
  Label(Tr(locale, StringId::kBufferBefore));
  changed |= MinutesCombo("##before", Tr(locale, StringId::kBufferBefore), locale, settings.buffer_before_minutes, {0, 5, 10, 15, 30}, 80 * scale);
  NextGroup(LabelWidth(Tr(locale, StringId::kBufferAfter)) + 80 * scale);
  Label(Tr(locale, StringId::kBufferAfter));
  changed |= MinutesCombo("##after", Tr(locale, StringId::kBufferAfter), locale, settings.buffer_after_minutes, {0, 5, 10, 15, 30}, 80 * scale);
  const StringId ranks[] = {StringId::kRankEarliest, StringId::kRankBalanced, StringId::kRankCandidate};
  const float rank_width = ComboWidth(Tr(locale, ranks[static_cast<int>(settings.ranking)]), 200 * scale);
  NextGroup(LabelWidth(Tr(locale, StringId::kRanking)) + rank_width);
  Label(Tr(locale, StringId::kRanking));
  ImGui::SetNextItemWidth(rank_width);
  if (ui::BeginCombo("##ranking", Tr(locale, ranks[static_cast<int>(settings.ranking)]), Tr(locale, StringId::kRanking))) {
    for (int i = 0; i < 3; ++i) {
      if (ui::Selectable(Tr(locale, ranks[i]), static_cast<int>(settings.ranking) == i)) {
        settings.ranking = static_cast<Ranking>(i);
        changed = true;
      }
    }
    ui::EndCombo();
  }
  DrawFindField(model, context, intents);
  NextGroup(ToggleWidth(Tr(locale, StringId::kLoop)));
  if (ui::Checkbox(Tr(locale, StringId::kLoop), &settings.loop)) {
    changed = true;
    if (settings.loop && settings.loop_stages.empty()) {
      // Two stages from the chosen interviewers: the first one each, by default.
      const std::vector<std::string> chosen = IncludedSubs(model, RowKind::kInterviewer);
      for (std::size_t i = 0; i < std::max<std::size_t>(2, std::min<std::size_t>(chosen.size(), 3)); ++i) {
        LoopStage stage;
        stage.id = "stage-" + std::to_string(i + 1);
        if (!chosen.empty()) stage.pool = {chosen[i % chosen.size()]};
        settings.loop_stages.push_back(stage);
      }
    }
  }
  if (settings.loop) {
    for (std::size_t i = 0; i < settings.loop_stages.size(); ++i) {
      LoopStage& stage = settings.loop_stages[i];
      ImGui::PushID(static_cast<int>(i) + 500);
      const std::string stage_name = Format(locale, StringId::kStage, {std::to_string(i + 1)});
      ImGui::TextUnformatted(stage_name.c_str());
      ImGui::SameLine();
      changed |= MinutesCombo("##stage_duration", stage_name + " \xC2\xB7 " + Tr(locale, StringId::kDuration), locale, stage.duration_minutes, {15, 30, 45, 60, 90}, 80 * scale);
      if (i > 0) {
        ImGui::SameLine();
        Label(Tr(locale, StringId::kMaxGap));
        changed |= MinutesCombo("##gap", stage_name + " \xC2\xB7 " + Tr(locale, StringId::kMaxGap), locale, stage.max_gap_minutes, {0, 15, 30, 60, 120, 240}, 80 * scale);
      }
      for (const Row& row : model.rows) {
        if (row.kind != RowKind::kInterviewer || !row.included) continue;
        NextGroup(ToggleWidth(row.name.c_str()));
        bool in_pool = std::find(stage.pool.begin(), stage.pool.end(), row.sub) != stage.pool.end();
        if (ui::Checkbox((row.name + "##pool" + row.sub).c_str(), &in_pool)) {
          if (in_pool) stage.pool.push_back(row.sub);
          else stage.pool.erase(std::remove(stage.pool.begin(), stage.pool.end(), row.sub), stage.pool.end());
          changed = true;
        }
      }
      if (settings.loop_stages.size() > 1) {
        NextGroup(ButtonWidth(Tr(locale, StringId::kRemoveStage)));
        if (ui::SmallButton(Tr(locale, StringId::kRemoveStage))) {
          settings.loop_stages.erase(settings.loop_stages.begin() + static_cast<std::ptrdiff_t>(i));
          changed = true;
          ImGui::PopID();
          break;
        }
      }
      ImGui::PopID();
    }
    if (settings.loop_stages.size() < 5 && ui::SmallButton(Tr(locale, StringId::kAddStage))) {
      LoopStage stage;
      stage.id = "stage-" + std::to_string(settings.loop_stages.size() + 1);
      settings.loop_stages.push_back(stage);
      changed = true;
    }
  }
  if (changed) intents.settings = settings;
}

void DrawConnectionIssues(const WidgetModel& model, Intents& intents) {
  if (model.connection_issues.empty()) return;
  const Locale locale = model.locale;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, Vec4(Colors().notice_box));
  ImGui::BeginChild("connections", ImVec2(0, ImGui::GetFrameHeightWithSpacing() * static_cast<float>(model.connection_issues.size() + 1) + 8), true);
  ImGui::TextColored(Vec4(Colors().text_amber), "%s", Tr(locale, StringId::kConnectionProblems));
  for (std::size_t i = 0; i < model.connection_issues.size(); ++i) {
    const ConnectionIssue& issue = model.connection_issues[i];
    const bool consent = issue.status == "consent_required";
    ImGui::PushID(static_cast<int>(i) + 2000);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Format(locale, consent ? StringId::kConsentRequired : StringId::kReauthNeeded, {issue.provider}).c_str());
    if (!issue.fix_url.empty()) {
      ImGui::SameLine();
      if (ui::Button(Format(locale, consent ? StringId::kGrantConsent : StringId::kReconnect, {issue.provider}).c_str())) intents.open_url = issue.fix_url;
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// The candidate declined the proposed times and sent their own (drawn as a row under the suggestions): who, their
// note, and whether suggestions stay inside those times.
void DrawCandidateOffer(const WidgetModel& model, Intents& intents) {
  if (!model.candidate_offer) return;
  const CandidateOffer& offer = *model.candidate_offer;
  ImGui::TextWrapped("%s", Shown(Format(model.locale, StringId::kOfferNotice, {CandidateName(model)})));
  if (!offer.note.empty()) ImGui::TextWrapped("\u201c%s\u201d", Shown(offer.note));
  bool only = offer.only_these;
  const char* label = Tr(model.locale, StringId::kOfferOnly);
  if (ui::Checkbox(label, &only, label)) intents.offer_only = only;
  ImGui::Separator();
}

std::string PanelHeadline(const WidgetModel& model, const ViewContext& context) {
  const Locale locale = model.locale;
  const Booking& booking = model.booking;
  const auto when = [&](Interval interval) { return context.viewer ? FormatRange(locale, interval, *context.viewer) : std::string(); };
  switch (booking.phase) {
    case BookingPhase::kSubmitting: return Tr(locale, StringId::kSubmitting);
    case BookingPhase::kPending: return Format(locale, StringId::kPending, {std::to_string(booking.polls)});
    case BookingPhase::kConfirmed:
      if (booking.moved_from && context.viewer) return DescribeMove(model, *context.viewer, context.candidate);
      return Format(locale, StringId::kConfirmed, {when(booking.when)});
    case BookingPhase::kFailed:
      return Format(locale, StringId::kFailed, {booking.message.empty() ? booking.error_code : booking.message});
    case BookingPhase::kConfirmingChanges: return Tr(locale, StringId::kMoveAlsoChanges);
    case BookingPhase::kConfirmingCancel: return Format(locale, StringId::kCancelQuestion, {when(booking.when)});
    case BookingPhase::kCancelScheduled:
      return Format(locale, StringId::kCancelScheduled, {std::to_string(context.cancel_seconds_left)});
    case BookingPhase::kCancelling: return Tr(locale, StringId::kCancelling);
    case BookingPhase::kCancelled: return Tr(locale, StringId::kCancelled);
    case BookingPhase::kIdle: break;
  }
  if (model.loop_booking.phase != LoopBookingPhase::kIdle) return DescribeLoopBooking(model);
  switch (model.proposal.phase) {
    case ProposalPhase::kChoosing: return Format(locale, StringId::kProposalChoose, {std::to_string(model.proposal.chosen.size())});
    case ProposalPhase::kSubmitting: return Tr(locale, StringId::kProposalSending);
    case ProposalPhase::kCreated: return Format(locale, StringId::kProposalCreated, {std::to_string(model.proposal.options.size())});
    case ProposalPhase::kFailed: return Format(locale, StringId::kProposalFailed, {model.proposal.message});
    case ProposalPhase::kIdle: break;
  }
  if (booking.rescheduling && !booking.external_changes.empty()) return Tr(locale, StringId::kChangedExternally);
  if (booking.rescheduling && booking.moving_from.length() > 0) return Format(locale, StringId::kMovingBanner, {when(booking.moving_from)});
  if (model.selected && model.explanation.start == *model.selected && !SelectionIsTheBooking(model)) {
    const Interval selected{*model.selected, *model.selected + static_cast<Duration>(model.settings.duration_minutes) * kSecondsPerMinute};
    return Format(locale, model.explanation.available ? StringId::kAvailable : StringId::kNotAvailable, {when(selected)});
  }
  return std::string(Tr(locale, StringId::kSuggestions)) + " \xC2\xB7 " +
         Format(locale, StringId::kSuggestionsCount, {std::to_string(model.available_starts)});
}

void DrawSidePanel(const WidgetModel& model, const ViewContext& context, Intents& intents, bool in_drawer) {
  // In the drawer (short), what it opened for is scrolled into view: for a few frames, as a panel that has just
  // appeared knows its content's height only after it was drawn.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID reveal_key = ImGui::GetID("##reveal_why");
  const bool about_a_time = model.selected || model.booking.phase != BookingPhase::kIdle || model.booking.rescheduling;
  if (in_drawer && about_a_time && (context.reveal || ImGui::IsWindowAppearing())) storage->SetInt(reveal_key, 3);
  DrawCandidateOffer(model, intents);
  DrawSuggestions(model, context, intents);
  DrawRelaxations(model, intents);
  ImGui::Separator();
  if (const int frames = storage->GetInt(reveal_key, 0); frames > 0) {
    ImGui::SetScrollHereY(0.0f);
    storage->SetInt(reveal_key, frames - 1);
  }
  DrawExplanation(model, context, intents);
  ImGui::Separator();
  DrawBooking(model, context, intents);
  ImGui::Separator();
  DrawProposal(model, context, intents);
  ImGui::Separator();
  // Connecting the calendar and the video accounts happens in the page's own panel (plain DOM, the provider's popup).
  if (ui::SmallButton(Tr(model.locale, StringId::kConnections))) intents.open_connections = true;
}

}  // namespace slotwise::widget
