// candidate_footprint.h — where a candidate appears in a tenant's database: their record, the interviews booked for
// them, e-mails queued to them, proposals made for them. One answer for the erasure (candidate_erasure.h) and the
// export (personal_data_export.h), so both find the same rows.
//
// Contract:
// - A candidate is known by the ATS's candidate id and by the e-mail addresses it leads to: the record's (PUT
//   /v1/candidates/{id}) and those of interviews whose candidate carries the id. An interview belongs to the
//   candidate when its candidate's id is the id or its e-mail is one of those (ASCII case-insensitively).
// - A message job (outbox kind "message") is to the candidate when its payload's to.email is one of the e-mails; a
//   proposal is for them when its booking's candidate has the id or one of the e-mails.
// - Reads only, on the connection given; the caller holds the handle's lock (and its transaction, if any). Every
//   query is bound to the tenant. Errors: storage_error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "slotwise/result.h"
#include "store/interview_model.h"
#include "store/tenant_model.h"

struct sqlite3;

namespace slotwise {

struct CandidateFootprint {
  std::optional<Candidate> record;
  std::vector<std::pair<std::string, InterviewCandidate>> interviews;  // interview id, its candidate as booked
  std::vector<std::string> emails;  // lower-cased, each once
  std::vector<std::string> names;   // as written, each once

  bool empty() const { return !record && interviews.empty(); }
};

Result<CandidateFootprint> FindCandidateFootprint(sqlite3* db, const std::string& tenant_id,
                                                  const std::string& candidate_id);

bool IsMessageTo(const nlohmann::json& payload, const std::vector<std::string>& emails);
bool IsProposalFor(const nlohmann::json& booking, const std::string& candidate_id,
                   const std::vector<std::string>& emails);

}  // namespace slotwise
