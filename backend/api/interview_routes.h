// interview_routes.h — the REST routes of availability and interviews (docs/API_BACKEND.md):
//   POST   /v1/availability/document          availability:read   — the solve document, for solving in the widget
//   POST   /v1/interviews                     interviews:write    — book (Idempotency-Key required)
//   GET    /v1/interviews?from&to&limit&cursor interviews:read — paged (api/paging.h), by start time then id
//   GET    /v1/interviews/{id}                interviews:read
//   PATCH  /v1/interviews/{id}                interviews:write    — reschedule / change attendees or room
//   DELETE /v1/interviews/{id}                interviews:write    — cancel
//   POST   /v1/interviews/{id}/external_change interviews:write  — accept or undo a change made outside Slotwise
//   POST   /v1/interviews/{id}/check          interviews:read     — re-read what the providers hold for it now
//   GET    /v1/interviews/{id}/history        interviews:read     — paged, oldest first
//   GET    /v1/interviews/{id}/candidate.ics  interviews:read     — the candidate's current invitation
// Every route authenticates through ApiAuth and answers errors with the docs/ENGINE.md error object.
#pragma once

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace slotwise {

class ApiAuth;
class SchedulingRuntime;
class ZoneSource;

// POST /v1/availability for an authenticated tenant caller (scope availability:read): inline calendars or a bare
// query (availability_service.h). http_server.cpp routes here when the request carries Authorization.
void AnswerTenantAvailability(SchedulingRuntime& runtime, ApiAuth& auth, const httplib::Request& req,
                              httplib::Response& res);

void RegisterInterviewRoutes(httplib::Server& server, SchedulingRuntime& runtime, ApiAuth& auth, ZoneSource& zones);

}  // namespace slotwise
