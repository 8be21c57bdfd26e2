// busy_sources.h — where provider free/busy comes from when Slotwise gathers calendars itself: a small BusySource
// interface, its implementation over a providers::CalendarAdapter (Google Calendar freeBusy, Graph getSchedule), and
// the factory that builds one per (tenant, calendar provider, acting address) on organisation-level access
// (org_access.h: Google service account with domain-wide delegation, Microsoft app-only).
//
// Contract:
// - BusySource::FetchBusy answers one CalendarBusy per requested id, in order, each the calendar's events over
//   `window` (UTC, half-open) or the provider's Error for that calendar ("provider_calendar_error", a transport or
//   provider failure of the call that covered it, or the token source's error such as "consent_required",
//   "subject_refused", "invalid_client", "provider_not_configured") — a failed calendar is never "free". The outer
//   Result fails only for bad input or a connection-level failure ("unauthorized", "reauth_needed",
//   "consent_required"). Implementations are thread-safe.
// - Which provider reads a calendar: the person's/room's own calendar_provider, else the tenant's
//   (ResolveCalendarProvider). Whom organisation access acts as (ActingAddress): Google reads every calendar of the
//   domain through one user's delegated token and Graph needs a mailbox for /users/{id}/calendar/getSchedule, so the
//   first recruiter (by e-mail) on that provider, else the first person on it, else the calendar itself.
// - OrgBusySourceFactory takes the API base URLs (ProviderRegistry::ApiBase) and the transport as parameters; it
//   reads no globals. Sources borrow the OrgAccess and the transport, which must outlive them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_transport.h"
#include "providers/access_token_source.h"
#include "providers/calendar_adapter.h"
#include "providers/concurrency_limiter.h"
#include "providers/retry.h"
#include "slotwise/provider_busy.h"
#include "slotwise/result.h"
#include "slotwise/time_zone.h"
#include "store/tenant_model.h"

namespace slotwise {

class OrgAccessRegistry;

class BusySource {
 public:
  virtual ~BusySource() = default;
  // Busy of `calendar_ids` over `window` (see the contract). `window` must not be empty.
  virtual Result<std::vector<CalendarBusy>> FetchBusy(const std::vector<std::string>& calendar_ids,
                                                      Interval window) = 0;
};

// BusySource over a CalendarAdapter's FreeBusy (asked in UTC; the adapter chunks and retries).
class AdapterBusySource final : public BusySource {
 public:
  explicit AdapterBusySource(providers::CalendarAdapter& adapter) : adapter_(&adapter) {}  // borrowed
  // Owns the token source and the adapter built on it (`adapter` must use `*tokens`).
  AdapterBusySource(std::unique_ptr<providers::AccessTokenSource> tokens,
                    std::unique_ptr<providers::CalendarAdapter> adapter)
      : owned_tokens_(std::move(tokens)), owned_adapter_(std::move(adapter)), adapter_(owned_adapter_.get()) {}

  Result<std::vector<CalendarBusy>> FetchBusy(const std::vector<std::string>& calendar_ids, Interval window) override;

 private:
  std::unique_ptr<providers::AccessTokenSource> owned_tokens_;  // declared first: destroyed after the adapter
  std::unique_ptr<providers::CalendarAdapter> owned_adapter_;
  providers::CalendarAdapter* adapter_;
};

class BusySourceFactory {
 public:
  virtual ~BusySourceFactory() = default;
  // The source reading calendars on `provider` ("google" | "microsoft") for `tenant_id`, acting as `act_as`.
  // Errors: "provider_not_configured" (another provider name, no API base, or no organisation access for it).
  // Thread-safe.
  virtual Result<std::shared_ptr<BusySource>> SourceFor(const std::string& tenant_id, std::string_view provider,
                                                        const std::string& act_as) = 0;
};

struct OrgBusySourceOptions {
  std::optional<std::string> google_api_base;     // ProviderRegistry::ApiBase(kGoogle); nullopt = Google off
  std::optional<std::string> microsoft_api_base;  // ProviderRegistry::ApiBase(kMicrosoft); nullopt = Microsoft off
  providers::RetryPolicy retry;                   // per free/busy call
  providers::RetryHooks hooks;                    // sleeper/clock/randomness for the retries ({} = real ones)
  std::shared_ptr<providers::ConcurrencyLimiter> graph_limiter;  // share the app's per-mailbox limiter; null = own
  ZoneSource* zones = nullptr;  // thread-safe zones for Graph's Windows/IANA names; null = UTC only
};

// Builds GoogleCalendar over the tenant's OrgAccess::GoogleAs(act_as) and MicrosoftGraphCalendar over its
// MicrosoftAppOnly(act_as) with default_mailbox = act_as — always the organisation access of `tenant_id` itself
// (org_access_registry.h), which acts only within that tenant's verified domains. Sources are built per call (cheap:
// tokens are cached inside OrgAccess).
class OrgBusySourceFactory final : public BusySourceFactory {
 public:
  OrgBusySourceFactory(OrgAccessRegistry& access, net::HttpTransport& transport, OrgBusySourceOptions options);

  Result<std::shared_ptr<BusySource>> SourceFor(const std::string& tenant_id, std::string_view provider,
                                                const std::string& act_as) override;

 private:
  OrgAccessRegistry& access_;
  net::HttpTransport& transport_;
  OrgBusySourceOptions options_;
};

// "google" | "microsoft" | "": `own` (a person's or room's calendar_provider) when set, else the tenant's.
std::string_view ResolveCalendarProvider(std::string_view own, const Tenant& tenant);

// Whom organisation access acts as for calendars on `provider` (see the contract); "" when no person of the tenant
// is on that provider (the caller then uses the calendar itself). `people` sorted by e-mail (ListPeople's order).
std::string ActingAddress(const Tenant& tenant, const std::vector<Person>& people, std::string_view provider);

}  // namespace slotwise
