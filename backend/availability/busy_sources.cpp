// busy_sources.cpp — see busy_sources.h.
#include "availability/busy_sources.h"

#include <algorithm>

#include "connections/connection_store.h"
#include "connections/org_access_registry.h"
#include "connections/token_manager.h"
#include "providers/google_calendar.h"
#include "providers/microsoft_graph_calendar.h"
#include "slotwise/error_codes.h"

namespace slotwise {

Result<std::vector<CalendarBusy>> AdapterBusySource::FetchBusy(const std::vector<std::string>& calendar_ids,
                                                               Interval window) {
  if (calendar_ids.empty()) return std::vector<CalendarBusy>{};
  return adapter_->FreeBusy(calendar_ids, window, "UTC");
}

namespace {

std::shared_ptr<providers::ConcurrencyLimiter> GraphLimiter(std::shared_ptr<providers::ConcurrencyLimiter> given) {
  return given ? std::move(given)
               : std::make_shared<providers::ConcurrencyLimiter>(providers::kGraphConcurrentRequestsPerMailbox);
}

// The source over `tokens` for `provider` ("google" with `google_api_base`, "microsoft" with `microsoft_api_base` and
// `mailbox` as Graph's default mailbox); the caller has checked that the base is set.
std::shared_ptr<BusySource> AdapterSource(std::string_view provider, std::unique_ptr<providers::AccessTokenSource> tokens,
                                          const std::string& mailbox, net::HttpTransport& transport,
                                          const OrgBusySourceOptions& options) {
  if (provider == "google") {
    providers::GoogleCalendarOptions google;
    google.parallel_calls = options.parallel_calls;
    auto adapter = std::make_unique<providers::GoogleCalendar>(transport, *tokens, *options.google_api_base,
                                                               options.retry, options.hooks, google);
    return std::make_shared<AdapterBusySource>(std::move(tokens), std::move(adapter));
  }
  providers::MicrosoftGraphOptions graph;
  graph.default_mailbox = mailbox;
  graph.limiter = options.graph_limiter;
  graph.zones = options.zones;
  graph.parallel_calls = options.parallel_calls;
  auto adapter = std::make_unique<providers::MicrosoftGraphCalendar>(transport, *tokens, *options.microsoft_api_base,
                                                                     options.retry, options.hooks, graph);
  return std::make_shared<AdapterBusySource>(std::move(tokens), std::move(adapter));
}

const std::optional<std::string>& ApiBase(std::string_view provider, const OrgBusySourceOptions& options) {
  return provider == "google" ? options.google_api_base : options.microsoft_api_base;
}

std::string_view ProviderTitle(std::string_view provider) {
  return provider == "google" ? "Google Calendar" : "Microsoft 365";
}

Error NoCalendarProvider(const std::string& tenant_id) {
  return Error{codes::kProviderNotConfigured,
               "tenant " + tenant_id +
                   " has no calendar provider for this calendar: set the tenant's (or the "
                   "person's / room's) calendar_provider to \"google\" or \"microsoft\"",
               ""};
}

}  // namespace

OrgBusySourceFactory::OrgBusySourceFactory(OrgAccessRegistry& access, net::HttpTransport& transport,
                                           OrgBusySourceOptions options)
    : access_(access), transport_(transport), options_(std::move(options)) {
  options_.graph_limiter = GraphLimiter(std::move(options_.graph_limiter));
}

Result<std::shared_ptr<BusySource>> OrgBusySourceFactory::SourceFor(const std::string& tenant_id,
                                                                    std::string_view provider,
                                                                    const std::vector<std::string>& acting) {
  if (provider != "google" && provider != "microsoft") return NoCalendarProvider(tenant_id);
  Result<std::shared_ptr<OrgAccess>> tenant_access = access_.For(tenant_id);
  if (!tenant_access) return tenant_access.error();
  OrgAccess& access = **tenant_access;
  const std::string act_as = acting.empty() ? std::string() : acting.front();
  const bool google = provider == "google";
  if (!ApiBase(provider, options_) ||
      !access.configured(google ? oauth::Provider::kGoogle : oauth::Provider::kMicrosoft)) {
    return Error{codes::kProviderNotConfigured,
                 google ? "tenant " + tenant_id +
                              " reads Google calendars, but has no Google Workspace organisation access: its "
                              "administrator connects the organisation (PUT /v1/organisation/google)"
                        : "tenant " + tenant_id +
                              " reads Microsoft 365 calendars, but has no Microsoft 365 organisation access: its "
                              "administrator connects the organisation (POST /v1/organisation/microsoft/consent)",
                 ""};
  }
  Result<std::unique_ptr<providers::AccessTokenSource>> held =
      google ? access_.GoogleAs(tenant_id, act_as) : access_.MicrosoftAppOnly(tenant_id, act_as);
  if (!held) return held.error();
  // App-only has no "me": Graph reads through the acting mailbox.
  return AdapterSource(provider, std::move(held).value(), act_as, transport_, options_);
}

DelegatedBusySourceFactory::DelegatedBusySourceFactory(ConnectionStore& connections, TokenManager& tokens,
                                                       net::HttpTransport& transport, OrgBusySourceOptions options)
    : connections_(connections), tokens_(tokens), transport_(transport), options_(std::move(options)) {
  options_.graph_limiter = GraphLimiter(std::move(options_.graph_limiter));
}

Result<std::shared_ptr<BusySource>> DelegatedBusySourceFactory::SourceFor(const std::string& tenant_id,
                                                                          std::string_view provider,
                                                                          const std::vector<std::string>& acting) {
  if (provider != "google" && provider != "microsoft") return NoCalendarProvider(tenant_id);
  if (!ApiBase(provider, options_)) {
    return Error{codes::kProviderNotConfigured, std::string(ProviderTitle(provider)) + " is not configured on this server",
                 ""};
  }
  const oauth::Provider which = provider == "google" ? oauth::Provider::kGoogle : oauth::Provider::kMicrosoft;
  std::optional<Connection> needs_attention;  // the first connection that needs its person
  for (const std::string& person : acting) {
    Result<std::optional<Connection>> connection = connections_.FindForUser(tenant_id, person, which);
    if (!connection) return connection.error();
    if (!connection->has_value()) continue;
    if ((*connection)->status == ConnectionStatus::kActive) {
      return AdapterSource(provider, tokens_.SourceFor((*connection)->id), "me", transport_, options_);
    }
    if (!needs_attention) needs_attention = std::move(connection).value();
  }
  if (needs_attention) {
    return Error{needs_attention->status == ConnectionStatus::kConsentRequired ? codes::kConsentRequired
                                                                               : codes::kReauthNeeded,
                 "tenant " + tenant_id + " has no organisation access for " + std::string(ProviderTitle(provider)) +
                     ", and the calendar connection of " + needs_attention->user_id +
                     " that reads colleagues' free/busy needs attention: " + needs_attention->status_message,
                 ""};
  }
  return Error{codes::kProviderNotConfigured,
               "tenant " + tenant_id + " has no organisation access for " + std::string(ProviderTitle(provider)) +
                   " and none of its people on it has connected a calendar: a recruiter connects their calendar "
                   "(\"Connect calendar\"), or an administrator connects the organisation",
               ""};
}

Result<std::shared_ptr<BusySource>> TenantBusySourceFactory::SourceFor(const std::string& tenant_id,
                                                                       std::string_view provider,
                                                                       const std::vector<std::string>& acting) {
  if (provider != "google" && provider != "microsoft") return organisation_.SourceFor(tenant_id, provider, acting);
  Result<std::shared_ptr<OrgAccess>> access = access_.For(tenant_id);
  if (!access) return access.error();
  const bool organisation =
      (*access)->configured(provider == "google" ? oauth::Provider::kGoogle : oauth::Provider::kMicrosoft);
  return (organisation ? organisation_ : delegated_).SourceFor(tenant_id, provider, acting);
}

std::string_view ResolveCalendarProvider(std::string_view own, const Tenant& tenant) {
  return own.empty() ? std::string_view(tenant.calendar_provider) : own;
}

std::vector<std::string> ActingCandidates(const Tenant& tenant, const std::vector<Person>& people,
                                          std::string_view provider) {
  std::vector<std::string> recruiters, others;
  for (const Person& person : people) {
    if (ResolveCalendarProvider(person.calendar_provider, tenant) != provider) continue;
    const bool recruiter = std::find(person.roles.begin(), person.roles.end(), "recruiter") != person.roles.end();
    (recruiter ? recruiters : others).push_back(person.email);
  }
  recruiters.insert(recruiters.end(), others.begin(), others.end());
  return recruiters;
}

std::string ActingAddress(const Tenant& tenant, const std::vector<Person>& people, std::string_view provider) {
  std::vector<std::string> candidates = ActingCandidates(tenant, people, provider);
  return candidates.empty() ? std::string() : std::move(candidates.front());
}

}  // namespace slotwise
