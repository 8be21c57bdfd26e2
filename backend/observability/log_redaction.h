// log_redaction.h — the last fence before a log line is written: free text (an error message quoting a provider, a
// problem report) may carry what a log must never hold.
//
// Contract: RedactForLog returns `text` with
// - every e-mail address (a local part of [A-Za-z0-9._%+'-] and non-ASCII bytes, "@", a domain with at least one
//   dot) replaced by "<e-mail>";
// - every Slotwise credential — an API key ("swk_…"), a widget token ("swt1…"), a candidate's proposal capability
//   ("swp_…"), a room display's device token ("swd_…") — replaced by its prefix and "<redacted>";
// - the credential after "Bearer " replaced by "<redacted>".
// Everything else is kept byte for byte. Callers should not log such things in the first place (json_log.h); this
// catches what slips through text the caller does not control.
#pragma once

#include <string>
#include <string_view>

namespace slotwise::observability {

std::string RedactForLog(std::string_view text);

}  // namespace slotwise::observability
