// tenant_model.h — the values a tenant (one customer company of an ATS) is made of: its settings, API keys, people,
// rooms, video host accounts and candidates. Plain values, no behaviour; stored by DirectoryStore (directory_store.h).
//
// Conventions: people and rooms are identified by their e-mail address (the engine's `sub`), compared ASCII
// case-insensitively and stored lower-cased; host accounts by "<provider>:<owner e-mail>" (e.g. "zoom:rita@acme.test",
// the engine's host sub); times are Unix seconds (UTC); IANA zone names; JSON-valued fields hold the engine's own
// JSON (working hours as in docs/ENGINE.md, a conferencing account as in docs/ENGINE.md) as text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slotwise {

struct Tenant {
  std::string id;                            // [a-z0-9-]{1,64}, chosen by the ATS (its customer id)
  std::string name;
  std::vector<std::string> allowed_origins;  // exact origins allowed to embed the widget and call with widget tokens
  std::string time_zone = "UTC";             // default for people without one and for the widget
  std::string locale = "en";                 // default language for candidates without one: en, de, ja, nl
  std::string calendar_provider;             // "google" | "microsoft" | "" — the organisation's calendar system
  std::string policies_json = "{}";          // {"host_rules": {...}, "buffer": {...}, "start_interval": {...}}
  std::string ats_webhook_url;               // where e-mails to send are POSTed (signed); "" = none
  std::string ats_webhook_secret;            // plaintext in memory only (sealed at rest)
  std::int64_t created_at = 0;
};

struct ApiKeyRecord {
  std::string key_id;       // the public part of "swk_<key_id>_<secret>"
  std::string tenant_id;
  std::string secret_hash;  // hex SHA-256 of the whole key; the key itself is never stored
  std::string label;
  std::int64_t created_at = 0;
  std::int64_t revoked_at = 0;  // 0 = active
  std::int64_t last_used_at = 0;  // the last request it authenticated, to the minute (ApiAuth); 0 = never
};

enum class PersonRole : std::uint8_t { kRecruiter, kInterviewer, kObserver };

struct Person {
  std::string tenant_id;
  std::string email;  // lower-cased
  std::string name;
  std::string time_zone = "UTC";
  std::string working_hours_json;  // docs/ENGINE.md working_hours object; "" = around the clock
  std::vector<std::string> roles;  // "recruiter", "interviewer", "observer"
  std::optional<std::int64_t> max_interviews_per_day;
  std::optional<std::int64_t> max_interviews_per_week;
  std::string locale = "en";
  std::string calendar_provider;  // "google" | "microsoft" | "" (then the tenant's)
};

struct Room {
  std::string tenant_id;
  std::string email;  // lower-cased
  std::string name;
  std::optional<std::int64_t> capacity;
  std::string building;
  std::string floor;
  std::string calendar_provider;  // "" = the tenant's
  // Where it came from: "" = written through the API (PUT /v1/rooms); "google" / "microsoft" = read from the
  // tenant's organisation directory, whose later reads update it and retire it when it is gone
  // (directory/room_refresh.h).
  std::string source;
  std::int64_t retired_at = 0;          // Unix seconds since when the directory no longer lists it; 0 = offered
  std::vector<std::string> features;    // e.g. "Whiteboard", "Video conferencing" (from the directory)
  std::string room_list;                // Microsoft: the room list it belongs to (its address); "" = none
};

// The tenant's last read of its organisation directory's rooms (directory/room_refresh.h).
struct RoomRefresh {
  std::string tenant_id;
  std::int64_t attempted_at = 0;   // Unix seconds of the last start; 0 = never
  std::int64_t refreshed_at = 0;   // of the last success; 0 = never
  std::string outcome;             // "" = never ran, "ok", or the error code of the last attempt
  std::string report_json = "{}";  // the last attempt's counts, notes and (on failure) message
};

struct HostAccount {
  std::string tenant_id;
  std::string id;        // "<provider>:<owner e-mail>"
  std::string provider;  // "zoom", "teams", "google_meet", "goto"
  std::string owner_email;
  std::string connection_id;           // the owner's provider connection (Zoom/GoTo OAuth); "" for Meet/Teams
  std::string settings_json = "{}";    // docs/ENGINE.md conferencing_account (without provider/owner)
};

struct Candidate {
  std::string tenant_id;
  std::string id;  // the ATS's candidate id
  std::string name;
  std::string email;
  std::string time_zone = "UTC";
  std::string locale = "en";
};

}  // namespace slotwise
