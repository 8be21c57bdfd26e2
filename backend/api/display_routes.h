// display_routes.h — room displays (displays/display_service.h, docs/ROOM_DISPLAYS.md):
//   POST   /v1/rooms/{email}/displays            API key  — {"locale"?, "time_zone"?} → 201 {display, pairing_code,
//                                                            pairing_code_expires_at}; the code is shown only here
//   GET    /v1/rooms/{email}/displays            API key  — {"displays": [...]} (never codes or tokens)
//   DELETE /v1/rooms/{email}/displays/{id}       API key  — 204; the display's token is refused from now on
//   POST   /v1/room-display/pair                 none     — {"code"} → 200 {"token": "swd_…", display}; the code is
//                                                            spent; a used/expired/unknown code is 401 unauthorized
//   GET    /v1/room-display                      Authorization: Bearer swd_… — the room's feed (its JSON in the doc)
// The device routes take no other credential, answer with Cache-Control: no-store, and are served to the room-display
// page of the same origin (no CORS). A refused device token is 401 with nothing about the room. Requests without a
// verified API credential are limited per client address (api/rate_limits.h), pairing attempts included.
#pragma once

namespace httplib {
class Server;
}

namespace slotwise {

class ApiAuth;

namespace displays {
class DisplayService;
}

void RegisterDisplayRoutes(httplib::Server& server, displays::DisplayService& displays, ApiAuth& auth);

}  // namespace slotwise
