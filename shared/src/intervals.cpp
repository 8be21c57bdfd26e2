// intervals.cpp — sweeps over sorted interval lists (see intervals.h).
#include "slotwise/intervals.h"

#include <algorithm>

namespace slotwise {

IntervalList MergeIntervals(IntervalList intervals) {
  std::erase_if(intervals, [](const Interval& i) { return i.empty(); });
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval& x, const Interval& y) { return x.start < y.start; });
  IntervalList merged;
  merged.reserve(intervals.size());
  for (const Interval& i : intervals) {
    if (!merged.empty() && i.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, i.end);
    } else {
      merged.push_back(i);
    }
  }
  return merged;
}

IntervalList SubtractIntervals(const IntervalList& a, const IntervalList& b) {
  IntervalList out;
  std::size_t j = 0;
  for (const Interval& piece : a) {
    Instant cursor = piece.start;
    while (j < b.size() && b[j].end <= cursor) ++j;
    std::size_t k = j;
    while (k < b.size() && b[k].start < piece.end) {
      if (b[k].start > cursor) out.push_back({cursor, b[k].start});
      cursor = std::max(cursor, b[k].end);
      if (b[k].end > piece.end) break;  // b[k] may still cut the next piece of `a`
      ++k;
    }
    if (cursor < piece.end) out.push_back({cursor, piece.end});
  }
  return out;
}

IntervalList IntersectIntervals(const IntervalList& a, const IntervalList& b) {
  IntervalList out;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const Instant start = std::max(a[i].start, b[j].start);
    const Instant end = std::min(a[i].end, b[j].end);
    if (start < end) out.push_back({start, end});
    if (a[i].end < b[j].end) ++i; else ++j;
  }
  return out;
}

bool IntervalsContain(const IntervalList& list, Instant t) {
  auto it = std::upper_bound(list.begin(), list.end(), t, [](Instant v, const Interval& i) { return v < i.start; });
  return it != list.begin() && std::prev(it)->Contains(t);
}

}  // namespace slotwise
