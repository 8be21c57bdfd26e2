// goto_routes.cpp — GoToMeeting REST under /goto/G2M/rest: create (201 with an ARRAY), update (PUT → 204), delete
// (204), get, start URL, the organizer's upcoming meetings. Error bodies {"int_err_code","msg"} (unconfirmed shape,
// docs/SANDBOX.md).
#include <algorithm>

#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"

namespace slotwise::sandbox {

namespace {

const std::string kBase = "/goto/G2M/rest";

std::optional<AccessToken> GoToToken(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  auto token = ResolveBearer(core, req, "goto");
  if (!token) GoToError(res, 401, "InvalidToken", "Invalid token passed");
  return token;
}

// Validates the body and writes its fields into `meeting`; answers 400 and returns false on bad input.
bool ApplyBody(const json& body, json& meeting, bool creating, httplib::Response& res) {
  auto fail = [&res](const std::string& message) {
    GoToError(res, 400, "InvalidRequest", message);
    return false;
  };
  if (const json* subject = GetMember(body, "subject")) {
    if (!subject->is_string() || subject->get<std::string>().size() > 100) return fail("subject must be at most 100 characters");
    meeting["subject"] = *subject;
  } else if (creating) {
    return fail("subject is required");
  }
  std::optional<Instant> start = ParseRfc3339(GetString(meeting, "startTime"));
  std::optional<Instant> end = ParseRfc3339(GetString(meeting, "endTime"));
  if (GetMember(body, "starttime")) start = ParseRfc3339(GetString(body, "starttime"));
  if (GetMember(body, "endtime")) end = ParseRfc3339(GetString(body, "endtime"));
  std::string type = GetString(body, "meetingtype", GetString(meeting, "meetingType", "scheduled"));
  if (type != "immediate" && type != "scheduled" && type != "recurring") return fail("meetingtype is invalid");
  if (type != "immediate" && (!start || !end || *end <= *start)) return fail("starttime and endtime must be UTC ISO 8601 times, endtime after starttime");
  std::string call = GetString(body, "conferencecallinfo", GetString(meeting, "conferenceCallInfoType", "Hybrid"));
  static const std::set<std::string> kCallInfo = {"PSTN", "Free", "Hybrid", "Private", "VoIP"};
  if (!kCallInfo.count(call)) return fail("conferencecallinfo is invalid");
  meeting["meetingType"] = type;
  if (start) meeting["startTime"] = FormatRfc3339(*start);
  if (end) meeting["endTime"] = FormatRfc3339(*end);
  meeting["conferenceCallInfoType"] = call;
  meeting["passwordRequired"] = GetBool(body, "passwordrequired", GetBool(meeting, "passwordRequired"));
  return true;
}

std::string CallInfo(const std::string& type, std::int64_t id) {
  if (type == "VoIP") return "VoIP";
  if (type == "Private") return "Private";
  std::string access = std::to_string(id);
  return "United States: +1 (571) 317-3112\nGermany: +49 721 9881 4161\nAccess Code: " + access.substr(0, 3) + "-" +
         access.substr(3, 3) + "-" + access.substr(6);
}

GoToMeeting* FindMeeting(SandboxCore& core, const AccessToken& token, const std::string& id_text, httplib::Response& res) {
  auto it = core.state.goto_meetings.find(std::atoll(id_text.c_str()));
  if (it == core.state.goto_meetings.end() || it->second.deleted || it->second.organizer_email != token.user_email) {
    GoToError(res, 404, "NotFound", "Meeting with id " + id_text + " not found");
    return nullptr;
  }
  return &it->second;
}

void Create(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GoToToken(core, req, res);
  if (!token) return;
  auto body = ParseJsonObject(req.body);
  if (!body) return GoToError(res, 400, "InvalidRequest", "The request body is not valid JSON");
  GoToMeeting meeting;
  meeting.id = std::stoll(RandomDigits(9));
  while (core.state.goto_meetings.count(meeting.id)) ++meeting.id;
  meeting.organizer_email = token->user_email;
  json stored = {{"meetingId", meeting.id}, {"organizerEmail", token->user_email}};
  if (!ApplyBody(*body, stored, true, res)) return;
  stored["joinURL"] = "https://global.gotomeeting.com/join/" + std::to_string(meeting.id);
  stored["maxParticipants"] = 250;
  stored["uniqueMeetingId"] = std::stoll(RandomDigits(12));
  stored["conferenceCallInfo"] = CallInfo(stored["conferenceCallInfoType"].get<std::string>(), meeting.id);
  meeting.resource = stored;
  core.state.goto_meetings[meeting.id] = meeting;
  json created = {{"joinURL", stored["joinURL"]}, {"meetingid", meeting.id}, {"maxParticipants", 250},
                  {"uniqueMeetingId", stored["uniqueMeetingId"]}, {"conferenceCallInfo", stored["conferenceCallInfo"]}};
  SendJson(res, 201, json::array({created}));
}

void Op(SandboxCore& core, const httplib::Request& req, httplib::Response& res, const std::string& op) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GoToToken(core, req, res);
  if (!token) return;
  GoToMeeting* meeting = FindMeeting(core, *token, req.matches[1].str(), res);
  if (!meeting) return;
  if (op == "GET") return SendJson(res, 200, json::array({meeting->resource}));
  if (op == "START") {
    return SendJson(res, 200, {{"hostURL", "https://global.gotomeeting.com/start/" + std::to_string(meeting->id) +
                                               "?token=" + RandomId(18)}});
  }
  if (op == "DELETE") {
    meeting->deleted = true;
    res.status = 204;
    return;
  }
  auto body = ParseJsonObject(req.body);
  if (!body) return GoToError(res, 400, "InvalidRequest", "The request body is not valid JSON");
  json updated = meeting->resource;
  if (!ApplyBody(*body, updated, false, res)) return;
  meeting->resource = updated;
  res.status = 204;
}

// GET /upcomingMeetings: the caller's own meetings that have not ended on the sandbox clock (running ones included),
// by start time, in the swagger's UpcomingMeeting shape (meetingId as a string, no joinURL).
void Upcoming(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  auto token = GoToToken(core, req, res);
  if (!token) return;
  const User* organizer = core.FindUser("goto", token->user_email);
  const std::string name = organizer ? organizer->name : "";
  const auto space = name.find(' ');
  std::vector<std::pair<std::pair<Instant, std::int64_t>, json>> upcoming;
  for (const auto& [id, meeting] : core.state.goto_meetings) {
    if (meeting.deleted || meeting.organizer_email != token->user_email) continue;
    auto start = ParseRfc3339(GetString(meeting.resource, "startTime"));
    auto end = ParseRfc3339(GetString(meeting.resource, "endTime"));
    if (!start || !end || *end <= core.Now()) continue;  // immediate meetings without times are not listed
    json item = {{"meetingId", std::to_string(id)},
                 {"subject", GetString(meeting.resource, "subject")},
                 {"startTime", FormatRfc3339(*start)},
                 {"endTime", FormatRfc3339(*end)},
                 {"conferenceCallInfo", GetString(meeting.resource, "conferenceCallInfo")},
                 {"meetingType", GetString(meeting.resource, "meetingType", "scheduled")},
                 {"passwordRequired", GetBool(meeting.resource, "passwordRequired")},
                 {"status", "INACTIVE"},
                 {"organizerKey", organizer ? organizer->id : ""},
                 {"email", token->user_email},
                 {"firstName", space == std::string::npos ? name : name.substr(0, space)},
                 {"lastName", space == std::string::npos ? "" : name.substr(space + 1)},
                 {"accountKey", "sandbox-goto-account"},
                 {"locale", "en_US"}};
    upcoming.push_back({{*start, id}, std::move(item)});
  }
  std::sort(upcoming.begin(), upcoming.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json body = json::array();
  for (auto& entry : upcoming) body.push_back(std::move(entry.second));
  SendJson(res, 200, body);
}

}  // namespace

void MountGoToRoutes(httplib::Server& server, SandboxCore& core) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  AddRoute(server, core, "POST", kBase + "/meetings", [&core](Req req, Res res) { Create(core, req, res); });
  AddRoute(server, core, "GET", kBase + "/upcomingMeetings", [&core](Req req, Res res) { Upcoming(core, req, res); });
  AddRoute(server, core, "GET", kBase + "/meetings/([0-9]+)/start", [&core](Req req, Res res) { Op(core, req, res, "START"); });
  for (const std::string method : {"GET", "PUT", "DELETE"}) {
    AddRoute(server, core, method, kBase + "/meetings/([0-9]+)", [&core, method](Req req, Res res) { Op(core, req, res, method); });
  }
}

}  // namespace slotwise::sandbox
