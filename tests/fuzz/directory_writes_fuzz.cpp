// Fuzz target: the readers of the tenant and directory writes (backend/api/directory_json.h) — PATCH /v1/tenant,
// PUT /v1/people/{email}, /v1/rooms/{email}, /v1/host_accounts/{id}, /v1/candidates/{id}. The first byte picks the
// reader; the bytes up to the next newline are the key from the path, the rest is the body. Properties, for any bytes:
//   - a refusal is invalid_request, unknown_time_zone or invalid_url-free: a code of the vocabulary with a message;
//   - an accepted value, written as its answer and read back (less the members that are not input), is accepted again
//     and answers the same JSON (reading is a fixed point; nothing is lost or invented).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "api/directory_json.h"
#include "fuzz_support.h"
#include "fuzz_zones.h"
#include "slotwise/error_codes.h"
#include "slotwise/json_input.h"

namespace {

using nlohmann::json;
using slotwise::fuzz::SystemZones;

void CheckRefusal(const slotwise::Error& error) {
  bool known = false;
  for (const slotwise::ErrorCodeInfo& info : slotwise::AllErrorCodes()) known = known || info.code == error.code;
  FUZZ_CHECK(known && !error.message.empty(), "a refusal outside the vocabulary: " << error.code);
}

json Without(json value, std::initializer_list<const char*> keys) {
  for (const char* key : keys) value.erase(key);
  return value;
}

template <typename Value, typename From, typename ToJson>
void RoundTrip(const slotwise::Result<Value>& first, From from, ToJson to_json, std::initializer_list<const char*> out) {
  if (!first) return CheckRefusal(first.error());
  const json answer = to_json(*first);
  const slotwise::Result<Value> again = from(Without(answer, out));
  FUZZ_CHECK(again.ok(), "an accepted value's own answer is refused: " << again.error().message << " — " << answer.dump());
  FUZZ_CHECK(to_json(*again) == answer, "reading the answer back changed it: " << answer.dump());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  slotwise::fuzz::FuzzInput input(data, size);
  const std::uint8_t kind = input.Byte() % 5;
  const std::string key(input.Until('\n'));
  const json body = slotwise::ParseJson(input.Rest());
  if (body.is_discarded()) return 0;
  slotwise::ZoneSource& zones = SystemZones();
  const std::string tenant = "t1";
  switch (kind) {
    case 0: {
      slotwise::Tenant value;
      value.id = tenant;
      const slotwise::Result<bool> applied = slotwise::ApplyTenant(value, body, zones);
      if (!applied) return CheckRefusal(applied.error()), 0;
      json answer = Without(slotwise::TenantJson(value), {"ats_webhook_secret_set"});
      answer["ats_webhook_secret"] = value.ats_webhook_secret;
      slotwise::Tenant again;
      again.id = tenant;
      const slotwise::Result<bool> reapplied = slotwise::ApplyTenant(again, answer, zones);
      FUZZ_CHECK(reapplied.ok(), "a tenant's own answer is refused: " << reapplied.error().message);
      FUZZ_CHECK(slotwise::TenantJson(again) == slotwise::TenantJson(value), "a tenant changed when read back");
      break;
    }
    case 1:
      RoundTrip(slotwise::PersonFrom(tenant, key, body, zones),
                [&](const json& b) { return slotwise::PersonFrom(tenant, key, b, zones); }, slotwise::PersonJson,
                {"email"});
      break;
    case 2:
      RoundTrip(slotwise::RoomFrom(tenant, key, body), [&](const json& b) { return slotwise::RoomFrom(tenant, key, b); },
                slotwise::RoomJson, {"email", "source", "features", "room_list", "retired", "retired_at"});
      break;
    case 3: {
      const slotwise::Result<slotwise::HostAccount> host = slotwise::HostFrom(tenant, key, body);
      if (host && host->settings_json.empty()) return 0;  // no settings: the answer shows none to read back
      RoundTrip(host, [&](const json& b) { return slotwise::HostFrom(tenant, key, b); }, slotwise::HostJson,
                {"id", "provider", "owner"});
      break;
    }
    default:
      RoundTrip(slotwise::CandidateFrom(tenant, key, body, zones),
                [&](const json& b) { return slotwise::CandidateFrom(tenant, key, b, zones); }, slotwise::CandidateJson,
                {"id"});
      break;
  }
  return 0;
}
