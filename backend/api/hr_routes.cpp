// hr_routes.cpp — see hr_routes.h.
//
// [SECTION] Callers (tenant API key, administrator's widget token or HR credential)
// [SECTION] Helpers (bodies, errors)
// [SECTION] Credentials and Teams settings
// [SECTION] Imports
// [SECTION] Reads and employee writes
// [SECTION] Channel mappings
// [SECTION] Absence requests from Teams
#include "api/hr_routes.h"

#include <httplib.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "api/paging.h"
#include "api/request_body.h"
#include "auth/api_keys.h"
#include "connections/connect_purpose.h"
#include "connections/connection_store.h"
#include "crypto/crypto_primitives.h"
#include "hr/absence_days.h"
#include "hr/hr_attributes.h"
#include "hr/hr_credentials.h"
#include "hr/hr_json.h"
#include "hr/hr_runtime.h"
#include "slotwise/error_codes.h"

namespace slotwise {

namespace {

using nlohmann::json;
using Req = const httplib::Request&;
using Res = httplib::Response&;
using hr::HrRuntime;

constexpr std::size_t kMaxEmployees = 5000;
constexpr std::size_t kMaxAbsences = 10000;
constexpr std::size_t kMaxOrgUnits = 2000;
constexpr std::size_t kMaxAbsenceTypes = 50;

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Callers (tenant API key, administrator's widget token or HR credential)
// -----------------------------------------------------------------------------------------------------------------

struct HrCaller {
  std::string tenant_id;
  hr::AttributeSet allowed = hr::AttributeSet::All();
  bool api_key = true;
};

void Unauthorized(Res res, const std::string& message) {
  res.set_header("WWW-Authenticate", "Bearer");
  SendError(res, codes::kUnauthorized, message);
}

// The tenant's API key only (credential management, imports, mappings).
std::optional<HrCaller> ApiKeyCaller(ApiAuth& auth, Req req, Res res) {
  std::optional<RequestContext> context = auth.ForTenant(req, res, "");
  if (!context) return std::nullopt;
  if (context->via != "api_key") {
    SendError(res, codes::kForbidden, "this route needs the tenant's API key");
    return std::nullopt;
  }
  return HrCaller{context->tenant_id, hr::AttributeSet::All(), true};
}

// The tenant's API key, or a widget token with organisation:manage (the administrator's page, web/admin): the
// daily-update mappings and what their picker lists. The tenant is always the credential's.
std::optional<HrCaller> ManageCaller(ApiAuth& auth, Req req, Res res) {
  std::optional<RequestContext> context = auth.ForTenant(req, res, auth::kScopeOrganisationManage);
  if (!context) return std::nullopt;
  return HrCaller{context->tenant_id, hr::AttributeSet::All(), context->via == "api_key"};
}

// An HR credential limited to its attributes; otherwise the tenant's API key — or, with `manage`, ManageCaller's.
std::optional<HrCaller> ReadCaller(HrRuntime& runtime, ApiAuth& auth, Req req, Res res, bool manage = false) {
  const std::optional<std::string> token = auth::BearerToken(req.get_header_value("Authorization"));
  if (!token || !hr::LooksLikeHrCredential(*token)) {
    return manage ? ManageCaller(auth, req, res) : ApiKeyCaller(auth, req, res);
  }
  if (req.has_header("Origin")) {
    SendError(res, codes::kForbidden, "HR credentials belong on servers: requests with an Origin header are refused");
    return std::nullopt;
  }
  Result<std::string> id = hr::ParseHrCredential(*token);
  if (!id) {
    Unauthorized(res, "the HR credential is not valid");
    return std::nullopt;
  }
  Result<std::optional<hr::HrCredential>> found = runtime.store().FindCredential(*id);
  if (!found) {
    SendError(res, found.error());
    return std::nullopt;
  }
  if (!found->has_value() || (*found)->revoked_at != 0 || !auth::VerifyApiKey(*token, (*found)->secret_hash)) {
    Unauthorized(res, "the HR credential is not valid");
    return std::nullopt;
  }
  return HrCaller{(*found)->tenant_id, hr::AttributeSet((*found)->attributes), false};
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Helpers (bodies, errors)
// -----------------------------------------------------------------------------------------------------------------




// The array `key` of a bulk body, at most `limit` items.
std::optional<json> Batch(const json& body, const char* key, std::size_t limit, Res res) {
  for (const auto& [member, value] : body.items()) {
    if (member != key) {
      SendError(res, Error{codes::kInvalidRequest, "unknown field \"" + member.substr(0, 80) + "\"", member});
      return std::nullopt;
    }
  }
  auto it = body.find(key);
  if (it == body.end() || !it->is_array()) {
    SendError(res, Error{codes::kInvalidRequest, std::string(key) + " must be an array", key});
    return std::nullopt;
  }
  if (it->size() > limit) {
    SendError(res, Error{codes::kTooManyItems,
                              std::string(key) + " holds " + std::to_string(it->size()) + " items; at most " +
                                  std::to_string(limit) + " per request",
                              key});
    return std::nullopt;
  }
  return *it;
}

std::string NewId(const std::string& prefix) { return prefix + crypto::HexEncode(crypto::RandomBytes(8)); }

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Credentials and Teams settings
// -----------------------------------------------------------------------------------------------------------------

json CredentialJson(const hr::HrCredential& c) {
  return {{"credential_id", c.credential_id},
          {"label", c.label},
          {"attributes", c.attributes},
          {"created_at", FormatRfc3339(c.created_at)},
          {"revoked", c.revoked_at != 0}};
}

void RegisterCredentialRoutes(httplib::Server& server, HrRuntime& runtime, ApiAuth& auth) {
  server.Post("/v1/hr/credentials", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    for (const auto& [key, value] : body->items()) {
      if (key != "label" && key != "attributes") {
        return SendError(res, Error{codes::kInvalidRequest, "unknown field \"" + key.substr(0, 80) + "\"", key});
      }
    }
    Result<std::vector<std::string>> attributes =
        hr::ParseAttributeList(body->contains("attributes") ? body->at("attributes") : json(), "attributes");
    if (!attributes) return SendError(res, attributes.error());
    std::string label;
    if (auto it = body->find("label"); it != body->end()) {
      if (!it->is_string() || it->get_ref<const std::string&>().size() > 200) {
        return SendError(res, Error{codes::kInvalidRequest, "label must be a string of at most 200 characters", "label"});
      }
      label = it->get<std::string>();
    }
    const hr::GeneratedHrCredential generated = hr::GenerateHrCredential();
    hr::HrCredential credential{generated.credential_id, caller->tenant_id, generated.secret_hash, label,
                                *attributes, runtime.Now(), 0};
    if (Result<bool> added = runtime.store().AddCredential(credential); !added) return SendError(res, added.error());
    json out = CredentialJson(credential);
    out["credential"] = generated.plaintext;
    SendJson(res, 201, out);
  });
  server.Get("/v1/hr/credentials", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    AnswerPage(req, res, "credentials", "", runtime.store().ListCredentials(caller->tenant_id),
               [](const hr::HrCredential& c) { return c.credential_id; }, CredentialJson);
  });
  server.Delete(R"(/v1/hr/credentials/([^/]+))", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    Result<bool> revoked = runtime.store().RevokeCredential(caller->tenant_id, req.matches[1].str(), runtime.Now());
    if (!revoked) return SendError(res, revoked.error());
    res.status = 204;
  });
  server.Put("/v1/hr/teams_webhook", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    auto it = body->find("security_token");
    const bool valid = body->size() == 1 && it != body->end() && it->is_string() &&
                       crypto::Base64Decode(it->get<std::string>()).value_or("").size() >= 16;
    if (!valid) {
      return SendError(res, Error{codes::kInvalidRequest,
                                       "send {\"security_token\": \"<the base64 token Teams showed when the outgoing "
                                       "webhook was created>\"}",
                                       "security_token"});
    }
    Result<bool> stored = runtime.store().SetTeamsSecret(caller->tenant_id, it->get<std::string>(), runtime.Now());
    if (!stored) return SendError(res, stored.error());
    res.status = 204;
  });
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Imports
// -----------------------------------------------------------------------------------------------------------------

void RegisterImportRoutes(httplib::Server& server, HrRuntime& runtime, ApiAuth& auth) {
  server.Put("/v1/hr/employees", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    std::optional<json> items = Batch(*body, "employees", kMaxEmployees, res);
    if (!items) return;
    std::vector<hr::Employee> employees;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string path = "employees[" + std::to_string(i) + "]";
      Result<hr::Employee> employee = hr::ParseEmployee((*items)[i], path, hr::Employee{}, runtime.zones());
      if (!employee) return SendError(res, employee.error());
      if (!seen.insert(employee->id).second) {
        return SendError(res, Error{codes::kInvalidRequest, "the id \"" + employee->id + "\" appears twice", path + ".id"});
      }
      employee->tenant_id = caller->tenant_id;
      employees.push_back(std::move(employee).value());
    }
    Result<int> stored = runtime.store().UpsertEmployees(caller->tenant_id, employees);
    if (!stored) return SendError(res, stored.error());
    SendJson(res, 200, {{"imported", *stored}});
  });
  server.Put("/v1/hr/absences", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    std::optional<json> items = Batch(*body, "absences", kMaxAbsences, res);
    if (!items) return;
    std::vector<hr::Absence> absences;
    std::set<std::string> seen;
    const std::int64_t now = runtime.Now();
    Result<std::vector<hr::AbsenceType>> types = runtime.store().ListAbsenceTypes(caller->tenant_id);
    if (!types) return SendError(res, types.error());
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string path = "absences[" + std::to_string(i) + "]";
      Result<hr::Absence> absence = hr::ParseAbsence((*items)[i], path, &*types);
      if (!absence) return SendError(res, absence.error());
      if (!seen.insert(absence->id).second) {
        return SendError(res, Error{codes::kInvalidRequest, "the id \"" + absence->id + "\" appears twice", path + ".id"});
      }
      absence->tenant_id = caller->tenant_id;
      absence->created_at = now;
      absence->updated_at = now;
      absences.push_back(std::move(absence).value());
    }
    Result<int> stored = runtime.store().UpsertAbsences(caller->tenant_id, absences);
    if (!stored) return SendError(res, stored.error());
    SendJson(res, 200, {{"imported", *stored}});
  });
  server.Put("/v1/hr/org_units", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    std::optional<json> items = Batch(*body, "org_units", kMaxOrgUnits, res);
    if (!items) return;
    std::vector<hr::OrgUnit> units;
    for (std::size_t i = 0; i < items->size(); ++i) {
      Result<hr::OrgUnit> unit = hr::ParseOrgUnit((*items)[i], "org_units[" + std::to_string(i) + "]");
      if (!unit) return SendError(res, unit.error());
      units.push_back(std::move(unit).value());
    }
    Result<int> stored = runtime.store().UpsertOrgUnits(caller->tenant_id, units);
    if (!stored) return SendError(res, stored.error());
    SendJson(res, 200, {{"imported", *stored}});
  });
  // The tenant's own absence types (what its Teams forms offer and its absences may be); [] = the built-in set.
  auto types_json = [](const std::vector<hr::AbsenceType>& own) {
    const bool built_in = own.empty();
    json list = json::array();
    for (const hr::AbsenceType& type : built_in ? hr::BuiltInAbsenceTypes() : own) {
      list.push_back({{"id", type.id}, {"names", type.names}});
    }
    return json{{"absence_types", list}, {"source", built_in ? "built_in" : "tenant"}};
  };
  server.Put("/v1/hr/absence_types", [&, types_json](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    std::optional<json> items = Batch(*body, "absence_types", kMaxAbsenceTypes, res);
    if (!items) return;
    std::vector<hr::AbsenceType> types;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string path = "absence_types[" + std::to_string(i) + "]";
      const json& item = (*items)[i];
      auto invalid = [&](const std::string& field, const std::string& message) {
        SendError(res, Error{codes::kInvalidRequest, message, path + field});
      };
      if (!item.is_object()) return invalid("", "an absence type is an object {id, names}");
      for (const auto& [member, value] : item.items()) {
        if (member != "id" && member != "names") return invalid("." + member.substr(0, 80), "unknown field");
      }
      hr::AbsenceType type;
      type.id = item.contains("id") && item["id"].is_string() ? item["id"].get<std::string>() : "";
      const bool id_ok = !type.id.empty() && type.id.size() <= 64 &&
                         std::all_of(type.id.begin(), type.id.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                         });
      if (!id_ok) return invalid(".id", "id must be 1–64 characters of a-z, 0-9 and _");
      if (!seen.insert(type.id).second) return invalid(".id", "the id \"" + type.id + "\" appears twice");
      const json names = item.contains("names") ? item["names"] : json();
      if (!names.is_object()) return invalid(".names", "names must be an object {en, de?, nl?, ja?}");
      for (const auto& [language, name] : names.items()) {
        if (language != "en" && language != "de" && language != "nl" && language != "ja") {
          return invalid(".names." + language.substr(0, 10), "names are given for en, de, nl and ja");
        }
        if (!name.is_string() || name.get<std::string>().empty() || name.get<std::string>().size() > 100) {
          return invalid(".names." + language, "a name is 1–100 bytes of text");
        }
        type.names[language] = name.get<std::string>();
      }
      if (!type.names.count("en")) return invalid(".names.en", "every absence type needs an English name");
      types.push_back(std::move(type));
    }
    Result<bool> stored = runtime.store().ReplaceAbsenceTypes(caller->tenant_id, types, runtime.Now());
    if (!stored) return SendError(res, stored.error());
    SendJson(res, 200, types_json(types));
  });
  server.Get("/v1/hr/absence_types", [&, types_json](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    Result<std::vector<hr::AbsenceType>> types = runtime.store().ListAbsenceTypes(caller->tenant_id);
    if (!types) return SendError(res, types.error());
    SendJson(res, 200, types_json(*types));
  });
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Reads and employee writes
// -----------------------------------------------------------------------------------------------------------------

void RegisterReadRoutes(httplib::Server& server, HrRuntime& runtime, ApiAuth& auth) {
  server.Get("/v1/hr/employees", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ReadCaller(runtime, auth, req, res);
    if (!caller) return;
    AnswerPage(req, res, "employees", "", runtime.store().ListEmployees(caller->tenant_id),
               [](const hr::Employee& e) { return e.id; },
               [&](const hr::Employee& e) { return hr::EmployeeJson(e, caller->allowed); });
  });
  server.Get(R"(/v1/hr/employees/([^/]+))", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ReadCaller(runtime, auth, req, res);
    if (!caller) return;
    Result<std::optional<hr::Employee>> found = runtime.store().GetEmployee(caller->tenant_id, req.matches[1].str());
    if (!found) return SendError(res, found.error());
    if (!found->has_value()) return SendError(res, codes::kNotFound, "no employee \"" + req.matches[1].str() + "\"");
    SendJson(res, 200, hr::EmployeeJson(**found, caller->allowed));
  });
  server.Patch(R"(/v1/hr/employees/([^/]+))", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ReadCaller(runtime, auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    if (Result<bool> writable = hr::CheckWritable(*body, caller->allowed, ""); !writable) {
      return SendError(res, writable.error());
    }
    const std::string id = req.matches[1].str();
    if (body->contains("id") && (*body)["id"] != id) {
      return SendError(res, Error{codes::kInvalidRequest, "the id in the body differs from the id in the path", "id"});
    }
    Result<std::optional<hr::Employee>> found = runtime.store().GetEmployee(caller->tenant_id, id);
    if (!found) return SendError(res, found.error());
    if (!found->has_value()) return SendError(res, codes::kNotFound, "no employee \"" + id + "\"");
    Result<hr::Employee> updated = hr::ParseEmployee(*body, "", **found, runtime.zones());
    if (!updated) return SendError(res, updated.error());
    Result<int> stored = runtime.store().UpsertEmployees(caller->tenant_id, {*updated});
    if (!stored) return SendError(res, stored.error());
    SendJson(res, 200, hr::EmployeeJson(*updated, caller->allowed));
  });
  server.Get("/v1/hr/absences", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ReadCaller(runtime, auth, req, res);
    if (!caller) return;
    if (!caller->allowed.Has("absences")) {
      return SendError(res, Error{codes::kAttributeNotAllowed,
                                       "this HR credential may not read absences (the attribute \"absences\" is not in "
                                       "its allow-list)",
                                       "absences"});
    }
    const std::string from = req.get_param_value("from"), to = req.get_param_value("to");
    const std::optional<std::int64_t> first = hr::DayNumber(from), last = hr::DayNumber(to);
    if (!first) return SendError(res, Error{codes::kInvalidRequest, "from must be a date YYYY-MM-DD", "from"});
    if (!last || *last < *first || *last - *first > 366) {
      return SendError(res, Error{codes::kInvalidRequest, "to must be a date YYYY-MM-DD within 366 days after from", "to"});
    }
    AnswerPage(req, res, "absences", PageFilter(req, {"from", "to", "employee_id"}),
               runtime.store().ListAbsences(caller->tenant_id, req.get_param_value("employee_id"), from, to),
               [](const hr::Absence& a) { return a.id; }, hr::AbsenceJson);
  });
  server.Get("/v1/hr/org_units", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ReadCaller(runtime, auth, req, res, true);
    if (!caller) return;
    Result<std::vector<hr::OrgUnit>> list = runtime.store().ListOrgUnits(caller->tenant_id);
    if (list) std::erase_if(*list, [&](const hr::OrgUnit& unit) { return !hr::OrgUnitVisible(unit.kind, caller->allowed); });
    // A unit is unique by kind and name: the key orders by kind (office, department, team), then name.
    AnswerPage(req, res, "org_units", "", std::move(list),
               [](const hr::OrgUnit& unit) { return std::to_string(static_cast<int>(unit.kind)) + ":" + unit.name; },
               hr::OrgUnitJson);
  });
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Channel mappings
// -----------------------------------------------------------------------------------------------------------------

// A Workflows URL as written must be one the server may call (auth/outbound_policy.h); each post checks it again.
bool CheckWebhookUrl(HrRuntime& runtime, const hr::ChannelMapping& mapping, Res res) {
  if (mapping.target_kind != hr::TargetKind::kWorkflowWebhook) return true;
  if (Result<std::string> callable = runtime.outbound().Check(mapping.webhook_url, mapping.tenant_id); !callable) {
    SendError(res, Error{codes::kInvalidUrl, "target.url: " + callable.error().message, "target.url"});
    return false;
  }
  return true;
}

// The unit must exist among the org units; a Graph channel must be reachable and standard (public).
bool CheckMappingTarget(HrRuntime& runtime, const hr::ChannelMapping& mapping, Res res) {
  Result<std::vector<hr::OrgUnit>> units = runtime.store().ListOrgUnits(mapping.tenant_id);
  if (!units) {
    SendError(res, units.error());
    return false;
  }
  const bool known = std::any_of(units->begin(), units->end(), [&](const hr::OrgUnit& unit) {
    return unit.kind == mapping.unit_kind && unit.name == mapping.unit_name;
  });
  if (!known) {
    SendError(res, Error{codes::kUnknownUnit,
                              "there is no " + std::string(hr::OrgUnitKindName(mapping.unit_kind)) + " \"" +
                                  mapping.unit_name + "\" among the org units (PUT /v1/hr/org_units)",
                              "unit.name"});
    return false;
  }
  if (mapping.target_kind != hr::TargetKind::kGraphChannel) return true;
  // Only a Microsoft connection of this tenant may carry its posts: another tenant's is not even tried.
  if (!runtime.HasGraphConnection(mapping.tenant_id, mapping.connection_id)) {
    SendError(res, Error{codes::kInvalidRequest,
                         "\"" + mapping.connection_id + "\" is not a Microsoft connection of this tenant (connect one "
                         "for hr_posting: POST /v1/connections/start)",
                         "target.connection_id"});
    return false;
  }
  Result<std::string> membership = runtime.poster().ChannelMembership(mapping);
  if (!membership) {
    if (membership.error().code == codes::kProviderNotFound) {
      SendError(res, Error{codes::kTeamsChannelNotFound, "Teams has no such team and channel: " + membership.error().message,
                                "target.channel_id"});
    } else {
      SendError(res, Error{codes::kProviderError, "the channel could not be checked: " + membership.error().message,
                                "target"});
    }
    return false;
  }
  if (*membership != "standard") {
    SendError(res, Error{codes::kPrivateChannel,
                              "the channel is a " + *membership +
                                  " channel; daily updates are posted to standard (public) channels only, where "
                                  "everyone in the team can read them",
                              "target.channel_id"});
    return false;
  }
  return true;
}

json PostingConnectionJson(const ConnectedAccount& account) {
  json out = {{"id", account.id},
              {"user", account.user_id},
              {"account_email", account.account_email},
              {"status", ConnectionStatusName(account.status)}};
  if (!account.status_message.empty()) out["status_message"] = account.status_message;
  return out;
}

void RegisterMappingRoutes(httplib::Server& server, HrRuntime& runtime, ApiAuth& auth, ConnectionStore* connections) {
  // The tenant's Microsoft connections that may post to Teams (granted ChannelMessage.Send: connected for
  // hr_posting): what a graph_channel target's connection_id and the picker take. No store: none.
  server.Get("/v1/hr/connections", [&, connections](Req req, Res res) {
    std::optional<HrCaller> caller = ManageCaller(auth, req, res);
    if (!caller) return;
    Result<std::vector<ConnectedAccount>> accounts =
        connections ? connections->ListAccountsForTenant(caller->tenant_id) : std::vector<ConnectedAccount>{};
    if (accounts) {
      std::erase_if(*accounts, [](const ConnectedAccount& a) { return !TeamsPostingGranted(a.provider, a.scopes); });
    }
    AnswerPage(req, res, "connections", "", std::move(accounts), [](const ConnectedAccount& a) { return a.id; },
               PostingConnectionJson);
  });
  // The picker: the teams and channels a mapping can name, as the connection's user sees them in Teams.
  server.Get("/v1/hr/teams", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ManageCaller(auth, req, res);
    if (!caller) return;
    Result<json> listed = runtime.TeamsAndChannels(caller->tenant_id, req.get_param_value("connection_id"));
    if (!listed) return SendError(res, listed.error());
    SendJson(res, 200, *listed);
  });
  server.Post("/v1/hr/channel_mappings", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ManageCaller(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    if (body->contains("id")) return SendError(res, Error{codes::kInvalidRequest, "the id is chosen by Slotwise", "id"});
    Result<hr::ChannelMapping> parsed = hr::ParseMapping(*body, hr::ChannelMapping{}, runtime.zones());
    if (!parsed) return SendError(res, parsed.error());
    hr::ChannelMapping mapping = std::move(parsed).value();
    mapping.tenant_id = caller->tenant_id;
    mapping.id = NewId("map_");
    mapping.created_at = mapping.updated_at = runtime.Now();
    if (!CheckWebhookUrl(runtime, mapping, res) || !CheckMappingTarget(runtime, mapping, res)) return;
    Result<hr::ChannelMapping> created = runtime.store().CreateMapping(mapping);
    if (!created) return SendError(res, created.error());
    res.set_header("Location", "/v1/hr/channel_mappings/" + mapping.id);
    SendJson(res, 201, hr::MappingJson(*created));
  });
  server.Get("/v1/hr/channel_mappings", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ManageCaller(auth, req, res);
    if (!caller) return;
    AnswerPage(req, res, "channel_mappings", "", runtime.store().ListMappings(caller->tenant_id),
               [](const hr::ChannelMapping& m) { return m.id; }, hr::MappingJson);
  });
  server.Get(R"(/v1/hr/channel_mappings/([^/]+))", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    Result<std::optional<hr::ChannelMapping>> found =
        runtime.store().GetMapping(caller->tenant_id, req.matches[1].str());
    if (!found) return SendError(res, found.error());
    if (!found->has_value()) return SendError(res, codes::kNotFound, "no channel mapping \"" + req.matches[1].str() + "\"");
    json out = hr::MappingJson(**found);
    Result<std::vector<hr::PostRecord>> posts = runtime.store().ListPosts((*found)->id, 14);
    out["recent_posts"] = json::array();
    if (posts) {
      for (const hr::PostRecord& record : *posts) out["recent_posts"].push_back(hr::PostRecordJson(record));
    }
    SendJson(res, 200, out);
  });
  server.Patch(R"(/v1/hr/channel_mappings/([^/]+))", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ApiKeyCaller(auth, req, res);
    if (!caller) return;
    std::optional<json> body = JsonObjectBody(req, res);
    if (!body) return;
    Result<std::optional<hr::ChannelMapping>> found =
        runtime.store().GetMapping(caller->tenant_id, req.matches[1].str());
    if (!found) return SendError(res, found.error());
    if (!found->has_value()) return SendError(res, codes::kNotFound, "no channel mapping \"" + req.matches[1].str() + "\"");
    if (body->contains("id") && (*body)["id"] != (*found)->id) {
      return SendError(res, Error{codes::kInvalidRequest, "the id cannot change", "id"});
    }
    Result<hr::ChannelMapping> parsed = hr::ParseMapping(*body, **found, runtime.zones());
    if (!parsed) return SendError(res, parsed.error());
    hr::ChannelMapping mapping = std::move(parsed).value();
    mapping.updated_at = runtime.Now();
    // The URL only when this write names the target: a mapping may still be disabled after the rules changed.
    if (body->contains("target") && !CheckWebhookUrl(runtime, mapping, res)) return;
    if (!CheckMappingTarget(runtime, mapping, res)) return;
    Result<hr::ChannelMapping> updated = runtime.store().UpdateMapping(mapping);
    if (!updated) return SendError(res, updated.error());
    SendJson(res, 200, hr::MappingJson(*updated));
  });
  server.Delete(R"(/v1/hr/channel_mappings/([^/]+))", [&](Req req, Res res) {
    std::optional<HrCaller> caller = ManageCaller(auth, req, res);
    if (!caller) return;
    Result<bool> deleted = runtime.store().DeleteMapping(caller->tenant_id, req.matches[1].str());
    if (!deleted) return SendError(res, deleted.error());
    res.status = 204;
  });
}

// -----------------------------------------------------------------------------------------------------------------
// [SECTION] Absence requests from Teams
// -----------------------------------------------------------------------------------------------------------------

void RegisterTeamsRoutes(httplib::Server& server, HrRuntime& runtime) {
  server.Post(R"(/v1/hr/teams/([a-z0-9-]{1,64})/absence_requests)", [&](Req req, Res res) {
    Result<hr::TeamsAnswer> answer = runtime.absence_requests().Handle(
        req.matches[1].str(), req.get_header_value("Authorization"), req.body, runtime.Now());
    if (!answer) return SendError(res, answer.error());
    if (answer->replayed) res.set_header("Idempotency-Replayed", "true");
    SendJson(res, 200, answer->body);
  });
  // The Teams app's bot (hr/teams_bot.h): the Bot Connector's token is the only credential.
  server.Post("/v1/teams/bot/messages", [&](Req req, Res res) {
    hr::TeamsBot* bot = runtime.teams_bot();
    if (!bot) return SendError(res, Error{codes::kNotEnabled, "no Teams bot is configured on this server", ""});
    Result<bool> handled = bot->Handle(req.get_header_value("Authorization"), req.body);
    if (!handled) return SendError(res, handled.error());
    SendJson(res, 200, nlohmann::json::object());
  });
}

}  // namespace

void RegisterHrRoutes(httplib::Server& server, HrRuntime& runtime, ApiAuth& auth, ConnectionStore* connections) {
  RegisterCredentialRoutes(server, runtime, auth);
  RegisterImportRoutes(server, runtime, auth);
  RegisterReadRoutes(server, runtime, auth);
  RegisterMappingRoutes(server, runtime, auth, connections);
  RegisterTeamsRoutes(server, runtime);
}

}  // namespace slotwise
