// personal_data_export.cpp — see personal_data_export.h.
//
// [SECTION] reading
// [SECTION] the candidate
// [SECTION] the employee
#include "store/personal_data_export.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>

#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "store/candidate_footprint.h"
#include "store/interview_json.h"
#include "store/sqlite_query.h"

namespace slotwise {

using nlohmann::json;

namespace {

// [SECTION] reading

// One read transaction on the shared handle (a consistent snapshot of every table read), ended when it goes away.
class ReadSnapshot {
 public:
  explicit ReadSnapshot(sqlite3* db) : db_(db) { sqlite3_exec(db_, "BEGIN;", nullptr, nullptr, nullptr); }
  ~ReadSnapshot() { sqlite3_exec(db_, "COMMIT;", nullptr, nullptr, nullptr); }
  ReadSnapshot(const ReadSnapshot&) = delete;
  ReadSnapshot& operator=(const ReadSnapshot&) = delete;

 private:
  sqlite3* db_;
};

// The rows of `sql` as objects with `keys` (column i is keys[i]); a key ending in "#" is an integer column, one ending
// in "{}" a JSON text column (parsed).
Result<json> Rows(sqlite3* db, const std::string& sql, const std::vector<SqlValue>& args,
                  const std::vector<std::string>& keys) {
  Result<std::vector<json>> rows = Query<json>(db, sql, args, [&](SqlRow& row) {
    json object = json::object();
    for (const std::string& key : keys) {
      if (key.ends_with("#")) {
        object[key.substr(0, key.size() - 1)] = row.Int();
      } else if (key.ends_with("{}")) {
        const json parsed = slotwise::ParseJson(row.Text());
        object[key.substr(0, key.size() - 2)] = parsed.is_discarded() ? json(nullptr) : parsed;
      } else {
        object[key] = row.Text();
      }
    }
    return object;
  });
  if (!rows) return rows.error();
  return json(std::move(rows).value());
}

Result<Interview> InterviewById(sqlite3* db, const std::string& tenant_id, const std::string& id) {
  Result<std::vector<json>> rows = Query<json>(
      db,
      "SELECT id, tenant_id, status, failure_reason, spec, sequence, artifacts, created_at, updated_at "
      "FROM interviews WHERE id = ? AND tenant_id = ?;",
      {id, tenant_id}, [](SqlRow& r) {
        return json{{"id", r.Text()}, {"tenant_id", r.Text()}, {"status", r.Text()}, {"failure_reason", r.Text()},
                    {"spec", slotwise::ParseJson(r.Text())}, {"sequence", r.Int()}, {"artifacts", r.Text()},
                    {"created_at", r.Int()}, {"updated_at", r.Int()}};
      });
  if (!rows) return rows.error();
  if (rows->empty()) return Error{codes::kStorageError, "interview " + id + " went away during the export", ""};
  return InterviewFromJson(rows->front());
}

// [SECTION] the candidate

Result<json> CandidateInterview(sqlite3* db, const std::string& tenant_id, const std::string& id) {
  Result<Interview> interview = InterviewById(db, tenant_id, id);
  if (!interview) return interview.error();
  const InterviewSpec& spec = interview->spec;
  json out = {{"id", interview->id}, {"status", InterviewStatusName(interview->status)}, {"start", spec.start},
              {"end", spec.end}, {"title", spec.title}, {"organizer", spec.organizer},
              {"interviewers", spec.interviewers}, {"observers", spec.observers}, {"room", spec.room},
              {"video", spec.video}, {"candidate", CandidateToJson(spec.candidate)}, {"notes", spec.notes},
              {"candidate_message", spec.candidate_message}, {"time_zone", spec.time_zone},
              {"created_at", interview->created_at}, {"updated_at", interview->updated_at}};
  Result<json> history = Rows(db, "SELECT at, action, detail FROM interview_history WHERE interview_id = ? ORDER BY id;",
                              {id}, {"at#", "action", "detail{}"});
  if (!history) return history.error();
  out["history"] = std::move(history).value();
  Result<json> steps = Rows(db,
                            "SELECT data FROM outbox_steps WHERE interview_id = ? AND step LIKE 'candidate:%' "
                            "AND state = 'done' ORDER BY updated_at;",
                            {id}, {"data{}"});
  if (!steps) return steps.error();
  out["messages_sent"] = json::array();
  for (const json& step : *steps) {
    const json& data = step.at("data");
    if (!data.is_object()) continue;
    json sent = json::object();
    for (const char* key : {"kind", "subject", "text_body", "to", "sent_at"}) {
      if (data.contains(key)) sent[key] = data.at(key);
    }
    out["messages_sent"].push_back(std::move(sent));
  }
  return out;
}

// [SECTION] the employee

// The parts an employee takes in an interview: "organizer", "interviewer", "observer".
std::vector<std::string> RolesIn(const InterviewSpec& spec, const std::string& email) {
  std::vector<std::string> roles;
  if (EqualsIgnoreCase(spec.organizer, email)) roles.emplace_back("organizer");
  auto listed = [&](const std::vector<std::string>& people) {
    return std::any_of(people.begin(), people.end(), [&](const std::string& p) { return EqualsIgnoreCase(p, email); });
  };
  if (listed(spec.interviewers)) roles.emplace_back("interviewer");
  if (listed(spec.observers)) roles.emplace_back("observer");
  return roles;
}

Result<json> PersonInterviews(sqlite3* db, const std::string& tenant_id, const std::string& email) {
  struct Row {
    std::string id, status, spec;
  };
  Result<std::vector<Row>> rows = Query<Row>(
      db, "SELECT id, status, spec FROM interviews WHERE tenant_id = ? AND instr(lower(spec), ?) > 0 ORDER BY start_at, id;",
      {tenant_id, email}, [](SqlRow& r) { return Row{r.Text(), r.Text(), r.Text()}; });
  if (!rows) return rows.error();
  json interviews = json::array();
  for (const Row& row : *rows) {
    Result<InterviewSpec> spec = SpecFromJson(slotwise::ParseJson(row.spec));
    if (!spec) return spec.error();
    std::vector<std::string> roles = RolesIn(*spec, email);
    if (roles.empty()) continue;  // named elsewhere (e.g. a candidate with the address): not their part
    // No title: it often names the candidate, whose data this document is not about.
    interviews.push_back(
        {{"id", row.id}, {"status", row.status}, {"start", spec->start}, {"end", spec->end}, {"roles", roles}});
  }
  return interviews;
}

}  // namespace

Result<json> ExportCandidate(SqliteStore& database, const std::string& tenant_id, const std::string& candidate_id,
                             std::int64_t now) {
  std::lock_guard lock(database.lock());
  sqlite3* db = database.handle();
  ReadSnapshot snapshot(db);
  Result<CandidateFootprint> footprint = FindCandidateFootprint(db, tenant_id, candidate_id);
  if (!footprint) return footprint.error();
  json document = {{"schema", "slotwise.candidate_export.v1"}, {"tenant_id", tenant_id},
                   {"candidate_id", candidate_id}, {"exported_at", now}, {"candidate", nullptr},
                   {"interviews", json::array()}, {"messages", json::array()}, {"proposals", json::array()}};
  if (footprint->record) {
    const Candidate& record = *footprint->record;
    document["candidate"] = {{"id", record.id}, {"name", record.name}, {"email", record.email},
                             {"time_zone", record.time_zone}, {"locale", record.locale}};
  }
  for (const auto& [id, candidate] : footprint->interviews) {
    Result<json> interview = CandidateInterview(db, tenant_id, id);
    if (!interview) return interview.error();
    document["interviews"].push_back(std::move(interview).value());
  }
  Result<json> messages = Rows(db,
                               "SELECT state, payload, created_at FROM outbox WHERE tenant_id = ? AND kind = 'message' "
                               "ORDER BY id;",
                               {tenant_id}, {"state", "payload{}", "created_at#"});
  if (!messages) return messages.error();
  for (const json& message : *messages) {
    const json& payload = message.at("payload");
    if (!IsMessageTo(payload, footprint->emails)) continue;
    document["messages"].push_back({{"delivery_id", payload.value("delivery_id", "")},
                                    {"kind", payload.value("kind", "")},
                                    {"state", message.at("state")},
                                    {"to", payload.at("to")},
                                    {"subject", payload.value("subject", "")},
                                    {"text", payload.value("text", "")},
                                    {"created_at", message.at("created_at")}});
  }
  Result<json> proposals = Rows(db,
                                "SELECT id, status, booking, options, expires_at, interview_id, created_at, "
                                "candidate_availability, candidate_note "
                                "FROM proposals WHERE tenant_id = ? ORDER BY created_at, id;",
                                {tenant_id},
                                {"id", "status", "booking{}", "options{}", "expires_at#", "interview_id", "created_at#",
                                 "candidate_availability", "candidate_note"});
  if (!proposals) return proposals.error();
  for (json& proposal : *proposals) {
    if (!IsProposalFor(proposal.at("booking"), candidate_id, footprint->emails)) continue;
    proposal.erase("booking");
    // The times and note the candidate sent when none of the proposed ones worked (absent when they sent none).
    const std::string offered = proposal.at("candidate_availability").get<std::string>();
    proposal.erase("candidate_availability");
    if (!offered.empty()) proposal["candidate_availability"] = slotwise::ParseJson(offered);
    if (proposal.at("candidate_note") == "") proposal.erase("candidate_note");
    document["proposals"].push_back(std::move(proposal));
  }
  if (footprint->empty() && document["messages"].empty() && document["proposals"].empty()) {
    return Error{codes::kNotFound, "nothing is held about candidate " + candidate_id, "id"};
  }
  return document;
}

Result<json> ExportPerson(SqliteStore& database, const std::string& tenant_id, const std::string& email_as_given,
                          std::int64_t now) {
  const std::string email = AsciiLower(email_as_given);
  std::lock_guard lock(database.lock());
  sqlite3* db = database.handle();
  ReadSnapshot snapshot(db);
  json document = {{"schema", "slotwise.person_export.v1"}, {"tenant_id", tenant_id}, {"email", email},
                   {"exported_at", now}, {"person", nullptr}};
  Result<json> person = Rows(db,
                             "SELECT email, name, time_zone, working_hours, roles, max_per_day, max_per_week, locale, "
                             "calendar_provider FROM people WHERE tenant_id = ? AND email = ?;",
                             {tenant_id, email},
                             {"email", "name", "time_zone", "working_hours{}", "roles{}", "max_per_day",
                              "max_per_week", "locale", "calendar_provider"});
  if (!person) return person.error();
  if (!person->empty()) document["person"] = person->front();
  struct Part {
    const char* key;
    std::string sql;
    std::vector<std::string> columns;
  };
  const std::vector<Part> parts = {
      {"host_accounts",
       "SELECT id, provider, connection_id, settings FROM host_accounts WHERE tenant_id = ? AND lower(owner_email) = ? "
       "ORDER BY id;",
       {"id", "provider", "connection_id", "settings{}"}},
      {"hr_employees",
       "SELECT id, first_name, last_name, email, hire_date, termination_date, position, status, office, department, "
       "team, birthday, time_zone, working_hours, teams_user_id FROM hr_employees WHERE tenant_id = ? AND "
       "lower(email) = ? ORDER BY id;",
       {"id", "first_name", "last_name", "email", "hire_date", "termination_date", "position", "status", "office",
        "department", "team", "birthday", "time_zone", "working_hours", "teams_user_id"}},
      {"connections",
       "SELECT id, provider, user_id, account_email, scopes, status, created_at, updated_at FROM connections "
       "WHERE tenant_id = ? AND (lower(account_email) = ?2 OR lower(user_id) = ?2) ORDER BY id;",
       {"id", "provider", "user_id", "account_email", "scopes", "status", "created_at#", "updated_at#"}},
      {"organisation_connections",
       "SELECT provider, directory_id, domains, status, created_at FROM org_connections WHERE tenant_id = ? AND "
       "lower(admin_email) = ? ORDER BY provider;",
       {"provider", "directory_id", "domains{}", "status", "created_at#"}}};
  bool held = !person->empty();
  for (const Part& part : parts) {
    Result<json> rows = Rows(db, part.sql, {tenant_id, email}, part.columns);
    if (!rows) return rows.error();
    held = held || !rows->empty();
    document[part.key] = std::move(rows).value();
  }
  for (json& employee : document["hr_employees"]) {
    Result<json> absences =
        Rows(db,
             "SELECT id, type, first_day, first_day_part, last_day, last_day_part, substitute_id, status, source, "
             "comment, created_at, updated_at FROM hr_absences WHERE tenant_id = ? AND employee_id = ? "
             "ORDER BY first_day, id;",
             {tenant_id, employee.at("id").get<std::string>()},
             {"id", "type", "first_day", "first_day_part", "last_day", "last_day_part", "substitute_id", "status",
              "source", "comment", "created_at#", "updated_at#"});
    if (!absences) return absences.error();
    employee["absences"] = std::move(absences).value();
  }
  Result<json> interviews = PersonInterviews(db, tenant_id, email);
  if (!interviews) return interviews.error();
  held = held || !interviews->empty();
  document["interviews"] = std::move(interviews).value();
  if (!held) return Error{codes::kNotFound, "nothing is held about " + email + " in this tenant", "email"};
  return document;
}

}  // namespace slotwise
