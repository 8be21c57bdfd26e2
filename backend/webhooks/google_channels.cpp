// google_channels.cpp — see google_channels.h.
#include "webhooks/google_channels.h"

#include <utility>

#include "crypto/crypto_primitives.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"

namespace slotwise::webhooks {
namespace {


bool IsChannelIdCharacter(char ch) {
  return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
         ch == '+' || ch == '/' || ch == '=';
}

bool IsValidChannelId(std::string_view id) {
  if (id.empty() || id.size() > kMaxGoogleChannelIdBytes) return false;
  for (char ch : id) {
    if (!IsChannelIdCharacter(ch)) return false;
  }
  return true;
}

}  // namespace

Result<bool> ChannelRegistry::Register(GoogleChannel channel) {
  if (!IsValidChannelId(channel.channel_id)) {
    return Error{codes::kInvalidChannel, "Channel ids are 1 to 64 characters of A-Z a-z 0-9 - _ + / =.", "channel_id"};
  }
  if (channel.token.empty() || channel.token.size() > kMaxGoogleChannelTokenBytes) {
    return Error{codes::kInvalidChannel, "Channel tokens are 1 to 256 bytes.", "token"};
  }
  if (channel.resource.connection_id.empty()) {
    return Error{codes::kInvalidChannel, "A channel needs the connection it belongs to.", "resource.connection_id"};
  }
  if (channel.resource.calendar_id.empty()) {
    return Error{codes::kInvalidChannel, "A channel needs the calendar it watches.", "resource.calendar_id"};
  }
  if (channel.resource_id.size() > kMaxGoogleResourceIdBytes) {
    return Error{codes::kInvalidChannel, "Resource ids are at most 256 bytes.", "resource_id"};
  }
  std::lock_guard lock(mutex_);
  std::string id = channel.channel_id;
  channels_.insert_or_assign(std::move(id), Entry{std::move(channel), -1});
  return true;
}

bool ChannelRegistry::Unregister(std::string_view channel_id) {
  std::lock_guard lock(mutex_);
  return channels_.erase(std::string(channel_id)) != 0;
}

std::size_t ChannelRegistry::PruneExpired(std::int64_t now) {
  std::lock_guard lock(mutex_);
  return std::erase_if(channels_, [now](const auto& item) { return now >= item.second.channel.expires_at; });
}

std::size_t ChannelRegistry::Size() const {
  std::lock_guard lock(mutex_);
  return channels_.size();
}

Result<GoogleNotice> VerifyGoogleNotification(ChannelRegistry& registry, const GoogleHeaders& headers,
                                              std::int64_t now) {
  if (headers.channel_id.empty() || headers.channel_id.size() > kMaxGoogleChannelIdBytes) {
    return Error{codes::kUnknownChannel, "The notification names no channel this server created.", "X-Goog-Channel-ID"};
  }
  std::lock_guard lock(registry.mutex_);
  const auto found = registry.channels_.find(std::string(headers.channel_id));
  if (found == registry.channels_.end()) {
    return Error{codes::kUnknownChannel, "The notification names no channel this server created.", "X-Goog-Channel-ID"};
  }
  ChannelRegistry::Entry& entry = found->second;
  const GoogleChannel& channel = entry.channel;
  if (headers.channel_token.size() > kMaxGoogleChannelTokenBytes ||
      !crypto::SecretEquals(headers.channel_token, channel.token)) {
    return Error{codes::kInvalidToken, "The channel token does not match.", "X-Goog-Channel-Token"};
  }
  if (now >= channel.expires_at) {
    return Error{codes::kExpiredChannel, "The channel has expired.", "X-Goog-Channel-ID"};
  }
  if (!channel.resource_id.empty() && headers.resource_id != channel.resource_id) {
    return Error{codes::kResourceMismatch, "The resource id is not the one this channel watches.", "X-Goog-Resource-ID"};
  }

  GoogleNotice notice;
  if (headers.resource_state == "sync") {
    notice.kind = GoogleNoticeKind::kSync;
  } else if (headers.resource_state == "exists" || headers.resource_state == "not_exists") {
    notice.kind = GoogleNoticeKind::kChanged;
  } else {
    return Error{codes::kInvalidNotification, "The resource state is not sync, exists or not_exists.",
                     "X-Goog-Resource-State"};
  }
  const auto number = ParseDecimal(headers.message_number);
  if (!number) {
    return Error{codes::kInvalidNotification, "The message number is not a decimal number.", "X-Goog-Message-Number"};
  }
  notice.message_number = *number;
  if (*number <= entry.highest_message_number) {
    notice.duplicate = true;
  } else {
    entry.highest_message_number = *number;
  }
  notice.channel_id = channel.channel_id;
  notice.resource_id = std::string(headers.resource_id.substr(0, kMaxGoogleResourceIdBytes));
  notice.resource_state = std::string(headers.resource_state);
  notice.resource = channel.resource;
  return notice;
}

std::string NewGoogleChannelId() {
  return crypto::RandomToken(24);
}
std::string NewGoogleChannelToken() {
  return crypto::RandomToken(32);
}

}  // namespace slotwise::webhooks
