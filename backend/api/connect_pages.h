// connect_pages.h — the HTML pages of the connect flows, rendered by the server (no script of ours runs on them but
// the callback's one postMessage line):
//   ConnectLinkPage         GET /connect?link=…: whom and what a connect link connects, and the one button that
//                           starts it (the link a colleague e-mail or an administrator hands out)
//   CallbackPage            /oauth/{provider}/callback: the connected account and its function check in words, or
//                           what went wrong; reports to the opener (the popup flow) when the flow has a return origin
//   OrganisationConsentPage the end of a Microsoft 365 administrator's consent round trip
//
// Contract: every value from a request, a provider or the store is HTML-escaped; the callback's JSON payload has "<"
// escaped so it cannot close its script. Each page marks its outcome on `#outcome` (data-status "connected" |
// "failed" | "ready", data-code = the error code) for tests and for the pages that open them. No page ever contains a
// token, a ticket other than the link's own start URL, or a secret.
#pragma once

#include <string>

#include "connections/connect_flow.h"
#include "connections/connect_tickets.h"
#include "connections/org_connections.h"
#include "slotwise/result.h"

namespace slotwise {

// What the person sees for the link `ticket`: the flow it names (`flow`) with a button to `start_url`, or why it
// cannot be used (`flow` is an error).
std::string ConnectLinkPage(const Result<ConnectTicket>& flow, const std::string& start_url);

// The popup's (or a link's) last page; posts the outcome to `outcome.return_origin` when it is not "".
std::string CallbackPage(const ConnectOutcome& outcome, oauth::Provider provider);

// The page after a Microsoft 365 administrator's consent round trip.
std::string OrganisationConsentPage(const Result<OrgConnection>& connected);

// "Zoom", "Google Calendar", "Microsoft 365 calendar", "Microsoft Teams" …: what the person connects, in words.
std::string ConnectedServiceName(oauth::Provider provider, ConnectPurpose purpose);

}  // namespace slotwise
