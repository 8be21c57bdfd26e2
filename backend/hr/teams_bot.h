// teams_bot.h — the Teams app's bot (docs/TEAMS_APP.md): absence requests as a conversation with Slotwise in Microsoft
// Teams, over the Bot Framework activity protocol. One bot per deployment; its messaging endpoint is
// POST /v1/teams/bot/messages (api/hr_routes.h).
//
// Handle(authorization, body), in order:
//   1. The body must be a JSON object (else "invalid_json"); its Bot Connector token is verified against the activity's
//      serviceUrl and channelId (bot_connector.h) — a forged, expired, wrong-audience or misdirected token is
//      "unauthorized" and NOTHING else happens (no lookup, no reply, nothing stored).
//   2. Only "message" activities are answered (others: OK, nothing done).
//   3. Which Slotwise tenant: channelData.tenant.id (else conversation.tenantId), the customer's Microsoft tenant id,
//      → the one Slotwise tenant whose Microsoft 365 organisation connection has that directory id
//      (connections/org_connections.h, read only). None (or several) → a polite card, nothing stored. Everything
//      after this reads and writes that tenant's data only.
//   4. The requester: from.aadObjectId → the tenant's HR employee with that teams_user_id; none → the
//      unknown_requester card.
//   5. The language: the activity's locale (en/de/nl/ja; others English — hr_text.h HrLocale).
//   6. A text containing "request absence", "Abwesenheit beantragen", "afwezigheid aanvragen" or "休暇申請" (any
//      case; an @mention removed) → the FORM card as a reply (the tenant's own absence types, PUT
//      /v1/hr/absence_types, else the built-in set); any other text → a short help card.
//      A card submit (`value`, replyToId = the card's message):
//        value.action "absence_next" → the form's values checked (type, days, parts; no working day) — a problem is
//          shown in the form itself — then the NEXT STEP card: the request so far with its duration in working days
//          (computed here, with the requester's working hours) and a substitute picker (the requester's colleagues:
//          the employees of the same team, else department, else office) and a comment;
//        value.action "absence_submit" → AbsenceRequests::Decide (the webhook's checks and storage, idempotent on
//          the activity id): a refusal is shown in the next step card itself (its error on top); acceptance answers
//          the CONFIRMATION card (type, days with parts, substitute, duration, status, conflicting interviews).
//      Submits update the card's message in place (PUT …/activities/{replyToId}); other answers are replies.
// Every card is an Adaptive Card 1.4 attachment (application/vnd.microsoft.card.adaptive).
// Result: OK once the reply went through the connector; "provider_unavailable" / "provider_error" when the connector
// could not take it (what was decided is stored; a retry of the activity re-sends the stored answer).
// Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hr/absence_requests.h"
#include "hr/bot_connector.h"
#include "hr/hr_store.h"
#include "slotwise/result.h"

namespace slotwise::hr {

// The Slotwise tenants whose Microsoft 365 organisation connection has directory id `microsoft_tenant_id`.
using TenantsOfDirectory = std::function<Result<std::vector<std::string>>(const std::string& microsoft_tenant_id)>;

// The cards (pure; exposed for tests). `values` prefill the form (absence_type, first_day, …); `error` "" = none.
struct Colleague {
  std::string id;
  std::string name;
};
// `types`: what the form offers — the tenant's own absence types, or BuiltInAbsenceTypes() (hr_text.h).
nlohmann::json AbsenceFormCard(Locale locale, const std::vector<AbsenceType>& types, const nlohmann::json& values,
                               const std::string& error);
nlohmann::json AbsenceNextStepCard(Locale locale, const std::string& type_name, const Absence& draft,
                                   std::int64_t half_days,
                                   const std::vector<Colleague>& colleagues, const nlohmann::json& values,
                                   const std::string& error);
nlohmann::json AbsenceConfirmationCard(Locale locale, const AbsenceDecision& decision);
// Whether `text` asks for an absence (see 6.).
bool AsksForAbsence(const std::string& text);
// The colleagues of `requester` among `employees` (same team, else department, else office; not the requester, not
// inactive or gone by `today`), by name.
std::vector<Colleague> ColleaguesOf(const Employee& requester, const std::vector<Employee>& employees,
                                    const std::string& today, Locale locale);

class TeamsBot {
 public:
  using Clock = std::function<std::int64_t()>;

  // All borrowed; they must outlive the bot.
  TeamsBot(HrStore& store, AbsenceRequests& requests, BotConnector& connector, TenantsOfDirectory tenants,
           ZoneSource& zones, Clock clock);

  Result<bool> Handle(const std::string& authorization, const std::string& body);

 private:
  HrStore& store_;
  AbsenceRequests& requests_;
  BotConnector& connector_;
  TenantsOfDirectory tenants_;
  ZoneSource& zones_;
  Clock clock_;
};

}  // namespace slotwise::hr
