// sqlite_store.cpp — see sqlite_store.h.
#include "store/sqlite_store.h"

#include "slotwise/error_codes.h"

#include <sqlite3.h>

#include <array>
#include <chrono>
#include <thread>
#include <filesystem>

namespace slotwise {

namespace {

// Migrations, in order; index + 1 is the schema version. Never edit an applied one: append.
constexpr std::array<const char*, 24> kMigrations = {
    // 1: bookkeeping for the server itself.
    "CREATE TABLE server_starts (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, mode TEXT NOT NULL);",
    // 2: provider connections (tokens sealed by crypto::TokenVault, never plaintext) and their function checks.
    "CREATE TABLE connections ("
    "  id TEXT PRIMARY KEY,"
    "  tenant_id TEXT NOT NULL, user_id TEXT NOT NULL, provider TEXT NOT NULL,"
    "  account_id TEXT NOT NULL, account_email TEXT NOT NULL DEFAULT '',"
    "  scopes TEXT NOT NULL DEFAULT '',"
    "  access_token_sealed TEXT NOT NULL, refresh_token_sealed TEXT NOT NULL DEFAULT '',"
    "  expires_at INTEGER NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('active', 'reauth_needed', 'consent_required')),"
    "  status_message TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    "  UNIQUE (tenant_id, user_id, provider));"
    "CREATE UNIQUE INDEX connections_one_user_per_zoom_account ON connections (provider, account_id)"
    "  WHERE provider = 'zoom';"
    "CREATE TABLE connection_checks ("
    "  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL, outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'skipped')),"
    "  detail TEXT NOT NULL DEFAULT '', checked_at INTEGER NOT NULL,"
    "  PRIMARY KEY (connection_id, name));",
    // 3: change notifications — events Slotwise created and watches (flags set by syncs), and the Google channels /
    // Graph subscriptions (channel token / clientState sealed by crypto::TokenVault) so they survive restarts.
    "CREATE TABLE tracked_events ("
    "  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
    "  provider_event_id TEXT NOT NULL, calendar_id TEXT NOT NULL, kind TEXT NOT NULL DEFAULT '',"
    "  expected_start INTEGER NOT NULL, expected_end INTEGER NOT NULL,"
    "  flag TEXT NOT NULL DEFAULT '' CHECK (flag IN ('', 'moved_externally', 'deleted_externally', 'room_declined')),"
    "  detail TEXT NOT NULL DEFAULT '', flagged_at INTEGER NOT NULL DEFAULT 0, checked_at INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (connection_id, provider_event_id));"
    "CREATE INDEX tracked_events_by_calendar ON tracked_events (connection_id, calendar_id COLLATE NOCASE);"
    "CREATE INDEX tracked_events_by_event ON tracked_events (provider_event_id);"
    "CREATE TABLE change_subscriptions ("
    "  id TEXT PRIMARY KEY, provider TEXT NOT NULL CHECK (provider IN ('google', 'microsoft')),"
    "  connection_id TEXT NOT NULL REFERENCES connections (id) ON DELETE CASCADE,"
    "  calendar_id TEXT NOT NULL, secret_sealed TEXT NOT NULL, resource_id TEXT NOT NULL DEFAULT '',"
    "  expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL);"
    "CREATE INDEX change_subscriptions_by_connection ON change_subscriptions (connection_id);",
    // 4: tenants and their directory (store/tenant_model.h): API keys (hashes only), people, rooms, video host
    // accounts, candidates. E-mail keys are stored lower-cased.
    "CREATE TABLE tenants ("
    "  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', allowed_origins TEXT NOT NULL DEFAULT '[]',"
    "  time_zone TEXT NOT NULL DEFAULT 'UTC', locale TEXT NOT NULL DEFAULT 'en',"
    "  calendar_provider TEXT NOT NULL DEFAULT '', policies TEXT NOT NULL DEFAULT '{}',"
    "  ats_webhook_url TEXT NOT NULL DEFAULT '', ats_webhook_secret_sealed TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE api_keys ("
    "  key_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
    "  secret_hash TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,"
    "  revoked_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE people ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, email TEXT NOT NULL,"
    "  name TEXT NOT NULL DEFAULT '', time_zone TEXT NOT NULL DEFAULT 'UTC', working_hours TEXT NOT NULL DEFAULT '',"
    "  roles TEXT NOT NULL DEFAULT '[]', max_per_day INTEGER, max_per_week INTEGER,"
    "  locale TEXT NOT NULL DEFAULT 'en', calendar_provider TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (tenant_id, email));"
    "CREATE TABLE rooms ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, email TEXT NOT NULL,"
    "  name TEXT NOT NULL DEFAULT '', capacity INTEGER, building TEXT NOT NULL DEFAULT '',"
    "  floor TEXT NOT NULL DEFAULT '', calendar_provider TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (tenant_id, email));"
    "CREATE TABLE host_accounts ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, id TEXT NOT NULL,"
    "  provider TEXT NOT NULL CHECK (provider IN ('zoom', 'teams', 'google_meet', 'goto')),"
    "  owner_email TEXT NOT NULL, connection_id TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL DEFAULT '{}',"
    "  PRIMARY KEY (tenant_id, id));"
    "CREATE TABLE candidates ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, id TEXT NOT NULL,"
    "  name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL, time_zone TEXT NOT NULL DEFAULT 'UTC',"
    "  locale TEXT NOT NULL DEFAULT 'en', PRIMARY KEY (tenant_id, id));",
    // 5: interviews (store/interview_store.h): the booking, what it holds (people, rooms, host accounts), its history,
    // the outbox of provider work with a journal of steps (crash recovery), and idempotency keys of requests.
    "CREATE TABLE interviews ("
    "  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'failed', 'cancelled')),"
    "  failure_reason TEXT NOT NULL DEFAULT '', spec TEXT NOT NULL, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL,"
    "  sequence INTEGER NOT NULL DEFAULT 0, artifacts TEXT NOT NULL DEFAULT '{}',"
    "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX interviews_by_tenant_time ON interviews (tenant_id, start_at);"
    "CREATE TABLE interview_holds ("
    "  interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE, tenant_id TEXT NOT NULL,"
    "  resource TEXT NOT NULL, start_at INTEGER NOT NULL, end_at INTEGER NOT NULL,"
    "  PRIMARY KEY (interview_id, resource));"
    "CREATE INDEX interview_holds_by_resource ON interview_holds (tenant_id, resource, start_at);"
    "CREATE TABLE interview_history ("
    "  id INTEGER PRIMARY KEY, interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,"
    "  at INTEGER NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '{}');"
    "CREATE INDEX interview_history_by_interview ON interview_history (interview_id, id);"
    "CREATE TABLE outbox ("
    "  id INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, interview_id TEXT NOT NULL, kind TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'dead')),"
    "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL, last_error TEXT NOT NULL DEFAULT '',"
    "  payload TEXT NOT NULL DEFAULT '{}', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX outbox_due ON outbox (state, next_attempt_at);"
    "CREATE INDEX outbox_by_interview ON outbox (interview_id, id);"
    "CREATE TABLE outbox_steps ("
    "  interview_id TEXT NOT NULL, step TEXT NOT NULL, state TEXT NOT NULL CHECK (state IN ('started', 'done')),"
    "  data TEXT NOT NULL DEFAULT '{}', updated_at INTEGER NOT NULL, PRIMARY KEY (interview_id, step));"
    "CREATE TABLE idempotency_keys ("
    "  tenant_id TEXT NOT NULL, key TEXT NOT NULL, operation TEXT NOT NULL, request_hash TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')), status INTEGER NOT NULL DEFAULT 0,"
    "  body TEXT NOT NULL DEFAULT '', claimed_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,"
    "  PRIMARY KEY (tenant_id, key));",
    // 6: HR data for the Teams integration (backend/hr/hr_model.h): employees, absences, org units, HR credentials
    // (hashes only), Teams channel mappings (webhook URLs sealed), the daily post records (one per mapping and local
    // day: the scheduler's exactly-once record), the Teams outgoing-webhook secret (sealed) and answered requests.
    "CREATE TABLE hr_employees ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, id TEXT NOT NULL,"
    "  first_name TEXT NOT NULL DEFAULT '', last_name TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '',"
    "  hire_date TEXT NOT NULL DEFAULT '', termination_date TEXT NOT NULL DEFAULT '',"
    "  position TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'active', office TEXT NOT NULL DEFAULT '',"
    "  department TEXT NOT NULL DEFAULT '', team TEXT NOT NULL DEFAULT '', birthday TEXT NOT NULL DEFAULT '',"
    "  time_zone TEXT NOT NULL DEFAULT '', working_hours TEXT NOT NULL DEFAULT '',"
    "  teams_user_id TEXT NOT NULL DEFAULT '', updated_at INTEGER NOT NULL,"
    "  PRIMARY KEY (tenant_id, id));"
    "CREATE INDEX hr_employees_by_email ON hr_employees (tenant_id, email);"
    "CREATE INDEX hr_employees_by_teams_user ON hr_employees (tenant_id, teams_user_id);"
    "CREATE TABLE hr_absences ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, id TEXT NOT NULL,"
    "  employee_id TEXT NOT NULL, type TEXT NOT NULL,"
    "  first_day TEXT NOT NULL, first_day_part TEXT NOT NULL CHECK (first_day_part IN ('full', 'afternoon', 'morning')),"
    "  last_day TEXT NOT NULL, last_day_part TEXT NOT NULL CHECK (last_day_part IN ('full', 'morning', 'afternoon')),"
    "  substitute_id TEXT NOT NULL DEFAULT '',"
    "  status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'cancelled')),"
    "  source TEXT NOT NULL DEFAULT 'import', comment TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    "  PRIMARY KEY (tenant_id, id));"
    "CREATE INDEX hr_absences_by_employee ON hr_absences (tenant_id, employee_id, first_day);"
    "CREATE INDEX hr_absences_by_day ON hr_absences (tenant_id, first_day);"
    "CREATE TABLE hr_org_units ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('office', 'department', 'team')), name TEXT NOT NULL,"
    "  parent TEXT NOT NULL DEFAULT '', PRIMARY KEY (tenant_id, kind, name));"
    "CREATE TABLE hr_credentials ("
    "  credential_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
    "  secret_hash TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', attributes TEXT NOT NULL DEFAULT '[]',"
    "  created_at INTEGER NOT NULL, revoked_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE hr_channel_mappings ("
    "  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
    "  unit_kind TEXT NOT NULL CHECK (unit_kind IN ('office', 'department', 'team')), unit_name TEXT NOT NULL,"
    "  target_kind TEXT NOT NULL CHECK (target_kind IN ('graph_channel', 'workflow_webhook')),"
    "  team_id TEXT NOT NULL DEFAULT '', channel_id TEXT NOT NULL DEFAULT '', connection_id TEXT NOT NULL DEFAULT '',"
    "  webhook_url_sealed TEXT NOT NULL DEFAULT '', language TEXT NOT NULL, time_of_day INTEGER NOT NULL,"
    "  time_zone TEXT NOT NULL, weekdays TEXT NOT NULL DEFAULT '[1,2,3,4,5]', toggles TEXT NOT NULL DEFAULT '{}',"
    "  enabled INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX hr_channel_mappings_by_tenant ON hr_channel_mappings (tenant_id, id);"
    "CREATE TABLE hr_daily_posts ("
    "  mapping_id TEXT NOT NULL REFERENCES hr_channel_mappings (id) ON DELETE CASCADE, local_day TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('intent', 'posted', 'empty', 'retry', 'failed', 'uncertain')),"
    "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0,"
    "  message_id TEXT NOT NULL DEFAULT '', last_error TEXT NOT NULL DEFAULT '',"
    "  scheduled_at INTEGER NOT NULL, posted_at INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL,"
    "  PRIMARY KEY (mapping_id, local_day));"
    "CREATE INDEX hr_daily_posts_unfinished ON hr_daily_posts (state) WHERE state IN ('intent', 'retry');"
    "CREATE TABLE hr_teams_settings ("
    "  tenant_id TEXT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,"
    "  security_token_sealed TEXT NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE TABLE hr_absence_requests ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, activity_id TEXT NOT NULL,"
    "  absence_id TEXT NOT NULL DEFAULT '', answer TEXT NOT NULL, created_at INTEGER NOT NULL,"
    "  PRIMARY KEY (tenant_id, activity_id));",
    // 7: times proposed to a candidate until they pick one (backend/proposals/proposal_store.h); only the SHA-256 of
    // the candidate's capability is kept.
    "CREATE TABLE proposals ("
    "  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
    "  capability_hash TEXT NOT NULL UNIQUE, booking TEXT NOT NULL, options TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('open', 'picked', 'cancelled')),"
    "  interview_id TEXT NOT NULL DEFAULT '', picked_start INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL,"
    "  created_by TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX proposals_by_tenant ON proposals (tenant_id, created_at);",
    // 8: idempotency_keys.status holds the kind of a stored booking outcome (booking/booking_outcome.h: 1 interview,
    // 2 refusal, 3 error), no longer an HTTP status: answers stored before (status >= 100) are dropped — a retry of
    // such a request runs again, and the conflict check refuses a second booking of the same slot.
    "DELETE FROM idempotency_keys WHERE status >= 100;",
    // 9: the connect popup's single-use tickets (backend/connections/connect_tickets.h); only the SHA-256 of a ticket
    // is kept, with the one flow it is for; used_at != 0 once consumed (so a restart does not re-enable it).
    "CREATE TABLE connect_tickets ("
    "  ticket_hash TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, user_id TEXT NOT NULL, provider TEXT NOT NULL,"
    "  return_origin TEXT NOT NULL DEFAULT '', expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL,"
    "  used_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX connect_tickets_by_expiry ON connect_tickets (expires_at);",
    // 10: each tenant's organisation connections (backend/connections/org_connections.h): whose Google Workspace or
    // Microsoft 365 organisation, the domains verified through it, and the last function check. No secrets.
    "CREATE TABLE org_connections ("
    "  tenant_id TEXT NOT NULL, provider TEXT NOT NULL, directory_id TEXT NOT NULL, admin_email TEXT NOT NULL DEFAULT '',"
    "  domains TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL, check_code TEXT NOT NULL DEFAULT '',"
    "  check_message TEXT NOT NULL DEFAULT '', checked_at INTEGER NOT NULL, created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL, PRIMARY KEY (tenant_id, provider));",
    // 11: what a connect ticket connects for (connections/provider_registry.h ConnectPurpose): the scopes asked.
    "ALTER TABLE connect_tickets ADD COLUMN purpose TEXT NOT NULL DEFAULT 'calendar_rooms';",
    // 12: connect links (connections/connect_tickets.h IssueLink): a ticket usable until it expires, not once.
    "ALTER TABLE connect_tickets ADD COLUMN reusable INTEGER NOT NULL DEFAULT 0;",
    // 13: what the outbox made for each interview at the providers (store/booked_objects.h), recorded in the same
    // transaction as the step journal that says so, with what Slotwise expects of it and the flag a sync set when it
    // was changed outside Slotwise. Replaces tracked_events (keyed by connection: objects made through organisation
    // access had no row), which only tests ever filled.
    "DROP TABLE tracked_events;"
    "CREATE TABLE booked_objects ("
    "  interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,"
    "  object TEXT NOT NULL CHECK (object IN ('event', 'meeting')), tenant_id TEXT NOT NULL,"
    "  provider TEXT NOT NULL CHECK (provider IN ('google', 'microsoft', 'zoom', 'goto')),"
    "  calendar_id TEXT NOT NULL, provider_object_id TEXT NOT NULL,"
    "  expected_start INTEGER NOT NULL, expected_end INTEGER NOT NULL,"
    "  flag TEXT NOT NULL DEFAULT '' CHECK (flag IN ('', 'moved_externally', 'deleted_externally', 'room_declined')),"
    "  detail TEXT NOT NULL DEFAULT '', flagged_at INTEGER NOT NULL DEFAULT 0, checked_at INTEGER NOT NULL DEFAULT 0,"
    "  observed_start INTEGER NOT NULL DEFAULT 0, observed_end INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL, PRIMARY KEY (interview_id, object));"
    "CREATE INDEX booked_objects_by_calendar ON booked_objects (tenant_id, provider, calendar_id COLLATE NOCASE);"
    "CREATE INDEX booked_objects_by_provider_id ON booked_objects (provider_object_id);",
    // 14: lifecycle events for the tenant's ATS (store/lifecycle_events.h), recorded in the transaction of the fact they
    // report and drained by the dispatcher (lifecycle/lifecycle_dispatcher.h): the payload is fixed when recorded, so
    // every attempt sends the same bytes. state 'skipped' = the tenant had no webhook URL when the event was due.
    // proposals.expiry_reported: the expiry of an open proposal was recorded as an event (once); proposals that had
    // expired before this migration count as reported (no burst of old news after an upgrade).
    "CREATE TABLE lifecycle_events ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, type TEXT NOT NULL, subject_id TEXT NOT NULL,"
    "  payload TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'skipped')),"
    "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,"
    "  last_status INTEGER NOT NULL DEFAULT 0, last_error TEXT NOT NULL DEFAULT '',"
    "  delivered_at INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);"
    "CREATE INDEX lifecycle_events_due ON lifecycle_events (state, next_attempt_at);"
    "CREATE INDEX lifecycle_events_by_subject ON lifecycle_events (tenant_id, subject_id, id);"
    "CREATE INDEX lifecycle_events_by_tenant ON lifecycle_events (tenant_id, id);"
    "ALTER TABLE proposals ADD COLUMN expiry_reported INTEGER NOT NULL DEFAULT 0;"
    "UPDATE proposals SET expiry_reported = 1 WHERE expires_at <= CAST(strftime('%s', 'now') AS INTEGER);"
    "CREATE INDEX proposals_unreported_expiry ON proposals (expiry_reported, expires_at);",
    // 15: where each watched calendar's incremental sync left off (store/sync_cursor_store.h): the provider's opaque
    // cursor (Google nextSyncToken, Graph @odata.deltaLink) per tenant, provider and calendar (an e-mail address,
    // compared case-insensitively), and when the full listing that began its chain ran. Losing a row only costs a
    // full sync.
    "CREATE TABLE sync_cursors ("
    "  tenant_id TEXT NOT NULL, provider TEXT NOT NULL CHECK (provider IN ('google', 'microsoft')),"
    "  calendar_id TEXT NOT NULL COLLATE NOCASE, cursor TEXT NOT NULL, started_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  PRIMARY KEY (tenant_id, provider, calendar_id));",
    // 16: a booked event whose interviewers were removed, added or declined outside Slotwise is flagged
    // "attendees_changed", and who changed is kept with the flag (attendee_change: store/interview_json.h
    // AttendeeChangeToJson). SQLite cannot widen a CHECK in place, so the table is rebuilt with its rows.
    "CREATE TABLE booked_objects_16 ("
    "  interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,"
    "  object TEXT NOT NULL CHECK (object IN ('event', 'meeting')), tenant_id TEXT NOT NULL,"
    "  provider TEXT NOT NULL CHECK (provider IN ('google', 'microsoft', 'zoom', 'goto')),"
    "  calendar_id TEXT NOT NULL, provider_object_id TEXT NOT NULL,"
    "  expected_start INTEGER NOT NULL, expected_end INTEGER NOT NULL,"
    "  flag TEXT NOT NULL DEFAULT '' CHECK (flag IN ('', 'moved_externally', 'deleted_externally', 'room_declined',"
    "    'attendees_changed')),"
    "  detail TEXT NOT NULL DEFAULT '', flagged_at INTEGER NOT NULL DEFAULT 0, checked_at INTEGER NOT NULL DEFAULT 0,"
    "  observed_start INTEGER NOT NULL DEFAULT 0, observed_end INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL, attendee_change TEXT NOT NULL DEFAULT '',"
    "  PRIMARY KEY (interview_id, object));"
    "INSERT INTO booked_objects_16 (interview_id, object, tenant_id, provider, calendar_id, provider_object_id,"
    "  expected_start, expected_end, flag, detail, flagged_at, checked_at, observed_start, observed_end, created_at)"
    "  SELECT interview_id, object, tenant_id, provider, calendar_id, provider_object_id, expected_start, expected_end,"
    "  flag, detail, flagged_at, checked_at, observed_start, observed_end, created_at FROM booked_objects;"
    "DROP TABLE booked_objects;"
    "ALTER TABLE booked_objects_16 RENAME TO booked_objects;"
    "CREATE INDEX booked_objects_by_calendar ON booked_objects (tenant_id, provider, calendar_id COLLATE NOCASE);"
    "CREATE INDEX booked_objects_by_provider_id ON booked_objects (provider_object_id);",
    // 17: the audit log (store/audit_log_store.h): who did what to which object, per tenant. Append-only by
    // construction: no row can be changed, and none removed while its tenant exists (only deleting the tenant takes
    // its trail with it). AUTOINCREMENT so that an id is never reused (the listing's cursor relies on it).
    "CREATE TABLE IF NOT EXISTS audit_log ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, at INTEGER NOT NULL,"
    "  actor_kind TEXT NOT NULL, actor_id TEXT NOT NULL, action TEXT NOT NULL, object TEXT NOT NULL,"
    "  status INTEGER NOT NULL, request_id TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS audit_log_by_tenant ON audit_log (tenant_id, id);"
    "CREATE TRIGGER IF NOT EXISTS audit_log_rows_are_final BEFORE UPDATE ON audit_log"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS audit_log_rows_stay BEFORE DELETE ON audit_log"
    "  WHEN EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id)"
    "  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only while its tenant exists'); END;",
    // 18: GET /v1/interviews pages by the keyset (start_at, id) (api/paging.h); this index answers each page by a
    // range scan, and replaces the (tenant_id, start_at) one it extends. (IF [NOT] EXISTS: a test replays the
    // migrations after 15 on a database that has them.)
    "CREATE INDEX IF NOT EXISTS interviews_by_tenant_time_id ON interviews (tenant_id, start_at, id);"
    "DROP INDEX IF EXISTS interviews_by_tenant_time;",
    // 19: when each API key was last used (DirectoryStore::NoteApiKeyUse, to the minute), so a tenant can find and
    // revoke the keys nobody uses.
    "ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;",
    // 20: a candidate for whom none of the proposed times works sends their own (backend/proposals/proposal_store.h):
    // the status "declined", the periods as JSON ([{"start", "end"}] in RFC 3339) and an optional note, kept until the
    // candidate is erased. SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same rows.
    "CREATE TABLE proposals_v20 ("
    "  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
    "  capability_hash TEXT NOT NULL UNIQUE, booking TEXT NOT NULL, options TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('open', 'declined', 'picked', 'cancelled')),"
    "  interview_id TEXT NOT NULL DEFAULT '', picked_start INTEGER NOT NULL DEFAULT 0, expires_at INTEGER NOT NULL,"
    "  created_by TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    "  expiry_reported INTEGER NOT NULL DEFAULT 0, candidate_availability TEXT NOT NULL DEFAULT '',"
    "  candidate_note TEXT NOT NULL DEFAULT '');"
    "INSERT INTO proposals_v20 (id, tenant_id, capability_hash, booking, options, status, interview_id, picked_start,"
    "  expires_at, created_by, created_at, updated_at, expiry_reported)"
    "  SELECT id, tenant_id, capability_hash, booking, options, status, interview_id, picked_start, expires_at,"
    "  created_by, created_at, updated_at, expiry_reported FROM proposals;"
    "DROP TABLE proposals;"
    "ALTER TABLE proposals_v20 RENAME TO proposals;"
    "CREATE INDEX proposals_by_tenant ON proposals (tenant_id, created_at);"
    "CREATE INDEX proposals_unreported_expiry ON proposals (expiry_reported, expires_at);",
    // 21: a proposal's times held as tentative events in its people's calendars (booking/proposal_holds.h): 'held'
    // from creation until the proposal is picked, cancelled or expired, then 'releasing' once the job that removes
    // them is queued (ProposalStore::QueueHoldReleases).
    "ALTER TABLE proposals ADD COLUMN holds TEXT NOT NULL DEFAULT 'none' CHECK (holds IN ('none', 'held', 'releasing'));"
    "CREATE INDEX proposals_holding ON proposals (expires_at) WHERE holds = 'held';"
    // The interview a proposal booked, named by its release job (HoldsReader::TentativeHoldsOf).
    "CREATE INDEX IF NOT EXISTS outbox_release_of ON outbox (json_extract(payload, '$.interview_id')) WHERE kind = 'release';",
    // 22: rooms kept in step with the organisation's directory (directory/room_refresh.h): where a room came from
    // ('' = written through the API; 'google' / 'microsoft' = read from that directory, whose later reads may retire
    // it), since when it is missing there (retired_at, Unix seconds; 0 = offered), its features and room list; and each
    // tenant's last read of its directory's rooms (directory_refreshes: when, how it went, what it changed).
    "ALTER TABLE rooms ADD COLUMN source TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE rooms ADD COLUMN retired_at INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE rooms ADD COLUMN features TEXT NOT NULL DEFAULT '[]';"
    "ALTER TABLE rooms ADD COLUMN room_list TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE directory_refreshes ("
    "  tenant_id TEXT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,"
    "  attempted_at INTEGER NOT NULL DEFAULT 0, refreshed_at INTEGER NOT NULL DEFAULT 0,"
    "  outcome TEXT NOT NULL DEFAULT '', report TEXT NOT NULL DEFAULT '{}');",
    // 23: room displays (displays/display_store.h): a tablet next to a room, paired once with a short code and then
    // holding a device token; only the SHA-256 of each is stored. The code is cleared when it is used; revocation
    // deletes the row. The room is named by its e-mail (lower-cased); the tenant's deletion removes its displays.
    "CREATE TABLE room_displays ("
    "  id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,"
    "  room TEXT NOT NULL, settings TEXT NOT NULL DEFAULT '{}',"
    "  code_hash TEXT UNIQUE, code_expires_at INTEGER NOT NULL DEFAULT 0,"
    "  token_hash TEXT UNIQUE, paired_at INTEGER NOT NULL DEFAULT 0, last_seen_at INTEGER NOT NULL DEFAULT 0,"
    "  created_by TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL);"
    "CREATE INDEX room_displays_by_room ON room_displays (tenant_id, room, created_at);",
    // 24: the tenant's own absence types (hr/hr_store.h ReplaceAbsenceTypes; none = the built-in set), in the order
    // its forms offer them, with a name per language (JSON {"en", "de"?, "nl"?, "ja"?}).
    "CREATE TABLE hr_absence_types ("
    "  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE, id TEXT NOT NULL,"
    "  position INTEGER NOT NULL, names TEXT NOT NULL, updated_at INTEGER NOT NULL,"
    "  PRIMARY KEY (tenant_id, id));",
};

Error SqliteError(sqlite3* db, const std::string& what) {
  return Error{codes::kStorageError, what + ": " + (db ? sqlite3_errmsg(db) : "cannot allocate"), ""};
}

bool Exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

int QueryInt(sqlite3* db, const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  int value = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    value = sqlite3_column_int(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return value;
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) !=
      SQLITE_OK) {
    Error error = SqliteError(db, "cannot open " + path);
    sqlite3_close(db);
    return error;
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db, path));
  sqlite3_busy_timeout(db, 5000);
  if (!Exec(db, "PRAGMA journal_mode=WAL;") || !Exec(db, "PRAGMA synchronous=FULL;") ||
      !Exec(db, "PRAGMA foreign_keys=ON;") || !Exec(db, "PRAGMA secure_delete=ON;")) {
    return SqliteError(db, "cannot configure " + path);
  }
  Result<bool> migrated = store->Migrate();
  if (!migrated) return migrated.error();
  return store;
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

Result<bool> SqliteStore::Migrate() {
  if (!Exec(db_, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);")) {
    return SqliteError(db_, "cannot create schema_migrations");
  }
  for (int version = SchemaVersion() + 1; version <= static_cast<int>(kMigrations.size()); ++version) {
    const std::string sql = std::string("BEGIN IMMEDIATE;") + kMigrations[static_cast<std::size_t>(version - 1)] +
                            "INSERT INTO schema_migrations VALUES (" + std::to_string(version) +
                            ", strftime('%Y-%m-%dT%H:%M:%SZ','now'));COMMIT;";
    if (!Exec(db_, sql.c_str())) {
      Error error = SqliteError(db_, "migration " + std::to_string(version) + " failed");
      Exec(db_, "ROLLBACK;");
      return error;
    }
  }
  return true;
}

bool SqliteStore::CheckpointTruncate() {
  constexpr int kAttempts = 5;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    int wal_frames = -1;
    int checkpointed = -1;
    int rc = SQLITE_OK;
    {
      std::lock_guard lock(lock_);
      rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &wal_frames, &checkpointed);
    }
    if (rc == SQLITE_OK) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

int SqliteStore::NewestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

int SqliteStore::SchemaVersion() const { return QueryInt(db_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations;"); }

}  // namespace slotwise
