// audit_log_routes.cpp — see audit_log_routes.h.
#include "api/audit_log_routes.h"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"
#include "store/audit_log_store.h"

namespace slotwise {

namespace {

using nlohmann::json;

constexpr std::int64_t kDefaultLimit = 100;
constexpr std::int64_t kMaxLimit = 1000;
constexpr std::string_view kCursorPrefix = "al1.";  // versioned: a later format can tell its cursors from these

json EntryJson(const AuditEntry& entry) {
  return {{"id", "aud_" + std::to_string(entry.id)},
          {"at", FormatRfc3339(entry.at)},
          {"actor", {{"kind", entry.actor_kind}, {"id", entry.actor_id}}},
          {"action", entry.action},
          {"object", entry.object},
          {"status", entry.status},
          {"request_id", entry.request_id}};
}

struct Page {
  std::int64_t after_id = 0;
  std::int64_t limit = kDefaultLimit;
};

Result<Page> ReadPage(const httplib::Request& req) {
  Page page;
  if (req.has_param("limit")) {
    const std::optional<std::int64_t> limit = ParseDecimal(req.get_param_value("limit"));
    if (!limit || *limit < 1 || *limit > kMaxLimit) {
      return Error{codes::kInvalidRequest, "limit is a number from 1 to 1000", "limit"};
    }
    page.limit = *limit;
  }
  if (req.has_param("cursor")) {
    const std::string cursor = req.get_param_value("cursor");
    const std::optional<std::int64_t> after =
        cursor.rfind(kCursorPrefix, 0) == 0 ? ParseDecimal(std::string_view(cursor).substr(kCursorPrefix.size()))
                                            : std::nullopt;
    if (!after || *after < 0) {
      return Error{codes::kInvalidRequest, "cursor is not one this list handed out (use next_cursor as given)",
                   "cursor"};
    }
    page.after_id = *after;
  }
  return page;
}

}  // namespace

void RegisterAuditLogRoutes(httplib::Server& server, AuditLogStore& store, ApiAuth& auth) {
  server.Get("/v1/audit_log", [&](const httplib::Request& req, httplib::Response& res) {
    const std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    Result<Page> page = ReadPage(req);
    if (!page) return SendError(res, page.error());
    // One more than asked tells whether a next page exists without a second query.
    Result<std::vector<AuditEntry>> entries =
        store.List(caller->tenant_id, page->after_id, static_cast<std::size_t>(page->limit) + 1);
    if (!entries) return SendError(res, entries.error());
    const bool more = entries->size() > static_cast<std::size_t>(page->limit);
    if (more) entries->pop_back();
    json items = json::array();
    for (const AuditEntry& entry : *entries) items.push_back(EntryJson(entry));
    json next = nullptr;
    if (more) next = std::string(kCursorPrefix) + std::to_string(entries->back().id);
    SendJson(res, 200, {{"entries", items}, {"next_cursor", next}});
  });
}

}  // namespace slotwise
