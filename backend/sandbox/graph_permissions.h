// graph_permissions.h — the Microsoft Graph permissions each Graph route of the sandbox requires (internal), and the
// permissions the sandbox grants when nobody names them.
//
// Contract:
// - A route's rule lists every permission Graph accepts for it, per permission type: delegated tokens are checked
//   against their delegated permissions (`scp`, AccessToken::scopes), app-only tokens against their application
//   permissions (`roles`, AccessToken::roles). Any one of the accepted set suffices; the sets include the higher
//   permissions that cover the least one (Calendars.ReadWrite covers Calendars.Read), as Graph's reference lists them.
// - RequireGraphPermission answers Graph's 403 for the route's family and returns false when the token has none:
//   Outlook resources (calendars, mailbox settings, places, event subscriptions) {"code":"ErrorAccessDenied"},
//   directory resources (users, organization) {"code":"Authorization_RequestDenied"}, Teams resources
//   {"code":"Forbidden","message":"Missing scope permissions on the request. API requires one of '…'. Scopes on the
//   request '…'"}. Requires SandboxCore::mutex held (it reads the clock).
// - The rules and their sources are listed in docs/SANDBOX.md ("Graph permissions per route").
#pragma once

#include <set>
#include <string>
#include <vector>

#include <httplib.h>

#include "sandbox/sandbox_state.h"

namespace slotwise::sandbox {

enum class GraphFamily { kOutlook, kDirectory, kTeams };

struct GraphRule {
  std::vector<std::string> delegated;    // accepted delegated permissions (empty: delegated tokens never pass)
  std::vector<std::string> application;  // accepted application permissions (empty: app-only tokens never pass)
  GraphFamily family = GraphFamily::kOutlook;
};

// The rules, one per kind of call (docs/SANDBOX.md lists which route uses which).
namespace graph_rules {
extern const GraphRule kCalendarRead;        // getSchedule, events list/get, calendarView (and its delta)
extern const GraphRule kCalendarWrite;       // events create/update/delete
extern const GraphRule kEventSubscription;   // POST/DELETE /subscriptions on users/{id}/events
extern const GraphRule kMailboxSettingsRead; // GET /users/{id}/mailboxSettings
extern const GraphRule kPlacesRead;          // GET /places/microsoft.graph.room|roomlist
extern const GraphRule kUsersList;           // GET /users
extern const GraphRule kUserSelf;            // GET /me, GET /users/{own id}
extern const GraphRule kUserOther;           // GET /users/{someone else}
extern const GraphRule kOrganizationRead;    // GET /organization
extern const GraphRule kChannelRead;         // GET /teams/{t}/channels, GET /teams/{t}/channels/{c}
extern const GraphRule kJoinedTeams;         // GET /me/joinedTeams
extern const GraphRule kChannelMessagesRead; // GET /teams/{t}/channels/{c}/messages
extern const GraphRule kChannelMessageSend;  // POST /teams/{t}/channels/{c}/messages
}  // namespace graph_rules

bool HasGraphPermission(const AccessToken& token, const GraphRule& rule);
bool RequireGraphPermission(SandboxCore& core, const AccessToken& token, const GraphRule& rule, httplib::Response& res);

// The delegated scopes a token gets when it is minted without naming any (Sandbox::MintTokens, POST /sandbox/tokens):
// every permission a sandbox route accepts for that provider, so such a token passes every route.
std::string DefaultMintScopes(const std::string& provider);
// The application permissions a tenant's administrator consented to unless its seed says otherwise
// (`app_roles`): the ones Slotwise's organisation access uses (docs/PROVIDER_SETUP.md, section 3.2).
std::set<std::string> DefaultAppRoles();

}  // namespace slotwise::sandbox
