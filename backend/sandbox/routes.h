// routes.h — the route groups the Sandbox mounts (internal), one file each, and the Bearer-token resolution they share.
//
// Contract: every Mount* registers routes through AddRoute (exception guard + request log). Handlers lock
// SandboxCore::mutex themselves.
#pragma once

#include <optional>
#include <string>

#include <httplib.h>

#include "sandbox/sandbox_state.h"

namespace slotwise::sandbox {

void MountOAuthPages(httplib::Server& server, SandboxCore& core);    // oauth_pages.cpp: authorize, consent
void MountOAuthTokens(httplib::Server& server, SandboxCore& core);   // oauth_tokens.cpp: token endpoints
void MountGoogleRoutes(httplib::Server& server, SandboxCore& core);  // google_routes.cpp
void MountGoogleDirectoryRoutes(httplib::Server& server, SandboxCore& core);  // google_directory_routes.cpp: Admin SDK rooms
void MountMicrosoftRoutes(httplib::Server& server, SandboxCore& core);  // microsoft_routes.cpp: Graph calendars
void MountTeamsRoutes(httplib::Server& server, SandboxCore& core);   // teams_routes.cpp: Teams + webhooks
void MountBotConnectorRoutes(httplib::Server& server, SandboxCore& core);  // bot_connector_routes.cpp: Bot Framework
void MountZoomRoutes(httplib::Server& server, SandboxCore& core);    // zoom_routes.cpp
void MountGoToRoutes(httplib::Server& server, SandboxCore& core);    // goto_routes.cpp
void MountAdminRoutes(httplib::Server& server, SandboxCore& core);   // admin_routes.cpp: /sandbox/…
void InstallFaultHook(httplib::Server& server, SandboxCore& core);   // faults.cpp: pre-routing faults and delays
void MountSubscriptionRoutes(httplib::Server& server, SandboxCore& core);  // notifications.cpp: Graph subscriptions

// The live access token sent as "Authorization: Bearer …" for `provider`, or nullopt (missing, unknown, expired, or
// of another provider). Requires the mutex held.
std::optional<AccessToken> ResolveBearer(SandboxCore& core, const httplib::Request& req, const std::string& provider);

// Notifications (notifications.cpp). Require the mutex held; delivery happens on the notifier thread.
void NotifyGoogleChannels(SandboxCore& core, const std::string& calendar);
void NotifyGraphSubscriptions(SandboxCore& core, const CalendarEvent& event, const std::string& change_type);
// Removes subscription `id` as Graph may on its own and sends "subscriptionRemoved" to its lifecycle URL; false when
// unknown. The caller holds core.mutex.
bool DropGraphSubscription(SandboxCore& core, const std::string& id);

}  // namespace slotwise::sandbox
