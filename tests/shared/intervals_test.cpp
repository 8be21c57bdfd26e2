// Tests for shared/intervals: the union, difference and intersection of half-open interval lists, checked against a
// minute-by-minute model of the same sets.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "slotwise/intervals.h"

using namespace slotwise;

namespace {

// The set of whole units covered by `list` — the naive model every operation is checked against.
std::set<Instant> Units(const IntervalList& list) {
  std::set<Instant> units;
  for (const Interval& i : list)
    for (Instant t = i.start; t < i.end; ++t) units.insert(t);
  return units;
}

bool IsNormalized(const IntervalList& list) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].empty()) return false;
    if (i > 0 && list[i].start <= list[i - 1].end) return false;
  }
  return true;
}

IntervalList RandomIntervals(std::mt19937& rng, int count) {
  std::uniform_int_distribution<Instant> start(0, 200), length(0, 30);
  IntervalList list;
  for (int i = 0; i < count; ++i) {
    const Instant s = start(rng);
    list.push_back({s, s + length(rng)});
  }
  return list;
}

}  // namespace

TEST_CASE("Intervals: merging joins overlapping and touching intervals, drops empty ones") {
  const IntervalList merged = MergeIntervals({{50, 60}, {10, 20}, {20, 30}, {25, 40}, {70, 70}, {55, 58}});
  CHECK(merged == IntervalList{{10, 40}, {50, 60}});
}

TEST_CASE("Intervals: merging an empty list gives an empty list") { CHECK(MergeIntervals({}).empty()); }

TEST_CASE("Intervals: half-open ends do not contain their end") {
  const IntervalList list = {{10, 20}};
  CHECK(IntervalsContain(list, 10));
  CHECK(IntervalsContain(list, 19));
  CHECK_FALSE(IntervalsContain(list, 20));
  CHECK_FALSE(IntervalsContain(list, 9));
}

TEST_CASE("Intervals: random lists agree with the unit-set model") {
  std::mt19937 rng(20261124);
  for (int round = 0; round < 500; ++round) {
    const IntervalList a = MergeIntervals(RandomIntervals(rng, round % 12));
    const IntervalList b = MergeIntervals(RandomIntervals(rng, (round * 7) % 12));
    REQUIRE(IsNormalized(a));
    const std::set<Instant> ua = Units(a), ub = Units(b);
    std::set<Instant> expected_union = ua, expected_diff, expected_inter;
    expected_union.insert(ub.begin(), ub.end());
    for (Instant t : ua) (ub.count(t) ? expected_inter : expected_diff).insert(t);

    const IntervalList both = MergeIntervals([&] { IntervalList c = a; c.insert(c.end(), b.begin(), b.end()); return c; }());
    const IntervalList diff = SubtractIntervals(a, b), inter = IntersectIntervals(a, b);
    CHECK(IsNormalized(both));
    CHECK(IsNormalized(diff));
    CHECK(IsNormalized(inter));
    CHECK(Units(both) == expected_union);
    CHECK(Units(diff) == expected_diff);
    CHECK(Units(inter) == expected_inter);
    for (Instant t = -1; t < 240; ++t) CHECK(IntervalsContain(a, t) == (ua.count(t) == 1));
  }
}
