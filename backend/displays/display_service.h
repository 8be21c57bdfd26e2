// display_service.h — room displays (docs/ROOM_DISPLAYS.md): an administrator creates a display for a room and gets a
// one-time pairing code; the tablet exchanges the code once for a device token; the token reads the room's day.
// Answers are values; api/display_routes.cpp renders them.
//
// Contract:
// - Create(tenant, room, body): the room must be in the tenant's directory ("not_found"). The body is {} or
//   {"locale"?: a BCP 47 tag Slotwise speaks (slotwise/locale.h; stored as its primary tag), "time_zone"?: an IANA
//   zone this server knows}; defaults: the tenant's locale and zone. Other keys, or a value of the wrong type, are
//   "invalid_request" naming the field. The code (display_secrets.h) is valid for kPairingCodeTtl seconds and shown
//   only in this answer.
// - List / Revoke: the room's displays (never codes or tokens); Revoke deletes at once ("not_found" when the room has
//   no such display).
// - Pair(typed code): the one display whose code it is, if unused and not expired, is paired and gets a new device
//   token, shown only in this answer. Anything else — malformed, unknown, used, expired — is "unauthorized" with one
//   sentence and changes nothing. Attempts are limited per client address by the HTTP edge (api/rate_limits.h); the
//   code's 40 bits and 15 minutes leave a guesser no useful chance within those limits.
// - Feed(token): the display's room, settings and day (room_feed.h) from the room's real calendar: provider free/busy
//   through the tenant's CalendarGatherer (organisation access, else a person's connection; cached at most
//   kFeedMaxAgeSeconds) plus Slotwise's own interviews holding the room. A token that is malformed, unknown or revoked
//   is "unauthorized" — nothing else is said. A token names exactly one tenant and room: nothing in a request can
//   point it at another. A room the provider refuses to show is `unknown` (never free); a calendar that cannot be read
//   keeps the gatherer's error code. A room its directory retired (directory/room_refresh.h) is `unknown` with that
//   reason, without asking the provider.
// - Book-now (booking from the display) is not offered yet: see docs/ROOM_DISPLAYS.md "Not yet".
// - Thread-safe (the borrowed collaborators are).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "availability/calendar_gatherer.h"
#include "displays/display_store.h"
#include "displays/room_feed.h"
#include "store/directory_store.h"

namespace slotwise::displays {

inline constexpr std::int64_t kPairingCodeTtl = 15 * 60;
inline constexpr std::int64_t kFeedMaxAgeSeconds = 20;

struct DisplaySettings {
  std::string locale;     // "en", "de", "ja", …
  std::string time_zone;  // IANA
};

struct CreatedDisplay {
  Display display;
  DisplaySettings settings;
  std::string code;  // as shown: "ABCD-EFGH"
};

struct PairedDisplay {
  Display display;
  std::string token;  // "swd_…"
};

struct RoomFeed {
  Display display;
  Room room;
  DisplaySettings settings;
  Instant now = 0;
  RoomDay day;
  std::optional<std::string> unknown_reason;  // the provider did not give the room's free/busy
};

class DisplayService {
 public:
  using Clock = std::function<std::int64_t()>;

  DisplayService(DisplayStore& store, DirectoryStore& directory, CalendarGatherer& gatherer, ZoneSource& zones,
                 Clock clock)
      : store_(store), directory_(directory), gatherer_(gatherer), zones_(zones), clock_(std::move(clock)) {}

  Result<CreatedDisplay> Create(const std::string& tenant_id, const std::string& room, const nlohmann::json& body,
                                const std::string& created_by);
  Result<std::vector<Display>> List(const std::string& tenant_id, const std::string& room);
  Result<bool> Revoke(const std::string& tenant_id, const std::string& room, const std::string& id);
  Result<PairedDisplay> Pair(const std::string& typed_code);
  Result<Display> Authenticate(const std::string& token);
  Result<RoomFeed> Feed(const std::string& token);

  static DisplaySettings SettingsOf(const Display& display);

 private:
  DisplayStore& store_;
  DirectoryStore& directory_;
  CalendarGatherer& gatherer_;
  ZoneSource& zones_;
  Clock clock_;
};

}  // namespace slotwise::displays
