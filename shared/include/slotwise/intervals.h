// intervals.h — half-open [start, end) intervals of instants and set operations on sorted interval lists.
//
// A "normalized" list is sorted by start, with no empty, overlapping or touching intervals. Every function that
// returns a list returns a normalized one. Inputs may be in any order unless a parameter says "normalized".
// Complexity is O(n log n) for unsorted input (one sort), O(n) for normalized input. Pure; thread-safe.
#pragma once

#include <vector>

#include "slotwise/time.h"

namespace slotwise {

struct Interval {
  Instant start = 0;
  Instant end = 0;  // exclusive
  bool empty() const { return end <= start; }
  Duration length() const { return end - start; }
  bool Contains(Instant t) const { return start <= t && t < end; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

using IntervalList = std::vector<Interval>;

// The union of `intervals` (any order, may overlap or touch; empty ones are dropped), normalized.
IntervalList MergeIntervals(IntervalList intervals);

// `a` minus `b`, both normalized.
IntervalList SubtractIntervals(const IntervalList& a, const IntervalList& b);

// `a` intersected with `b`, both normalized.
IntervalList IntersectIntervals(const IntervalList& a, const IntervalList& b);

// True when normalized `list` has an interval containing instant `t` (binary search).
bool IntervalsContain(const IntervalList& list, Instant t);

}  // namespace slotwise
