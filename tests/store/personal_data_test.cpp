// Tests for backend/store/candidate_erasure.h and personal_data_retention.h on a real SQLite file: a candidate record
// erased leaves no byte of its name or e-mail in the database file or its WAL (secure_delete, the WAL truncated), a
// second erasure and another tenant's are not_found, and the retention setting is read strictly.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "store/candidate_erasure.h"
#include "store/personal_data_retention.h"
#include "support/temp_directory_store.h"

using namespace slotwise;
using nlohmann::json;

namespace {

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Fixture : testing::TempDirectoryStore {
  Fixture() {
    Tenant acme;
    acme.id = "acme";
    acme.created_at = 1'700'000'000;
    REQUIRE(store->CreateTenant(acme).ok());
    Tenant other = acme;
    other.id = "other";
    REQUIRE(store->CreateTenant(other).ok());
    Candidate candidate;
    candidate.tenant_id = "acme";
    candidate.id = "c-1";
    candidate.name = "Philippa Oyelaran-Stroud";
    candidate.email = "philippa.stroud@candidate.example";
    REQUIRE(store->UpsertCandidate(candidate).ok());
  }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "erasure: the record's bytes are gone from the database file and its WAL") {
  CHECK(Bytes(db_path + "-wal").find("Oyelaran") != std::string::npos);  // written, not yet checkpointed
  CHECK(EraseCandidate(*database, "other", "c-1", 1'700'000'100).error().code == codes::kNotFound);

  Result<ErasureReport> erased = EraseCandidate(*database, "acme", "c-1", 1'700'000'100);
  REQUIRE_MESSAGE(erased.ok(), erased.error().message);
  CHECK(erased->candidate_record);
  CHECK(erased->interviews == 0);
  CHECK(erased->wal_truncated);
  CHECK(std::filesystem::file_size(db_path + "-wal") == 0);
  for (const char* needle : {"Oyelaran", "philippa.stroud", "Philippa"}) {
    CHECK_MESSAGE(Bytes(db_path).find(needle) == std::string::npos, needle);
    CHECK_MESSAGE(Bytes(db_path + "-wal").find(needle) == std::string::npos, needle);
  }
  CHECK_FALSE(store->GetCandidate("acme", "c-1").value().has_value());

  Result<ErasureReport> again = EraseCandidate(*database, "acme", "c-1", 1'700'000'200);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == codes::kNotFound);
}

TEST_CASE("retention: the setting is off by default and read strictly") {
  CHECK(RetentionDays(json::object()).value() == 0);
  CHECK(RetentionDays(json{{"retention", json::object()}}).value() == 0);
  CHECK(RetentionDays(json{{"retention", {{"interview_personal_data_days", 30}}}}).value() == 30);
  CHECK(RetentionDays(json{{"retention", {{"interview_personal_data_days", 0}}}}).value() == 0);
  for (const json& bad : {json{{"retention", {{"interview_personal_data_days", -1}}}},
                          json{{"retention", {{"interview_personal_data_days", 36'501}}}},
                          json{{"retention", {{"interview_personal_data_days", "30"}}}},
                          json{{"retention", {{"interview_personal_data_days", 1.5}}}},
                          json{{"retention", {{"days", 30}}}}, json{{"retention", 30}}}) {
    Result<std::int64_t> days = RetentionDays(bad);
    REQUIRE_FALSE(days.ok());
    CHECK(days.error().code == codes::kInvalidRequest);
    CHECK(days.error().field.rfind("policies.retention", 0) == 0);
  }
}
