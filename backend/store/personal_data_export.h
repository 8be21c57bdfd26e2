// personal_data_export.h — everything Slotwise holds about one candidate or one employee of a tenant, as one JSON
// document (GET /v1/candidates/{id}/export, GET /v1/people/{email}/export; the schema is in docs/PRIVACY.md and
// docs/openapi.json).
//
// Contract:
// - Reads only, bound to the tenant; taken under the shared handle's lock in one read transaction (a consistent
//   snapshot). not_found when nothing at all is held about the subject.
// - The candidate document: {"schema": "slotwise.candidate_export.v1", "tenant_id", "candidate_id", "exported_at",
//   "candidate" (the record or null), "interviews" [{"id", "status", "start", "end", "title", "organizer",
//   "interviewers", "observers", "room", "video", "candidate", "notes", "candidate_message", "time_zone",
//   "created_at", "updated_at", "history" [{"at", "action", "detail"}], "messages_sent" [{"kind", "subject",
//   "text_body", "to", "sent_at"}]}], "messages" [{"delivery_id", "kind", "state", "to", "subject", "text",
//   "created_at"}], "proposals" [{"id", "status", "options", "expires_at", "interview_id", "created_at"}]} — the
//   candidate is found as candidate_footprint.h says.
// - The employee document: {"schema": "slotwise.person_export.v1", "tenant_id", "email", "exported_at", "person"
//   (the directory record or null), "host_accounts" [{"id", "provider", "connection_id", "settings"}],
//   "hr_employees" [{"id", "first_name", "last_name", "email", "hire_date", "termination_date", "position", "status",
//   "office", "department", "team", "birthday", "time_zone", "working_hours", "teams_user_id", "absences" […]}],
//   "connections" [{"id", "provider", "user_id", "account_email", "scopes", "status", "created_at", "updated_at"}],
//   "organisation_connections" [{"provider", "directory_id", "domains", "status", "created_at"}],
//   "interviews" [{"id", "status", "start", "end", "roles"}]} — matched by e-mail ASCII case-insensitively
//   (connections also by user_id). Interviews list the employee's part only (no candidate data, and no title, which
//   often names the candidate: that is someone else's data). NEVER a token, sealed secret, webhook URL or hash: the columns read are named one by one.
// - Times are Unix seconds. Errors: storage_error, not_found.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

Result<nlohmann::json> ExportCandidate(SqliteStore& database, const std::string& tenant_id,
                                       const std::string& candidate_id, std::int64_t now);

Result<nlohmann::json> ExportPerson(SqliteStore& database, const std::string& tenant_id, const std::string& email,
                                    std::int64_t now);

}  // namespace slotwise
