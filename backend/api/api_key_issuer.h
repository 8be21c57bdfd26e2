// api_key_issuer.h — the one way a tenant API key comes into being (admin route, tenant route, demo seeding) and the
// one JSON shape in which a stored key is shown.
//
// Contract:
// - IssueApiKey draws a fresh key (auth/api_keys.h), stores only its hash under `tenant_id` and answers the plaintext,
//   which the caller shows once and never logs. Errors are the store's: "not_found" (no such tenant),
//   "invalid_request", "key_exists" (a key id drawn twice), "storage_error".
// - ApiKeyLabelFrom reads the optional creation body {"label": string}: at most kMaxApiKeyLabelChars bytes of UTF-8
//   without control characters; any other member is "invalid_request" naming the field. A null body means {}.
// - ApiKeyJson never contains the secret or its hash: key_id, tenant_id, label, created_at, revoked_at (RFC 3339,
//   null while the key is active), active, and last_used_at (RFC 3339 to the minute, null before its first use).
// Thread safety: as the DirectoryStore passed in. No function throws except std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "slotwise/result.h"
#include "store/directory_store.h"

namespace slotwise {

inline constexpr std::size_t kMaxApiKeyLabelChars = 200;

struct IssuedApiKey {
  ApiKeyRecord record;    // as stored (secret_hash included: never send it anywhere)
  std::string plaintext;  // "swk_<key_id>_<secret>": shown once to whoever asked for the key
};

Result<IssuedApiKey> IssueApiKey(DirectoryStore& directory, const std::string& tenant_id, const std::string& label,
                                 std::int64_t now);

Result<std::string> ApiKeyLabelFrom(const nlohmann::json& body);

nlohmann::json ApiKeyJson(const ApiKeyRecord& key);

}  // namespace slotwise
