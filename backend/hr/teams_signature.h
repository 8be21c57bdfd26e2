// teams_signature.h — verifying requests that Microsoft Teams sends to Slotwise through an outgoing webhook (how a
// Teams user's absence request reaches us). Microsoft documents (msteams-docs "Create an outgoing webhook"; the
// official samples do the same): when the webhook is created Teams shows a security token — base64 text; every
// request then carries
//     Authorization: HMAC <base64( HMAC-SHA256( key = base64-decode(security token), message = raw request body ) )>
// computed over the body bytes exactly as received (verify before parsing).
// Teams signs no timestamp header; the activity's own "timestamp" (inside the signed body) is what absence_requests
// checks for staleness.
//
// Contract: pure functions; thread-safe; comparison in constant time. No throw except std::bad_alloc.
#pragma once

#include <string>
#include <string_view>

#include "slotwise/result.h"

namespace slotwise::hr {

// true when `authorization` is "HMAC <base64>" (scheme case-insensitive) matching `body`. Errors:
// "missing_signature" (no header or another scheme), "invalid_signature" (anything else: wrong, malformed, or a
// security token that is not base64).
Result<bool> VerifyTeamsRequest(std::string_view authorization, std::string_view body, std::string_view security_token);

}  // namespace slotwise::hr
