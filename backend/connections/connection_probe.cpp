// connection_probe.cpp — see connection_probe.h.
#include "connections/connection_probe.h"

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "oauth/id_token.h"
#include "providers/google_calendar.h"
#include "providers/goto_meetings.h"
#include "providers/microsoft_graph_calendar.h"
#include "providers/provider_client.h"
#include "providers/zoom_meetings.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise {

namespace {

using nlohmann::json;
using oauth::Provider;

constexpr std::string_view kProbeTitle = "Slotwise connection check (removed right away)";

FunctionCheck Passed(std::string name, std::string detail, std::int64_t now) {
  return {std::move(name), "passed", std::move(detail), now};
}
FunctionCheck Failed(std::string name, const Error& error, std::int64_t now) {
  return {std::move(name), "failed", error.message.empty() ? error.code : error.message, now};
}
FunctionCheck Skipped(std::string name, std::string why, std::int64_t now) {
  return {std::move(name), "skipped", std::move(why), now};
}

Result<json> GetJson(net::HttpTransport& transport, providers::AccessTokenSource& tokens, providers::Provider provider,
                     const std::string& url) {
  providers::ProviderClient client(transport, tokens, provider, providers::RetryPolicy{}, providers::RetryHooks{});
  Result<net::HttpResponse> response = client.Send(providers::ProviderClient::JsonRequest("GET", url));
  if (!response) return response.error();
  if (!response->Ok()) return client.ToError(response.value());
  json body = slotwise::ParseJson(response->body);
  if (!body.is_object()) return Error{codes::kProviderError, "the provider answered " + url + " with malformed JSON", ""};
  return body;
}

std::string StringAt(const json& object, const char* key) {
  return object.contains(key) && object[key].is_string() ? object[key].get<std::string>() : "";
}

// A probe slot: tomorrow at the same time of day, 15 minutes, in the past of nobody's working day assumptions.
Interval ProbeSlot(std::int64_t now) {
  const Instant start = (now / 900 + 96) * 900;  // 24 h ahead, on a quarter hour
  return {start, start + 900};
}

void CheckCalendar(providers::CalendarAdapter& calendar, const Connection& connection, bool rooms_allowed,
                   std::string rooms_skip_reason, std::int64_t now, std::vector<FunctionCheck>& checks) {
  const Interval probe = ProbeSlot(now);
  Result<std::vector<CalendarBusy>> busy =
      calendar.FreeBusy({connection.account_email}, {now, now + 7 * 86400}, "UTC");
  if (busy && !busy->empty() && busy->front().busy.ok()) {
    checks.push_back(Passed("read_free_busy",
                            "read " + std::to_string(busy->front().busy.value().size()) + " busy time(s) of the next 7 days",
                            now));
  } else {
    checks.push_back(Failed("read_free_busy", busy ? (busy->empty() ? Error{codes::kProviderError, "no calendar came back", ""}
                                                                     : busy->front().busy.error())
                                                   : busy.error(),
                            now));
  }
  providers::EventSpec spec;
  spec.idempotency_key = "probe-" + connection.id + "-" + std::to_string(now);
  spec.summary = std::string(kProbeTitle);
  spec.start = probe.start;
  spec.end = probe.end;
  spec.send_updates = providers::SendUpdates::kNone;
  Result<providers::CreatedEvent> created = calendar.CreateEvent(spec);
  if (!created) {
    checks.push_back(Failed("create_delete_probe_event", created.error(), now));
  } else if (Result<bool> deleted = calendar.DeleteEvent(created->id); !deleted) {
    checks.push_back(Failed("create_delete_probe_event",
                            Error{codes::kProbeLeftBehind, "created the probe event but could not delete it: " +
                                                           deleted.error().message, ""},
                            now));
  } else {
    checks.push_back(Passed("create_delete_probe_event", "created and deleted a probe event", now));
  }
  if (!rooms_allowed) {
    checks.push_back(Skipped("list_rooms", std::move(rooms_skip_reason), now));
    return;
  }
  Result<std::vector<providers::RoomInfo>> rooms = calendar.ListRooms();
  if (rooms) {
    checks.push_back(Passed("list_rooms", "found " + std::to_string(rooms->size()) + " room(s)", now));
  } else {
    checks.push_back(Failed("list_rooms", rooms.error(), now));
  }
}

}  // namespace

Result<AccountIdentity> ConnectionProbes::Identify(Provider provider, const oauth::TokenSet& tokens) {
  std::optional<std::string> api_base = providers_.ApiBase(provider);
  if (!api_base) return Error{codes::kProviderNotConfigured, "provider not configured", ""};
  providers::StaticTokenSource source(tokens.access_token);
  net::HttpTransport& transport = providers_.transport();
  switch (provider) {
    case Provider::kGoogle: {
      std::string email = oauth::IdTokenEmail(tokens.id_token);
      if (email.empty()) {
        Result<json> primary = GetJson(transport, source, providers::Provider::kGoogle,
                                       providers::JoinUrl(*api_base, "/calendars/primary"));
        if (!primary) return primary.error();
        email = StringAt(primary.value(), "id");
      }
      if (email.empty()) return Error{codes::kProviderError, "Google did not say which account this is", ""};
      return AccountIdentity{email, email};
    }
    case Provider::kMicrosoft: {
      if (std::string email = oauth::IdTokenEmail(tokens.id_token); !email.empty()) return AccountIdentity{email, email};
      Result<json> me = GetJson(transport, source, providers::Provider::kGraph, providers::JoinUrl(*api_base, "/me"));
      if (!me) return me.error();
      std::string email = StringAt(me.value(), "mail");
      if (email.empty()) email = StringAt(me.value(), "userPrincipalName");
      const std::string id = StringAt(me.value(), "id");
      if (email.empty()) return Error{codes::kProviderError, "Microsoft did not say which account this is", ""};
      return AccountIdentity{id.empty() ? email : id, email};
    }
    case Provider::kZoom: {
      providers::ZoomMeetings zoom(transport, source, *api_base);
      Result<providers::ZoomUser> me = zoom.GetMe();
      if (!me) return me.error();
      return AccountIdentity{me->id, me->email};
    }
    case Provider::kGoTo: {
      if (tokens.principal.empty()) return Error{codes::kProviderError, "GoTo did not say which account this is", ""};
      return AccountIdentity{tokens.principal, tokens.principal};
    }
  }
  return Error{codes::kProviderNotConfigured, "unknown provider", ""};
}

std::vector<FunctionCheck> ConnectionProbes::Check(const Connection& connection, providers::AccessTokenSource& tokens) {
  std::vector<FunctionCheck> checks;
  const std::int64_t now = clock_();
  std::optional<std::string> api_base = providers_.ApiBase(connection.provider);
  if (!api_base) {
    checks.push_back(Failed("configuration", {codes::kProviderNotConfigured, "provider not configured", ""}, now));
    return checks;
  }
  net::HttpTransport& transport = providers_.transport();
  switch (connection.provider) {
    case Provider::kGoogle: {
      providers::GoogleCalendar calendar(transport, tokens, *api_base);
      CheckCalendar(calendar, connection, false,
                    "Google lists rooms through the organisation's service account (Admin SDK), not a user's "
                    "connection",
                    now, checks);
      break;
    }
    case Provider::kMicrosoft: {
      if (!CalendarGranted(connection.provider, connection.scopes)) {
        // Connected for something else (hr_posting: Teams channel posts only): the calendar was never asked for.
        const std::string why = "this connection was not granted Calendars.ReadWrite (it was connected for Teams "
                                "channel posts, not for the calendar)";
        for (const char* name : {"read_free_busy", "create_delete_probe_event", "list_rooms"}) {
          checks.push_back(Skipped(name, why, now));
        }
        break;
      }
      providers::MicrosoftGraphCalendar calendar(transport, tokens, *api_base);
      const bool rooms_allowed = connection.scopes.find("Place.Read.All") != std::string::npos;
      CheckCalendar(calendar, connection, rooms_allowed,
                    "this connection was not granted Place.Read.All, so it cannot list rooms", now, checks);
      break;
    }
    case Provider::kZoom: {
      providers::ZoomMeetings zoom(transport, tokens, *api_base);
      Result<providers::ZoomUser> me = zoom.GetMe();
      Result<providers::ZoomHostSettings> settings =
          me ? zoom.GetSettings(me.value()) : Result<providers::ZoomHostSettings>(me.error());
      if (settings) {
        checks.push_back(Passed("read_settings",
                                std::string("join before host ") + (settings->join_before_host ? "on" : "off") +
                                    ", waiting room " + (settings->waiting_room ? "on" : "off") + ", passcode " +
                                    (settings->passcode_enabled ? "required" : "not required") +
                                    (settings->passcode_locked ? " (locked by the account admin)" : ""),
                                now));
      } else {
        checks.push_back(Failed("read_settings", settings.error(), now));
      }
      providers::ZoomMeetingSpec spec;
      spec.topic = std::string(kProbeTitle);
      spec.start = ProbeSlot(now).start;
      spec.duration_minutes = 15;
      Result<providers::ZoomMeeting> meeting = zoom.CreateMeeting(spec);
      if (!meeting) {
        checks.push_back(Failed("create_delete_probe_meeting", meeting.error(), now));
      } else if (Result<bool> deleted = zoom.DeleteMeeting(meeting->id); !deleted) {
        checks.push_back(Failed("create_delete_probe_meeting", deleted.error(), now));
      } else {
        checks.push_back(Passed("create_delete_probe_meeting", "created and deleted a probe meeting", now));
      }
      break;
    }
    case Provider::kGoTo: {
      providers::GoToMeetings go_to(transport, tokens, *api_base);
      providers::GoToMeetingSpec spec;
      spec.subject = std::string(kProbeTitle);
      spec.start = ProbeSlot(now).start;
      spec.end = ProbeSlot(now).end;
      Result<providers::GoToMeeting> meeting = go_to.CreateMeeting(spec);
      if (!meeting) {
        checks.push_back(Failed("create_delete_probe_meeting", meeting.error(), now));
      } else if (Result<bool> deleted = go_to.DeleteMeeting(meeting->meeting_id); !deleted) {
        checks.push_back(Failed("create_delete_probe_meeting", deleted.error(), now));
      } else {
        checks.push_back(Passed("create_delete_probe_meeting", "created and deleted a probe meeting", now));
      }
      break;
    }
  }
  return checks;
}

}  // namespace slotwise
