// candidate_erasure.cpp — see candidate_erasure.h.
//
// [SECTION] cutting names and e-mails out of text
// [SECTION] one interview
// [SECTION] the candidate's other rows
// [SECTION] entry points
#include "store/candidate_erasure.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>

#include <nlohmann/json.hpp>

#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "store/candidate_footprint.h"
#include "store/interview_json.h"
#include "store/sqlite_query.h"

namespace slotwise {

using nlohmann::json;

namespace {

// [SECTION] cutting names and e-mails out of text

// What is cut out of text, and what takes its place: the name becomes kErasedCandidateName, an e-mail nothing.
struct Needle {
  std::string lowered;  // ASCII lower case: matching folds ASCII case, other bytes compare exactly
  std::string replacement;
};

class Scrubber {
 public:
  void AddName(const std::string& name) { Add(name, std::string(kErasedCandidateName)); }
  void AddEmail(const std::string& email) { Add(email, ""); }
  bool empty() const { return needles_.empty(); }

  // `text` without any needle (repeated until none is left: a cut may not join two halves into a new match).
  std::string Scrub(std::string text) const {
    for (bool changed = true; changed;) {
      changed = false;
      for (const Needle& needle : needles_) {
        std::string lowered = AsciiLower(text);
        std::size_t at = lowered.find(needle.lowered);
        if (at == std::string::npos) continue;
        std::string out;
        std::size_t from = 0;
        for (; at != std::string::npos; at = lowered.find(needle.lowered, from)) {
          out.append(text, from, at - from).append(needle.replacement);
          from = at + needle.lowered.size();
        }
        out.append(text, from, std::string::npos);
        text = std::move(out);
        changed = true;
      }
    }
    return text;
  }

  // The name / e-mail values a SQL pre-filter looks for (lower-cased; compare with lower(column)).
  std::vector<std::string> Patterns() const {
    std::vector<std::string> patterns;
    for (const Needle& needle : needles_) patterns.push_back(needle.lowered);
    return patterns;
  }

 private:
  void Add(const std::string& value, const std::string& replacement) {
    if (value.size() < kMinScrubbedLength || value == kErasedCandidateName) return;
    // As written, and as it appears inside JSON text (quotes, backslashes and control characters escaped).
    const std::string escaped = json(value).dump();
    for (const std::string& form : {value, escaped.substr(1, escaped.size() - 2)}) {
      std::string lowered = AsciiLower(form);
      const bool known = std::any_of(needles_.begin(), needles_.end(),
                                     [&](const Needle& needle) { return needle.lowered == lowered; });
      if (!known) needles_.push_back({std::move(lowered), replacement});
    }
    // Longer needles first: an e-mail containing the name is cut whole.
    std::sort(needles_.begin(), needles_.end(),
              [](const Needle& a, const Needle& b) { return a.lowered.size() > b.lowered.size(); });
  }

  std::vector<Needle> needles_;
};

// Rewrites `column` of the rows of `table` matching `where` (with `args`) to the scrubbed text, where that differs.
Result<bool> ScrubColumn(sqlite3* db, const std::string& table, const std::string& column, const std::string& where,
                         const std::vector<SqlValue>& args, const Scrubber& scrubber) {
  struct Row {
    std::int64_t rowid = 0;
    std::string text;
  };
  Result<std::vector<Row>> rows =
      Query<Row>(db, "SELECT rowid, " + column + " FROM " + table + " WHERE " + where + ";", args,
                 [](SqlRow& row) { return Row{row.Int(), row.Text()}; });
  if (!rows) return rows.error();
  for (const Row& row : *rows) {
    const std::string scrubbed = scrubber.Scrub(row.text);
    if (scrubbed == row.text) continue;
    if (Result<int> written = Exec(db, "UPDATE " + table + " SET " + column + " = ? WHERE rowid = ?;",
                                   {scrubbed, row.rowid});
        !written) {
      return written.error();
    }
  }
  return true;
}

// A SQL condition "any of the scrubber's patterns occurs in lower(column)", with its values appended to `args`.
std::string MentionsAny(const std::string& column, const Scrubber& scrubber, std::vector<SqlValue>& args) {
  std::string condition = "(0";
  for (const std::string& pattern : scrubber.Patterns()) {
    condition += " OR instr(lower(" + column + "), ?) > 0";
    args.push_back(pattern);
  }
  return condition + ")";
}

// [SECTION] one interview

Error WorkInFlight(const std::string& what) {
  return Error{codes::kStorageConflict,
               what + " is being carried out right now; erase again in a few seconds (nothing was changed)", ""};
}

// The candidate's part of a proposal's booking (the POST /v1/interviews body) anonymised as an interview's is.
std::string AnonymisedBooking(const std::string& booking_json, const Scrubber& scrubber) {
  json booking = slotwise::ParseJson(booking_json);
  if (!booking.is_object()) return scrubber.Scrub(booking_json);
  booking["candidate"] = {{"name", std::string(kErasedCandidateName)}, {"email", ""}, {"time_zone", "UTC"}, {"locale", "en"}};
  booking.erase("notes");
  booking.erase("candidate_message");
  return scrubber.Scrub(booking.dump());
}

// Anonymises one interview and the rows tied to it. `scrubber` holds the names and e-mails to cut (the interview's
// own candidate is added). Answers whether the interview was changed (false: already anonymised).
Result<bool> EraseInterview(sqlite3* db, const std::string& tenant_id, const std::string& interview_id,
                            Scrubber scrubber, std::int64_t now, ErasureReport& report) {
  struct Row {
    std::string status, spec, artifacts;
  };
  Result<std::optional<Row>> row = First(Query<Row>(
      db, "SELECT status, spec, artifacts FROM interviews WHERE id = ? AND tenant_id = ?;", {interview_id, tenant_id},
      [](SqlRow& r) { return Row{r.Text(), r.Text(), r.Text()}; }));
  if (!row) return row.error();
  if (!row->has_value()) return false;
  Result<InterviewSpec> parsed = SpecFromJson(slotwise::ParseJson((*row)->spec));
  if (!parsed) return parsed.error();
  InterviewSpec spec = std::move(parsed).value();
  if (spec.candidate.email.empty() && spec.candidate.name == kErasedCandidateName) return false;

  Result<bool> running = Exists(db, "SELECT 1 FROM outbox WHERE interview_id = ? AND state = 'running';", {interview_id});
  if (!running) return running.error();
  if (*running) return WorkInFlight("provider work for interview " + interview_id);

  scrubber.AddName(spec.candidate.name);
  scrubber.AddEmail(spec.candidate.email);
  const std::string old_title = spec.title;
  const bool had_notes = !spec.notes.empty();
  spec.candidate = InterviewCandidate{"", std::string(kErasedCandidateName), "", "UTC", "en"};
  spec.notes.clear();
  spec.candidate_message.clear();
  spec.title = scrubber.Scrub(spec.title);
  if (spec.title.empty()) spec.title = "Interview";
  json artifacts = slotwise::ParseJson((*row)->artifacts);
  if (!artifacts.is_object()) artifacts = json::object();
  artifacts.erase("candidate_invite");
  const bool at_providers = artifacts.contains("event") || artifacts.contains("meeting");
  const bool rewrite = (*row)->status == "confirmed" && at_providers && (had_notes || spec.title != old_title);

  if (Result<int> written = Exec(db,
                                 "UPDATE interviews SET spec = ?, artifacts = ?, status = ?, updated_at = ? "
                                 "WHERE id = ?;",
                                 {SpecToJson(spec).dump(), artifacts.dump(),
                                  rewrite ? std::string("pending") : (*row)->status, now, interview_id});
      !written) {
    return written.error();
  }
  // Rows tied to the interview; the interview's own rows carry no tenant column, the others are bound to the tenant.
  struct Tied {
    const char* table;
    const char* column;
    const char* where;
    bool with_tenant;
  };
  for (const Tied& tied : {Tied{"interviews", "failure_reason", "id = ?1", false},
                           Tied{"interview_history", "detail", "interview_id = ?1", false},
                           Tied{"outbox", "payload", "interview_id = ?1", false},
                           Tied{"outbox", "last_error", "interview_id = ?1", false},
                           Tied{"outbox_steps", "data", "interview_id = ?1 AND step NOT LIKE 'candidate:%'", false},
                           Tied{"lifecycle_events", "payload", "subject_id = ?1 AND tenant_id = ?2", true},
                           Tied{"idempotency_keys", "body", "instr(body, ?1) > 0 AND tenant_id = ?2", true}}) {
    std::vector<SqlValue> args = {interview_id};
    if (tied.with_tenant) args.push_back(tenant_id);
    if (Result<bool> scrubbed = ScrubColumn(db, tied.table, tied.column, tied.where, args, scrubber); !scrubbed) {
      return scrubbed;
    }
  }
  // A candidate message step keeps what says it was sent (delivery id, kind, when), not what it said or to whom.
  struct Step {
    std::string step, data;
  };
  Result<std::vector<Step>> steps = Query<Step>(
      db, "SELECT step, data FROM outbox_steps WHERE interview_id = ? AND step LIKE 'candidate:%';", {interview_id},
      [](SqlRow& r) { return Step{r.Text(), r.Text()}; });
  if (!steps) return steps.error();
  for (const Step& step : *steps) {
    const json data = slotwise::ParseJson(step.data);
    json kept = {{"erased", true}};
    if (data.is_object()) {
      for (const char* key : {"delivery_id", "kind", "sent_at", "method"}) {
        if (data.contains(key)) kept[key] = data.at(key);
      }
    }
    if (Result<int> written = Exec(db, "UPDATE outbox_steps SET data = ? WHERE interview_id = ? AND step = ?;",
                                   {kept.dump(), interview_id, step.step});
        !written) {
      return written.error();
    }
  }
  struct Proposal {
    std::string id, booking;
  };
  Result<std::vector<Proposal>> proposals =
      Query<Proposal>(db, "SELECT id, booking FROM proposals WHERE tenant_id = ? AND interview_id = ?;",
                      {tenant_id, interview_id}, [](SqlRow& r) { return Proposal{r.Text(), r.Text()}; });
  if (!proposals) return proposals.error();
  for (const Proposal& proposal : *proposals) {
    if (Result<int> written = Exec(db,
                                   "UPDATE proposals SET booking = ?, candidate_availability = '', candidate_note = '', "
                                   "updated_at = ? WHERE id = ?;",
                                   {AnonymisedBooking(proposal.booking, scrubber), now, proposal.id});
        !written) {
      return written.error();
    }
    ++report.proposals;
  }
  if (Result<int> noted = Exec(db, "INSERT INTO interview_history (interview_id, at, action, detail) VALUES (?, ?, ?, ?);",
                               {interview_id, now, std::string("candidate_erased"),
                                json{{"provider_update", rewrite}}.dump()});
      !noted) {
    return noted.error();
  }
  if (rewrite) {
    if (Result<int> queued = Exec(db,
                                  "INSERT INTO outbox (tenant_id, interview_id, kind, state, next_attempt_at, payload, "
                                  "created_at, updated_at) VALUES (?, ?, 'reschedule', 'pending', ?, ?, ?, ?);",
                                  {tenant_id, interview_id, now, json{{"candidate", false}}.dump(), now, now});
        !queued) {
      return queued.error();
    }
    ++report.provider_updates;
  }
  ++report.interviews;
  return true;
}

// [SECTION] the candidate's other rows

// Message jobs (e-mails of no interview) to one of the candidate's addresses: a running one refuses the erasure, a
// pending one is dropped, every one loses its payload.
Result<bool> EraseMessages(sqlite3* db, const std::string& tenant_id, const std::vector<std::string>& emails,
                           std::int64_t now, ErasureReport& report) {
  struct Row {
    std::int64_t id = 0;
    std::string state, payload;
  };
  Result<std::vector<Row>> rows =
      Query<Row>(db, "SELECT id, state, payload FROM outbox WHERE tenant_id = ? AND kind = 'message';", {tenant_id},
                 [](SqlRow& r) { return Row{r.Int(), r.Text(), r.Text()}; });
  if (!rows) return rows.error();
  for (const Row& row : *rows) {
    if (!IsMessageTo(slotwise::ParseJson(row.payload), emails)) continue;
    if (row.state == "running") return WorkInFlight("an e-mail to the candidate");
    const bool drop = row.state == "pending";
    if (Result<int> written = Exec(db,
                                   "UPDATE outbox SET payload = '{}', state = ?, last_error = ?, updated_at = ? "
                                   "WHERE id = ?;",
                                   {drop ? std::string("done") : row.state,
                                    drop ? std::string("candidate erased before sending") : std::string(""), now,
                                    row.id});
        !written) {
      return written.error();
    }
    ++report.messages;
  }
  return true;
}

// Proposals made for the candidate (their booking names the candidate id or an e-mail): anonymised, the times the
// candidate sent dropped, open and declined ones cancelled.
Result<bool> EraseProposals(sqlite3* db, const std::string& tenant_id, const std::string& candidate_id,
                            const std::vector<std::string>& emails, const Scrubber& scrubber, std::int64_t now,
                            ErasureReport& report) {
  struct Row {
    std::string id, booking, status;
  };
  Result<std::vector<Row>> rows =
      Query<Row>(db, "SELECT id, booking, status FROM proposals WHERE tenant_id = ?;", {tenant_id},
                 [](SqlRow& r) { return Row{r.Text(), r.Text(), r.Text()}; });
  if (!rows) return rows.error();
  for (const Row& row : *rows) {
    if (!IsProposalFor(slotwise::ParseJson(row.booking), candidate_id, emails)) continue;
    if (Result<int> written = Exec(db,
                                   "UPDATE proposals SET booking = ?, status = ?, candidate_availability = '', "
                                   "candidate_note = '', updated_at = ? WHERE id = ?;",
                                   {AnonymisedBooking(row.booking, scrubber),
                                    row.status == "open" || row.status == "declined" ? std::string("cancelled")
                                                                                    : row.status,
                                    now, row.id});
        !written) {
      return written.error();
    }
    ++report.proposals;
  }
  return true;
}

// [SECTION] entry points

// Runs `erase` in one write transaction on the shared handle, then truncates the WAL.
template <class Erase>
Result<ErasureReport> InTransaction(SqliteStore& database, Erase&& erase) {
  ErasureReport report;
  {
    std::lock_guard lock(database.lock());
    sqlite3* db = database.handle();
    WriteTransaction transaction(db);
    if (Result<bool> began = transaction.Began(); !began) return began.error();
    if (Result<bool> erased = erase(db, report); !erased) return erased.error();
    if (Result<bool> committed = transaction.Commit(); !committed) return committed.error();
  }
  report.wal_truncated = database.CheckpointTruncate();
  return report;
}

}  // namespace

Result<ErasureReport> EraseCandidate(SqliteStore& database, const std::string& tenant_id,
                                     const std::string& candidate_id, std::int64_t now) {
  return InTransaction(database, [&](sqlite3* db, ErasureReport& report) -> Result<bool> {
    Result<CandidateFootprint> footprint = FindCandidateFootprint(db, tenant_id, candidate_id);
    if (!footprint) return footprint.error();
    Scrubber scrubber;
    for (const std::string& name : footprint->names) scrubber.AddName(name);
    for (const std::string& email : footprint->emails) scrubber.AddEmail(email);
    const std::vector<std::string>& emails = footprint->emails;
    for (const auto& [id, candidate] : footprint->interviews) {
      if (Result<bool> erased = EraseInterview(db, tenant_id, id, scrubber, now, report); !erased) return erased;
    }
    if (Result<bool> erased = EraseMessages(db, tenant_id, emails, now, report); !erased) return erased;
    if (Result<bool> erased = EraseProposals(db, tenant_id, candidate_id, emails, scrubber, now, report); !erased) {
      return erased;
    }
    if (!scrubber.empty()) {
      for (const auto& [table, column] : std::vector<std::pair<std::string, std::string>>{
               {"lifecycle_events", "payload"}, {"idempotency_keys", "body"}}) {
        std::vector<SqlValue> args = {tenant_id};
        const std::string where = "tenant_id = ? AND " + MentionsAny(column, scrubber, args);
        if (Result<bool> scrubbed = ScrubColumn(db, table, column, where, args, scrubber); !scrubbed) return scrubbed;
      }
    }
    if (footprint->record) {
      if (Result<int> deleted = Exec(db, "DELETE FROM candidates WHERE tenant_id = ? AND id = ?;",
                                     {tenant_id, candidate_id});
          !deleted) {
        return deleted.error();
      }
      report.candidate_record = true;
    }
    if (!report.candidate_record && report.interviews == 0 && report.messages == 0 && report.proposals == 0) {
      return Error{codes::kNotFound, "nothing is held about candidate " + candidate_id + " (never, or already erased)",
                   "id"};
    }
    return true;
  });
}

Result<ErasureReport> EraseInterviewCandidates(SqliteStore& database, const std::string& tenant_id,
                                               const std::vector<std::string>& interview_ids, std::int64_t now) {
  return InTransaction(database, [&](sqlite3* db, ErasureReport& report) -> Result<bool> {
    for (const std::string& id : interview_ids) {
      // A refusal for running work comes before the interview's first write: the others go ahead.
      Result<bool> erased = EraseInterview(db, tenant_id, id, Scrubber{}, now, report);
      if (!erased && erased.error().code == codes::kStorageConflict) {
        ++report.skipped;
        continue;
      }
      if (!erased) return erased;
    }
    return true;
  });
}

}  // namespace slotwise
