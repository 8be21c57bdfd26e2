// candidate_footprint.cpp — see candidate_footprint.h.
#include "store/candidate_footprint.h"

#include <sqlite3.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "slotwise/ascii.h"
#include "slotwise/json_input.h"
#include "store/interview_json.h"
#include "store/sqlite_query.h"

namespace slotwise {

using nlohmann::json;

namespace {

bool OneOf(const std::string& email, const std::vector<std::string>& emails) {
  const std::string lowered = AsciiLower(email);
  return !lowered.empty() && std::find(emails.begin(), emails.end(), lowered) != emails.end();
}

void AddOnce(std::vector<std::string>& values, std::string value) {
  if (!value.empty() && std::find(values.begin(), values.end(), value) == values.end()) values.push_back(std::move(value));
}

}  // namespace

Result<CandidateFootprint> FindCandidateFootprint(sqlite3* db, const std::string& tenant_id,
                                                  const std::string& candidate_id) {
  CandidateFootprint footprint;
  Result<std::optional<Candidate>> record = First(Query<Candidate>(
      db, "SELECT tenant_id, id, name, email, time_zone, locale FROM candidates WHERE tenant_id = ? AND id = ?;",
      {tenant_id, candidate_id},
      [](SqlRow& r) { return Candidate{r.Text(), r.Text(), r.Text(), r.Text(), r.Text(), r.Text()}; }));
  if (!record) return record.error();
  footprint.record = std::move(record).value();
  if (footprint.record) {
    AddOnce(footprint.emails, AsciiLower(footprint.record->email));
    AddOnce(footprint.names, footprint.record->name);
  }
  // Pre-filtered by text (the id or an e-mail occurs in the spec), then decided on the parsed candidate; again while
  // the interviews found bring e-mails not looked for yet (an interview booked with the id names an address that
  // another, booked without the id, shares).
  struct Row {
    std::string id, spec;
  };
  for (std::size_t queried = std::string::npos; queried != footprint.emails.size();) {
    queried = footprint.emails.size();
    std::vector<SqlValue> args = {tenant_id, candidate_id};
    std::string condition = "instr(spec, ?2) > 0";
    for (const std::string& email : footprint.emails) {
      condition += " OR instr(lower(spec), ?) > 0";
      args.push_back(email);
    }
    Result<std::vector<Row>> rows = Query<Row>(
        db, "SELECT id, spec FROM interviews WHERE tenant_id = ?1 AND (" + condition + ") ORDER BY start_at, id;", args,
        [](SqlRow& r) { return Row{r.Text(), r.Text()}; });
    if (!rows) return rows.error();
    footprint.interviews.clear();
    for (const Row& row : *rows) {
      Result<InterviewSpec> spec = SpecFromJson(slotwise::ParseJson(row.spec));
      if (!spec) return spec.error();
      const InterviewCandidate& candidate = spec->candidate;
      if ((candidate_id.empty() || candidate.id != candidate_id) && !OneOf(candidate.email, footprint.emails)) continue;
      footprint.interviews.emplace_back(row.id, candidate);
    }
    for (const auto& [id, candidate] : footprint.interviews) {
      AddOnce(footprint.emails, AsciiLower(candidate.email));
      AddOnce(footprint.names, candidate.name);
    }
  }
  return footprint;
}

bool IsMessageTo(const json& payload, const std::vector<std::string>& emails) {
  if (!payload.is_object() || !payload.contains("to") || !payload.at("to").is_object()) return false;
  const json& to = payload.at("to");
  return to.contains("email") && to.at("email").is_string() && OneOf(to.at("email").get<std::string>(), emails);
}

bool IsProposalFor(const json& booking, const std::string& candidate_id, const std::vector<std::string>& emails) {
  if (!booking.is_object() || !booking.contains("candidate") || !booking.at("candidate").is_object()) return false;
  const json& candidate = booking.at("candidate");
  const std::string id = candidate.contains("id") && candidate.at("id").is_string() ? candidate.at("id").get<std::string>() : "";
  const std::string email =
      candidate.contains("email") && candidate.at("email").is_string() ? candidate.at("email").get<std::string>() : "";
  return (!candidate_id.empty() && id == candidate_id) || OneOf(email, emails);
}

}  // namespace slotwise
