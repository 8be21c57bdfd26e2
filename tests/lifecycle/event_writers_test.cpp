// event_writers_test.cpp — every writer records its lifecycle event in the transaction of the fact it reports
// (store/lifecycle_events.h): interview history actions through the interview store, a proposal's pick and expiry,
// a connection that starts to need attention. A write that does not happen records no event.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "connections/connection_store.h"
#include "lifecycle/event_log.h"
#include "proposals/proposal_store.h"
#include "store/lifecycle_events.h"
#include "store/sqlite_interview_store.h"
#include "support/temp_directory_store.h"

using namespace slotwise;
using namespace slotwise::lifecycle;
using slotwise::testing::TempDirectoryStore;
using nlohmann::json;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

struct World {
  World() {
    Tenant tenant;
    tenant.id = "acme";
    tenant.name = "Acme";
    REQUIRE(directory.store->CreateTenant(tenant).ok());
    Result<std::unique_ptr<EventLog>> opened = EventLog::Open(directory.db_path);
    REQUIRE(opened.ok());
    log = std::move(opened).value();
  }
  // The tenant's events, oldest first.
  std::vector<LifecycleEvent> Events() {
    Result<std::vector<LifecycleEvent>> listed = log->List("acme", LogQuery{});
    REQUIRE(listed.ok());
    return {listed->rbegin(), listed->rend()};
  }

  TempDirectoryStore directory;
  std::unique_ptr<EventLog> log;
};

Interview AnInterview() {
  Interview interview;
  interview.id = "int_writers";
  interview.tenant_id = "acme";
  interview.spec.title = "Interview";
  interview.spec.organizer = "lena@acme.test";
  interview.spec.start = kNow + 86400;
  interview.spec.end = kNow + 86400 + 3600;
  interview.spec.candidate.name = "Maria";
  interview.spec.candidate.email = "maria@example.test";
  return interview;
}

}  // namespace

TEST_CASE("event writers: interview history actions make interview events with the row as committed") {
  World world;
  Result<std::unique_ptr<SqliteInterviewStore>> opened = SqliteInterviewStore::Open(world.directory.db_path);
  REQUIRE(opened.ok());
  SqliteInterviewStore& interviews = **opened;
  Interview interview = AnInterview();
  Result<CommitOutcome> booked = interviews.CommitBooking(interview, {"lena@acme.test"}, kNow, std::nullopt, {});
  REQUIRE(booked.ok());
  REQUIRE(booked->committed);
  CHECK(world.Events().empty());  // "booked" makes no event: the ATS asked for it and has the answer
  REQUIRE(interviews.SetStatus(interview.id, InterviewStatus::kConfirmed, "", kNow + 5).ok());
  CHECK_FALSE(*interviews.SetStatus(interview.id, InterviewStatus::kConfirmed, "", kNow + 6));  // no change: no event
  interview.spec.start += 7200;
  interview.spec.end += 7200;
  REQUIRE(interviews.CommitReschedule(interview, {"lena@acme.test"}, kNow + 10, R"({"from":{"start":"x"}})").ok());
  REQUIRE(interviews.CommitCancel("acme", interview.id, kNow + 20, "the candidate withdrew", std::nullopt).ok());

  const std::vector<LifecycleEvent> events = world.Events();
  REQUIRE(events.size() == 3);
  CHECK(events[0].type == "interview.confirmed");
  CHECK(events[1].type == "interview.rescheduled");
  CHECK(events[2].type == "interview.cancelled");
  for (const LifecycleEvent& event : events) {
    CHECK(event.subject_id == interview.id);
    CHECK(event.state == "pending");
  }
  const json confirmed = json::parse(events[0].payload);
  CHECK(confirmed.at("timestamp") == "2027-01-15T08:00:05Z");
  CHECK(confirmed.at("data") == json{{"interview_id", interview.id},
                                     {"status", "confirmed"},
                                     {"start", "2027-01-16T08:00:00Z"},
                                     {"end", "2027-01-16T09:00:00Z"},
                                     {"sequence", 0}});
  const json rescheduled = json::parse(events[1].payload).at("data");
  CHECK(rescheduled.at("status") == "pending");
  CHECK(rescheduled.at("start") == "2027-01-16T10:00:00Z");
  CHECK(rescheduled.at("sequence") == 1);
  CHECK(rescheduled.at("from") == json{{"start", "x"}});  // the history detail comes along
  const json cancelled = json::parse(events[2].payload).at("data");
  CHECK(cancelled.at("status") == "cancelled");
  CHECK(cancelled.at("reason") == "the candidate withdrew");
  CHECK(cancelled.at("sequence") == 2);
}

TEST_CASE("event writers: the history action vocabulary") {
  CHECK(lifecycle_events::TypeForHistoryAction("confirmed") == lifecycle_events::kInterviewConfirmed);
  CHECK(lifecycle_events::TypeForHistoryAction("failed") == lifecycle_events::kInterviewFailed);
  CHECK(lifecycle_events::TypeForHistoryAction("rescheduled") == lifecycle_events::kInterviewRescheduled);
  CHECK(lifecycle_events::TypeForHistoryAction("cancelled") == lifecycle_events::kInterviewCancelled);
  CHECK(lifecycle_events::TypeForHistoryAction("changed_externally") == lifecycle_events::kInterviewChangedExternally);
  CHECK_FALSE(lifecycle_events::TypeForHistoryAction("booked").has_value());
  CHECK_FALSE(lifecycle_events::TypeForHistoryAction("").has_value());
  CHECK(lifecycle_events::AllTypes().size() == 10);
  CHECK(lifecycle_events::TypeForHistoryAction("restored") == lifecycle_events::kInterviewRestored);
  CHECK(lifecycle_events::ParseWebhookId("evt_17") == 17);
  CHECK_FALSE(lifecycle_events::ParseWebhookId("evt_").has_value());
  CHECK_FALSE(lifecycle_events::ParseWebhookId("evt_0").has_value());
  CHECK_FALSE(lifecycle_events::ParseWebhookId("msg_17").has_value());
}

TEST_CASE("event writers: a proposal's pick and its expiry, each once") {
  World world;
  SqliteProposalStore proposals(*world.directory.database);
  Proposal picked;
  picked.id = "prp_picked";
  picked.tenant_id = "acme";
  picked.capability_hash = "hash-1";
  picked.booking_json = "{}";
  picked.options_json = "[]";
  picked.expires_at = kNow + 100;
  REQUIRE(proposals.Create(picked).ok());
  Proposal lapsing = picked;
  lapsing.id = "prp_lapsing";
  lapsing.capability_hash = "hash-2";
  REQUIRE(proposals.Create(lapsing).ok());

  CHECK(*proposals.MarkPicked("prp_picked", "int_1", kNow + 3600, kNow + 10));
  CHECK_FALSE(*proposals.MarkPicked("prp_picked", "int_2", kNow + 3600, kNow + 11));  // lost race: no event
  CHECK(*proposals.ReportExpired(kNow + 99) == 0);
  CHECK(*proposals.ReportExpired(kNow + 100) == 1);  // only the open one
  CHECK(*proposals.ReportExpired(kNow + 500) == 0);  // once

  const std::vector<LifecycleEvent> events = world.Events();
  REQUIRE(events.size() == 2);
  CHECK(events[0].type == "proposal.picked");
  CHECK(events[0].subject_id == "prp_picked");
  CHECK(json::parse(events[0].payload).at("data") ==
        json{{"proposal_id", "prp_picked"}, {"interview_id", "int_1"}, {"start", "2027-01-15T09:00:00Z"}});
  CHECK(events[1].type == "proposal.expired");
  CHECK(events[1].subject_id == "prp_lapsing");
  CHECK(json::parse(events[1].payload).at("data").at("expires_at") == "2027-01-15T08:01:40Z");
}

TEST_CASE("event writers: a connection that starts to need attention, once per change") {
  World world;
  ConnectionStore connections(*world.directory.database, *world.directory.vault);
  Connection connection;
  connection.tenant_id = "acme";
  connection.user_id = "lena";
  connection.provider = oauth::Provider::kGoogle;
  connection.account_email = "lena@acme.test";
  connection.access_token = "at";
  Result<Connection> stored = connections.Upsert(connection, kNow);
  REQUIRE(stored.ok());
  const std::string id = stored->id;
  REQUIRE(connections.MarkStatus(id, ConnectionStatus::kReauthNeeded, "sign in again", kNow + 1).ok());
  REQUIRE(connections.MarkStatus(id, ConnectionStatus::kReauthNeeded, "still", kNow + 2).ok());  // no change
  REQUIRE(connections.MarkStatus(id, ConnectionStatus::kActive, "", kNow + 3).ok());
  REQUIRE(connections.MarkStatus(id, ConnectionStatus::kConsentRequired, "ask the admin", kNow + 4).ok());

  const std::vector<LifecycleEvent> events = world.Events();
  REQUIRE(events.size() == 2);
  CHECK(events[0].type == "connection.needs_attention");
  CHECK(events[0].subject_id == id);
  CHECK(json::parse(events[0].payload).at("data") == json{{"connection_id", id},
                                                          {"user_id", "lena"},
                                                          {"provider", "google"},
                                                          {"status", "reauth_needed"},
                                                          {"message", "sign in again"}});
  CHECK(json::parse(events[1].payload).at("data").at("status") == "consent_required");
}
