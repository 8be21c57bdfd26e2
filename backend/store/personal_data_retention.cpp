// personal_data_retention.cpp — see personal_data_retention.h.
#include "store/personal_data_retention.h"

#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "store/candidate_erasure.h"
#include "store/sqlite_query.h"

namespace slotwise {

using nlohmann::json;

namespace {

constexpr char kRetentionField[] = "policies.retention.interview_personal_data_days";

}  // namespace

Result<std::int64_t> RetentionDays(const json& policies) {
  if (!policies.is_object() || !policies.contains("retention")) return std::int64_t{0};
  const json& retention = policies.at("retention");
  if (!retention.is_object()) return Error{codes::kInvalidRequest, "policies.retention must be an object", "policies.retention"};
  for (const auto& [key, value] : retention.items()) {
    if (key != "interview_personal_data_days") {
      return Error{codes::kInvalidRequest, "policies.retention has no setting " + key, "policies.retention." + key};
    }
  }
  if (!retention.contains("interview_personal_data_days")) return std::int64_t{0};
  const json& days = retention.at("interview_personal_data_days");
  if (!days.is_number_integer() || days.get<std::int64_t>() < 0 || days.get<std::int64_t>() > kMaxRetentionDays) {
    return Error{codes::kInvalidRequest,
                 std::string(kRetentionField) + " must be a whole number of days from 0 (off) to " +
                     std::to_string(kMaxRetentionDays),
                 kRetentionField};
  }
  return days.get<std::int64_t>();
}

Result<int> PurgeExpiredPersonalData(SqliteStore& database, std::int64_t now, int batch) {
  struct TenantWindow {
    std::string id;
    std::int64_t days = 0;
  };
  std::vector<TenantWindow> windows;
  {
    std::lock_guard lock(database.lock());
    struct Row {
      std::string id, policies;
    };
    Result<std::vector<Row>> tenants =
        Query<Row>(database.handle(), "SELECT id, policies FROM tenants WHERE instr(policies, 'retention') > 0;", {},
                   [](SqlRow& r) { return Row{r.Text(), r.Text()}; });
    if (!tenants) return tenants.error();
    for (const Row& row : *tenants) {
      Result<std::int64_t> days = RetentionDays(slotwise::ParseJson(row.policies));
      if (days && *days > 0) windows.push_back({row.id, *days});
    }
  }
  int erased = 0;
  for (const TenantWindow& window : windows) {
    std::vector<std::string> due;
    {
      std::lock_guard lock(database.lock());
      Result<std::vector<std::string>> ids = Query<std::string>(
          database.handle(),
          "SELECT id FROM interviews WHERE tenant_id = ? AND end_at <= ? "
          "AND json_extract(spec, '$.candidate.email') <> '' ORDER BY end_at LIMIT ?;",
          {window.id, now - window.days * 86'400, static_cast<std::int64_t>(batch)},
          [](SqlRow& r) { return r.Text(); });
      if (!ids) return ids.error();
      due = std::move(ids).value();
    }
    if (due.empty()) continue;
    Result<ErasureReport> report = EraseInterviewCandidates(database, window.id, due, now);
    if (!report) return report.error();
    erased += report->interviews;
  }
  return erased;
}

}  // namespace slotwise
