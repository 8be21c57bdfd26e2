// sandbox_state.cpp — SandboxCore: clock, directory look-ups, token minting, reset.
#include "sandbox/sandbox_state.h"

#include <cctype>
#include <chrono>
#include <sstream>

#include "sandbox/http_util.h"
#include "slotwise/ascii.h"

namespace slotwise::sandbox {

namespace {
std::set<std::string> SplitScopes(const std::string& scope) {
  std::set<std::string> out;
  std::istringstream stream(scope);
  std::string item;
  while (stream >> item) out.insert(item);
  return out;
}
}  // namespace

SandboxCore::SandboxCore(SandboxOptions sandbox_options) : options(sandbox_options) {}

std::int64_t SandboxCore::Now() const { return NowMs() / 1000; }

std::int64_t SandboxCore::NowMs() const {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::milliseconds>(now).count() + clock_offset * 1000;
}

void SandboxCore::AddDefaultClientsLocked() {
  const std::pair<std::string_view, std::pair<std::string_view, std::string_view>> kDefaults[] = {
      {"google", {kGoogleClientId, kGoogleClientSecret}},
      {"microsoft", {kMicrosoftClientId, kMicrosoftClientSecret}},
      {"zoom", {kZoomClientId, kZoomClientSecret}},
      {"goto", {kGoToClientId, kGoToClientSecret}},
      {"botframework", {kBotAppId, kBotAppSecret}}};
  for (const auto& [provider, credentials] : kDefaults) {
    Client client;
    client.provider = std::string(provider);
    client.id = std::string(credentials.first);
    client.secret = std::string(credentials.second);
    state.clients[client.id] = client;
  }
}

void SandboxCore::ResetLocked(bool seed_demo_org) {
  state = SandboxState{};  // a fresh world: clients, directory, grants, objects, faults, logs, subscriptions
  AddDefaultClientsLocked();
  if (seed_demo_org) SeedDemoOrgLocked(*this);
}

const User* SandboxCore::FindUser(std::string_view provider, std::string_view email_or_id) const {
  for (const auto& user : state.users) {
    if (user.provider != provider) continue;
    if (EqualsIgnoreCase(user.email, email_or_id) || user.id == email_or_id) return &user;
  }
  return nullptr;
}

User* SandboxCore::FindUserMutable(std::string_view provider, std::string_view email_or_id) {
  return const_cast<User*>(FindUser(provider, email_or_id));
}

const Room* SandboxCore::FindRoom(std::string_view provider, std::string_view email) const {
  for (const auto& room : state.rooms) {
    if (room.provider == provider && EqualsIgnoreCase(room.email, email)) return &room;
  }
  return nullptr;
}

const Client* SandboxCore::FindClient(std::string_view provider, std::string_view client_id) const {
  auto it = state.clients.find(std::string(client_id));
  if (it == state.clients.end() || it->second.provider != provider) return nullptr;
  return &it->second;
}

std::pair<std::string, std::string> SandboxCore::MintLocked(const std::string& provider, const std::string& client_id,
                                                            const std::string& user_email, const std::string& tenant,
                                                            const std::string& scope, bool with_refresh,
                                                            bool app_only) {
  static const std::map<std::string, std::string> kPrefixes = {
      {"google", "ya29.sandbox-"}, {"microsoft", "EwBw.sandbox-"}, {"zoom", "zm.sandbox-"}, {"goto", "g2m.sandbox-"}};
  auto prefix = kPrefixes.count(provider) ? kPrefixes.at(provider) : std::string("sandbox-");
  std::string access = prefix + RandomId(32);
  AccessToken token;
  token.provider = provider;
  token.user_email = user_email;
  token.tenant = tenant;
  token.client_id = client_id;
  token.scopes = SplitScopes(scope);
  token.app_only = app_only;
  token.expires_at = Now() + options.access_token_ttl_seconds;
  state.access_tokens[access] = token;
  std::string refresh;
  if (with_refresh) {
    RefreshToken grant;
    grant.provider = provider;
    grant.client_id = client_id;
    grant.user_email = user_email;
    grant.scope = scope;
    grant.tenant = tenant;
    refresh = NewRefreshTokenLocked(grant);
  }
  return {access, refresh};
}

std::string SandboxCore::NewRefreshTokenLocked(const RefreshToken& token) {
  static const std::map<std::string, std::string> kPrefixes = {
      {"google", "1//sandbox-"}, {"microsoft", "M.C5.sandbox-"}, {"zoom", "zmr.sandbox-"}, {"goto", "g2mr.sandbox-"}};
  auto prefix = kPrefixes.count(token.provider) ? kPrefixes.at(token.provider) : std::string("sandbox-r-");
  std::string value = prefix + RandomId(32);
  RefreshToken copy = token;
  copy.revoked = copy.expired = copy.rotated = false;
  state.refresh_tokens[value] = copy;
  return value;
}

std::string SandboxCore::EventKey(std::string_view provider, std::string_view calendar, std::string_view id) {
  std::string key(provider);
  key += '\n';
  key += AsciiLower(calendar);
  key += '\n';
  key += id;
  return key;
}

void SandboxCore::TouchEvent(CalendarEvent& event) { event.change = ++state.change_counter; }

}  // namespace slotwise::sandbox
