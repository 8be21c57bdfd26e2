// crash_points.h — named points in the booking path where a test can make the server die on the spot, as if killed
// (`kill -9`), to prove that a crash at any step loses nothing and leaves no orphan at the providers.
//
// Contract: `CrashPoint(name)` does nothing unless the environment variable SLOTWISE_CRASH_AT names this point
// ("<name>" or "<name>:<n>" — die on the n-th time the point is reached, counting from 1); then it raises SIGKILL
// (no destructors, no flushing: exactly what kill -9 does). Read once at the first call; thread-safe.
// The points, in booking order: claimed (the Idempotency-Key recorded as in flight, nothing else done yet), commit
// (booking committed, response not sent), meeting_intent, meeting_created,
// event_intent, event_created, event_recorded, invite_intent, invite_sent, before_confirm.
#pragma once

#include <string_view>

namespace slotwise {

void CrashPoint(std::string_view name);

}  // namespace slotwise
