// hr_routes.h — the HR REST API (docs/HR.md; backend/hr/): HR data import, reads through attribute-limited HR
// credentials, Teams channel mappings, and the endpoint Teams posts absence requests to.
//
//   tenant API key (Authorization: Bearer swk_…):
//     POST   /v1/hr/credentials                {label?, attributes:[…|"microsoft_teams"]} → 201, credential shown once
//     GET    /v1/hr/credentials                DELETE /v1/hr/credentials/{id} (revoke)
//     PUT    /v1/hr/employees                  {employees:[…]}  ≤ 5,000, all or nothing (upsert by id)
//     PUT    /v1/hr/absences                   {absences:[…]}   ≤ 10,000, all or nothing (upsert by id)
//     PUT    /v1/hr/org_units                  {org_units:[…]}  ≤ 2,000, all or nothing (upsert by kind + name)
//     PUT    /v1/hr/teams_webhook              {security_token}: the Teams outgoing webhook's HMAC token
//     PUT    /v1/hr/absence_types              {absence_types:[{id, names:{en, de?, nl?, ja?}}]} ≤ 50, replaces the
//                                              tenant's own types ([] = back to the built-in set); GET lists them
//                                              ({absence_types, source: "tenant" | "built_in"})
//     GET    /v1/hr/channel_mappings/{id}      PATCH /v1/hr/channel_mappings/{id}
//   tenant API key, or a widget token with organisation:manage (the administrator's page, web/admin; the tenant is
//   the token's — a token without the scope: 403 forbidden):
//     POST   /v1/hr/channel_mappings           GET /v1/hr/channel_mappings          DELETE /v1/hr/channel_mappings/{id}
//       (a graph_channel target's connection_id must be a Microsoft connection of the tenant: 422 naming it)
//     GET    /v1/hr/teams?connection_id=       the teams and channels that connection's user can post to (Graph)
//     GET    /v1/hr/connections                the tenant's Microsoft connections granted ChannelMessage.Send (made
//                                              for hr_posting): {connections:[{id, user, account_email, status,
//                                              status_message?}]}, by id
//   tenant API key (everything) or HR credential (Authorization: Bearer swhr_…; only its attributes):
//     GET    /v1/hr/employees                  GET /v1/hr/employees/{id}          PATCH /v1/hr/employees/{id}
//     GET    /v1/hr/absences?from&to&employee_id   (attribute "absences")
//     GET    /v1/hr/org_units                  (kinds office/department/team by attribute; also the organisation:manage
//                                              widget token, which sees every kind)
//   Microsoft Teams (Authorization: HMAC …, hr/teams_signature.h):
//     POST   /v1/hr/teams/{tenant_id}/absence_requests
// Every GET of a list is paged (limit, cursor → next_cursor; api/paging.h): credentials by id, employees by id,
// absences by id (the cursor bound to from, to and employee_id), org units by kind then name, mappings by id.
// Errors are docs/ENGINE.md's error object: 400 invalid_json, 401 unauthorized / invalid_credential / *_signature /
// stale_request, 403 forbidden / attribute_not_allowed (field = the attribute), 404 not_found, 413 too_many_items,
// 415 unsupported_media_type, 422 invalid_request (field) / unknown_unit / private_channel / unknown_channel,
// 502 provider_error. A refused write changes nothing.
#pragma once

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;
class ConnectionStore;
namespace hr {
class HrRuntime;
}

// Registers every route above. `runtime`, `auth` and `connections` must outlive `server`'s use of them;
// `connections` null: GET /v1/hr/connections lists none.
void RegisterHrRoutes(httplib::Server& server, hr::HrRuntime& runtime, ApiAuth& auth,
                      ConnectionStore* connections = nullptr);

}  // namespace slotwise
