// busy_sources.cpp — see busy_sources.h.
#include "availability/busy_sources.h"

#include <algorithm>

#include "connections/org_access_registry.h"
#include "providers/google_calendar.h"
#include "providers/microsoft_graph_calendar.h"
#include "slotwise/error_codes.h"

namespace slotwise {

Result<std::vector<CalendarBusy>> AdapterBusySource::FetchBusy(const std::vector<std::string>& calendar_ids,
                                                               Interval window) {
  if (calendar_ids.empty()) return std::vector<CalendarBusy>{};
  return adapter_->FreeBusy(calendar_ids, window, "UTC");
}

OrgBusySourceFactory::OrgBusySourceFactory(OrgAccessRegistry& access, net::HttpTransport& transport,
                                           OrgBusySourceOptions options)
    : access_(access), transport_(transport), options_(std::move(options)) {
  if (!options_.graph_limiter) {
    options_.graph_limiter =
        std::make_shared<providers::ConcurrencyLimiter>(providers::kGraphConcurrentRequestsPerMailbox);
  }
}

Result<std::shared_ptr<BusySource>> OrgBusySourceFactory::SourceFor(const std::string& tenant_id,
                                                                    std::string_view provider,
                                                                    const std::string& act_as) {
  Result<std::shared_ptr<OrgAccess>> tenant_access = access_.For(tenant_id);
  if (!tenant_access) return tenant_access.error();
  OrgAccess& access = **tenant_access;
  if (provider == "google") {
    if (!options_.google_api_base || !access.configured(oauth::Provider::kGoogle)) {
      return Error{codes::kProviderNotConfigured,
                   "tenant " + tenant_id +
                       " reads Google calendars, but has no Google Workspace organisation access: its administrator "
                       "connects the organisation (PUT /v1/organisation/google)",
                   ""};
    }
    Result<std::unique_ptr<providers::AccessTokenSource>> held = access_.GoogleAs(tenant_id, act_as);
    if (!held) return held.error();
    std::unique_ptr<providers::AccessTokenSource> tokens = std::move(held).value();
    auto adapter = std::make_unique<providers::GoogleCalendar>(transport_, *tokens, *options_.google_api_base,
                                                               options_.retry, options_.hooks);
    return std::shared_ptr<BusySource>(std::make_shared<AdapterBusySource>(std::move(tokens), std::move(adapter)));
  }
  if (provider == "microsoft") {
    if (!options_.microsoft_api_base || !access.configured(oauth::Provider::kMicrosoft)) {
      return Error{codes::kProviderNotConfigured,
                   "tenant " + tenant_id +
                       " reads Microsoft 365 calendars, but has no Microsoft 365 organisation access: its "
                       "administrator connects the organisation (POST /v1/organisation/microsoft/consent)",
                   ""};
    }
    Result<std::unique_ptr<providers::AccessTokenSource>> held = access_.MicrosoftAppOnly(tenant_id, act_as);
    if (!held) return held.error();
    std::unique_ptr<providers::AccessTokenSource> tokens = std::move(held).value();
    providers::MicrosoftGraphOptions graph;
    graph.default_mailbox = act_as;  // "me" has no meaning app-only
    graph.limiter = options_.graph_limiter;
    graph.zones = options_.zones;
    auto adapter = std::make_unique<providers::MicrosoftGraphCalendar>(
        transport_, *tokens, *options_.microsoft_api_base, options_.retry, options_.hooks, graph);
    return std::shared_ptr<BusySource>(std::make_shared<AdapterBusySource>(std::move(tokens), std::move(adapter)));
  }
  return Error{codes::kProviderNotConfigured,
               "tenant " + tenant_id +
                   " has no calendar provider for this calendar: set the tenant's (or the "
                   "person's / room's) calendar_provider to \"google\" or \"microsoft\"",
               ""};
}

std::string_view ResolveCalendarProvider(std::string_view own, const Tenant& tenant) {
  return own.empty() ? std::string_view(tenant.calendar_provider) : own;
}

std::string ActingAddress(const Tenant& tenant, const std::vector<Person>& people, std::string_view provider) {
  const Person* first = nullptr;
  for (const Person& person : people) {
    if (ResolveCalendarProvider(person.calendar_provider, tenant) != provider) continue;
    if (std::find(person.roles.begin(), person.roles.end(), "recruiter") != person.roles.end()) return person.email;
    if (first == nullptr) first = &person;
  }
  return first ? first->email : std::string();
}

}  // namespace slotwise
