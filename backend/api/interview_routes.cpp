// interview_routes.cpp — see interview_routes.h.
#include "api/interview_routes.h"

#include <httplib.h>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "api/interview_views.h"
#include "api/paging.h"
#include "api/request_body.h"
#include "auth/widget_tokens.h"
#include "booking/candidate_messages.h"
#include "runtime/scheduling_runtime.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise {

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;

void SendEngine(Res res, const EngineAnswer& answer) {
  res.status = HttpStatusFor(answer.status);
  res.set_content(answer.body, "application/json");
}

// A PATCH or DELETE body: the JSON object sent, or {} for none. DELETE may come without a Content-Type.
std::optional<nlohmann::json> OptionalJsonObject(Req req, Res res) {
  if (req.body.empty()) return nlohmann::json::object();
  nlohmann::json body = slotwise::ParseJson(req.body);
  if (body.is_discarded() || !body.is_object()) {
    SendError(res, codes::kInvalidJson, "the request body is not a JSON object");
    return std::nullopt;
  }
  return body;
}

// The RFC 3339 instant of query parameter `name`, nullopt when absent; false (and the error written) when malformed.
bool InstantParameter(Req req, Res res, const char* name, std::optional<Instant>& out) {
  const std::string text = req.get_param_value(name);
  if (text.empty()) return true;
  const CallerInstant instant = ParseCallerInstant(text);
  out = instant.instant;
  if (out) return true;
  const std::string message =
      instant.out_of_range ? OutOfRangeMessage(name) : std::string(name) + " must be an RFC 3339 UTC instant";
  SendError(res, Error{codes::kInvalidParameter, message, name});
  return false;
}

// An interview's paging key: "<start_at>:<id>" (its position in the list ordered by start time, then id).
std::string PositionKey(const Interview& interview) {
  return std::to_string(interview.spec.start) + ":" + interview.id;
}

std::optional<InterviewPosition> PositionOf(const std::string& key) {
  const std::size_t colon = key.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const std::optional<std::int64_t> start = ParseDecimal(key.substr(0, colon));
  if (!start || colon + 1 == key.size()) return std::nullopt;
  return InterviewPosition{*start, key.substr(colon + 1)};
}

std::string HistoryKey(std::size_t position) {
  std::string digits = std::to_string(position);
  return std::string(20 - digits.size(), '0') + digits;
}

}  // namespace

void AnswerTenantAvailability(SchedulingRuntime& runtime, ApiAuth& auth, const httplib::Request& req,
                              httplib::Response& res) {
  std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeAvailabilityRead);
  if (!caller || !RequireJsonContent(req, res)) return;
  Result<EngineAnswer> answer = runtime.availability().Answer(caller->tenant_id, req.body, auth.now());
  if (!answer) return SendError(res, answer.error());
  SendEngine(res, *answer);
}

void RegisterInterviewRoutes(httplib::Server& server, SchedulingRuntime& runtime, ApiAuth& auth, ZoneSource& zones) {
  BookingService& booking = runtime.booking();

  server.Post("/v1/availability/document", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeAvailabilityRead);
    if (!caller || !RequireJsonContent(req, res)) return;
    Result<std::variant<std::string, EngineAnswer>> document =
        runtime.availability().Document(caller->tenant_id, req.body, auth.now());
    if (!document) return SendError(res, document.error());
    if (const EngineAnswer* refused = std::get_if<EngineAnswer>(&*document)) return SendEngine(res, *refused);
    res.status = 200;
    res.set_content(std::get<std::string>(*document), "application/json");
  });

  server.Post("/v1/interviews", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller || !RequireJsonContent(req, res)) return;
    const nlohmann::json body = slotwise::ParseJson(req.body);
    if (body.is_discarded()) return SendError(res, codes::kInvalidJson, "the request body is not valid JSON");
    SendOutcome(res, booking.Book(caller->tenant_id, req.get_header_value("Idempotency-Key"), body));
  });

  server.Get("/v1/interviews", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    std::optional<Instant> from, to;
    if (!InstantParameter(req, res, "from", from) || !InstantParameter(req, res, "to", to)) return;
    Result<PageRequest> page = ReadPageRequest(req, "interviews", PageFilter(req, {"from", "to"}));
    if (!page) return SendError(res, page.error());
    std::optional<InterviewPosition> after;
    if (page->after && !(after = PositionOf(*page->after))) {
      return SendError(res, codes::kInvalidRequest, "cursor is not a cursor of this list", "cursor");
    }
    // One more than the page: whether it exists says whether a next page does.
    Result<std::vector<Interview>> interviews = booking.List(caller->tenant_id, from, to, page->limit + 1, after);
    if (!interviews) return SendError(res, interviews.error());
    const bool more = static_cast<int>(interviews->size()) > page->limit;
    if (more) interviews->pop_back();
    nlohmann::json list = nlohmann::json::array();
    for (const Interview& interview : *interviews) {
      Result<std::vector<BookedObject>> tracking = booking.Tracking(caller->tenant_id, interview.id);
      if (!tracking) return SendError(res, tracking.error());
      list.push_back(InterviewView(interview, &*tracking));
    }
    SendJson(res, 200, {{"interviews", list},
                        {"next_cursor", NextCursor(*page, more ? std::optional(PositionKey(interviews->back()))
                                                               : std::nullopt)}});
  });

  server.Get(R"(/v1/interviews/([A-Za-z0-9_]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Result<Interview> interview = booking.Get(caller->tenant_id, req.matches[1]);
    if (!interview) return SendError(res, interview.error());
    Result<std::vector<BookedObject>> tracking = booking.Tracking(caller->tenant_id, interview->id);
    if (!tracking) return SendError(res, tracking.error());
    SendJson(res, 200, InterviewView(*interview, &*tracking));
  });

  server.Patch(R"(/v1/interviews/([A-Za-z0-9_]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller || !RequireJsonContent(req, res)) return;
    const nlohmann::json patch = slotwise::ParseJson(req.body);
    if (patch.is_discarded()) return SendError(res, codes::kInvalidJson, "the request body is not valid JSON");
    SendOutcome(res, booking.Reschedule(caller->tenant_id, req.matches[1], req.get_header_value("Idempotency-Key"),
                                        patch));
  });

  server.Delete(R"(/v1/interviews/([A-Za-z0-9_]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller) return;
    std::optional<nlohmann::json> body = OptionalJsonObject(req, res);
    if (!body) return;
    SendOutcome(res, booking.Cancel(caller->tenant_id, req.matches[1], req.get_header_value("Idempotency-Key"), *body));
  });

  // Re-reads now what the providers hold for the interview (the recruiter's "check now"), then answers its view.
  server.Post(R"(/v1/interviews/([A-Za-z0-9_]+)/check)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Result<std::vector<BookedObject>> before = booking.Tracking(caller->tenant_id, req.matches[1]);
    if (!before) return SendError(res, before.error());
    runtime.booked_sync().Check(*before);
    // Read after the check: it may have flagged objects, and a flag can change nothing else of the interview.
    Result<Interview> interview = booking.Get(caller->tenant_id, req.matches[1]);
    if (!interview) return SendError(res, interview.error());
    Result<std::vector<BookedObject>> after = runtime.interviews().BookedObjectsOf(interview->id);
    if (!after) return SendError(res, after.error());
    SendJson(res, 200, InterviewView(*interview, &*after));
  });

  server.Post(R"(/v1/interviews/([A-Za-z0-9_]+)/external_change)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller || !RequireJsonContent(req, res)) return;
    const nlohmann::json body = slotwise::ParseJson(req.body);
    if (body.is_discarded()) return SendError(res, codes::kInvalidJson, "the request body is not valid JSON");
    SendOutcome(res, booking.ResolveExternalChange(caller->tenant_id, req.matches[1],
                                                   req.get_header_value("Idempotency-Key"), body));
  });

  server.Get(R"(/v1/interviews/([A-Za-z0-9_]+)/history)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Result<PageRequest> page = ReadPageRequest(req, "interview_history", req.matches[1]);
    if (!page) return SendError(res, page.error());
    Result<std::vector<HistoryEntry>> history = booking.History(caller->tenant_id, req.matches[1]);
    if (!history) return SendError(res, history.error());
    // History only grows, in order: an entry's position is its key (zero-padded so byte order is number order).
    std::vector<std::pair<std::string, HistoryEntry>> keyed;
    for (std::size_t i = 0; i < history->size(); ++i) keyed.emplace_back(HistoryKey(i), std::move((*history)[i]));
    Page<std::pair<std::string, HistoryEntry>> taken =
        TakePage(std::move(keyed), *page, [](const auto& entry) { return entry.first; });
    std::vector<HistoryEntry> entries;
    for (auto& [key, entry] : taken.items) entries.push_back(std::move(entry));
    nlohmann::json answer = HistoryView(entries);
    answer["next_cursor"] = taken.next_cursor;
    SendJson(res, 200, answer);
  });

  server.Get(R"(/v1/interviews/([A-Za-z0-9_]+)/candidate\.ics)", [&, zones_ptr = &zones](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsRead);
    if (!caller) return;
    Result<std::optional<Interview>> interview = runtime.interviews().GetInterview(caller->tenant_id, req.matches[1]);
    Result<std::optional<Tenant>> tenant = runtime.directory().GetTenant(caller->tenant_id);
    if (!interview || !tenant || !tenant->has_value()) return SendError(res, codes::kStorageError, "cannot read the interview");
    if (!interview->has_value()) return SendError(res, codes::kNotFound, "no interview " + std::string(req.matches[1]));
    const nlohmann::json artifacts = slotwise::ParseJson((*interview)->artifacts_json);
    const CandidateMessageContext context =
        CandidateContextFor(runtime.directory(), **tenant, **interview, artifacts, auth.now());
    Result<OutgoingMessage> message = ComposeCandidateMessage(CurrentMessageKind(**interview), context, *zones_ptr);
    if (!message) return SendError(res, message.error());
    res.set_content(message->ics, "text/calendar; charset=UTF-8; method=" + message->ics_method);
  });
}

}  // namespace slotwise
