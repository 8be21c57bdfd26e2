// graph_permissions.cpp — see graph_permissions.h. The accepted sets follow Microsoft Graph v1.0's permission tables
// (least privileged first, then the higher ones Graph also accepts).
#include "sandbox/graph_permissions.h"

#include "sandbox/provider_errors.h"

namespace slotwise::sandbox {

namespace graph_rules {
namespace {
const std::vector<std::string> kCalendarsRead = {"Calendars.ReadBasic", "Calendars.Read", "Calendars.ReadWrite"};
const std::vector<std::string> kCalendarsWrite = {"Calendars.ReadWrite"};
const std::vector<std::string> kDirectoryUsers = {"User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All",
                                                  "Directory.Read.All", "Directory.ReadWrite.All"};
const std::vector<std::string> kUserApp = {"User.Read.All", "User.ReadWrite.All", "Directory.Read.All",
                                           "Directory.ReadWrite.All"};
}  // namespace

const GraphRule kCalendarRead{kCalendarsRead, kCalendarsRead, GraphFamily::kOutlook};
const GraphRule kCalendarWrite{kCalendarsWrite, kCalendarsWrite, GraphFamily::kOutlook};
const GraphRule kEventSubscription{{"Calendars.Read", "Calendars.ReadWrite"},
                                   {"Calendars.Read", "Calendars.ReadWrite"},
                                   GraphFamily::kOutlook};
const GraphRule kMailboxSettingsRead{{"MailboxSettings.Read", "MailboxSettings.ReadWrite"},
                                     {"MailboxSettings.Read", "MailboxSettings.ReadWrite"},
                                     GraphFamily::kOutlook};
const GraphRule kPlacesRead{{"Place.Read.All", "Place.ReadWrite.All"},
                            {"Place.Read.All", "Place.ReadWrite.All"},
                            GraphFamily::kOutlook};
const GraphRule kUsersList{kDirectoryUsers, kDirectoryUsers, GraphFamily::kDirectory};
const GraphRule kUserSelf{{"User.Read", "User.ReadWrite", "User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All",
                           "Directory.Read.All", "Directory.ReadWrite.All"},
                          kUserApp,
                          GraphFamily::kDirectory};
const GraphRule kUserOther{kDirectoryUsers, kUserApp, GraphFamily::kDirectory};
const GraphRule kOrganizationRead{{"User.Read", "Organization.Read.All", "Organization.ReadWrite.All",
                                   "Directory.Read.All", "Directory.ReadWrite.All"},
                                  {"Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All",
                                   "Directory.ReadWrite.All"},
                                  GraphFamily::kDirectory};
const GraphRule kChannelRead{{"Channel.ReadBasic.All", "ChannelSettings.Read.All", "ChannelSettings.ReadWrite.All",
                              "Directory.Read.All", "Directory.ReadWrite.All", "Group.Read.All", "Group.ReadWrite.All"},
                             {"ChannelSettings.Read.Group", "ChannelSettings.ReadWrite.Group", "Channel.ReadBasic.All",
                              "ChannelSettings.Read.All", "ChannelSettings.ReadWrite.All", "Directory.Read.All",
                              "Directory.ReadWrite.All", "Group.Read.All", "Group.ReadWrite.All"},
                             GraphFamily::kTeams};
const GraphRule kJoinedTeams{{"Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All",
                              "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"},
                             {"Team.ReadBasic.All", "TeamSettings.Read.All", "TeamSettings.ReadWrite.All",
                              "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"},
                             GraphFamily::kTeams};
const GraphRule kChannelMessagesRead{{"ChannelMessage.Read.All", "Group.Read.All", "Group.ReadWrite.All"},
                                     {"ChannelMessage.Read.Group", "ChannelMessage.Read.All", "Group.Read.All",
                                      "Group.ReadWrite.All"},
                                     GraphFamily::kTeams};
const GraphRule kChannelMessageSend{{"ChannelMessage.Send", "Group.ReadWrite.All"},
                                    {"Teamwork.Migrate.All"},
                                    GraphFamily::kTeams};
}  // namespace graph_rules

namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

bool HasGraphPermission(const AccessToken& token, const GraphRule& rule) {
  const std::set<std::string>& held = token.app_only ? token.roles : token.scopes;
  for (const std::string& accepted : token.app_only ? rule.application : rule.delegated) {
    if (held.count(accepted)) return true;
  }
  return false;
}

bool RequireGraphPermission(SandboxCore& core, const AccessToken& token, const GraphRule& rule, httplib::Response& res) {
  if (HasGraphPermission(token, rule)) return true;
  const std::int64_t now = core.Now();
  switch (rule.family) {
    case GraphFamily::kOutlook:
      GraphError(res, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.", now);
      break;
    case GraphFamily::kDirectory:
      GraphError(res, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", now);
      break;
    case GraphFamily::kTeams: {
      const std::set<std::string>& held = token.app_only ? token.roles : token.scopes;
      GraphError(res, 403, "Forbidden",
                 "Missing scope permissions on the request. API requires one of '" +
                     Joined(token.app_only ? rule.application : rule.delegated) + "'. Scopes on the request '" +
                     Joined(std::vector<std::string>(held.begin(), held.end())) + "'",
                 now);
      break;
    }
  }
  return false;
}

std::string DefaultMintScopes(const std::string& provider) {
  if (provider == "google") return "openid email https://www.googleapis.com/auth/calendar";
  if (provider == "microsoft") {
    return "openid profile email User.Read User.ReadBasic.All Calendars.ReadWrite Calendars.Read.Shared "
           "MailboxSettings.Read Place.Read.All OnlineMeetings.ReadWrite Channel.ReadBasic.All ChannelMessage.Send "
           "ChannelMessage.Read.All";
  }
  if (provider == "zoom") return "meeting:read meeting:write user:read";
  return "collab:";
}

std::set<std::string> DefaultAppRoles() {
  return {"Calendars.ReadWrite", "Place.Read.All", "User.Read.All", "MailboxSettings.Read", "Organization.Read.All"};
}

}  // namespace slotwise::sandbox
