// host_account_import.cpp — see host_account_import.h.
#include "directory/host_account_import.h"

#include <nlohmann/json.hpp>

#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_text.h"

namespace slotwise {

using nlohmann::json;

json ZoomHostSettingsJson(const providers::ZoomHostSettings& settings) {
  return {{"account_type", settings.personal ? "personal" : "company"},
          {"join_before_host", settings.join_before_host},
          {"jbh_time", settings.jbh_time_minutes},
          {"waiting_room", settings.waiting_room},
          {"passcode", {{"enabled", settings.passcode_enabled}, {"locked", settings.passcode_locked}}}};
}

Result<HostAccount> ImportHostAccount(DirectoryStore& directory, ConnectionStore& connections,
                                      ProviderRegistry& registry, TokenManager& tokens, const std::string& tenant_id,
                                      const std::string& connection_id) {
  Result<std::optional<Connection>> found = connections.Find(connection_id);
  if (!found) return found.error();
  if (!found->has_value() || (*found)->tenant_id != tenant_id) {
    return Error{codes::kNotFound, "no connection " + connection_id + " in this tenant", "connection_id"};
  }
  const Connection& connection = **found;
  HostAccount host;
  host.tenant_id = tenant_id;
  host.connection_id = connection.id;
  host.owner_email = connection.account_email;
  switch (connection.provider) {
    case oauth::Provider::kZoom: {
      host.provider = "zoom";
      std::optional<std::string> api_base = registry.ApiBase(connection.provider);
      if (!api_base) return Error{codes::kProviderNotConfigured, "Zoom is not configured on this server", ""};
      std::unique_ptr<providers::AccessTokenSource> token_source = tokens.SourceFor(connection.id);
      providers::ZoomMeetings zoom(registry.transport(), *token_source, *api_base);
      Result<providers::ZoomUser> me = zoom.GetMe();
      if (!me) return me.error();
      Result<providers::ZoomHostSettings> settings = zoom.GetSettings(*me);
      if (!settings) return settings.error();
      host.settings_json = DumpJson(ZoomHostSettingsJson(*settings));
      if (!me->email.empty()) host.owner_email = me->email;
      break;
    }
    case oauth::Provider::kGoTo:
      host.provider = "goto";
      host.settings_json = "{}";
      break;
    default:
      return Error{codes::kInvalidRequest, "only Zoom and GoTo connections are host accounts (Meet and Teams meetings are "
                                      "created with the organiser's calendar event)", "connection_id"};
  }
  Result<std::optional<Person>> person = directory.GetPerson(tenant_id, AsciiLower(connection.user_id));
  if (!person) return person.error();
  if (person->has_value()) host.owner_email = (*person)->email;  // the person who connected it
  host.id = host.provider + ":" + host.owner_email;
  return directory.UpsertHostAccount(host);
}

}  // namespace slotwise
