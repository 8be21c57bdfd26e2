// booking_validation.h — checks one concrete booking against fresh data with the solver's own rules (docs/ENGINE.md,
// The CLI: `slotwise validate`, `POST /v1/validate`; docs/ENGINE.md
// "Validation"). The backend runs this before committing.
//
// Contract:
// - `ValidateBooking` reports EVERY violation it finds (not only the first), each {code, message, sub?}; the booking is
//   valid when there are none. Warnings (host-before-join rules with policy "warn") never make it invalid.
// - The checks are the solver's: free-ness comes from `ComputeStartSets` (the same start sets the solver intersects),
//   the culprits from the explanation's reason finders. Consequently, for a slot the solver returns, booked with the
//   participants, rooms and hosts it lists, ValidateBooking finds no violation; a grid start the solver does not
//   return, booked with every member, room and host of the query, has at least one
//   (tests/shared/validate_solve_property_test.cpp).
// - Violation codes: duration_mismatch, not_on_grid, outside_query_period, minimum_notice, not_in_query, busy,
//   buffer, outside_working_hours, load_limit, group_short, room_busy, room_too_small, rooms_short,
//   provider_mismatch, host_busy, hosts_short, and the host rules (host_absent_no_jbh, waiting_room_overrides_jbh,
//   lobby_blocks_candidate) whose policy is "refuse".
// - Pure; never throws. `ParseBooking` answers invalid_query with the JSON path (e.g. `booking.end`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "slotwise/availability.h"
#include "slotwise/host_rules.h"
#include "slotwise/result.h"

namespace slotwise {

// `booking`: {"start", "end", "participants": [{"sub"}], "rooms"?: [{"sub"}],
//             "conferencing"?: {"provider", "host": "<sub>"} or {"provider", "hosts": [{"sub"}]}}.
struct Booking {
  Interval interval;                     // [start, end), UTC seconds
  std::vector<std::string> participants; // as booked, duplicates removed, booking order
  std::vector<std::string> rooms;
  std::optional<ConferencingProvider> provider;  // set when the booking has "conferencing"
  std::vector<std::string> hosts;
};

struct Violation {
  std::string code;
  std::string message;  // one human sentence
  std::string sub;      // the calendar concerned; empty when none
};

struct BookingCheck {
  std::vector<Violation> violations;
  std::vector<Violation> warnings;
  std::optional<PasscodeOutcome> passcode;  // the first booked host account with settings
  bool valid() const { return violations.empty(); }
};

Result<Booking> ParseBooking(const nlohmann::json& value, const std::string& path);

BookingCheck ValidateBooking(const Problem& problem, const Booking& booking);

// {"valid", "violations": [{"code", "message", "sub"?}], "warnings": [...], "passcode"?: {"passcode", "reason"}}.
nlohmann::json BookingCheckToJson(const BookingCheck& check);
nlohmann::json ViolationsToJson(const std::vector<Violation>& items);  // [{"code", "message", "sub"?}]

}  // namespace slotwise
