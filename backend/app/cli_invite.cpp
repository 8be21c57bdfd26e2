// cli_invite.cpp — `slotwise invite render [--zoneinfo DIR] [FILE]`: the candidate's invitation (.ics) from its JSON
// form (backend/invites/invite_json.h; stdin when no FILE or "-"). The .ics goes to stdout; bad input exits 2 with
// docs/ENGINE.md's error object {"error": {"code", "message", "field"?}} on stderr; an unreadable FILE exits 1.
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/cli_commands.h"
#include "invites/icalendar.h"
#include "invites/invite_json.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"
#include "zoneinfo/zoneinfo_directory.h"

namespace slotwise {

namespace {

int ReportInvalid(const Error& error) {
  nlohmann::json body = {{"error", {{"code", error.code}, {"message", error.message}}}};
  if (!error.field.empty()) body["error"]["field"] = error.field;
  std::cerr << DumpJson(body) << "\n";
  return kExitInvalidInput;
}

std::optional<std::string> ReadDocument(const std::string& path) {
  if (path.empty() || path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

int RunInvite(const std::vector<std::string>& args, const char* usage) {
  if (args.size() < 2 || args[1] != "render") {
    std::cerr << usage;
    return kExitInvalidInput;
  }
  std::string zoneinfo = "/usr/share/zoneinfo";
  std::string path;
  for (std::size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--zoneinfo" && i + 1 < args.size()) {
      zoneinfo = args[++i];
    } else if ((args[i].size() > 1 && args[i][0] == '-') || !path.empty()) {
      std::cerr << "slotwise: unknown or incomplete option " << args[i] << "\n" << usage;
      return kExitInvalidInput;
    } else {
      path = args[i];
    }
  }
  const std::optional<std::string> input = ReadDocument(path);
  if (!input) {
    std::cerr << "slotwise: cannot read " << path << "\n";
    return kExitFailure;
  }

  Result<invites::InviteRequest> request = invites::ParseInviteRequest(*input);
  if (!request) return ReportInvalid(request.error());
  ZoneinfoDirectory zones(zoneinfo);
  const TimeZone* zone = zones.Find(request->time_zone);
  if (zone == nullptr) {
    return ReportInvalid(
        {codes::kUnknownTimeZone, "unknown time zone \"" + request->time_zone + "\"", "candidate.time_zone"});
  }
  invites::CandidateInvite invite = request->invite;
  if (!request->dtstamp) invite.dtstamp = static_cast<Instant>(std::time(nullptr));  // DTSTAMP: when it was made

  const Result<std::string> calendar = invites::RenderICalendar(invite, *zone);
  if (!calendar) return ReportInvalid(calendar.error());
  std::cout << *calendar;  // already ends with CRLF
  return std::cout.flush() ? kExitOk : kExitFailure;
}

}  // namespace slotwise
