// calendar_gatherer.cpp — see calendar_gatherer.h.
//
// [SECTION] The subs a query names
// [SECTION] Errors
// [SECTION] The fetch window
// [SECTION] Directory snapshots
// [SECTION] Gathering
#include "availability/calendar_gatherer.h"

#include "slotwise/ascii.h"
#include "slotwise/availability.h"
#include "slotwise/error_codes.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "slotwise/json_input.h"
#include "slotwise/json_text.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using nlohmann::json;

const json* MemberOf(const json& object, const char* name) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(name);
  return it == object.end() ? nullptr : &*it;
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] The subs a query names
// -----------------------------------------------------------------------------------------------------------------

enum class Kind { kPerson, kRoom, kHost };

struct Mention {
  Kind kind;
  std::string sub;
  std::string field;
};

void CollectMembers(const json* object, const std::string& path, Kind kind, std::vector<Mention>& out) {
  if (object == nullptr) return;
  const json* members = MemberOf(*object, "members");
  if (members == nullptr || !members->is_array()) return;
  for (std::size_t i = 0; i < members->size(); ++i) {
    const json* sub = MemberOf((*members)[i], "sub");
    if (sub == nullptr || !sub->is_string()) continue;
    out.push_back({kind, sub->get<std::string>(), path + ".members[" + std::to_string(i) + "].sub"});
  }
}

void CollectGroups(const json* groups, const std::string& path, std::vector<Mention>& out) {
  if (groups == nullptr || !groups->is_array()) return;
  for (std::size_t i = 0; i < groups->size(); ++i) {
    CollectMembers(&(*groups)[i], path + "[" + std::to_string(i) + "]", Kind::kPerson, out);
  }
}

// Every sub the query names, in document order (see the contract for the fields read).
std::vector<Mention> CollectMentions(const json& query) {
  std::vector<Mention> out;
  CollectGroups(MemberOf(query, "participants"), "query.participants", out);
  CollectMembers(MemberOf(query, "rooms"), "query.rooms", Kind::kRoom, out);
  if (const json* conferencing = MemberOf(query, "conferencing")) {
    if (const json* host = MemberOf(*conferencing, "host"); host != nullptr && host->is_string()) {
      out.push_back({Kind::kHost, host->get<std::string>(), "query.conferencing.host"});
    }
    CollectMembers(MemberOf(*conferencing, "hosts"), "query.conferencing.hosts", Kind::kHost, out);
  }
  if (const json* sequence = MemberOf(query, "sequence"); sequence != nullptr && sequence->is_array()) {
    for (std::size_t k = 0; k < sequence->size(); ++k) {
      const std::string stage = "query.sequence[" + std::to_string(k) + "]";
      CollectGroups(MemberOf((*sequence)[k], "participants"), stage + ".participants", out);
      CollectMembers(MemberOf((*sequence)[k], "rooms"), stage + ".rooms", Kind::kRoom, out);
    }
  }
  CollectMembers(MemberOf(query, "loop_room"), "query.loop_room", Kind::kRoom, out);
  return out;
}

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kPerson:
      return "person";
    case Kind::kRoom:
      return "room";
    case Kind::kHost:
      return "video host account";
  }
  return "calendar";
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Errors
// -----------------------------------------------------------------------------------------------------------------

bool IsConnectionLevel(const std::string& code) {
  static const std::set<std::string, std::less<>> kCodes = {codes::kReauthNeeded,           codes::kConsentRequired,
                                                            codes::kProviderNotConfigured, codes::kSubjectRefused,
                                                            codes::kInvalidClient,          codes::kProviderUnauthorized};
  return kCodes.count(code) > 0;
}

std::string ProviderLabel(std::string_view provider) {
  if (provider == "google") return "Google Calendar";
  if (provider == "microsoft") return "Microsoft 365";
  if (provider == "zoom") return "Zoom";
  return "no calendar provider";
}

Error CalendarError(const Error& error, const std::string& sub, std::string_view provider, const std::string& field) {
  if (IsConnectionLevel(error.code)) {
    return Error{error.code,
                 "Cannot read the calendar of " + sub + " (" + ProviderLabel(provider) + "): " + error.message, field};
  }
  return Error{codes::kCalendarUnavailable,
               "The calendar of " + sub + " could not be read from " + ProviderLabel(provider) + " (" + error.code +
                   ": " + error.message +
                   "). Its free/busy time is unknown, so no time can be offered with it; try again later.",
               field};
}

// A host account whose meetings could not be read at booking: never "free" (calendar_gatherer.h, Errors).
Error HostMeetingsError(const Error& error, const std::string& sub, std::string_view provider,
                        const std::string& field) {
  const std::string read = "The meetings of host account " + sub + " could not be read from " +
                           ProviderLabel(provider) + " (" + error.code + ": " + error.message + ")";
  if (IsConnectionLevel(error.code)) {
    return Error{error.code, read + "; its owner must connect the " + ProviderLabel(provider) + " account again.",
                 field};
  }
  return Error{codes::kCalendarUnavailable,
               read + ", so whether the host is free cannot be checked and nothing was booked; try again later.",
               field};
}

}  // namespace

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] The fetch window
// -----------------------------------------------------------------------------------------------------------------

std::optional<Interval> FetchWindow(const json& query, bool weekly_limits) {
  const json* periods = MemberOf(query, "query_periods");
  if (periods == nullptr || !periods->is_array() || periods->empty()) return std::nullopt;
  Instant first = 0, last = 0;
  for (std::size_t i = 0; i < periods->size(); ++i) {
    const json* start = MemberOf((*periods)[i], "start");
    const json* end = MemberOf((*periods)[i], "end");
    if (start == nullptr || end == nullptr || !start->is_string() || !end->is_string()) return std::nullopt;
    // Outside the supported range nothing is fetched: the engine refuses the query with the field's path.
    const std::optional<Instant> s = ParseCallerInstant(start->get_ref<const std::string&>()).instant;
    const std::optional<Instant> e = ParseCallerInstant(end->get_ref<const std::string&>()).instant;
    if (!s || !e || *e <= *s) return std::nullopt;
    first = i == 0 ? *s : std::min(first, *s);
    last = i == 0 ? *e : std::max(last, *e);
  }
  if (last - first > 400 * kSecondsPerDay) return std::nullopt;  // the engine refuses it anyway
  Duration buffer = 0;
  if (const json* buffers = MemberOf(query, "buffer")) {
    for (const char* side : {"before", "after"}) {
      const json* side_value = MemberOf(*buffers, side);
      const json* minutes = side_value != nullptr ? MemberOf(*side_value, "minutes") : nullptr;
      if (minutes != nullptr && minutes->is_number_integer()) {
        buffer = std::max<Duration>(buffer, std::clamp<std::int64_t>(minutes->get<std::int64_t>(), 0, 1440) * 60);
      }
    }
  }
  const Duration margin = buffer + (weekly_limits ? 7 : 1) * kSecondsPerDay;
  return Interval{FloorDiv(first - margin, kSecondsPerDay) * kSecondsPerDay,
                  -FloorDiv(-(last + margin), kSecondsPerDay) * kSecondsPerDay};
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Directory snapshots
// -----------------------------------------------------------------------------------------------------------------

Result<std::shared_ptr<const TenantSnapshot>> CalendarGatherer::Snapshot(const std::string& tenant_id) {
  const std::uint64_t generation = directory_.generation();
  {
    std::shared_lock lock(snapshots_mutex_);
    auto it = snapshots_.find(tenant_id);
    if (it != snapshots_.end() && it->second->generation == generation) return it->second;
  }
  Result<std::shared_ptr<const TenantSnapshot>> loaded = Load(tenant_id, generation);
  if (!loaded) return loaded.error();
  std::unique_lock lock(snapshots_mutex_);
  std::shared_ptr<const TenantSnapshot>& slot = snapshots_[tenant_id];
  if (!slot || slot->generation < generation) slot = loaded.value();
  return loaded;
}

Result<std::shared_ptr<const TenantSnapshot>> CalendarGatherer::Load(const std::string& tenant_id,
                                                                     std::uint64_t generation) {
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(tenant_id);
  if (!tenant) return tenant.error();
  if (!tenant->has_value()) return Error{codes::kUnknownTenant, "there is no tenant \"" + tenant_id + "\"", ""};
  Result<std::vector<Person>> people = directory_.ListPeople(tenant_id);
  if (!people) return people.error();
  Result<std::vector<Room>> rooms = directory_.ListRooms(tenant_id);
  if (!rooms) return rooms.error();
  Result<std::vector<HostAccount>> hosts = directory_.ListHostAccounts(tenant_id);
  if (!hosts) return hosts.error();

  auto snapshot = std::make_shared<TenantSnapshot>();
  snapshot->generation = generation;
  snapshot->tenant = std::move(tenant).value().value();
  const Tenant& t = snapshot->tenant;
  if (json policies = slotwise::ParseJson(t.policies_json); policies.is_object()) {
    snapshot->policies = std::move(policies);
  }
  for (const Person& person : people.value()) {
    TenantSnapshot::Calendar calendar;
    calendar.id = AsciiLower(person.email);
    calendar.provider = std::string(ResolveCalendarProvider(person.calendar_provider, t));
    calendar.base = json::object();
    calendar.base["time_zone"] = person.time_zone.empty() ? t.time_zone : person.time_zone;
    if (!person.working_hours_json.empty()) {
      if (json hours = slotwise::ParseJson(person.working_hours_json); hours.is_object()) {
        calendar.base["working_hours"] = std::move(hours);
      }
    }
    if (person.max_interviews_per_day) calendar.base["max_interviews_per_day"] = *person.max_interviews_per_day;
    if (person.max_interviews_per_week) calendar.base["max_interviews_per_week"] = *person.max_interviews_per_week;
    calendar.weekly_limit = person.max_interviews_per_week.has_value();
    calendar.base_text = DumpJson(calendar.base);
    snapshot->people.emplace(calendar.id, std::move(calendar));
  }
  for (const Room& room : rooms.value()) {
    if (room.retired_at != 0) {
      snapshot->retired_rooms.emplace(AsciiLower(room.email), room.retired_at);
      continue;
    }
    TenantSnapshot::Calendar calendar;
    calendar.id = AsciiLower(room.email);
    calendar.provider = std::string(ResolveCalendarProvider(room.calendar_provider, t));
    calendar.base = json::object();
    if (room.capacity) calendar.base["capacity"] = *room.capacity;
    calendar.base_text = DumpJson(calendar.base);
    snapshot->rooms.emplace(calendar.id, std::move(calendar));
  }
  for (const HostAccount& host : hosts.value()) {
    TenantSnapshot::Calendar calendar;
    calendar.id = AsciiLower(host.id);
    calendar.provider = host.provider;
    calendar.owner = AsciiLower(host.owner_email);
    calendar.connection_id = host.connection_id;
    json account = slotwise::ParseJson(host.settings_json);
    if (!account.is_object()) account = json::object();
    account["provider"] = host.provider;
    account["owner"] = calendar.owner;
    calendar.base = {{"conferencing_account", std::move(account)}};
    calendar.base_text = DumpJson(calendar.base);
    snapshot->hosts.emplace(calendar.id, std::move(calendar));
  }
  for (const char* provider : {"google", "microsoft"}) {
    snapshot->acting[provider] = ActingCandidates(t, people.value(), provider);
  }
  return std::shared_ptr<const TenantSnapshot>(std::move(snapshot));
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Gathering
// -----------------------------------------------------------------------------------------------------------------

namespace {

// One calendar of the answer (a distinct sub as the query spells it).
struct Entry {
  Kind kind;
  std::string sub;
  std::string field;  // its first mention
  const TenantSnapshot::Calendar* calendar = nullptr;
  std::size_t read_index = SIZE_MAX;  // into the provider reads (people and rooms)
};

// One provider calendar to read (people and rooms; several subs may spell the same id).
struct Read {
  std::string id;
  std::string provider;
  std::size_t first_entry = 0;
  std::shared_ptr<const std::vector<BusyEvent>> events;  // from the cache or the provider
  std::optional<Error> error;
  std::optional<std::string> unknown;  // the provider refused this calendar: why its free/busy is unknown
};

// A calendar's provider events without the time of a rescheduled interview's own holds on it: the interview's own
// event shows there as busy (or tentative, before an attendee answers), and it must not refuse moving the interview
// over its own old time. Free/busy has no event ids, so the interview's time is cut out of busy and tentative
// events (splitting longer ones); out-of-office, working-elsewhere and unknown stand-ins stay whole.
std::vector<BusyEvent> WithoutOwnTime(const std::vector<BusyEvent>& events, const std::vector<Interval>& own) {
  std::vector<BusyEvent> kept;
  kept.reserve(events.size());
  for (const BusyEvent& event : events) {
    const bool cuttable = !event.unknown && (event.status == BusyStatus::kBusy || event.status == BusyStatus::kTentative);
    std::vector<Interval> pieces = {event.interval};
    if (cuttable) {
      for (const Interval& cut : own) {
        std::vector<Interval> next;
        for (const Interval& piece : pieces) {
          if (cut.end <= piece.start || cut.start >= piece.end) {
            next.push_back(piece);
            continue;
          }
          if (piece.start < cut.start) next.push_back({piece.start, cut.start});
          if (cut.end < piece.end) next.push_back({cut.end, piece.end});
        }
        pieces = std::move(next);
      }
    }
    for (const Interval& piece : pieces) {
      BusyEvent part = event;
      part.interval = piece;
      kept.push_back(std::move(part));
    }
  }
  std::stable_sort(kept.begin(), kept.end(),
                   [](const BusyEvent& a, const BusyEvent& b) { return a.interval.start < b.interval.start; });
  return kept;
}

// A calendar's provider events without a proposal's own tentative holds on it (HoldsReader::TentativeHoldsOf): for
// each hold, one busy or tentative event of exactly its time is taken out, a tentative one first. Nothing is cut: a
// real meeting placed over the hold (another time, or merged with it by Google's free/busy) stays and still refuses
// the time; only a meeting of exactly the hold's time with a provider that merges both (Google) is not told apart.
std::vector<BusyEvent> WithoutHeldEvents(const std::vector<BusyEvent>& events, const std::vector<Interval>& held) {
  std::vector<bool> taken(events.size(), false);
  for (const Interval& hold : held) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const BusyEvent& event = events[i];
      if (taken[i] || event.unknown || event.interval.start != hold.start || event.interval.end != hold.end) continue;
      if (event.status == BusyStatus::kTentative) {
        best = i;
        break;
      }
      if (event.status == BusyStatus::kBusy && !best) best = i;
    }
    if (best) taken[*best] = true;
  }
  std::vector<BusyEvent> kept;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!taken[i]) kept.push_back(events[i]);
  }
  return kept;
}

std::string ResourceOf(Kind kind, const std::string& id) {
  switch (kind) {
    case Kind::kPerson:
      return PersonResource(id);
    case Kind::kRoom:
      return RoomResource(id);
    case Kind::kHost:
      return HostResource(id);
  }
  return id;
}


// A host account's meetings at its provider (from the cache or read now), or why they are unknown.
struct HostRead {
  std::shared_ptr<const std::vector<BusyEvent>> events;
  std::optional<std::string> unknown;
};

// The calendar's engine members without "busy", as the item changes them: a host account's owner as the query spells
// them, and free_busy {"status": "unknown", "reason"} when the provider refused the calendar. Null: the snapshot's
// base as it is (the common case, no copy).
std::optional<json> ChangedBase(const GatheredCalendars::Item& item) {
  if (item.owner.empty() && !item.unknown_reason) return std::nullopt;
  json changed = item.calendar->base;
  if (!item.owner.empty()) changed["conferencing_account"]["owner"] = item.owner;
  if (item.unknown_reason) changed["free_busy"] = {{"status", "unknown"}, {"reason", *item.unknown_reason}};
  return changed;
}

void AppendEvent(std::string& out, const Interval& interval, std::string_view status, bool interview) {
  out += "{\"end\":\"";
  AppendRfc3339(out, interval.end);
  out += interview ? "\",\"interview\":true,\"start\":\"" : "\",\"start\":\"";
  AppendRfc3339(out, interval.start);
  out += "\",\"status\":\"";
  out += status;
  out += "\"}";
}

}  // namespace


void GatheredCalendars::AppendJson(std::string& out) const {
  std::size_t events = 0;
  for (const Item& item : items_) {
    events += (item.events ? item.events->size() : 0) + item.holds.size() + item.out_of_office.size();
  }
  out.reserve(out.size() + 128 * items_.size() + 80 * events);
  out.push_back('{');
  bool first_calendar = true;
  for (const Item& item : items_) {
    if (!first_calendar) out.push_back(',');
    first_calendar = false;
    out += DumpJson(json(item.sub));
    // "busy" sorts before every other member of a calendar (capacity, conferencing_account, max_…, time_zone,
    // working_hours), so it comes first, as DumpJson would print it.
    out += ":{\"busy\":[";
    bool first_event = true;
    if (item.events && window_) {
      for (const BusyEvent& event : *item.events) {
        if (event.interval.start >= window_->end) break;  // sorted by start
        if (event.interval.end <= window_->start) continue;
        if (!first_event) out.push_back(',');
        first_event = false;
        AppendEvent(out, event.interval, BusyStatusName(event.status), false);
      }
    }
    for (const BusyEvent& absent : item.out_of_office) {
      if (!first_event) out.push_back(',');
      first_event = false;
      AppendEvent(out, absent.interval, BusyStatusName(absent.status), false);
    }
    for (const Interval& hold : item.holds) {
      if (!first_event) out.push_back(',');
      first_event = false;
      AppendEvent(out, hold, "busy", true);
    }
    out.push_back(']');
    std::string owned_base;
    const std::string* base = &item.calendar->base_text;
    if (std::optional<json> changed = ChangedBase(item)) {
      owned_base = DumpJson(*changed);
      base = &owned_base;
    }
    if (base->size() > 2) {  // "{…}": splice the other members after "busy"
      out.push_back(',');
      out.append(*base, 1, base->size() - 1);
    } else {
      out.push_back('}');
    }
  }
  out.push_back('}');
}

Result<std::vector<slotwise::Calendar>> GatheredCalendars::ToEngineCalendars(ZoneSource& zones) const {
  std::vector<slotwise::Calendar> calendars;
  calendars.reserve(items_.size());
  for (const Item& item : items_) {
    const std::optional<json> changed = ChangedBase(item);
    const json* base = changed ? &*changed : &item.calendar->base;
    Result<slotwise::Calendar> calendar = ParseCalendarValue(item.sub, *base, zones);
    if (!calendar) return calendar.error();
    std::vector<BusyEvent>& busy = calendar->busy;
    busy.reserve((item.events ? item.events->size() : 0) + item.holds.size());
    if (item.events && window_) {  // the events AppendJson prints, as the parser reads them back
      for (const BusyEvent& event : *item.events) {
        if (event.interval.start >= window_->end) break;
        if (event.interval.end <= window_->start) continue;
        BusyEvent copy;
        copy.interval = event.interval;
        copy.status = event.status;
        busy.push_back(copy);
      }
    }
    for (const BusyEvent& absent : item.out_of_office) {  // in AppendJson's order: events, absences, holds
      BusyEvent copy;
      copy.interval = absent.interval;
      copy.status = absent.status;
      busy.push_back(copy);
    }
    for (const Interval& hold : item.holds) {
      BusyEvent copy;
      copy.interval = hold;
      copy.interview = true;
      busy.push_back(copy);
    }
    for (const BusyEvent& event : busy) {
      if (event.interval.end <= event.interval.start) {
        return Error{codes::kInvalidQuery, "an empty busy interval in " + item.sub, ""};
      }
    }
    SortBusyEvents(busy);
    calendars.push_back(std::move(calendar).value());
  }
  return calendars;
}

json GatheredCalendars::ToJson() const {
  std::string text;
  AppendJson(text);
  return json::parse(text);
}

Result<json> CalendarGatherer::Gather(const std::string& tenant_id, const json& query, const GatherRequest& request) {
  Result<GatheredCalendars> collected = Collect(tenant_id, query, request);
  if (!collected) return collected.error();
  return collected->ToJson();
}

Result<GatheredCalendars> CalendarGatherer::Collect(const std::string& tenant_id, const json& query,
                                                    const GatherRequest& request) {
  Result<std::shared_ptr<const TenantSnapshot>> loaded = Snapshot(tenant_id);
  if (!loaded) return loaded.error();
  const TenantSnapshot& snapshot = *loaded.value();

  // Resolve every sub (the first unknown one is the answer).
  std::vector<Entry> entries;
  std::unordered_map<std::string, std::size_t> by_sub;
  for (Mention& mention : CollectMentions(query)) {
    const std::string key = AsciiLower(mention.sub);
    const auto& table = mention.kind == Kind::kPerson ? snapshot.people
                        : mention.kind == Kind::kRoom ? snapshot.rooms
                                                      : snapshot.hosts;
    auto found = table.find(key);
    if (found == table.end() && mention.kind == Kind::kRoom && snapshot.retired_rooms.count(key) > 0) {
      return Error{codes::kRoomRetired,
                   "room " + mention.sub + " is no longer in the organisation's directory (retired " +
                       FormatRfc3339(snapshot.retired_rooms.at(key)) + "): choose another room",
                   mention.field};
    }
    if (found == table.end()) {
      return Error{codes::kUnknownParticipant,
                   "\"" + mention.sub + "\" is not a " + std::string(KindName(mention.kind)) + " of tenant " +
                       tenant_id + " (add it to the tenant's directory, or send the calendars inline)",
                   mention.field};
    }
    if (by_sub.count(mention.sub) > 0) continue;
    by_sub.emplace(mention.sub, entries.size());
    entries.push_back({mention.kind, std::move(mention.sub), std::move(mention.field), &found->second});
  }
  // Host owners as the query spells them; with explain, the owners of named host accounts who are people of the
  // tenant but not named (for the engine's add_host_owner relaxation).
  std::unordered_map<std::string, std::string> spelled;  // lower-cased person e-mail -> the query's spelling
  for (const Entry& entry : entries) {
    if (entry.kind == Kind::kPerson) spelled.emplace(entry.calendar->id, entry.sub);
  }
  if (const json* explain = MemberOf(query, "explain");
      explain != nullptr && explain->is_boolean() && explain->get<bool>()) {
    const std::size_t named = entries.size();
    for (std::size_t i = 0; i < named; ++i) {
      if (entries[i].kind != Kind::kHost) continue;
      const std::string& owner = entries[i].calendar->owner;
      auto person = snapshot.people.find(owner);
      if (person == snapshot.people.end() || spelled.count(owner) > 0 || by_sub.count(owner) > 0) continue;
      spelled.emplace(owner, owner);
      by_sub.emplace(owner, entries.size());
      Entry added{Kind::kPerson, owner, entries[i].field, &person->second};
      entries.push_back(std::move(added));
    }
  }

  bool weekly = false;
  for (const Entry& entry : entries) weekly = weekly || (entry.kind == Kind::kPerson && entry.calendar->weekly_limit);
  const std::optional<Interval> window = FetchWindow(query, weekly);

  // Provider free/busy of people and rooms: the cache first, then one call per (provider, acting address).
  std::vector<Read> reads;
  if (window) {
    std::unordered_map<std::string, std::size_t> read_of;  // lower-cased calendar id -> reads index
    for (std::size_t i = 0; i < entries.size(); ++i) {
      Entry& entry = entries[i];
      if (entry.kind == Kind::kHost) continue;
      auto [it, inserted] = read_of.emplace(entry.calendar->id, reads.size());
      entry.read_index = it->second;
      if (!inserted) continue;
      Read read;
      read.id = entry.calendar->id;
      read.provider = entry.calendar->provider;
      read.first_entry = i;
      if (request.max_age_seconds > 0) {
        if (std::shared_ptr<const CachedCalendar> cached =
                cache_.Get(tenant_id, read.id, *window, request.max_age_seconds, request.now)) {
          read.events = std::shared_ptr<const std::vector<BusyEvent>>(cached, &cached->events);  // shares, no copy
        }
      }
      reads.push_back(std::move(read));
    }
    // (provider, first acting person) -> reads; the acting people are the tenant's candidates, else the calendar.
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> groups;
    std::map<std::pair<std::string, std::string>, std::vector<std::string>> acting_of;
    for (std::size_t r = 0; r < reads.size(); ++r) {
      if (reads[r].events) continue;
      auto acting = snapshot.acting.find(reads[r].provider);
      std::vector<std::string> people = acting == snapshot.acting.end() || acting->second.empty()
                                            ? std::vector<std::string>{reads[r].id}
                                            : acting->second;
      std::pair<std::string, std::string> key{reads[r].provider, people.front()};
      groups[key].push_back(r);
      acting_of.emplace(std::move(key), std::move(people));
    }
    for (const auto& group : groups) {
      const std::string& provider = group.first.first;
      const std::vector<std::size_t>& members = group.second;
      auto fail_all = [&](const Error& error) {
        for (std::size_t r : members) reads[r].error = error;
      };
      Result<std::shared_ptr<BusySource>> source = sources_.SourceFor(tenant_id, provider, acting_of.at(group.first));
      if (!source) {
        fail_all(source.error());
        continue;
      }
      std::vector<std::string> ids;
      for (std::size_t r : members) ids.push_back(reads[r].id);
      Result<std::vector<CalendarBusy>> busy = source.value()->FetchBusy(ids, *window);
      if (!busy) {
        fail_all(busy.error());
        continue;
      }
      for (std::size_t n = 0; n < members.size(); ++n) {
        Read& read = reads[members[n]];
        const CalendarBusy* answer =
            n < busy->size() && AsciiLower(busy->at(n).calendar_id) == read.id ? &busy->at(n) : nullptr;
        for (std::size_t m = 0; answer == nullptr && m < busy->size(); ++m) {
          if (AsciiLower(busy->at(m).calendar_id) == read.id) answer = &busy->at(m);
        }
        if (answer == nullptr) {
          read.error = Error{codes::kProviderError, "the provider's answer did not include this calendar", ""};
        } else if (!answer->busy && answer->busy.error().code == codes::kProviderCalendarError) {
          // The provider answered, and refused this one calendar (not shared, not found, …): unknown, not cached.
          read.unknown = ProviderLabel(provider) + " did not give its free/busy: " + answer->busy.error().message;
        } else if (!answer->busy) {
          read.error = answer->busy.error();
        } else {
          auto fetched = std::make_shared<std::vector<BusyEvent>>(answer->busy.value());
          std::stable_sort(fetched->begin(), fetched->end(),
                           [](const BusyEvent& a, const BusyEvent& b) { return a.interval.start < b.interval.start; });
          for (BusyEvent& event : *fetched) event.summary.clear();
          cache_.Put(tenant_id, read.id, *window, *fetched, request.now);
          read.events = std::move(fetched);
        }
      }
    }
    for (const Read& read : reads) {  // the first failing calendar, in document order
      if (read.error) {
        const Entry& entry = entries[read.first_entry];
        return CalendarError(*read.error, entry.sub, read.provider, entry.field);
      }
    }
  }

  // Host accounts' own meetings at their provider (Zoom): the cache first, then the host's own connection. A host
  // that cannot be read is unknown (or, at booking, the answer's error).
  std::unordered_map<std::string, HostRead> host_reads;  // by lower-cased host account id
  if (window && host_meetings_ != nullptr) {
    for (const Entry& entry : entries) {
      const TenantSnapshot::Calendar& host = *entry.calendar;
      if (entry.kind != Kind::kHost || host.connection_id.empty() || !host_meetings_->Reads(host.provider) ||
          host_reads.count(host.id) > 0) {
        continue;
      }
      HostRead read;
      if (request.max_age_seconds > 0) {
        if (std::shared_ptr<const CachedCalendar> cached =
                cache_.Get(tenant_id, host.id, *window, request.max_age_seconds, request.now)) {
          read.events = std::shared_ptr<const std::vector<BusyEvent>>(cached, &cached->events);
        }
      }
      if (!read.events) {
        Result<std::vector<BusyEvent>> busy = host_meetings_->MeetingsBusy(host.provider, host.connection_id, *window);
        if (!busy && request.unreadable_host_fails) {
          return HostMeetingsError(busy.error(), entry.sub, host.provider, entry.field);
        }
        if (!busy) {
          read.unknown = ProviderLabel(host.provider) + " did not give the host's meetings: " + busy.error().code +
                         ": " + busy.error().message;
        } else {
          auto fetched = std::make_shared<std::vector<BusyEvent>>(std::move(busy).value());
          std::stable_sort(fetched->begin(), fetched->end(),
                           [](const BusyEvent& a, const BusyEvent& b) { return a.interval.start < b.interval.start; });
          for (BusyEvent& event : *fetched) event.summary.clear();
          cache_.Put(tenant_id, host.id, *window, *fetched, request.now);
          read.events = std::move(fetched);
        }
      }
      host_reads.emplace(host.id, std::move(read));
    }
  }

  // Slotwise's own holds (people, rooms and host accounts), in one read.
  std::unordered_map<std::string, std::vector<Interval>> holds_by_resource;
  std::unordered_map<std::string, std::vector<Interval>> own_by_resource;  // the excepted interview's
  if (window && !entries.empty()) {
    std::vector<std::string> resources;
    std::set<std::string> seen;
    for (const Entry& entry : entries) {
      std::string resource = ResourceOf(entry.kind, entry.calendar->id);
      if (seen.insert(resource).second) resources.push_back(std::move(resource));
    }
    // Read with nothing excluded: the excepted interview's own holds say where its own provider events are.
    Result<std::vector<Hold>> holds = holds_.ActiveHolds(tenant_id, resources, *window, "");
    if (!holds) return holds.error();
    for (const Hold& hold : holds.value()) {
      if (hold.end <= hold.start) continue;
      const bool own = !request.except_interview_id.empty() && hold.interview_id == request.except_interview_id;
      (own ? own_by_resource : holds_by_resource)[AsciiLower(hold.resource)].push_back({hold.start, hold.end});
    }
  }
  // A proposal's own tentative holds, when the proposal is the one being checked (except_interview_id = its id).
  std::unordered_map<std::string, std::vector<Interval>> held_by_resource;
  if (window && !request.except_interview_id.empty()) {
    Result<std::vector<Hold>> held = holds_.TentativeHoldsOf(tenant_id, request.except_interview_id);
    if (!held) return held.error();
    for (const Hold& hold : held.value()) held_by_resource[AsciiLower(hold.resource)].push_back({hold.start, hold.end});
  }

  GatheredCalendars gathered;
  gathered.snapshot_ = loaded.value();
  gathered.window_ = window;
  gathered.items_.reserve(entries.size());
  for (Entry& entry : entries) {
    GatheredCalendars::Item item;
    item.sub = std::move(entry.sub);
    item.calendar = entry.calendar;
    if (entry.kind == Kind::kHost) {
      auto owner = spelled.find(entry.calendar->owner);
      if (owner != spelled.end() && owner->second != entry.calendar->owner) item.owner = owner->second;
    }
    if (entry.read_index != SIZE_MAX) {
      item.events = reads[entry.read_index].events;
      item.unknown_reason = reads[entry.read_index].unknown;
    }
    if (auto host = host_reads.find(entry.calendar->id); entry.kind == Kind::kHost && host != host_reads.end()) {
      item.events = host->second.events;
      item.unknown_reason = host->second.unknown;
    }
    if (auto held = holds_by_resource.find(ResourceOf(entry.kind, entry.calendar->id));
        held != holds_by_resource.end()) {
      item.holds = held->second;
    }
    if (auto own = own_by_resource.find(ResourceOf(entry.kind, entry.calendar->id));
        own != own_by_resource.end() && item.events) {
      item.events = std::make_shared<const std::vector<BusyEvent>>(WithoutOwnTime(*item.events, own->second));
    }
    if (auto held = held_by_resource.find(ResourceOf(entry.kind, entry.calendar->id));
        held != held_by_resource.end() && item.events) {
      item.events = std::make_shared<const std::vector<BusyEvent>>(WithoutHeldEvents(*item.events, held->second));
    }
    if (entry.kind == Kind::kPerson && out_of_office_ && zones_ && window) {
      Result<bool> has = out_of_office_->HasOutOfOffice(tenant_id, entry.calendar->id);
      if (!has) return has.error();
      if (*has) {
        // The person's zone and hours as the engine reads them from the calendar this gatherer builds.
        Result<slotwise::Calendar> person = ParseCalendarValue(item.sub, entry.calendar->base, *zones_);
        if (person) {
          Result<std::vector<BusyEvent>> absent =
              out_of_office_->OutOfOffice(tenant_id, entry.calendar->id, *person->zone, person->working_hours, *window);
          if (!absent) return absent.error();
          item.out_of_office = std::move(absent).value();
        }
      }
    }
    gathered.items_.push_back(std::move(item));
  }
  std::sort(gathered.items_.begin(), gathered.items_.end(),
            [](const GatheredCalendars::Item& a, const GatheredCalendars::Item& b) { return a.sub < b.sub; });
  return gathered;
}

}  // namespace slotwise
