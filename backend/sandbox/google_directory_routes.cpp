// google_directory_routes.cpp — the Admin SDK Directory API's room resources under /google/admin/directory/v1:
// resources.calendars.list and resources.buildings.list of the caller's Workspace (customer "my_customer" or the
// Workspace's customer id), paged with maxResults/pageToken. Only a Workspace administrator's token with a
// resource-calendar scope is answered (docs/PROVIDERS.md "Google Workspace rooms").
#include <algorithm>
#include <charconv>
#include <map>

#include "crypto/crypto_primitives.h"
#include "sandbox/http_util.h"
#include "sandbox/provider_errors.h"
#include "sandbox/routes.h"
#include "slotwise/ascii.h"

namespace slotwise::sandbox {

namespace {

using nlohmann::json;

const std::string kBase = "/google/admin/directory/v1/customer/([^/]+)/resources";
constexpr std::int64_t kMaxResults = 500;

// The building id Google would show for a building name: lower-case letters and digits, other runs as '-'.
std::string BuildingId(const std::string& name) {
  std::string id;
  for (char c : AsciiLower(name)) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

std::string Sha256Hex(const std::string& text) { return crypto::HexEncode(crypto::Sha256(text)); }

// A non-negative decimal number, or -1.
std::int64_t Count(std::string_view text) {
  std::int64_t value = -1;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value >= 0 ? value : -1;
}

// The customer id the sandbox gives a Workspace domain ("C0" + 7 hex digits of its hash), so tests can also name
// the customer explicitly.
std::string CustomerId(const std::string& domain) {
  const std::string digest = Sha256Hex(domain);
  return "C0" + digest.substr(0, 7);
}

// Authenticates an administrator of a Workspace; answers and returns nullopt on failure. The result is the domain.
std::optional<std::string> AdminDomain(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  auto token = ResolveBearer(core, req, "google");
  if (!token) {
    GoogleUnauthorized(res);
    return std::nullopt;
  }
  const bool scoped = token->scopes.count("https://www.googleapis.com/auth/admin.directory.resource.calendar") ||
                      token->scopes.count("https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly");
  if (!scoped) {
    GoogleError(res, 403, "insufficientPermissions",
                "Request had insufficient authentication scopes.");
    return std::nullopt;
  }
  const User* user = core.FindUser("google", token->user_email);
  const std::string customer = req.matches[1].str();
  if (!user || !user->admin || (customer != "my_customer" && customer != CustomerId(user->domain))) {
    GoogleError(res, 403, "forbidden", "Not Authorized to access this resource/api");
    return std::nullopt;
  }
  return user->domain;
}

// Offset and page size of a list request; answers 400 and returns false when they are invalid.
bool PageWindow(const httplib::Request& req, httplib::Response& res, std::size_t& offset, std::size_t& size) {
  offset = 0;
  size = 100;
  if (const std::string max = Query(req, "maxResults"); !max.empty()) {
    const std::int64_t value = Count(max);
    if (value < 1 || value > kMaxResults) {
      GoogleError(res, 400, "invalid", "Invalid value for: maxResults must be between 1 and 500");
      return false;
    }
    size = static_cast<std::size_t>(value);
  }
  if (const std::string token = Query(req, "pageToken"); !token.empty()) {
    const auto decoded = crypto::Base64UrlDecode(token);
    const std::int64_t value = decoded && decoded->rfind("offset:", 0) == 0 ? Count(decoded->substr(7)) : -1;
    if (value < 0) {
      GoogleError(res, 400, "invalid", "Invalid page token");
      return false;
    }
    offset = static_cast<std::size_t>(value);
  }
  return true;
}

// Sends items [offset, offset + size) of `all` under `key`, with nextPageToken when more follow.
void SendPage(httplib::Response& res, const std::string& kind, const std::string& key, const std::vector<json>& all,
              std::size_t offset, std::size_t size) {
  json body = {{"kind", kind}, {"etag", "\"" + RandomHex(8) + "\""}};
  json items = json::array();
  for (std::size_t i = offset; i < all.size() && i < offset + size; ++i) items.push_back(all[i]);
  if (!items.empty()) body[key] = items;  // Google leaves an empty list out
  if (offset + size < all.size()) body["nextPageToken"] = crypto::Base64UrlEncode("offset:" + std::to_string(offset + size));
  SendJson(res, 200, body);
}

void ListCalendars(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  const std::optional<std::string> domain = AdminDomain(core, req, res);
  if (!domain) return;
  std::size_t offset = 0, size = 0;
  if (!PageWindow(req, res, offset, size)) return;
  std::vector<json> all;
  for (const Room& room : core.state.rooms) {
    if (room.provider != "google" || AsciiLower(room.domain) != *domain) continue;
    json features = json::array();
    for (const std::string& name : room.features) {
      features.push_back({{"feature", {{"kind", "admin#directory#resources#features#Feature"}, {"name", name}}}});
    }
    json item = {{"kind", "admin#directory#resources#calendars#CalendarResource"},
                 {"etags", "\"" + Sha256Hex(room.email + room.name).substr(0, 16) + "\""},
                 {"resourceId", Sha256Hex(room.email).substr(0, 12)},
                 {"resourceName", room.name},
                 {"generatedResourceName", (room.building.empty() ? std::string() : room.building + "-") +
                                               std::to_string(room.floor) + "-" + room.name + " (" +
                                               std::to_string(room.capacity) + ")"},
                 {"resourceType", "Conference room"},
                 {"resourceEmail", room.email},
                 {"resourceCategory", "CONFERENCE_ROOM"}};
    if (room.capacity > 0) item["capacity"] = room.capacity;
    if (!room.building.empty()) {
      item["buildingId"] = BuildingId(room.building);
      item["floorName"] = std::to_string(room.floor);
    }
    if (!features.empty()) item["featureInstances"] = features;
    all.push_back(item);
  }
  SendPage(res, "admin#directory#resources#calendars#calendarResourcesList", "items", all, offset, size);
}

void ListBuildings(SandboxCore& core, const httplib::Request& req, httplib::Response& res) {
  std::lock_guard<std::mutex> lock(core.mutex);
  const std::optional<std::string> domain = AdminDomain(core, req, res);
  if (!domain) return;
  std::size_t offset = 0, size = 0;
  if (!PageWindow(req, res, offset, size)) return;
  std::map<std::string, std::pair<std::string, std::vector<std::string>>> buildings;  // id → name, floors
  for (const Room& room : core.state.rooms) {
    if (room.provider != "google" || AsciiLower(room.domain) != *domain || room.building.empty()) continue;
    auto& [name, floors] = buildings[BuildingId(room.building)];
    name = room.building;
    const std::string floor = std::to_string(room.floor);
    if (std::find(floors.begin(), floors.end(), floor) == floors.end()) floors.push_back(floor);
  }
  std::vector<json> all;
  for (const auto& [id, building] : buildings) {
    all.push_back({{"kind", "admin#directory#resources#buildings#Building"},
                   {"etags", "\"" + Sha256Hex(id).substr(0, 16) + "\""},
                   {"buildingId", id},
                   {"buildingName", building.first},
                   {"floorNames", building.second}});
  }
  SendPage(res, "admin#directory#resources#buildings#buildingsList", "buildings", all, offset, size);
}

}  // namespace

void MountGoogleDirectoryRoutes(httplib::Server& server, SandboxCore& core) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  AddRoute(server, core, "GET", kBase + "/calendars", [&core](Req req, Res res) { ListCalendars(core, req, res); });
  AddRoute(server, core, "GET", kBase + "/buildings", [&core](Req req, Res res) { ListBuildings(core, req, res); });
}

}  // namespace slotwise::sandbox
