// display_service.cpp — see display_service.h.
#include "displays/display_service.h"

#include "crypto/crypto_primitives.h"
#include "displays/display_secrets.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/locale.h"

namespace slotwise::displays {

namespace {

Error Invalid(const std::string& field, const std::string& message) {
  return Error{codes::kInvalidRequest, message, field};
}

Error Unauthorized(const std::string& message) { return Error{codes::kUnauthorized, message, ""}; }

Result<Room> RoomOf(DirectoryStore& directory, const std::string& tenant_id, const std::string& room) {
  Result<std::optional<Room>> found = directory.GetRoom(tenant_id, AsciiLower(room));
  if (!found) return found.error();
  if (!found->has_value()) return Error{codes::kNotFound, "no room " + room + " in this tenant's directory", ""};
  return **found;
}

}  // namespace

DisplaySettings DisplayService::SettingsOf(const Display& display) {
  DisplaySettings settings;
  const nlohmann::json stored = slotwise::ParseJson(display.settings_json);
  if (stored.is_object()) {
    settings.locale = stored.value("locale", "en");
    settings.time_zone = stored.value("time_zone", "UTC");
  }
  return settings;
}

Result<CreatedDisplay> DisplayService::Create(const std::string& tenant_id, const std::string& room,
                                              const nlohmann::json& body, const std::string& created_by) {
  if (!body.is_object()) return Invalid("", "the request body must be a JSON object");
  for (const auto& [key, value] : body.items()) {
    if (key != "locale" && key != "time_zone") {
      return Invalid(key, key + " is not a display setting (locale, time_zone)");
    }
    if (!value.is_string()) return Invalid(key, key + " must be a string");
  }
  Result<Room> found = RoomOf(directory_, tenant_id, room);
  if (!found) return found.error();
  Result<std::optional<Tenant>> tenant = directory_.GetTenant(tenant_id);
  if (!tenant) return tenant.error();
  if (!tenant->has_value()) return Error{codes::kUnknownTenant, "no tenant " + tenant_id, ""};
  DisplaySettings settings{(*tenant)->locale, (*tenant)->time_zone};
  if (body.contains("locale")) {
    const std::string tag = body.at("locale").get<std::string>();
    const std::string parsed(LocaleTag(ParseLocale(tag)));
    if (parsed != AsciiLower(tag.substr(0, tag.find_first_of("-_")))) {
      return Invalid("locale", "locale must be a language Slotwise speaks: en, de, ja, nl, fr, es, it, pt, zh, ko");
    }
    settings.locale = parsed;
  }
  if (body.contains("time_zone")) {
    settings.time_zone = body.at("time_zone").get<std::string>();
    if (!IsValidZoneName(settings.time_zone) || !zones_.Find(settings.time_zone)) {
      return Invalid("time_zone", "time_zone must be an IANA time zone this server knows, e.g. Europe/Amsterdam");
    }
  }
  const std::string code = NewPairingCode();
  const std::int64_t now = clock_();
  Display display;
  display.id = "dsp_" + crypto::RandomToken(12);
  display.tenant_id = tenant_id;
  display.room = found->email;
  display.settings_json = nlohmann::json{{"locale", settings.locale}, {"time_zone", settings.time_zone}}.dump();
  display.code_hash = SecretHash(code);
  display.code_expires_at = now + kPairingCodeTtl;
  display.created_by = created_by;
  display.created_at = now;
  if (Result<bool> created = store_.Create(display); !created) return created.error();
  return CreatedDisplay{display, settings, ShownPairingCode(code)};
}

Result<std::vector<Display>> DisplayService::List(const std::string& tenant_id, const std::string& room) {
  Result<Room> found = RoomOf(directory_, tenant_id, room);
  if (!found) return found.error();
  return store_.List(tenant_id, found->email);
}

Result<bool> DisplayService::Revoke(const std::string& tenant_id, const std::string& room, const std::string& id) {
  Result<bool> revoked = store_.Revoke(tenant_id, AsciiLower(room), id);
  if (!revoked) return revoked.error();
  if (!*revoked) return Error{codes::kNotFound, "room " + room + " has no display " + id, ""};
  return true;
}

Result<PairedDisplay> DisplayService::Pair(const std::string& typed_code) {
  constexpr const char* kRefused = "this pairing code is unknown, already used or expired: ask for a new one";
  std::optional<std::string> code = NormalisePairingCode(typed_code);
  if (!code) return Unauthorized(kRefused);
  const std::string token = NewDeviceToken();
  Result<std::optional<Display>> paired = store_.Pair(SecretHash(*code), SecretHash(token), clock_());
  if (!paired) return paired.error();
  if (!paired->has_value()) return Unauthorized(kRefused);
  return PairedDisplay{**paired, token};
}

Result<Display> DisplayService::Authenticate(const std::string& token) {
  constexpr const char* kRefused = "this display is not paired (or was revoked): pair it again";
  if (!LooksLikeDeviceToken(token)) return Unauthorized(kRefused);
  Result<std::optional<Display>> found = store_.FindByToken(SecretHash(token));
  if (!found) return found.error();
  if (!found->has_value()) return Unauthorized(kRefused);
  return **found;
}

Result<RoomFeed> DisplayService::Feed(const std::string& token) {
  Result<Display> display = Authenticate(token);
  if (!display) return display.error();
  RoomFeed feed;
  feed.display = *display;
  feed.settings = SettingsOf(*display);
  feed.now = clock_();
  (void)store_.NoteSeen(display->id, feed.now);  // only for the administrator's list: never fails the feed
  Result<Room> room = RoomOf(directory_, display->tenant_id, display->room);
  if (!room) return room.error();
  feed.room = *room;
  const TimeZone* zone = zones_.Find(feed.settings.time_zone);
  if (!zone) zone = zones_.Find("UTC");
  if (!zone) return Error{codes::kUnknownTimeZone, "the server has no zone " + feed.settings.time_zone, ""};
  const Interval day = LocalDayOf(feed.now, *zone);
  if (feed.room.retired_at != 0) {
    // Gone from the organisation's directory (directory/room_refresh.h): no longer offered, so no day to show.
    feed.unknown_reason = "this room is no longer in the organisation's directory";
    feed.day = ComposeRoomDay({}, feed.now, *zone);
    return feed;
  }
  const nlohmann::json query = {
      {"rooms", {{"members", nlohmann::json::array({{{"sub", display->room}}})}}},
      {"query_periods", nlohmann::json::array({{{"start", FormatRfc3339(day.start)}, {"end", FormatRfc3339(day.end)}}})}};
  GatherRequest request;
  request.now = feed.now;
  request.max_age_seconds = kFeedMaxAgeSeconds;
  Result<GatheredCalendars> gathered = gatherer_.Collect(display->tenant_id, query, request);
  if (!gathered) return gathered.error();
  std::vector<RoomBlock> blocks;
  for (const GatheredCalendars::Item& item : gathered->items()) {
    if (AsciiLower(item.sub) != display->room) continue;
    if (item.unknown_reason) feed.unknown_reason = item.unknown_reason;
    if (item.events) {
      for (const BusyEvent& event : *item.events) {
        if (event.status == BusyStatus::kFree || event.unknown) continue;
        blocks.push_back({event.interval.start, event.interval.end, BlockKind::kBusy});
      }
    }
    for (const Interval& hold : item.holds) blocks.push_back({hold.start, hold.end, BlockKind::kInterview});
  }
  feed.day = ComposeRoomDay(std::move(blocks), feed.now, *zone);
  return feed;
}

}  // namespace slotwise::displays
