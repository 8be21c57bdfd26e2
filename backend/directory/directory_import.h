// directory_import.h — a tenant's people and rooms read from its Microsoft 365 organisation through app-only access
// (Graph: /users, each user's /mailboxSettings for zone and working hours, /places/microsoft.graph.room).
//
// Contract:
// - New people get the role "interviewer", calendar_provider "microsoft", the mailbox's zone when it is an IANA name
//   the server knows (Graph may give Windows names: then the tenant's zone, and a note says so) and its working hours
//   (absent = the tenant's default of none, i.e. around the clock, with a note). New rooms get name, capacity,
//   building and floor.
// - Existing people and rooms are kept as they are unless `update_existing`: then name, zone and working hours
//   (people) or name, capacity, building and floor (rooms) are refreshed; roles, limits and locale are never touched.
// - Errors: the provider's (consent_required with the admin-consent link, provider_not_configured, …); a person whose
//   mailbox settings cannot be read is still imported, with a note. Nothing is removed: people who left the
//   organisation are the ATS's to delete.
// - Rooms go through ApplyDirectoryRooms (room_refresh.h) without retiring: an import adds and (with update_existing)
//   refreshes; only the scheduled refresh retires rooms gone from the directory.
// ImportGoogleRooms: a Google Workspace's rooms (Admin SDK, room_refresh.h ReadDirectoryRooms) the same way; its
// people are not read (a note says so).
#pragma once

#include <string>
#include <vector>

#include "connections/org_access_registry.h"
#include "connections/provider_registry.h"
#include "slotwise/time_zone.h"
#include "store/directory_store.h"

namespace slotwise {

struct DirectoryImportReport {
  int people_added = 0, people_updated = 0, people_kept = 0;
  int rooms_added = 0, rooms_updated = 0, rooms_kept = 0;
  std::vector<std::string> notes;  // one sentence per thing an administrator may want to fix
};

Result<DirectoryImportReport> ImportMicrosoftDirectory(DirectoryStore& directory, OrgAccessRegistry& org_access,
                                                       ProviderRegistry& providers, ZoneSource& zones,
                                                       const Tenant& tenant, bool update_existing);
Result<DirectoryImportReport> ImportGoogleRooms(DirectoryStore& directory, OrgAccessRegistry& org_access,
                                                const ProviderRegistry& providers, const Tenant& tenant,
                                                bool update_existing);

}  // namespace slotwise
