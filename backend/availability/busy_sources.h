// busy_sources.h — where provider free/busy comes from when Slotwise gathers calendars itself: a small BusySource
// interface, its implementation over a providers::CalendarAdapter (Google Calendar freeBusy, Graph getSchedule), and
// the factories that build one per (tenant, calendar provider, acting people): on organisation-level access
// (org_access.h: Google service account with domain-wide delegation, Microsoft app-only), on a person's own delegated
// connection ("Connect calendar": connection_store.h, token_manager.h), and the tenant's choice between the two.
//
// Contract:
// - BusySource::FetchBusy answers one CalendarBusy per requested id, in order, each the calendar's events over
//   `window` (UTC, half-open) or the provider's Error for that calendar ("provider_calendar_error": the provider
//   answered and refused or could not read that one calendar — not shared, not found; a transport or provider
//   failure of the call that covered it; or the token source's error such as "consent_required", "subject_refused",
//   "invalid_client", "provider_not_configured") — a failed calendar is never "free". The outer Result fails only for
//   bad input or a connection-level failure ("unauthorized", "reauth_needed", "consent_required"). Implementations
//   are thread-safe.
// - Which provider reads a calendar: the person's/room's own calendar_provider, else the tenant's
//   (ResolveCalendarProvider). Whose access reads it (ActingCandidates, in order of preference): the tenant's
//   recruiters on that provider (by e-mail), then its other people on that provider (by e-mail); when no person of
//   the tenant is on that provider, the calendar itself.
//   - Organisation access acts as the first of them (ActingAddress): Google reads every calendar of the domain through
//     one user's delegated token, and Graph needs a mailbox for /users/{id}/calendar/getSchedule.
//   - Delegated access uses the first of them who HAS an active connection on that provider in this tenant
//     (ConnectionStore::FindForUser(tenant, e-mail, provider): the store is keyed by tenant, so only the tenant's own
//     connections are ever used), and reads colleagues' calendars as that person sees them: Google freeBusy answers
//     what the user may see, Graph /me/calendar/getSchedule what the mailbox's sharing allows. A calendar the person
//     may not see comes back as that calendar's "provider_calendar_error" (calendar_gatherer.h: unknown).
// - TenantBusySourceFactory prefers the tenant's organisation access for a provider whenever the tenant has it, and
//   uses delegated access only for a provider the tenant has no organisation access for.
// - The factories take the API base URLs (ProviderRegistry::ApiBase) and the transport as parameters; they read no
//   globals. Sources borrow the OrgAccess / TokenManager and the transport, which must outlive them.
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

class ConnectionStore;
class OrgAccessRegistry;
class TokenManager;

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
  // The source reading calendars on `provider` ("google" | "microsoft") for `tenant_id`, through the access of one of
  // `acting` (ActingCandidates, never empty; see the contract for which one each factory picks).
  // Errors: "provider_not_configured" (another provider name, no API base, or no access for it: see each factory),
  // "reauth_needed" / "consent_required" (delegated: the only connections there are need their person), and the
  // stores' "storage_error". Thread-safe.
  virtual Result<std::shared_ptr<BusySource>> SourceFor(const std::string& tenant_id, std::string_view provider,
                                                        const std::vector<std::string>& acting) = 0;
};

struct OrgBusySourceOptions {
  std::optional<std::string> google_api_base;     // ProviderRegistry::ApiBase(kGoogle); nullopt = Google off
  std::optional<std::string> microsoft_api_base;  // ProviderRegistry::ApiBase(kMicrosoft); nullopt = Microsoft off
  providers::RetryPolicy retry;                   // per free/busy call
  providers::RetryHooks hooks;                    // sleeper/clock/randomness for the retries ({} = real ones)
  std::shared_ptr<providers::ConcurrencyLimiter> graph_limiter;  // share the app's per-mailbox limiter; null = own
  ZoneSource* zones = nullptr;  // thread-safe zones for Graph's Windows/IANA names; null = UTC only
  // Free/busy calls of one fetch in flight at once (chunks of calendars × pieces of time); Graph's per-mailbox
  // limiter still caps what reaches one mailbox (kGraphConcurrentRequestsPerMailbox).
  std::size_t parallel_calls = 4;
};

// Builds GoogleCalendar over the tenant's OrgAccess::GoogleAs(act_as) and MicrosoftGraphCalendar over its
// MicrosoftAppOnly(act_as) with default_mailbox = act_as, act_as = acting.front() — always the organisation access of
// `tenant_id` itself (org_access_registry.h), which acts only within that tenant's verified domains. Sources are built
// per call (cheap: tokens are cached inside OrgAccess). "provider_not_configured" when the tenant has no organisation
// access for `provider`.
class OrgBusySourceFactory final : public BusySourceFactory {
 public:
  OrgBusySourceFactory(OrgAccessRegistry& access, net::HttpTransport& transport, OrgBusySourceOptions options);

  Result<std::shared_ptr<BusySource>> SourceFor(const std::string& tenant_id, std::string_view provider,
                                                const std::vector<std::string>& acting) override;

 private:
  OrgAccessRegistry& access_;
  net::HttpTransport& transport_;
  OrgBusySourceOptions options_;
};

// Builds GoogleCalendar / MicrosoftGraphCalendar (default_mailbox "me") over TokenManager::SourceFor(the connection) of
// the first of `acting` with an active connection on `provider` in `tenant_id` (see the contract). When none has one:
// "reauth_needed" / "consent_required" naming the first such connection's person when one of them has a connection
// that needs attention, else "provider_not_configured" saying who can fix it. Sources are built per call (cheap).
class DelegatedBusySourceFactory final : public BusySourceFactory {
 public:
  DelegatedBusySourceFactory(ConnectionStore& connections, TokenManager& tokens, net::HttpTransport& transport,
                             OrgBusySourceOptions options);

  Result<std::shared_ptr<BusySource>> SourceFor(const std::string& tenant_id, std::string_view provider,
                                                const std::vector<std::string>& acting) override;

 private:
  ConnectionStore& connections_;
  TokenManager& tokens_;
  net::HttpTransport& transport_;
  OrgBusySourceOptions options_;
};

// The tenant's choice (see the contract): `organisation` when OrgAccessRegistry::For(tenant_id) is configured for
// `provider`, else `delegated`. A provider name other than "google" / "microsoft" goes to `organisation`, which words
// the error. Borrows all three.
class TenantBusySourceFactory final : public BusySourceFactory {
 public:
  TenantBusySourceFactory(OrgAccessRegistry& access, BusySourceFactory& organisation, BusySourceFactory& delegated)
      : access_(access), organisation_(organisation), delegated_(delegated) {}

  Result<std::shared_ptr<BusySource>> SourceFor(const std::string& tenant_id, std::string_view provider,
                                                const std::vector<std::string>& acting) override;

 private:
  OrgAccessRegistry& access_;
  BusySourceFactory& organisation_;
  BusySourceFactory& delegated_;
};

// "google" | "microsoft" | "": `own` (a person's or room's calendar_provider) when set, else the tenant's.
std::string_view ResolveCalendarProvider(std::string_view own, const Tenant& tenant);

// The people whose access may read calendars on `provider`, in order of preference (see the contract): recruiters,
// then the others, each in `people`'s order; empty when no person of the tenant is on that provider (the caller then
// uses the calendar itself). `people` sorted by e-mail (ListPeople's order).
std::vector<std::string> ActingCandidates(const Tenant& tenant, const std::vector<Person>& people,
                                          std::string_view provider);
// Whom organisation access acts as: the first of ActingCandidates, "" when there is none.
std::string ActingAddress(const Tenant& tenant, const std::vector<Person>& people, std::string_view provider);

}  // namespace slotwise
