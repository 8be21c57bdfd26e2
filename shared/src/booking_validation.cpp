// booking_validation.cpp — one booking against the solver's rules (see booking_validation.h).
//
// [SECTION] Parsing     — the "booking" member
// [SECTION] Validation  — time, participants and groups, rooms, host accounts
// [SECTION] JSON
#include "slotwise/booking_validation.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "slotwise/error_codes.h"
#include "slotwise/explain.h"
#include "slotwise/solver.h"

namespace slotwise {

namespace {

using nlohmann::json;

// =====================================================================================================================
// [SECTION] Parsing
// =====================================================================================================================

Error Invalid(const std::string& field, const std::string& message) { return {codes::kInvalidQuery, message, field}; }

Result<Instant> InstantAt(const json& object, const char* key, const std::string& path) {
  const std::string field = path + "." + key;
  auto it = object.find(key);
  if (it == object.end()) return Invalid(field, field + " is required");
  if (!it->is_string()) return Invalid(field, field + " must be an RFC 3339 instant");
  const CallerInstant instant = ParseCallerInstant(it->get_ref<const std::string&>());
  if (instant.out_of_range) return Invalid(field, OutOfRangeMessage(field));
  if (!instant.instant) return Invalid(field, field + " is not a valid RFC 3339 instant");
  return *instant.instant;
}

// [{"sub": "…"}…] → subs, duplicates dropped (first mention kept).
Result<std::vector<std::string>> SubList(const json& value, const std::string& path) {
  if (!value.is_array()) return Invalid(path, path + " must be an array of {\"sub\"}");
  std::vector<std::string> subs;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    const json& item = value[i];
    if (!item.is_object() || !item.contains("sub") || !item["sub"].is_string()) {
      return Invalid(item_path + ".sub", item_path + ".sub must be a string");
    }
    const std::string& sub = item["sub"].get_ref<const std::string&>();
    if (std::find(subs.begin(), subs.end(), sub) == subs.end()) subs.push_back(sub);
  }
  return subs;
}

std::optional<ConferencingProvider> ProviderNamed(std::string_view name) {
  for (ConferencingProvider p : {ConferencingProvider::kZoom, ConferencingProvider::kTeams,
                                 ConferencingProvider::kGoogleMeet, ConferencingProvider::kGoTo}) {
    if (ConferencingProviderName(p) == name) return p;
  }
  return std::nullopt;
}

}  // namespace

Result<Booking> ParseBooking(const json& value, const std::string& path) {
  if (!value.is_object()) return Invalid(path, path + " must be an object {start, end, participants, …}");
  Booking booking;
  Result<Instant> start = InstantAt(value, "start", path);
  if (!start) return start.error();
  Result<Instant> end = InstantAt(value, "end", path);
  if (!end) return end.error();
  if (*end <= *start) return Invalid(path + ".end", path + ".end must be after " + path + ".start");
  booking.interval = {*start, *end};
  auto participants = value.find("participants");
  if (participants == value.end()) return Invalid(path + ".participants", path + ".participants is required");
  Result<std::vector<std::string>> subs = SubList(*participants, path + ".participants");
  if (!subs) return subs.error();
  booking.participants = std::move(subs).value();
  if (auto rooms = value.find("rooms"); rooms != value.end()) {
    Result<std::vector<std::string>> room_subs = SubList(*rooms, path + ".rooms");
    if (!room_subs) return room_subs.error();
    booking.rooms = std::move(room_subs).value();
  }
  if (auto conferencing = value.find("conferencing"); conferencing != value.end()) {
    const std::string c_path = path + ".conferencing";
    if (!conferencing->is_object()) return Invalid(c_path, c_path + " must be an object {provider, host}");
    auto provider = conferencing->find("provider");
    std::optional<ConferencingProvider> named;
    if (provider != conferencing->end() && provider->is_string()) named = ProviderNamed(provider->get<std::string>());
    if (!named) {
      return Invalid(c_path + ".provider", c_path + ".provider must be \"zoom\", \"teams\", \"google_meet\" or \"goto\"");
    }
    booking.provider = named;
    auto host = conferencing->find("host");
    auto hosts = conferencing->find("hosts");
    if (host != conferencing->end()) {
      if (!host->is_string()) return Invalid(c_path + ".host", c_path + ".host must be the host account's sub");
      booking.hosts = {host->get<std::string>()};
    } else if (hosts != conferencing->end()) {
      Result<std::vector<std::string>> host_subs = SubList(*hosts, c_path + ".hosts");
      if (!host_subs) return host_subs.error();
      booking.hosts = std::move(host_subs).value();
    } else {
      return Invalid(c_path + ".host", c_path + ".host (or .hosts) is required");
    }
  }
  return booking;
}

// =====================================================================================================================
// [SECTION] Validation
// =====================================================================================================================

namespace {

std::string Span(const Interval& i) { return FormatRfc3339(i.start) + " to " + FormatRfc3339(i.end); }

std::string_view ProviderDisplayName(ConferencingProvider provider) {
  switch (provider) {
    case ConferencingProvider::kZoom: return "Zoom";
    case ConferencingProvider::kTeams: return "Microsoft Teams";
    case ConferencingProvider::kGoogleMeet: return "Google Meet";
    case ConferencingProvider::kGoTo: return "GoTo";
  }
  return "its provider";
}

// A host account's busy time: another interview (a hold), or a meeting of its own at the provider.
Violation HostBusy(const Problem& p, const Reason& r, const std::string& sub, const std::string& event) {
  const Calendar* host = r.calendar ? &p.calendars[*r.calendar] : nullptr;
  if (r.event && !r.event->interview && host != nullptr && host->conferencing_account) {
    return {"host_busy",
            "Host account " + sub + " is busy in " +
                std::string(ProviderDisplayName(host->conferencing_account->provider)) + ": it hosts a meeting from " +
                Span(r.event->interval) + ".",
            sub};
  }
  return {"host_busy", "Host account " + sub + " already hosts a meeting (" + event + ").", sub};
}

// A reason of the explanation's reason finders as a violation.
Violation FromReason(const Problem& p, const Reason& r) {
  const std::string sub = r.calendar ? p.calendars[*r.calendar].sub : std::string();
  const std::string event = r.event ? std::string(BusyStatusName(r.event->status)) + " event from " +
                                          Span(r.event->interval)
                                    : std::string();
  switch (r.code) {
    case ReasonCode::kBusy: return {"busy", sub + " has a " + event + " during the interview.", sub};
    case ReasonCode::kBuffer: return {"buffer", sub + " has a " + event + " inside the buffer around the interview.", sub};
    case ReasonCode::kOutsideWorkingHours:
      return {"outside_working_hours", "The interview is not inside " + sub + "'s working hours.", sub};
    case ReasonCode::kLoadLimit:
      return {"load_limit", sub + " already has " + std::to_string(r.count) + " interviews that " +
                                (r.week ? "week" : "day") + " (limit " + std::to_string(r.limit) + ").", sub};
    case ReasonCode::kRoomBusy: return {"room_busy", "Room " + sub + " has a " + event + ".", sub};
    case ReasonCode::kHostBusy: return HostBusy(p, r, sub, event);
    case ReasonCode::kFreeBusyUnknown:
      return {"free_busy_unknown",
              "The free/busy time of " + sub + " is unknown (" +
                  p.calendars[*r.calendar].free_busy_unknown.value_or("") + "), so it cannot be checked.",
              sub};
    default: return {"unavailable", sub + " is not available then.", sub};
  }
}

bool OnGrid(const AvailabilityQuery& q, Instant s) {
  if (q.response_format == ResponseFormat::kPeriods) return FloorMod(s, kSecondsPerMinute) == 0;
  return CountGridStarts({{s, s + 1}}, *q.zone, q.start_interval, 1) == 1;
}

bool Contains(const std::vector<std::size_t>& list, std::size_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

BookingCheck ValidateBooking(const Problem& problem, const Booking& booking) {
  const AvailabilityQuery& q = problem.query;
  const Instant s = booking.interval.start;
  BookingCheck check;
  auto violate = [&check](std::string code, std::string message, std::string sub = {}) {
    check.violations.push_back({std::move(code), std::move(message), std::move(sub)});
  };
  std::map<std::string_view, std::size_t> by_sub;
  for (std::size_t i = 0; i < problem.calendars.size(); ++i) by_sub.emplace(problem.calendars[i].sub, i);
  auto lookup = [&by_sub](const std::string& sub) -> std::optional<std::size_t> {
    auto it = by_sub.find(sub);
    return it == by_sub.end() ? std::nullopt : std::optional<std::size_t>(it->second);
  };

  // Time: duration, grid, query periods, notice.
  const Duration minutes = (booking.interval.end - s) / kSecondsPerMinute;
  if (booking.interval.end - s != q.duration) {
    violate("duration_mismatch", "The booking lasts " + std::to_string(minutes) + " minutes; the query asks for " +
                                     std::to_string(q.duration / kSecondsPerMinute) + ".");
  }
  if (!OnGrid(q, s)) violate("not_on_grid", "The start " + FormatRfc3339(s) + " is not on the query's start grid.");
  const bool in_period = std::any_of(q.query_periods.begin(), q.query_periods.end(), [&](const Interval& p) {
    return p.start <= s && s + q.duration <= p.end;
  });
  if (!in_period) violate("outside_query_period", "The interview does not lie inside one of the query periods.");
  if (s < problem.now + q.minimum_notice) {
    violate("minimum_notice", "The interview starts before the minimum notice allows (earliest " +
                                  FormatRfc3339(problem.now + q.minimum_notice) + ").");
  }

  // The solver's start sets, narrowed to this one start. Host rules are judged below against the BOOKED attendees,
  // so here every rule is "warn" (host sets then hold the busy check only).
  AvailabilityQuery narrow = q;
  narrow.query_periods = {{s, s + q.duration}};
  narrow.minimum_notice = 0;
  narrow.host_rules = {HostRulePolicy::kWarn, HostRulePolicy::kWarn, HostRulePolicy::kWarn};
  const StartSets sets = ComputeStartSets(narrow, problem.calendars, s);

  // Participants and groups.
  std::vector<std::size_t> booked;
  for (const std::string& sub : booking.participants) {
    const std::optional<std::size_t> m = lookup(sub);
    if (!m || !Contains(sets.participant_order, *m)) {
      violate("not_in_query", sub + " is not a participant of the query.", sub);
      continue;
    }
    booked.push_back(*m);
    if (IntervalsContain(sets.as_participant[*m], s)) continue;
    const std::vector<Reason> reasons = ParticipantReasonsAt(problem, *m, s);
    for (const Reason& r : reasons) check.violations.push_back(FromReason(problem, r));
    if (reasons.empty()) violate("unavailable", sub + " is not available then.", sub);
  }
  for (std::size_t g = 0; g < q.groups.size(); ++g) {
    const ParticipantGroup& group = q.groups[g];
    const auto count = static_cast<std::size_t>(std::count_if(group.members.begin(), group.members.end(),
                                                              [&](std::size_t m) { return Contains(booked, m); }));
    if (count < group.required) {
      violate("group_short", "Group " + std::to_string(g + 1) + " needs " + std::to_string(group.required) +
                                 " of its members; " + std::to_string(count) + " booked.");
    }
  }

  // Rooms.
  std::size_t rooms_booked = 0;
  for (const std::string& sub : booking.rooms) {
    const std::optional<std::size_t> r = lookup(sub);
    if (!q.rooms || !r || !Contains(q.rooms->members, *r)) {
      violate("not_in_query", sub + " is not a room of the query.", sub);
      continue;
    }
    ++rooms_booked;
    if (IntervalsContain(sets.as_room[*r], s)) continue;
    const Calendar& room = problem.calendars[*r];
    if (q.rooms->min_capacity && !(room.capacity && *room.capacity >= *q.rooms->min_capacity)) {
      violate("room_too_small", "Room " + sub + " holds " +
                                    (room.capacity ? std::to_string(*room.capacity) : std::string("an unknown number of")) +
                                    " people; the query needs " + std::to_string(*q.rooms->min_capacity) + ".", sub);
      continue;
    }
    for (const Reason& reason : ResourceBusyReasonsAt(problem, *r, s, ReasonCode::kRoomBusy)) {
      check.violations.push_back(FromReason(problem, reason));
    }
  }
  if (q.rooms && rooms_booked < q.rooms->required) {
    violate("rooms_short", "The query needs " + std::to_string(q.rooms->required) + " room(s); " +
                               std::to_string(rooms_booked) + " booked.");
  }

  // Host accounts.
  if (booking.provider && q.conferencing && *booking.provider != q.conferencing->provider) {
    violate("provider_mismatch", "The booking uses " + std::string(ConferencingProviderName(*booking.provider)) +
                                     " but the query asks for " +
                                     std::string(ConferencingProviderName(q.conferencing->provider)) + ".");
  }
  std::size_t hosts_booked = 0;
  for (const std::string& sub : booking.hosts) {
    const std::optional<std::size_t> h = lookup(sub);
    if (!q.conferencing || !h || !Contains(q.conferencing->hosts, *h)) {
      violate("not_in_query", sub + " is not a host account of the query.", sub);
      continue;
    }
    ++hosts_booked;
    const Calendar& host = problem.calendars[*h];
    if (!IntervalsContain(sets.as_host[*h], s)) {
      for (const Reason& reason : ResourceBusyReasonsAt(problem, *h, s, ReasonCode::kHostBusy)) {
        check.violations.push_back(FromReason(problem, reason));
      }
    }
    if (!host.conferencing_account) continue;
    if (!check.passcode) check.passcode = ComputePasscode(*host.conferencing_account);
    for (HostRule rule : FiringRules(*host.conferencing_account, OwnerAmong(host, booked), CandidateExternal(q))) {
      Violation v{std::string(HostRuleName(rule)), HostRuleMessage(rule, host), sub};
      if (PolicyFor(q.host_rules, rule) == HostRulePolicy::kRefuse) check.violations.push_back(std::move(v));
      else check.warnings.push_back(std::move(v));
    }
  }
  if (q.conferencing && hosts_booked < q.conferencing->required) {
    violate("hosts_short", "The query needs " + std::to_string(q.conferencing->required) + " host account(s); " +
                               std::to_string(hosts_booked) + " booked.");
  }
  return check;
}

// =====================================================================================================================
// [SECTION] JSON
// =====================================================================================================================

nlohmann::json ViolationsToJson(const std::vector<Violation>& items) {
  json out = json::array();
  for (const Violation& v : items) {
    json item = {{"code", v.code}, {"message", v.message}};
    if (!v.sub.empty()) item["sub"] = v.sub;
    out.push_back(std::move(item));
  }
  return out;
}

nlohmann::json BookingCheckToJson(const BookingCheck& check) {
  json answer = {{"valid", check.valid()}, {"violations", ViolationsToJson(check.violations)},
                 {"warnings", ViolationsToJson(check.warnings)}};
  if (check.passcode) {
    answer["passcode"] = {{"passcode", check.passcode->passcode},
                          {"reason", PasscodeReasonName(check.passcode->reason)}};
  }
  return answer;
}

}  // namespace slotwise
