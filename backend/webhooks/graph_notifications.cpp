// graph_notifications.cpp — see graph_notifications.h.
#include "webhooks/graph_notifications.h"

#include <mutex>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "crypto/crypto_primitives.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::webhooks {
namespace {

using nlohmann::json;

// The string member `name` of `object` when present, a string, and at most max_bytes long (and at least 1 byte when
// required). nullopt means malformed; an absent optional member gives "".
std::optional<std::string> StringMember(const json& object, const char* name, std::size_t max_bytes, bool required) {
  const auto found = object.find(name);
  if (found == object.end() || found->is_null()) {
    if (required) return std::nullopt;
    return std::string();
  }
  if (!found->is_string()) return std::nullopt;
  const auto& text = found->get_ref<const std::string&>();
  if (text.size() > max_bytes || (required && text.empty())) return std::nullopt;
  return text;
}

void AppendKeyPart(std::string& key, std::string_view part) {  // length-prefixed: no separator ambiguity
  key += std::to_string(part.size());
  key += ':';
  key += part;
}

enum class ItemVerdict { kAccepted, kMalformed, kUnauthenticated };

ItemVerdict VerifyItem(const json& item, const std::unordered_map<std::string, GraphSubscription>& subscriptions,
                       GraphChange& change) {
  if (!item.is_object()) return ItemVerdict::kMalformed;
  auto subscription_id = StringMember(item, "subscriptionId", kMaxGraphIdBytes, true);
  auto lifecycle_event = StringMember(item, "lifecycleEvent", kMaxGraphIdBytes, false);
  if (!lifecycle_event) return ItemVerdict::kMalformed;
  const bool lifecycle = !lifecycle_event->empty();  // a lifecycle notification names no change and no resource
  auto change_type = StringMember(item, "changeType", kMaxGraphIdBytes, !lifecycle);
  auto resource = StringMember(item, "resource", kMaxGraphResourceBytes, !lifecycle);
  auto tenant_id = StringMember(item, "tenantId", kMaxGraphIdBytes, false);
  if (!subscription_id || !change_type || !resource || !tenant_id) return ItemVerdict::kMalformed;
  std::string resource_id;
  if (const auto data = item.find("resourceData"); data != item.end() && !data->is_null()) {
    if (!data->is_object()) return ItemVerdict::kMalformed;
    auto id = StringMember(*data, "id", kMaxGraphResourceBytes, false);
    if (!id) return ItemVerdict::kMalformed;
    resource_id = std::move(*id);
  }

  const auto subscription = subscriptions.find(*subscription_id);
  if (subscription == subscriptions.end()) return ItemVerdict::kUnauthenticated;
  const auto client_state = item.find("clientState");
  if (client_state == item.end() || !client_state->is_string()) return ItemVerdict::kUnauthenticated;
  if (!crypto::SecretEquals(client_state->get_ref<const std::string&>(), subscription->second.client_state)) {
    return ItemVerdict::kUnauthenticated;
  }
  change.subscription_id = std::move(*subscription_id);
  change.change_type = std::move(*change_type);
  change.lifecycle_event = std::move(*lifecycle_event);
  change.resource = std::move(*resource);
  change.resource_id = std::move(resource_id);
  change.tenant_id = std::move(*tenant_id);
  change.target = subscription->second.resource;
  return ItemVerdict::kAccepted;
}

}  // namespace

Result<bool> SubscriptionRegistry::Register(GraphSubscription subscription) {
  if (subscription.subscription_id.empty() || subscription.subscription_id.size() > kMaxGraphIdBytes) {
    return Error{codes::kInvalidSubscription, "Subscription ids are 1 to 128 bytes.", "subscription_id"};
  }
  if (subscription.client_state.empty() || subscription.client_state.size() > kMaxGraphIdBytes) {
    return Error{codes::kInvalidSubscription, "clientState is 1 to 128 bytes.", "client_state"};
  }
  if (subscription.resource.connection_id.empty()) {
    return Error{codes::kInvalidSubscription, "A subscription needs the connection it belongs to.",
                     "resource.connection_id"};
  }
  if (subscription.resource.mailbox.empty()) {
    return Error{codes::kInvalidSubscription, "A subscription needs the mailbox it watches.", "resource.mailbox"};
  }
  std::unique_lock lock(mutex_);
  std::string id = subscription.subscription_id;
  subscriptions_.insert_or_assign(std::move(id), std::move(subscription));
  return true;
}

bool SubscriptionRegistry::Unregister(std::string_view subscription_id) {
  std::unique_lock lock(mutex_);
  return subscriptions_.erase(std::string(subscription_id)) != 0;
}

std::size_t SubscriptionRegistry::Size() const {
  std::shared_lock lock(mutex_);
  return subscriptions_.size();
}

Result<std::string> ValidationReply(std::string_view validation_token) {
  if (validation_token.empty() || validation_token.size() > kMaxGraphValidationTokenBytes ||
      HasControlCharacter(validation_token)) {
    return Error{codes::kInvalidValidationToken,
                     "The validation token must be 1 to 1024 bytes without control characters.", "validationToken"};
  }
  return std::string(validation_token);
}

Result<std::vector<GraphChange>> VerifyGraphNotifications(const SubscriptionRegistry& registry, std::string_view body,
                                                          ReplayCache& replay_cache, std::int64_t now,
                                                          std::int64_t duplicate_window_seconds) {
  if (body.size() > kMaxGraphBodyBytes) {
    return Error{codes::kBodyTooLarge, "The notification body is larger than 1 MiB.", "body"};
  }
  json document;
  try {
    document = slotwise::ParseJson(body);
  } catch (const json::exception&) {
    document = json::value_t::discarded;
  }
  if (document.is_discarded()) return Error{codes::kInvalidNotification, "The body is not JSON.", "body"};
  if (!document.is_object()) return Error{codes::kInvalidNotification, "The body is not a JSON object.", "body"};
  const auto value = document.find("value");
  if (value == document.end() || !value->is_array() || value->empty()) {
    return Error{codes::kInvalidNotification, "The body has no non-empty \"value\" array.", "value"};
  }
  if (value->size() > kMaxGraphItems) {
    return Error{codes::kInvalidNotification, "The body holds more than 1000 notifications.", "value"};
  }

  std::vector<GraphChange> accepted;
  std::size_t accepted_count = 0;
  std::size_t unauthenticated = 0;
  {
    std::shared_lock lock(registry.mutex_);
    for (const json& item : *value) {
      GraphChange change;
      switch (VerifyItem(item, registry.subscriptions_, change)) {
        case ItemVerdict::kMalformed:
          continue;
        case ItemVerdict::kUnauthenticated:
          ++unauthenticated;
          continue;
        case ItemVerdict::kAccepted:
          break;
      }
      ++accepted_count;
      std::string key = "graph|";
      AppendKeyPart(key, change.subscription_id);
      AppendKeyPart(key, change.change_type);
      AppendKeyPart(key, change.lifecycle_event);
      AppendKeyPart(key, change.resource_id.empty() ? change.resource : change.resource_id);
      if (replay_cache.InsertIfNew(std::move(key), now, duplicate_window_seconds)) {
        accepted.push_back(std::move(change));
      }
    }
  }
  if (accepted_count == 0) {
    if (unauthenticated > 0) {
      return Error{codes::kInvalidClientState, "No notification carried a valid subscription and clientState.",
                       "value"};
    }
    return Error{codes::kInvalidNotification, "Every notification in the body is malformed.", "value"};
  }
  return accepted;
}

std::string NewGraphClientState() {
  return crypto::RandomToken(32);
}

}  // namespace slotwise::webhooks
