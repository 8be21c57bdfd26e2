// connect_tickets.cpp — see connect_tickets.h.
#include "connections/connect_tickets.h"

#include <optional>

#include "crypto/crypto_primitives.h"
#include "slotwise/error_codes.h"
#include "store/sqlite_query.h"

namespace slotwise {

namespace {

std::string TicketHash(std::string_view ticket) { return crypto::HexEncode(crypto::Sha256(ticket)); }

Error Refused(const std::string& message) { return Error{codes::kUnauthorized, message, "ticket"}; }

}  // namespace

bool LooksLikeConnectTicket(std::string_view token) { return token.substr(0, kTicketPrefix.size()) == kTicketPrefix; }

Result<std::string> ConnectTickets::Issue(ConnectTicket flow) {
  flow.reusable = false;
  std::int64_t expires_at = 0;
  return Store(std::move(flow), kLifetimeSeconds, expires_at);
}

Result<ConnectTickets::IssuedLink> ConnectTickets::IssueLink(ConnectTicket flow) {
  flow.return_origin.clear();
  flow.reusable = true;
  IssuedLink issued;
  Result<std::string> ticket = Store(std::move(flow), kLinkLifetimeSeconds, issued.expires_at);
  if (!ticket) return ticket.error();
  issued.ticket = std::move(ticket).value();
  return issued;
}

Result<std::string> ConnectTickets::Store(ConnectTicket flow, std::int64_t lifetime, std::int64_t& expires_at) {
  const std::int64_t now = clock_();
  const std::string ticket = std::string(kTicketPrefix) + crypto::RandomToken(32);
  flow.expires_at = now + lifetime;
  expires_at = flow.expires_at;
  std::lock_guard lock(mutex_);
  sqlite3* db = database_.handle();
  if (Result<int> pruned = Exec(db, "DELETE FROM connect_tickets WHERE expires_at < ?", {now - kPruneAfterSeconds});
      !pruned) {
    return pruned.error();
  }
  Result<int> stored = Exec(db,
                            "INSERT INTO connect_tickets (ticket_hash, tenant_id, user_id, provider, return_origin, "
                            "expires_at, created_at, purpose, reusable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            {TicketHash(ticket), flow.tenant_id, flow.user, std::string(oauth::ProviderName(flow.provider)),
                             flow.return_origin, flow.expires_at, now, std::string(ConnectPurposeName(flow.purpose)),
                             std::int64_t{flow.reusable ? 1 : 0}});
  if (!stored) return stored.error();
  return ticket;
}

Result<ConnectTicket> ConnectTickets::Redeem(std::string_view ticket, oauth::Provider provider) {
  Result<ConnectTicket> flow = Find(ticket, true);
  if (!flow) return flow;
  if (flow->provider != provider) {
    return Refused("this connect link is for " + std::string(oauth::ProviderName(flow->provider)) + ", not " +
                   std::string(oauth::ProviderName(provider)));
  }
  return flow;
}

Result<ConnectTicket> ConnectTickets::Inspect(std::string_view ticket) { return Find(ticket, false); }

Result<ConnectTicket> ConnectTickets::Find(std::string_view ticket, bool consume) {
  if (!LooksLikeConnectTicket(ticket)) {
    return Refused("the connect link carries no valid ticket: start again from Slotwise");
  }
  const std::int64_t now = clock_();
  const std::string hash = TicketHash(ticket);
  std::lock_guard lock(mutex_);
  sqlite3* db = database_.handle();
  // One statement reads and (for a single-use ticket) consumes: only the first use finds used_at = 0. A link's ticket
  // matches every time and keeps the time of its last use.
  const char* sql = consume ? "UPDATE connect_tickets SET used_at = ?2 WHERE ticket_hash = ?1 AND (used_at = 0 OR "
                              "reusable = 1) RETURNING tenant_id, user_id, provider, return_origin, expires_at, purpose, "
                              "reusable"
                            : "SELECT tenant_id, user_id, provider, return_origin, expires_at, purpose, reusable FROM "
                              "connect_tickets WHERE ticket_hash = ?1 AND (used_at = 0 OR reusable = 1)";
  Result<std::optional<ConnectTicket>> found = First(Query<ConnectTicket>(
      db, sql, consume ? std::vector<SqlValue>{hash, now} : std::vector<SqlValue>{hash}, [](SqlRow& row) -> Result<ConnectTicket> {
        ConnectTicket flow;
        flow.tenant_id = row.Text();
        flow.user = row.Text();
        const std::string provider_name = row.Text();
        flow.return_origin = row.Text();
        flow.expires_at = row.Int();
        flow.purpose = ParseConnectPurpose(row.Text()).value_or(ConnectPurpose::kCalendarRooms);
        flow.reusable = row.Int() != 0;
        const std::optional<oauth::Provider> parsed = oauth::ParseProvider(provider_name);
        if (!parsed) return Error{codes::kStorageError, "a connect ticket names an unknown provider", ""};
        flow.provider = *parsed;
        return flow;
      }));
  if (!found) return found.error();
  if (!found->has_value()) {
    Result<bool> used = Exists(db, "SELECT 1 FROM connect_tickets WHERE ticket_hash = ? AND used_at != 0", {hash});
    if (!used) return used.error();
    if (*used) return Refused("this connect link was already used: a connect link opens the popup once; start again from Slotwise");
    return Refused("the connect link is not valid: start again from Slotwise");
  }
  ConnectTicket flow = std::move(**found);
  if (now >= flow.expires_at) {
    return Refused(flow.reusable ? "this connect link has expired (links are valid for 7 days): ask for a new one"
                                 : "the connect link has expired: start again from Slotwise");
  }
  return flow;
}

}  // namespace slotwise
