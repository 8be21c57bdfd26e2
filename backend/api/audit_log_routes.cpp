// audit_log_routes.cpp — see audit_log_routes.h.
#include "api/audit_log_routes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "api/paging.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"
#include "store/audit_log_store.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr PageLimits kAuditLimits{100, 1000};

json EntryJson(const AuditEntry& entry) {
  return {{"id", "aud_" + std::to_string(entry.id)},
          {"at", FormatRfc3339(entry.at)},
          {"actor", {{"kind", entry.actor_kind}, {"id", entry.actor_id}}},
          {"action", entry.action},
          {"object", entry.object},
          {"status", entry.status},
          {"request_id", entry.request_id}};
}

}  // namespace

void RegisterAuditLogRoutes(httplib::Server& server, AuditLogStore& store, ApiAuth& auth) {
  server.Get("/v1/audit_log", [&](const httplib::Request& req, httplib::Response& res) {
    const std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    Result<PageRequest> page = ReadPageRequest(req, "audit_log", "", kAuditLimits);
    if (!page) return SendError(res, page.error());
    std::int64_t after_id = 0;
    if (page->after) {
      // The key is the last entry's id in decimal (api/paging.h binds it to this list; ids never repeat).
      const std::optional<std::int64_t> parsed = ParseDecimal(*page->after);
      if (!parsed || *parsed < 0) {
        return SendError(res, Error{codes::kInvalidRequest, "cursor is not one this list handed out", "cursor"});
      }
      after_id = *parsed;
    }
    // One more than asked tells whether a next page exists without a second query.
    Result<std::vector<AuditEntry>> entries =
        store.List(caller->tenant_id, after_id, static_cast<std::size_t>(page->limit) + 1);
    if (!entries) return SendError(res, entries.error());
    const bool more = entries->size() > static_cast<std::size_t>(page->limit);
    if (more) entries->pop_back();
    json items = json::array();
    for (const AuditEntry& entry : *entries) items.push_back(EntryJson(entry));
    SendJson(res, 200, {{"entries", items},
                        {"next_cursor", NextCursor(*page, more ? std::optional(std::to_string(entries->back().id))
                                                               : std::nullopt)}});
  });
}

}  // namespace slotwise
