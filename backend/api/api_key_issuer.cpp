// api_key_issuer.cpp — see api_key_issuer.h.
#include "api/api_key_issuer.h"

#include "api/directory_json.h"
#include "auth/api_keys.h"
#include "slotwise/ascii.h"
#include "slotwise/error_codes.h"
#include "slotwise/time.h"

namespace slotwise {

Result<IssuedApiKey> IssueApiKey(DirectoryStore& directory, const std::string& tenant_id, const std::string& label,
                                 std::int64_t now) {
  const auth::GeneratedApiKey key = auth::GenerateApiKey();
  ApiKeyRecord record{key.key_id, tenant_id, key.secret_hash, label, now, 0};
  if (Result<bool> added = directory.AddApiKey(record); !added) return added.error();
  return IssuedApiKey{std::move(record), key.plaintext};
}

Result<std::string> ApiKeyLabelFrom(const nlohmann::json& body) {
  std::string label;
  if (body.is_null()) return label;
  if (Result<bool> keys = body_fields::CheckKeys(body, {"label"}); !keys) return keys.error();
  if (Result<bool> read = body_fields::Read(body, "label", label); !read) return read.error();
  if (label.size() > kMaxApiKeyLabelChars || !IsValidUtf8(label) || HasControlCharacter(label)) {
    return Error{codes::kInvalidRequest,
                 "label must be at most " + std::to_string(kMaxApiKeyLabelChars) +
                     " bytes of UTF-8 without control characters",
                 "label"};
  }
  return label;
}

nlohmann::json ApiKeyJson(const ApiKeyRecord& key) {
  return {{"key_id", key.key_id},
          {"tenant_id", key.tenant_id},
          {"label", key.label},
          {"created_at", FormatRfc3339(key.created_at)},
          {"revoked_at", key.revoked_at == 0 ? nlohmann::json(nullptr) : nlohmann::json(FormatRfc3339(key.revoked_at))},
          {"active", key.revoked_at == 0},
          {"last_used_at",
           key.last_used_at == 0 ? nlohmann::json(nullptr) : nlohmann::json(FormatRfc3339(key.last_used_at))}};
}

}  // namespace slotwise
