// webhook_routes.h — HTTP routes where providers deliver change notifications, and the read of tracked events:
//   POST /webhooks/google     Google push channel notifications (X-Goog-* headers, empty body)
//                             200 sync / change queued / duplicate; 404 unknown or expired channel; 401 wrong token
//                             or resource; 400 malformed headers
//   POST /webhooks/microsoft  ?validationToken=… → 200 text/plain echo (subscription handshake);
//                             otherwise {value:[…]} → 202 (accepted items queued, duplicates dropped); 401 when every
//                             item failed its clientState; 400 malformed; 413 too large
//   POST /webhooks/zoom       x-zm-signature over the raw body; endpoint.url_validation → 200 {plainToken,
//                             encryptedToken}; meeting.* → 200 and a sync of the tracked meeting; bad, missing or
//                             stale signature → 401; a replayed delivery → 200, nothing done; no secret set → 503
// (The read of a connection's tracked events is a connection route: connection_routes.h.)
//
// Contract: handlers do no provider I/O (verification is local, syncs run on the hub's worker) so they answer within
// the providers' deadlines (Graph 3 s / 10 s, Zoom 3 s). Errors use docs/ENGINE.md's error object. Thread-safe.
#pragma once

namespace httplib {
class Server;
}

namespace slotwise {

class ChangeNotifications;

void RegisterWebhookRoutes(httplib::Server& server, ChangeNotifications& hub);

}  // namespace slotwise
