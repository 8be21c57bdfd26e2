// display_routes.cpp — see display_routes.h.
#include "api/display_routes.h"

#include <httplib.h>

#include "api/api_auth.h"
#include "api/http_errors.h"
#include "api/request_body.h"
#include "displays/display_service.h"
#include "observability/request_context.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"

namespace slotwise {

namespace {

using Req = const httplib::Request&;
using Res = httplib::Response&;
using displays::Display;
using displays::DisplayService;

nlohmann::json Time(Instant instant) { return FormatRfc3339(instant); }
nlohmann::json TimeOrNull(Instant instant) { return instant > 0 ? Time(instant) : nlohmann::json(nullptr); }

nlohmann::json DisplayJson(const Display& display) {
  const displays::DisplaySettings settings = DisplayService::SettingsOf(display);
  return {{"id", display.id},
          {"room", display.room},
          {"locale", settings.locale},
          {"time_zone", settings.time_zone},
          {"paired", display.paired_at > 0},
          {"paired_at", TimeOrNull(display.paired_at)},
          {"last_seen_at", TimeOrNull(display.paired_at > 0 ? display.last_seen_at : 0)},
          {"created_at", Time(display.created_at)}};
}

nlohmann::json BlockJson(const displays::RoomBlock& block) {
  const bool interview = block.kind == displays::BlockKind::kInterview;
  return {{"start", Time(block.start)},
          {"end", Time(block.end)},
          {"kind", std::string(displays::KindName(block.kind))},
          {"title", interview ? "Interview" : "Busy"}};
}

nlohmann::json FeedJson(const displays::RoomFeed& feed) {
  const Room& room = feed.room;
  nlohmann::json room_json = {{"email", room.email}, {"name", room.name.empty() ? room.email : room.name}};
  if (!room.building.empty()) room_json["building"] = room.building;
  if (!room.floor.empty()) room_json["floor"] = room.floor;
  room_json["capacity"] = room.capacity ? nlohmann::json(*room.capacity) : nlohmann::json(nullptr);
  const displays::RoomDay& day = feed.day;
  nlohmann::json now = {{"status", feed.unknown_reason ? "unknown" : day.busy ? "busy" : "free"},
                        {"until", day.until && !feed.unknown_reason ? Time(*day.until) : nlohmann::json(nullptr)}};
  if (day.current && !feed.unknown_reason) now["meeting"] = BlockJson(*day.current);
  if (feed.unknown_reason) now["reason"] = *feed.unknown_reason;
  nlohmann::json later = nlohmann::json::array();
  for (std::size_t i = 1; i < day.upcoming.size(); ++i) later.push_back(BlockJson(day.upcoming[i]));
  return {{"display_id", feed.display.id},
          {"room", room_json},
          {"locale", feed.settings.locale},
          {"time_zone", feed.settings.time_zone},
          {"generated_at", Time(feed.now)},
          {"day", {{"start", Time(day.day.start)}, {"end", Time(day.day.end)}}},
          {"now", now},
          {"next", day.upcoming.empty() ? nlohmann::json(nullptr) : BlockJson(day.upcoming.front())},
          {"later", later},
          {"book_now", false}};
}

// The device token of a request: "Authorization: Bearer swd_…" ("" when absent).
std::string DeviceToken(Req req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  return header.rfind(kBearer, 0) == 0 ? header.substr(kBearer.size()) : "";
}

void SendRefusal(Res res, const Error& error) {
  if (error.code == codes::kUnauthorized) res.set_header("WWW-Authenticate", "Bearer");
  SendError(res, error);
}

}  // namespace

void RegisterDisplayRoutes(httplib::Server& server, DisplayService& displays, ApiAuth& auth) {
  server.Post(R"(/v1/rooms/([^/]+)/displays)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    nlohmann::json body = nlohmann::json::object();
    if (!req.body.empty()) {
      std::optional<nlohmann::json> given = JsonObjectBody(req, res);
      if (!given) return;
      body = std::move(*given);
    }
    Result<displays::CreatedDisplay> created =
        displays.Create(caller->tenant_id, req.matches[1], body, caller->key_id.empty() ? caller->via : caller->key_id);
    if (!created) return SendError(res, created.error());
    res.set_header("Cache-Control", "no-store");
    nlohmann::json answer = DisplayJson(created->display);
    answer["pairing_code"] = created->code;
    answer["pairing_code_expires_at"] = Time(created->display.code_expires_at);
    SendJson(res, 201, answer);
  });
  server.Get(R"(/v1/rooms/([^/]+)/displays)", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    Result<std::vector<Display>> list = displays.List(caller->tenant_id, req.matches[1]);
    if (!list) return SendError(res, list.error());
    nlohmann::json items = nlohmann::json::array();
    for (const Display& display : *list) items.push_back(DisplayJson(display));
    SendJson(res, 200, {{"displays", items}});
  });
  server.Delete(R"(/v1/rooms/([^/]+)/displays/(dsp_[A-Za-z0-9_-]+))", [&](Req req, Res res) {
    std::optional<RequestContext> caller = auth.ForTenantApiKey(req, res);
    if (!caller) return;
    Result<bool> revoked = displays.Revoke(caller->tenant_id, req.matches[1], req.matches[2]);
    if (!revoked) return SendError(res, revoked.error());
    res.status = 204;
  });
  server.Post("/v1/room-display/pair", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    std::optional<nlohmann::json> body = ObjectBodyOfAnyType(req, res);
    if (!body) return;
    if (!body->contains("code") || !body->at("code").is_string()) {
      return SendError(res, codes::kInvalidRequest, "code (the pairing code the administrator was given) is required",
                       "code");
    }
    Result<displays::PairedDisplay> paired = displays.Pair(body->at("code").get<std::string>());
    if (!paired) return SendRefusal(res, paired.error());
    observability::NoteTenant(paired->display.tenant_id);
    observability::NoteActor("room_display", paired->display.id);
    SendJson(res, 200, {{"token", paired->token}, {"display", DisplayJson(paired->display)}});
  });
  server.Get("/v1/room-display", [&](Req req, Res res) {
    res.set_header("Cache-Control", "no-store");
    Result<displays::RoomFeed> feed = displays.Feed(DeviceToken(req));
    if (!feed) return SendRefusal(res, feed.error());
    observability::NoteTenant(feed->display.tenant_id);
    observability::NoteActor("room_display", feed->display.id);
    SendJson(res, 200, FeedJson(*feed));
  });
}

}  // namespace slotwise
