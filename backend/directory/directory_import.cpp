// directory_import.cpp — see directory_import.h.
#include "directory/directory_import.h"

#include <nlohmann/json.hpp>

#include "directory/room_refresh.h"
#include "providers/microsoft_graph_calendar.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise {

namespace {

using nlohmann::json;

// Graph's working hours as the engine's working_hours object ("" when Graph gave none).
std::string WorkingHoursJson(const providers::MailboxSettings& settings) {
  if (settings.working_start.size() != 5 || settings.working_end.size() != 5 || settings.working_days.empty()) return "";
  static const char* kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  json hours = json::object();
  for (int day : settings.working_days) {
    hours[kDays[day]] = json::array({json::array({settings.working_start, settings.working_end})});
  }
  return DumpJson(hours);
}

}  // namespace

Result<DirectoryImportReport> ImportMicrosoftDirectory(DirectoryStore& directory, OrgAccessRegistry& org_access,
                                                       ProviderRegistry& providers, ZoneSource& zones,
                                                       const Tenant& tenant, bool update_existing) {
  const std::optional<std::string> api_base = providers.ApiBase(oauth::Provider::kMicrosoft);
  Result<std::shared_ptr<OrgAccess>> access = org_access.For(tenant.id);
  if (!access) return access.error();
  if (!api_base || !(*access)->configured(oauth::Provider::kMicrosoft)) {
    return Error{codes::kProviderNotConfigured,
                 "tenant " + tenant.id + " has not connected its Microsoft 365 organisation: its administrator "
                 "connects it (POST /v1/organisation/microsoft/consent) before the directory can be imported",
                 ""};
  }
  Result<std::unique_ptr<providers::AccessTokenSource>> held = org_access.MicrosoftAppOnly(tenant.id, "");
  if (!held) return held.error();
  std::unique_ptr<providers::AccessTokenSource> tokens = std::move(held).value();
  providers::MicrosoftGraphCalendar graph(providers.transport(), *tokens, *api_base);
  DirectoryImportReport report;

  Result<std::vector<providers::DirectoryUser>> users = graph.ListUsers();
  if (!users) return users.error();
  for (const providers::DirectoryUser& user : *users) {
    if (user.email.empty()) continue;
    if (!(*access)->scope().Covers(user.email)) {
      report.notes.push_back(user.email + ": not in the domains verified for this tenant; not imported");
      continue;
    }
    Result<std::optional<Person>> existing = directory.GetPerson(tenant.id, AsciiLower(user.email));
    if (!existing) return existing.error();
    if (existing->has_value() && !update_existing) {
      ++report.people_kept;
      continue;
    }
    Person person = existing->has_value() ? **existing : Person{};
    if (!existing->has_value()) {
      person.tenant_id = tenant.id;
      person.email = user.email;
      person.roles = {"interviewer"};
      person.calendar_provider = "microsoft";
      person.locale = tenant.locale;
      person.time_zone = tenant.time_zone;
    }
    person.name = user.display_name.empty() ? user.email : user.display_name;
    Result<providers::MailboxSettings> settings = graph.GetMailboxSettings(user.id);
    if (!settings) {
      report.notes.push_back(user.email + ": mailbox settings unreadable (" + settings.error().message +
                             "); zone and working hours left as they were");
    } else {
      if (zones.Find(settings->time_zone)) {
        person.time_zone = settings->time_zone;
      } else {
        report.notes.push_back(user.email + ": zone \"" + settings->time_zone + "\" is not an IANA name this server "
                               "knows; " + person.time_zone + " is used — set time_zone on the person");
      }
      person.working_hours_json = WorkingHoursJson(*settings);
      if (person.working_hours_json.empty()) {
        report.notes.push_back(user.email + ": no working hours in Microsoft 365; available around the clock");
      }
    }
    Result<Person> stored = directory.UpsertPerson(person);
    if (!stored) return stored.error();
    existing->has_value() ? ++report.people_updated : ++report.people_added;
  }

  Result<std::vector<providers::RoomInfo>> rooms =
      ReadDirectoryRooms(org_access, providers, tenant.id, oauth::Provider::kMicrosoft);
  if (!rooms) return rooms.error();
  RoomCounts counts;
  Result<bool> applied = ApplyDirectoryRooms(directory, tenant.id, "microsoft", *rooms, 0, update_existing, false,
                                             counts, report.notes);
  if (!applied) return applied.error();
  report.rooms_added = counts.added;
  report.rooms_updated = counts.updated + counts.returned;
  report.rooms_kept = counts.kept;
  return report;
}

}  // namespace slotwise

namespace slotwise {

Result<DirectoryImportReport> ImportGoogleRooms(DirectoryStore& directory, OrgAccessRegistry& org_access,
                                                const ProviderRegistry& providers, const Tenant& tenant,
                                                bool update_existing) {
  Result<std::vector<providers::RoomInfo>> rooms =
      ReadDirectoryRooms(org_access, providers, tenant.id, oauth::Provider::kGoogle);
  if (!rooms) return rooms.error();
  DirectoryImportReport report;
  RoomCounts counts;
  Result<bool> applied =
      ApplyDirectoryRooms(directory, tenant.id, "google", *rooms, 0, update_existing, false, counts, report.notes);
  if (!applied) return applied.error();
  report.rooms_added = counts.added;
  report.rooms_updated = counts.updated + counts.returned;
  report.rooms_kept = counts.kept;
  report.notes.push_back("people of a Google Workspace are not read: add them with PUT /v1/people, or they connect "
                         "their own calendars");
  return report;
}

}  // namespace slotwise
