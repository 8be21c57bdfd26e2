// widget_tokens.h — short-lived signed tokens that the API mints for the embedded widget.
//
// The ATS's server calls the API with its API key to mint a token for one recruiter; the widget then sends that token
// as `Authorization: Bearer <token>`. Format (all ASCII, no padding anywhere):
//
//   swt1.<kid>.<payload>.<signature>
//     kid        1..64 characters of A-Z a-z 0-9 - _ : which key signed the token
//     payload    base64url of the compact JSON object
//                {"tenant_id":s,"user":s,"scopes":[s...],"issued_at":n,"expires_at":n,"token_id":s}
//     signature  base64url of HMAC-SHA256(key[kid], "swt1.<kid>.<payload>") (the first three parts as sent)
//
// Times are Unix seconds (UTC). A token is valid for `now` in [issued_at - kClockLeeway, expires_at + kClockLeeway):
// at expires_at + 29 it still verifies, at expires_at + 30 it is "token_expired". Tokens are bearer credentials and
// cannot be revoked before they expire: keep lifetimes short (at most kMaxLifetime).
//
// Keys rotate: a codec signs with `current_kid` and verifies with every key of its set. To rotate, add the new key,
// make it current, and remove the old key once kMaxLifetime + kClockLeeway has passed.
//
// Thread safety: WidgetTokenCodec is immutable after Create; Mint and Verify may be called concurrently.
// No function throws except std::bad_alloc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "slotwise/result.h"

namespace slotwise::auth {

inline constexpr std::string_view kScopeAvailabilityRead = "availability:read";
inline constexpr std::string_view kScopeInterviewsRead = "interviews:read";
inline constexpr std::string_view kScopeInterviewsWrite = "interviews:write";
inline constexpr std::string_view kScopeConnectionsManage = "connections:manage";
// The tenant's administrator: the organisation connections, every person's connection state, connect links.
inline constexpr std::string_view kScopeOrganisationManage = "organisation:manage";

inline constexpr std::string_view kWidgetTokenVersion = "swt1";
inline constexpr std::int64_t kMaxLifetime = 3600;                  // seconds, expires_at - issued_at
inline constexpr std::int64_t kClockLeeway = 30;                    // seconds of accepted clock skew, both ways
inline constexpr std::size_t kMinWidgetKeyBytes = 32;               // each signing secret, raw bytes
inline constexpr std::size_t kMaxKidChars = 64;
inline constexpr std::size_t kMaxClaimBytes = 256;                  // tenant_id, user and each scope
inline constexpr std::size_t kMaxWidgetTokenChars = 4096;           // longer tokens are "malformed_token"
inline constexpr std::int64_t kMaxTokenTimestamp = 253'402'300'799;  // 9999-12-31T23:59:59Z

struct WidgetClaims {
  std::string tenant_id;            // the tenant whose API key minted the token
  std::string user;                 // the recruiter's email address, as the ATS sent it
  std::vector<std::string> scopes;  // kScope* values
  std::int64_t issued_at = 0;       // Unix seconds
  std::int64_t expires_at = 0;      // Unix seconds, after issued_at by at most kMaxLifetime
  std::string token_id;             // random, set by Mint (22 base64url characters); for logs and audit

  bool operator==(const WidgetClaims&) const = default;
};

// True when `scope` is one of the kScope* constants.
bool IsKnownScope(std::string_view scope);

// A signing key for one purpose derived from a master secret: HMAC-SHA256(key = master, data = label), 32 raw bytes.
// Lets the configuration hold one master secret (e.g. SLOTWISE_MASTER_SECRET) while each use gets its own key:
// DeriveKey(master, "widget-token") signs widget tokens; another label gives an unrelated key. Rotating the master
// rotates every derived key. Error "invalid_master_secret" when master is shorter than 32 bytes, "invalid_label" when
// label is empty.
Result<std::string> DeriveKey(std::string_view master, std::string_view label);

struct WidgetKeySet {
  std::string current_kid;                                      // signs new tokens; must be a key of `secrets`
  std::map<std::string, std::string, std::less<>> secrets;      // kid -> secret (raw bytes, >= 32)
};

struct MintedWidgetToken {
  std::string token;    // "swt1.<kid>.<payload>.<signature>"
  WidgetClaims claims;  // as signed, token_id filled in
};

class WidgetTokenCodec {
 public:
  // A codec over `keys`. Error "invalid_key_set" when the set is empty, a kid is not 1..64 characters of
  // A-Z a-z 0-9 - _, a secret is shorter than kMinWidgetKeyBytes, or current_kid is not in the set.
  static Result<WidgetTokenCodec> Create(WidgetKeySet keys);

  // Signs `claims` with the current key; claims.token_id is replaced by a fresh random id. Errors:
  //   "invalid_claims"    tenant_id or user empty, over kMaxClaimBytes or holding control characters / invalid UTF-8
  //   "invalid_scope"     no scopes, or a scope that is not a kScope* constant
  //   "invalid_lifetime"  expires_at - issued_at <= 0 or > kMaxLifetime, or a time outside [0, kMaxTokenTimestamp]
  Result<MintedWidgetToken> Mint(const WidgetClaims& claims) const;

  // The claims of a token this codec's key set signed, if valid at `now` (Unix seconds). Checks, in this order:
  //   "malformed_token"      not "swt1." + kid + "." + payload + "." + signature with the syntax above, too long,
  //                          or (after the signature matched) a payload that is not the JSON object described above
  //   "unknown_key"          kid not in the key set (e.g. removed after a rotation)
  //   "bad_signature"        signature differs from the expected one (constant-time comparison of the text, which
  //                          is compared before the payload is decoded or parsed)
  //   "lifetime_too_long"    expires_at - issued_at > kMaxLifetime
  //   "token_not_yet_valid"  now < issued_at - kClockLeeway
  //   "token_expired"        now >= expires_at + kClockLeeway
  // Scopes that are not kScope* constants are kept (a newer server may have minted them); the caller decides.
  Result<WidgetClaims> Verify(std::string_view token, std::int64_t now) const;

 private:
  explicit WidgetTokenCodec(WidgetKeySet keys) : keys_(std::move(keys)) {}

  WidgetKeySet keys_;
};

}  // namespace slotwise::auth
