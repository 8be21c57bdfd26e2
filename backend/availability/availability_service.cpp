// availability_service.cpp — see availability_service.h.
#include "availability/availability_service.h"

#include "slotwise/availability.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"
#include "slotwise/json_text.h"

namespace slotwise {

using nlohmann::json;

json WithTenantPolicies(json query, const json& policies) {
  if (!query.is_object() || !policies.is_object()) return query;
  for (const char* name : {"host_rules", "buffer", "start_interval", "minimum_notice"}) {
    auto policy = policies.find(name);
    if (policy != policies.end() && !query.contains(name)) query[name] = *policy;
  }
  return query;
}

namespace {

// The solve document's text for gathered calendars: keys in DumpJson's (sorted) order — calendars, now, query.
std::string SolveText(const GatheredCalendars& calendars, Instant now, const json& full_query) {
  std::string text = "{\"calendars\":";
  calendars.AppendJson(text);
  text += ",\"now\":\"";
  AppendRfc3339(text, now);
  text += "\",\"query\":";
  text += DumpJson(full_query);
  text += "}";
  return text;
}

}  // namespace

Result<AvailabilityService::Gathered> AvailabilityService::GatherFor(const std::string& tenant_id, const json& query,
                                                                     Instant now, const std::string& except_interview_id,
                                                                     std::int64_t max_age_seconds) {
  Result<std::shared_ptr<const TenantSnapshot>> snapshot = gatherer_.Snapshot(tenant_id);
  if (!snapshot) return snapshot.error();
  json full_query = WithTenantPolicies(query, snapshot.value()->policies);
  Result<GatheredCalendars> calendars =
      gatherer_.Collect(tenant_id, full_query, {now, max_age_seconds, except_interview_id});
  if (!calendars) return calendars.error();
  return Gathered{std::move(full_query), std::move(calendars).value()};
}

Result<std::string> AvailabilityService::BuildSolveText(const std::string& tenant_id, const json& query, Instant now,
                                                        const std::string& except_interview_id,
                                                        std::int64_t max_age_seconds) {
  Result<Gathered> gathered = GatherFor(tenant_id, query, now, except_interview_id, max_age_seconds);
  if (!gathered) return gathered.error();
  return SolveText(gathered->calendars, now, gathered->query);
}

EngineAnswer AvailabilityService::SolveGathered(const Gathered& gathered, Instant now) {
  // The fast path: the cached events go to the engine as values (no document text printed and parsed again). Loops
  // ("sequence") and anything AssembleProblem refuses take the text path, which words every error as the engine does.
  if (!gathered.query.contains("sequence")) {
    Result<std::vector<Calendar>> calendars = gathered.calendars.ToEngineCalendars(zones_);
    if (calendars) {
      Result<Problem> problem = AssembleProblem(now, std::move(calendars).value(), gathered.query, zones_);
      if (problem) return SolveProblem(*problem);
    }
  }
  return CallEngine("solve", SolveText(gathered.calendars, now, gathered.query), zones_);
}

Result<json> AvailabilityService::SolveDocument(const std::string& tenant_id, const json& query,
                                                const GatherRequest& request) {
  Result<std::shared_ptr<const TenantSnapshot>> snapshot = gatherer_.Snapshot(tenant_id);
  if (!snapshot) return snapshot.error();
  json full_query = WithTenantPolicies(query, snapshot.value()->policies);
  Result<json> calendars = gatherer_.Gather(tenant_id, full_query, request);
  if (!calendars) return calendars.error();
  json document = json::object();
  document["now"] = FormatRfc3339(request.now);
  document["query"] = std::move(full_query);
  document["calendars"] = std::move(calendars).value();
  return document;
}

Result<json> AvailabilityService::BuildSolveDocument(const std::string& tenant_id, const json& query, Instant now,
                                                     const std::string& except_interview_id,
                                                     std::int64_t max_age_seconds) {
  return SolveDocument(tenant_id, query, {now, max_age_seconds, except_interview_id});
}

Result<json> AvailabilityService::BuildValidationDocument(const std::string& tenant_id, const json& query,
                                                          const json& booking, Instant now,
                                                          const std::string& except_interview_id, bool fresh) {
  GatherRequest request{now, fresh ? 0 : options_.max_age_seconds, except_interview_id};
  request.unreadable_host_fails = true;  // a host that cannot be checked must not pass as free
  Result<json> document = SolveDocument(tenant_id, query, request);
  if (!document) return document.error();
  document.value()["booking"] = booking;
  return document;
}

namespace {

// A bare (2.) or wrapped (3.) query, taken apart; `inline_document` for shape 1.
struct TenantQuery {
  bool inline_document = false;
  json query;
  std::string except_interview_id;
};

Result<TenantQuery> ParseTenantQuery(std::string_view request_body) {
  if (const std::optional<std::size_t> deep = JsonNestingBeyond(request_body)) {
    return Error{codes::kInvalidJson, NestingTooDeepMessage(*deep), ""};
  }
  json body = slotwise::ParseJson(request_body);
  TenantQuery parsed;
  if (!body.is_object() || body.contains("calendars")) {
    parsed.inline_document = true;
    return parsed;
  }
  auto wrapped = body.find("query");
  if (wrapped == body.end()) {
    parsed.query = std::move(body);
    return parsed;
  }
  if (body.contains("now")) {
    return Error{codes::kInvalidQuery,
                 "\"now\" is the server's clock when the server gathers the calendars; send \"now\" only together "
                 "with inline \"calendars\"",
                 "now"};
  }
  if (auto except = body.find("except_interview_id"); except != body.end()) {
    if (!except->is_string()) {
      return Error{codes::kInvalidQuery, "except_interview_id must be a string (an interview id)", "except_interview_id"};
    }
    parsed.except_interview_id = except->get<std::string>();
  }
  parsed.query = std::move(*wrapped);
  return parsed;
}

// The document the engine is asked about when the query is not an object: the engine says what is wrong with it.
std::string QueryOnlyDocument(const json& query, Instant now) {
  return DumpJson({{"now", FormatRfc3339(now)}, {"query", query}, {"calendars", json::object()}});
}

}  // namespace

Result<EngineAnswer> AvailabilityService::Answer(const std::string& tenant_id, std::string_view request_body,
                                                 Instant now) {
  Result<TenantQuery> parsed = ParseTenantQuery(request_body);
  if (!parsed) return parsed.error();
  if (parsed->inline_document) return CallEngine("solve", request_body, zones_);  // inline, exactly as before
  if (!parsed->query.is_object()) return CallEngine("solve", QueryOnlyDocument(parsed->query, now), zones_);
  Result<Gathered> gathered =
      GatherFor(tenant_id, parsed->query, now, parsed->except_interview_id, options_.max_age_seconds);
  if (!gathered) return gathered.error();
  return SolveGathered(*gathered, now);
}

Result<std::variant<std::string, EngineAnswer>> AvailabilityService::Document(const std::string& tenant_id,
                                                                              std::string_view request_body,
                                                                              Instant now) {
  Result<TenantQuery> parsed = ParseTenantQuery(request_body);
  if (!parsed) return parsed.error();
  if (parsed->inline_document) {
    return Error{codes::kInvalidQuery,
                 "send a bare query (or {\"query\": …}); a document with \"calendars\" is already complete",
                 "calendars"};
  }
  if (!parsed->query.is_object()) {
    return std::variant<std::string, EngineAnswer>(CallEngine("solve", QueryOnlyDocument(parsed->query, now), zones_));
  }
  Result<std::string> document =
      BuildSolveText(tenant_id, parsed->query, now, parsed->except_interview_id, options_.max_age_seconds);
  if (!document) return document.error();
  return std::variant<std::string, EngineAnswer>(std::move(document).value());
}

}  // namespace slotwise
