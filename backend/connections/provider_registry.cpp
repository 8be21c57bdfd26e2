// provider_registry.cpp — see provider_registry.h.
#include "connections/provider_registry.h"

namespace slotwise {

void ProviderRegistry::Configure(oauth::Provider provider, oauth::ProviderEndpoints endpoints, std::string client_id,
                                 std::string client_secret, std::vector<std::string> scopes, bool scopes_configured) {
  if (scopes_configured) {
    configured_scopes_.insert(provider);
  } else {
    configured_scopes_.erase(provider);
  }
  oauth::ClientRegistration registration;
  registration.provider = provider;
  registration.endpoints = std::move(endpoints);
  registration.client_id = std::move(client_id);
  registration.client_secret = std::move(client_secret);
  registration.redirect_uri = RedirectUri(provider);
  registration.scopes = std::move(scopes);
  clients_[provider] = std::make_unique<oauth::OAuthClient>(std::move(registration), transport_);
}

const oauth::OAuthClient* ProviderRegistry::Client(oauth::Provider provider) const {
  auto it = clients_.find(provider);
  return it == clients_.end() ? nullptr : it->second.get();
}

std::optional<std::string> ProviderRegistry::ApiBase(oauth::Provider provider) const {
  const oauth::OAuthClient* client = Client(provider);
  if (!client) return std::nullopt;
  return client->registration().endpoints.api_base;
}

std::optional<std::string> ProviderRegistry::DirectoryApiBase(oauth::Provider provider) const {
  const oauth::OAuthClient* client = Client(provider);
  if (!client || client->registration().endpoints.directory_api_base.empty()) return std::nullopt;
  return client->registration().endpoints.directory_api_base;
}

std::string ProviderRegistry::RedirectUri(oauth::Provider provider) const {
  return public_base_url_ + "/oauth/" + std::string(oauth::ProviderName(provider)) + "/callback";
}

std::vector<std::string> ProviderRegistry::DefaultScopes(oauth::Provider provider) {
  switch (provider) {
    case oauth::Provider::kGoogle:
      return {"openid", "email", "https://www.googleapis.com/auth/calendar.events",
              "https://www.googleapis.com/auth/calendar.freebusy"};
    case oauth::Provider::kMicrosoft:
      return {"openid", "email", "User.Read", "Calendars.ReadWrite", "OnlineMeetings.ReadWrite", "Place.Read.All"};
    case oauth::Provider::kZoom:
      return {"meeting:write", "meeting:read", "user:read"};
    case oauth::Provider::kGoTo:
      return {"collab:"};
  }
  return {};
}

std::vector<std::string> ProviderRegistry::ScopesFor(oauth::Provider provider, ConnectPurpose purpose) const {
  const oauth::OAuthClient* client = Client(provider);
  if (configured_scopes_.count(provider) && client != nullptr) return client->registration().scopes;
  if (provider != oauth::Provider::kMicrosoft) return DefaultScopes(provider);
  if (purpose == ConnectPurpose::kHrPosting) {
    // The Graph calls of the HR daily post (hr/channel_poster.h) and nothing else: list the user's teams and their
    // channels (the mapping's picker, GET /v1/hr/teams), read the mapped channel (membership type), list its newest
    // messages (finding a post that may already have gone out), post the card.
    // ChannelMessage.Read.All needs an administrator's consent once per organisation.
    return {"openid", "email", "Team.ReadBasic.All", "Channel.ReadBasic.All", "ChannelMessage.Read.All",
            "ChannelMessage.Send"};
  }
  // Every purpose is the full set less what it does not need: no rooms for kCalendar and kMeetings. kMeetings keeps
  // Calendars.ReadWrite: Slotwise makes a Teams meeting as an event with a Teams link (POST /me/events with
  // isOnlineMeeting), which Graph allows only with that permission.
  std::vector<std::string> scopes = DefaultScopes(provider);
  if (purpose != ConnectPurpose::kCalendarRooms) std::erase(scopes, "Place.Read.All");
  return scopes;
}

std::vector<std::string> ProviderRegistry::OrganisationScopes(oauth::Provider provider) {
  if (provider == oauth::Provider::kGoogle) return {"https://www.googleapis.com/auth/calendar"};
  return {};
}

}  // namespace slotwise
