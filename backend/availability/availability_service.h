// availability_service.h — POST /v1/availability for a tenant: inline calendars go straight to the engine, a bare
// query gets its calendars gathered (calendar_gatherer.h) and the tenant's policies, then the engine solves.
//
// Request shapes accepted by Answer (the body text):
//   1. Inline: a JSON object with "calendars" — docs/ENGINE.md's {"now", "query", "calendars"}. Passed to
//      CallEngine("solve") byte for byte, exactly as POST /v1/availability always did (also for text that is not
//      JSON, so invalid_json answers are unchanged).
// 2. Wrapped bare query: {"query": {…docs/ENGINE.md query…}, "except_interview_id"?: "…"} without "calendars". "now" is
//      the server's clock here; a "now" member is refused (invalid_query, field "now") rather than ignored.
//   3. Bare query: the docs/ENGINE.md query object itself (no "query" and no "calendars" member), e.g.
//      {"participants": […], "required_duration": {…}, "query_periods": […], …}.
// For 2 and 3 the engine document is {"now": <clock>, "query": <query + tenant policies>, "calendars": <gathered>}.
// Tenant policies (Tenant::policies_json) fill "host_rules", "buffer" and "start_interval" when the query has none
// of its own (a member the query sets always wins).
//
// Answers are values: the engine's own answer (EngineAnswer — a solution, or the engine's refusal of the query, in the
// engine's words) or an Error of the tenant side (unknown tenant, a calendar that cannot be read, a connection an
// administrator must fix…). api/ turns both into HTTP (HttpStatusFor, at the HTTP edge).
//
// Thread-safe (the gatherer and the ZoneSource must be thread-safe, e.g. ZoneinfoDirectory).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "availability/calendar_gatherer.h"
#include "slotwise/engine_api.h"
#include "slotwise/result.h"
#include "slotwise/time.h"
#include "slotwise/time_zone.h"

namespace slotwise {

struct AvailabilityOptions {
  std::int64_t max_age_seconds = 120;  // how old cached provider free/busy may be for a solve (0 = always fetch)
};

class AvailabilityService {
 public:
  AvailabilityService(CalendarGatherer& gatherer, ZoneSource& zones, AvailabilityOptions options = {})
      : gatherer_(gatherer), zones_(zones), options_(options) {}

  // Answers one POST /v1/availability body for `tenant_id` at `now` (see the request shapes above).
  Result<EngineAnswer> Answer(const std::string& tenant_id, std::string_view request_body, Instant now);

  // POST /v1/availability/document: for a bare or wrapped query (shapes 2 and 3), the solve document the server would
  // answer from — {"calendars", "now", "query"}, compact JSON text — so a client (the widget) can solve locally and
  // re-solve on every change with the same engine. An inline document (shape 1) is refused (invalid_query, field
  // "calendars"); a query that is not an object gets the engine's own answer (its refusal) instead of a document.
  Result<std::variant<std::string, EngineAnswer>> Document(const std::string& tenant_id,
                                                            std::string_view request_body, Instant now);

  // The "solve" document for a bare query: {"now", "query" (with the tenant's policies), "calendars"}.
  Result<nlohmann::json> BuildSolveDocument(const std::string& tenant_id, const nlohmann::json& query, Instant now,
                                            const std::string& except_interview_id, std::int64_t max_age_seconds);

  // BuildSolveDocument as compact JSON text (DumpJson of it), rendered without building a JSON tree: the fast path.
  Result<std::string> BuildSolveText(const std::string& tenant_id, const nlohmann::json& query, Instant now,
                                     const std::string& except_interview_id, std::int64_t max_age_seconds);

  // The "validate" document for the booking code (which calls CallEngine("validate") itself): the solve document
  // plus "booking". `fresh` (the default) reads every calendar from its provider now (max age 0) and refreshes the
  // cache; otherwise the service's max age applies. `except_interview_id` leaves that interview's holds out. A host
  // account whose meetings cannot be read is an error here ("calendar_unavailable", retryable, or the connection's
  // code), never unknown: a booking must not pass a host that could not be checked (calendar_gatherer.h).
  Result<nlohmann::json> BuildValidationDocument(const std::string& tenant_id, const nlohmann::json& query,
                                                 const nlohmann::json& booking, Instant now,
                                                 const std::string& except_interview_id, bool fresh = true);

  CalendarGatherer& gatherer() { return gatherer_; }

 private:
  struct Gathered {
    nlohmann::json query;  // with the tenant's policies
    GatheredCalendars calendars;
  };
  Result<nlohmann::json> SolveDocument(const std::string& tenant_id, const nlohmann::json& query,
                                       const GatherRequest& request);
  Result<Gathered> GatherFor(const std::string& tenant_id, const nlohmann::json& query, Instant now,
                             const std::string& except_interview_id, std::int64_t max_age_seconds);
  // The engine's answer for gathered calendars: solved from values when it can, else from the document's text —
  // the same bytes either way (tests/availability/availability_service_test.cpp).
  EngineAnswer SolveGathered(const Gathered& gathered, Instant now);

  CalendarGatherer& gatherer_;
  ZoneSource& zones_;
  AvailabilityOptions options_;
};

// `query` with the tenant's policies filled in where the query has none (host_rules, buffer, start_interval,
// minimum_notice).
nlohmann::json WithTenantPolicies(nlohmann::json query, const nlohmann::json& policies);

}  // namespace slotwise
