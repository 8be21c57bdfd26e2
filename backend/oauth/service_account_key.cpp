// service_account_key.cpp — see service_account_key.h.
#include "oauth/service_account_key.h"

#include <nlohmann/json.hpp>

#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace slotwise::oauth {

namespace {

Error Invalid(const std::string& member, const std::string& why) {
  return Error{codes::kInvalidConfig, "the service-account key file " + why, member};
}

}  // namespace

Result<ServiceAccount> ParseServiceAccountKey(std::string_view json_text) {
  const nlohmann::json key = ParseJson(json_text);
  if (!key.is_object()) return Invalid("", "is not a JSON object (download the key as JSON in Google Cloud)");
  auto text = [&](const char* member) -> const std::string* {
    auto found = key.find(member);
    return found != key.end() && found->is_string() ? found->get_ptr<const std::string*>() : nullptr;
  };
  const std::string* type = text("type");
  if (type == nullptr || *type != "service_account") {
    return Invalid("type", "is not a service-account key (\"type\" must be \"service_account\")");
  }
  const std::string* email = text("client_email");
  if (email == nullptr || email->find('@') == std::string::npos) {
    return Invalid("client_email", "has no \"client_email\" (the service account's address)");
  }
  const std::string* pem = text("private_key");
  if (pem == nullptr || pem->find("PRIVATE KEY-----") == std::string::npos) {
    return Invalid("private_key", "has no PEM \"private_key\"");
  }
  ServiceAccount account;
  account.client_email = *email;
  account.private_key_pem = *pem;
  if (const std::string* client_id = text("client_id")) account.client_id = *client_id;
  return account;
}

}  // namespace slotwise::oauth
