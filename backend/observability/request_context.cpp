// request_context.cpp — see request_context.h.
#include "observability/request_context.h"

#include <random>

namespace slotwise::observability {

namespace {

thread_local RequestTrace* current_request = nullptr;

bool IsRequestIdCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == ':' || c == '-';
}

}  // namespace

RequestScope::RequestScope(std::string request_id) : outer_(current_request) {
  trace_.request_id = std::move(request_id);
  current_request = &trace_;
}

RequestScope::~RequestScope() { current_request = outer_; }

RequestTrace* CurrentRequest() { return current_request; }

void NoteTenant(std::string_view tenant_id) {
  if (current_request) current_request->tenant_id = std::string(tenant_id);
}

void NoteActor(std::string_view kind, std::string_view id) {
  if (!current_request) return;
  current_request->actor_kind = std::string(kind);
  current_request->actor_id = std::string(id);
}

std::string NewRequestId() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(32);
  for (int half = 0; half < 2; ++half) {
    std::uint64_t bits = generator();
    for (int i = 0; i < 16; ++i, bits >>= 4) id += kHex[bits & 0xf];
  }
  return id;
}

std::string AcceptRequestId(std::string_view offered) {
  if (offered.empty() || offered.size() > 64) return NewRequestId();
  for (char c : offered) {
    if (!IsRequestIdCharacter(c)) return NewRequestId();
  }
  return std::string(offered);
}

}  // namespace slotwise::observability
