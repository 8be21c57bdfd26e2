// google_room_directory.h — a Google Workspace's rooms through the Admin SDK Directory API (docs/PROVIDERS.md
// "Google Workspace rooms"), read with a token of a Workspace administrator that carries the scope
// kGoogleRoomDirectoryScope (organisation access: a service account with domain-wide delegation acting as the
// administrator who connected the Workspace).
//
// Requests (relative to `directory_api_base`, e.g. "https://admin.googleapis.com/admin/directory/v1"):
//   GET /customer/my_customer/resources/buildings?maxResults=500   following nextPageToken
//   GET /customer/my_customer/resources/calendars?maxResults=500   following nextPageToken
// ListRooms answers every calendar resource with a resourceEmail (each one is a bookable calendar), the building's
// name in place of its id (the id itself when the building list does not name it), floorName, capacity and the
// features' names. Resources of another category than CONFERENCE_ROOM (a projector, a car) are left out: Slotwise
// offers rooms. At most `max_pages` pages per list ("provider_error" beyond: a provider that never ends).
// Errors: the provider_errors.h vocabulary (a 403 of a non-administrator is "forbidden" with Google's words).
// Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "providers/calendar_adapter.h"
#include "providers/provider_client.h"

namespace slotwise::providers {

inline constexpr const char* kGoogleRoomDirectoryScope =
    "https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly";

class GoogleRoomDirectory {
 public:
  GoogleRoomDirectory(net::HttpTransport& transport, AccessTokenSource& tokens, std::string directory_api_base,
                      RetryPolicy policy = {}, RetryHooks hooks = {}, std::size_t max_pages = 100);

  Result<std::vector<RoomInfo>> ListRooms();

 private:
  Result<std::vector<nlohmann::json>> AllPages(const std::string& path, const std::string& key);

  ProviderClient client_;
  std::string api_base_;
  std::size_t max_pages_;
};

}  // namespace slotwise::providers
