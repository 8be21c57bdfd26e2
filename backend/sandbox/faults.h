// faults.h — fault injection (internal): parsing POST /sandbox/faults documents and applying them.
//
// Contract: AddFaultLocked requires SandboxCore::mutex held. Errors are values: code "invalid_fault" with the field.
#pragma once

#include "sandbox/sandbox_state.h"

namespace slotwise::sandbox {

// Adds an HTTP fault ({provider?, method?, path_prefix?, status?, retry_after?, body?, times?, delay_ms?}) or applies
// a state fault ({"kind": "expire_access_tokens" | "revoke_refresh_tokens" | "expire_refresh_tokens" |
// "consent_revoked" | "admin_consent_required" | "rotate_refresh_strict" | "meet_pending" | "meet_failure" |
// "teams_meeting_failure" | "invalidate_sync_tokens", …}). Returns a short description of what was done.
Result<std::string> AddFaultLocked(SandboxCore& core, const json& fault);

}  // namespace slotwise::sandbox
