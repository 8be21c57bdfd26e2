// google_room_directory.cpp — see google_room_directory.h.
#include "providers/google_room_directory.h"

#include <map>

#include "net/url.h"
#include "providers/provider_json.h"
#include "slotwise/error_codes.h"

namespace slotwise::providers {

using nlohmann::json;

GoogleRoomDirectory::GoogleRoomDirectory(net::HttpTransport& transport, AccessTokenSource& tokens,
                                         std::string directory_api_base, RetryPolicy policy, RetryHooks hooks,
                                         std::size_t max_pages)
    : client_(transport, tokens, Provider::kGoogle, policy, std::move(hooks)),
      api_base_(std::move(directory_api_base)),
      max_pages_(max_pages) {}

Result<std::vector<json>> GoogleRoomDirectory::AllPages(const std::string& path, const std::string& key) {
  std::vector<json> items;
  std::string page_token;
  for (std::size_t page = 0;; ++page) {
    if (page >= max_pages_) {
      return MalformedResponse(Provider::kGoogle, path + ": more than " + std::to_string(max_pages_) + " pages");
    }
    net::Params query = {{"maxResults", "500"}};
    if (!page_token.empty()) query.emplace_back("pageToken", page_token);
    Result<net::HttpResponse> sent =
        client_.Send(ProviderClient::JsonRequest("GET", net::WithQuery(JoinUrl(api_base_, path), query)));
    if (!sent) {
      // The token source's own answer (consent_required, subject_refused, …) names what an administrator must fix:
      // kept. What the transport says (timeout, network, URL) is the provider's unavailability.
      const std::string& code = sent.error().code;
      const bool transport = code == codes::kTimeout || code == codes::kNetworkError || code == codes::kInvalidUrl ||
                             code == codes::kNoTimeout;
      return transport ? client_.ToError(sent.error()) : sent.error();
    }
    if (!sent->Ok()) return client_.ToError(*sent);
    std::optional<json> parsed = detail::ParseJson(sent->body);
    if (!parsed || !parsed->is_object()) return MalformedResponse(Provider::kGoogle, path + ": not a JSON object");
    if (const json* list = detail::Member(*parsed, key)) {  // Google leaves an empty list out
      if (!list->is_array()) return MalformedResponse(Provider::kGoogle, path + ": \"" + key + "\" is not a list");
      for (const json& item : *list) items.push_back(item);
    }
    page_token = detail::StringOr(*parsed, "nextPageToken");
    if (page_token.empty()) return items;
  }
}

Result<std::vector<RoomInfo>> GoogleRoomDirectory::ListRooms() {
  Result<std::vector<json>> buildings = AllPages("/customer/my_customer/resources/buildings", "buildings");
  if (!buildings) return buildings.error();
  std::map<std::string, std::string> building_names;
  for (const json& building : *buildings) {
    const std::string id = detail::StringOr(building, "buildingId");
    if (!id.empty()) building_names[id] = detail::StringOr(building, "buildingName", id);
  }
  Result<std::vector<json>> calendars = AllPages("/customer/my_customer/resources/calendars", "items");
  if (!calendars) return calendars.error();
  std::vector<RoomInfo> rooms;
  for (const json& item : *calendars) {
    RoomInfo room;
    room.email = detail::StringOr(item, "resourceEmail");
    if (room.email.empty()) continue;
    const std::string category = detail::StringOr(item, "resourceCategory", "CONFERENCE_ROOM");
    if (category != "CONFERENCE_ROOM" && category != "CATEGORY_UNKNOWN") continue;
    room.name = detail::StringOr(item, "resourceName", room.email);
    room.capacity = detail::IntAt(item, "capacity");
    const std::string building = detail::StringOr(item, "buildingId");
    const auto named = building_names.find(building);
    room.building = named == building_names.end() ? building : named->second;
    room.floor = detail::StringOr(item, "floorName");
    if (const json* features = detail::Member(item, "featureInstances"); features && features->is_array()) {
      for (const json& instance : *features) {
        const json* feature = detail::Member(instance, "feature");
        const std::string name = feature ? detail::StringOr(*feature, "name") : std::string();
        if (!name.empty()) room.features.push_back(name);
      }
    }
    rooms.push_back(std::move(room));
  }
  return rooms;
}

}  // namespace slotwise::providers
