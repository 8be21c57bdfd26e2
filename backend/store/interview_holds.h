// interview_holds.h — what Slotwise's own interviews occupy: one hold per (interview, resource) over the interview's
// [start, end) (UTC, half-open; buffers are not included — the engine and the conflict check apply the buffers of the
// booking being checked). Resources are named "person:<e-mail>", "room:<e-mail>" or "host:<host account id>"
// (e-mails lower-cased). Only interviews that are pending or confirmed hold anything; failed and cancelled ones do not.
//
// HoldsReader is the read side the availability gathering needs (the interview store implements it): Slotwise's own
// bookings are busy time (marked as interviews, so they count towards load limits) even before the providers'
// free/busy shows them. It also says where a proposal's tentative holds are (the events booking/proposal_holds.h made
// in people's calendars): those are provider events like any other, busy for everyone but the proposal itself.
#pragma once

#include <string>
#include <vector>

#include "slotwise/intervals.h"
#include "slotwise/result.h"

namespace slotwise {

struct Hold {
  std::string resource;      // "person:…", "room:…", "host:…"
  std::string interview_id;
  Instant start = 0;         // UTC
  Instant end = 0;           // UTC, exclusive
};

std::string PersonResource(std::string_view email);  // "person:" + lower-cased e-mail
std::string RoomResource(std::string_view email);    // "room:" + lower-cased e-mail
std::string HostResource(std::string_view host_id);  // "host:" + the id as given

class HoldsReader {
 public:
  virtual ~HoldsReader() = default;
  // The holds of `tenant_id` on any of `resources` that overlap `window`, excluding those of `except_interview_id`
  // (a reschedule must not collide with itself; "" excludes nothing). Thread-safe. Errors: "storage_error".
  virtual Result<std::vector<Hold>> ActiveHolds(const std::string& tenant_id, const std::vector<std::string>& resources,
                                                Interval window, const std::string& except_interview_id) = 0;
  // The tentative hold events that proposal `proposal_id` of `tenant_id` has made (or is making) and not yet removed: one Hold per
  // event, `resource` the calendar it is on ("person:…") or the room it reserves ("room:…"), `interview_id` the
  // proposal's id. For the interview a proposal booked: that proposal's holds, until they are released. Empty for
  // anything else (another interview, another tenant's proposal). Errors: "storage_error".
  virtual Result<std::vector<Hold>> TentativeHoldsOf(const std::string& /*tenant_id*/,
                                                     const std::string& /*proposal_id*/) {
    return std::vector<Hold>{};
  }
};

}  // namespace slotwise
