// message_routes.cpp — see message_routes.h.
#include "api/message_routes.h"

#include <httplib.h>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "api/onboarding_routes.h"
#include "api/request_body.h"
#include "auth/widget_tokens.h"
#include "messages/messages_service.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "store/directory_store.h"

namespace slotwise {

namespace {

// The link's flow for a colleague asked to connect `provider` ("zoom" | "teams" | "goto"): a meetings connection.
std::optional<oauth::Provider> LinkProvider(const std::string& provider) {
  if (provider == "zoom") return oauth::Provider::kZoom;
  if (provider == "goto") return oauth::Provider::kGoTo;
  if (provider == "teams") return oauth::Provider::kMicrosoft;
  return std::nullopt;
}

}  // namespace

void RegisterMessageRoutes(httplib::Server& server, MessagesService& messages, ApiAuth& auth, std::string public_url,
                           ConnectTickets* tickets, DirectoryStore& directory) {
  server.Post("/v1/messages", [&messages, &auth, &directory, tickets, public_url](const httplib::Request& req,
                                                                                  httplib::Response& res) {
    std::optional<RequestContext> caller = auth.ForTenant(req, res, auth::kScopeInterviewsWrite);
    if (!caller) return;
    std::optional<nlohmann::json> body = JsonObjectBody(req, res);
    if (!body) return;
    MessagesService::ConnectUrlFor connect_url_for;
    if (tickets) {
      connect_url_for = [&, tenant = caller->tenant_id](const std::string& email,
                                                         const std::string& provider) -> Result<std::string> {
        const std::optional<oauth::Provider> link_provider = LinkProvider(provider);
        if (!link_provider) return Error{codes::kInvalidRequest, "provider must be zoom, teams or goto", "provider"};
        Result<std::optional<Person>> person = directory.GetPerson(tenant, AsciiLower(email));
        if (!person) return person.error();
        if (!person->has_value()) {
          return Error{codes::kUnknownParticipant,
                       email + " is not a person of this tenant: a connect link is made only for the tenant's people "
                               "(PUT /v1/people/{email}), or give connect_url in the variables",
                       "email"};
        }
        Result<ConnectLink> link = MakeConnectLink(
            *tickets, public_url, ConnectTicket{tenant, (*person)->email, *link_provider, "", 0, ConnectPurpose::kMeetings});
        if (!link) return link.error();
        return link->url;
      };
    }
    Result<Composition> composed = messages.Compose(caller->tenant_id, *body, public_url, connect_url_for);
    if (!composed) return SendError(res, composed.error());
    nlohmann::json list = nlohmann::json::array();
    for (const ComposedMessage& m : composed->messages) {
      list.push_back({{"to", {{"email", m.to_email}, {"name", m.to_name}}},
                      {"subject", m.subject},
                      {"body", m.body},
                      {"unresolved", m.unresolved}});
    }
    if (!composed->sent) return SendJson(res, 200, {{"messages", list}});
    SendJson(res, 202, {{"messages", list}, {"queued", composed->queued}});
  });
}

}  // namespace slotwise
