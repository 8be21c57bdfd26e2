// connect_tickets.h — the connect popup's tickets: what the start URL carries instead of a credential (a top-level
// popup cannot send an Authorization header).
//
// Contract:
// - Issue() mints a ticket for exactly one connect flow — tenant, user, provider and return_origin ("" = the callback
//   page posts nothing) — valid kLifetimeSeconds. A ticket is kTicketPrefix + 43 base64url characters (32 random
//   bytes); only its SHA-256 is stored (SQLite table connect_tickets, migration 9), with the flow it is for.
// - Redeem() consumes it: the first use answers the flow; every later use, and any use after expiry, is Error
//   "unauthorized" with a message saying which ("already used", "expired", "not valid"). A use for another provider
//   than the ticket's is refused too and burns it. Consumption is one SQLite statement (UPDATE … WHERE used_at = 0
//   RETURNING), so two concurrent uses cannot both succeed, and a restart does not re-enable a used ticket.
// - IssueLink() mints a connect link's ticket (the colleague e-mail, the admin page: api/connect_pages.h): the same
//   flow, valid kLinkLifetimeSeconds and reusable until then — each use starts a new OAuth flow for the same tenant,
//   user, provider and purpose (a person who abandons the provider's page can click the link again). Its
//   return_origin is always "" (the flow ends on Slotwise's own page). Inspect() reads a ticket without consuming it
//   (the landing page shows whom and what it connects); the same refusals as Redeem().
// - Rows are pruned once their expiry is kPruneAfterSeconds behind (on Issue), so the table stays small; a pruned
//   ticket is "not valid".
// - A ticket is never a credential for the REST API (api/api_auth.h refuses kTicketPrefix bearers with a 401 naming
//   it). Thread-safe: one mutex serialises this store's statements on the shared handle.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

#include "connections/connect_purpose.h"
#include "oauth/provider.h"
#include "slotwise/result.h"
#include "store/sqlite_store.h"

namespace slotwise {

inline constexpr std::string_view kTicketPrefix = "swc1_";

struct ConnectTicket {
  std::string tenant_id;
  std::string user;
  oauth::Provider provider = oauth::Provider::kGoogle;
  std::string return_origin;    // exact origin the callback page reports to; "" = none
  std::int64_t expires_at = 0;  // Unix seconds; set by Issue
  ConnectPurpose purpose = ConnectPurpose::kCalendarRooms;  // what the account is connected for (the scopes asked)
  bool reusable = false;        // a connect link's ticket (IssueLink); set by the store
};

// True when `token` has the ticket's prefix (not whether it is valid).
bool LooksLikeConnectTicket(std::string_view token);

class ConnectTickets {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds
  static constexpr std::int64_t kLifetimeSeconds = 300;
  static constexpr std::int64_t kLinkLifetimeSeconds = 7 * 24 * 3600;
  static constexpr std::int64_t kPruneAfterSeconds = 3600;

  ConnectTickets(SqliteStore& database, Clock clock) : database_(database), clock_(std::move(clock)) {}

  // The ticket for `flow` (its expires_at is set here). Errors: "storage_error".
  Result<std::string> Issue(ConnectTicket flow);
  // A reusable connect link's ticket for `flow` (return_origin is cleared), with the instant it expires.
  // Errors: "storage_error".
  struct IssuedLink {
    std::string ticket;
    std::int64_t expires_at = 0;  // Unix seconds
  };
  Result<IssuedLink> IssueLink(ConnectTicket flow);
  // The flow of `ticket`, consumed (a link's ticket stays usable until it expires); see the contract for the errors
  // (field "ticket").
  Result<ConnectTicket> Redeem(std::string_view ticket, oauth::Provider provider);
  // The flow of `ticket` without consuming it: the same errors as Redeem, for any provider.
  Result<ConnectTicket> Inspect(std::string_view ticket);

 private:
  // Stores `flow` for a new ticket valid `lifetime` seconds; `expires_at` receives its expiry.
  Result<std::string> Store(ConnectTicket flow, std::int64_t lifetime, std::int64_t& expires_at);
  // The stored flow of `hash`, consuming it when `consume` (a single-use ticket: once; a link's: never).
  Result<ConnectTicket> Find(std::string_view ticket, bool consume);

  SqliteStore& database_;
  Clock clock_;
  std::recursive_mutex& mutex_ = database_.lock();  // shared by every store on the handle (SqliteStore::lock)
};

}  // namespace slotwise
