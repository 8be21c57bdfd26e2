// tuned_sweep.mjs — the tuned JavaScript baseline: the algorithm a careful JavaScript engineer would write for the
// same problem (docs/ENGINE.md semantics), on plain numbers from problem.mjs.
// Per rule an allowed-start list, combined by
// linear sweeps; busy lists are sorted as packed Float64Array keys (typed-array sort, no comparator callback).
//
//   Solve(problem) -> {count, checksum}   count: slots (earliest max_results); checksum: sum of slot starts in minutes
//   MergeUnsorted(starts, ends) -> flat [s0, e0, s1, e1, …]   the interval union alone (the union series)
// Interval lists are flat arrays [s0, e0, s1, e1, …] of half-open, sorted, disjoint intervals.
import { FromLocal } from './zone_table.mjs';

const kLenBits = 2 ** 20;  // packed key = start * 2^20 + length (lengths < 2^20 s ≈ 12 days; longer: fallback sort)

// Sorts busy [starts[i], ends[i]) from several members by start; calls emit(start, end) in order.
function ForEachSorted(lists, emit) {
  let n = 0;
  for (const m of lists) n += m.starts.length;
  const keys = new Float64Array(n);
  let k = 0, packable = true;
  for (const m of lists) {
    const { starts, ends } = m;
    for (let i = 0; i < starts.length; ++i) {
      const len = ends[i] - starts[i];
      if (len >= kLenBits || len < 0) packable = false;
      keys[k++] = starts[i] * kLenBits + len;
    }
  }
  if (packable) {
    keys.sort();
    for (let i = 0; i < n; ++i) {
      const s = Math.floor(keys[i] / kLenBits);
      emit(s, s + (keys[i] - s * kLenBits));
    }
    return;
  }
  const pairs = [];
  for (const m of lists) for (let i = 0; i < m.starts.length; ++i) pairs.push([m.starts[i], m.ends[i]]);
  pairs.sort((a, b) => a[0] - b[0]);
  for (const [s, e] of pairs) emit(s, e);
}

// Starts s whose buffered window [s - before, s + duration + after) meets a busy interval, within [from, to).
function BlockedStarts(lists, p, from, to) {
  const out = [];
  const grow = p.duration + p.after - 1;
  ForEachSorted(lists, (bs, be) => {
    if (be <= bs) return;
    const lo = Math.max(bs - grow, from), hi = Math.min(be + p.before, to);
    if (lo >= hi) return;
    const last = out.length - 1;
    if (last > 0 && lo <= out[last]) { if (hi > out[last]) out[last] = hi; } else out.push(lo, hi);
  });
  return out;
}

// The working windows of `member` (its weekly hours in its own zone) that can hold a slot starting in [from, to);
// windows meeting at midnight join.
export function WorkingWindows(member, p, from, to) {
  if (!member.weekly) return [from, to + p.duration];
  const table = member.table;
  const dayOffset = p.base / 86400;
  const firstDay = Math.floor(from / 86400) - 2;
  const lastDay = Math.floor((to + p.duration) / 86400) + 2;
  const out = [];
  for (let day = firstDay; day <= lastDay; ++day) {
    const windows = member.weekly[(((day + dayOffset + 4) % 7) + 7) % 7];
    for (const [ws, we] of windows) {
      const s = FromLocal(table, day * 86400 + ws), e = FromLocal(table, day * 86400 + we);
      if (out.length && s <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], e);
      else out.push(s, e);
    }
  }
  return out;
}

// Starts whose slot fits inside one of the (normalized) `windows`, within [from, to).
export function ShrinkToStarts(windows, p, from, to) {
  const out = [];
  for (let i = 0; i < windows.length; i += 2) {
    const lo = Math.max(windows[i], from), hi = Math.min(windows[i + 1] - p.duration + 1, to);
    if (lo < hi) out.push(lo, hi);
  }
  return out;
}

export function Subtract(a, b) {
  const out = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let cursor = a[i];
    const end = a[i + 1];
    while (j < b.length && b[j + 1] <= cursor) j += 2;
    for (let k = j; k < b.length && b[k] < end; k += 2) {
      if (b[k] > cursor) out.push(cursor, b[k]);
      if (b[k + 1] > cursor) cursor = b[k + 1];
      if (b[k + 1] > end) break;
    }
    if (cursor < end) out.push(cursor, end);
  }
  return out;
}

export function Intersect(a, b) {
  const out = [];
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i], b[j]), e = Math.min(a[i + 1], b[j + 1]);
    if (s < e) out.push(s, e);
    if (a[i + 1] < b[j + 1]) i += 2; else j += 2;
  }
  return out;
}

// Starts covered by at least k of `lists`.
function AtLeast(lists, k) {
  const events = [];
  for (const l of lists) for (let i = 0; i < l.length; i += 2) events.push(l[i] * 2 + 1, l[i + 1] * 2);  // ends first
  const keys = Float64Array.from(events).sort();
  const out = [];
  let depth = 0;
  for (let i = 0; i < keys.length; ++i) {
    const t = Math.floor(keys[i] / 2);
    if (keys[i] - t * 2 === 1) {
      if (++depth !== k) continue;
      if (out.length && out[out.length - 1] === t) out.pop(); else out.push(t);  // touching: reopen
    } else if (depth-- === k) {
      if (out[out.length - 1] === t) out.pop(); else out.push(t);  // empty: drop
    }
  }
  return out;
}

export function StartSpace(p) {
  const from = p.now + p.notice;
  const pieces = p.periods.map(([s, e]) => [Math.max(s, from), e - p.duration + 1]).filter(([s, e]) => s < e);
  pieces.sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [s, e] of pieces) {
    if (out.length && s <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], e);
    else out.push(s, e);
  }
  return out;
}

// Calls visit(s) for the grid starts (wall-clock multiples of step in the query zone) inside `allowed`, the earliest
// maxResults of them; returns how many.
export function WalkGrid(allowed, p, visit = () => {}) {
  const { starts, offsets } = p.table;
  let count = 0;
  for (let i = 0; i < allowed.length && count < p.maxResults; i += 2) {
    for (let j = 0; j < offsets.length && count < p.maxResults; ++j) {
      const spanEnd = j + 1 < starts.length ? starts[j + 1] : Infinity;
      const lo = Math.max(allowed[i], starts[j]), hi = Math.min(allowed[i + 1], spanEnd);
      if (lo >= hi) continue;
      const r = (lo + offsets[j]) % p.step;
      for (let s = r === 0 ? lo : lo + (r > 0 ? p.step - r : -r); s < hi && count < p.maxResults; s += p.step) {
        ++count;
        visit(s);
      }
    }
  }
  return count;
}

// The starts (any second) at which every group has enough free members: the answer before the grid walk.
export function AllowedStarts(p) {
  return Sets(p).allowed;
}

// The allowed starts plus, for "k of n" groups, each member's own allowed starts (to list who is free per slot).
function Sets(p) {
  let allowed = StartSpace(p);
  const perMember = new Map();
  if (allowed.length === 0) return { allowed, perMember };
  const from = allowed[0], to = allowed[allowed.length - 1];
  const working = new Map();  // hoursKey -> working starts (computed once per distinct zone + hours)
  const Working = (m) => {
    let w = working.get(m.hoursKey);
    if (!w) { w = ShrinkToStarts(WorkingWindows(m, p, from, to), p, from, to); working.set(m.hoursKey, w); }
    return w;
  };
  for (const g of p.groups) {
    const members = g.members.map((i) => p.members[i]);
    let groupStarts;
    if (g.required === members.length && members.every((m) => m.hoursKey === members[0].hoursKey)) {
      groupStarts = Subtract(Working(members[0]), BlockedStarts(members, p, from, to));  // everyone: one union
    } else {
      const lists = members.map((m) => Subtract(Working(m), BlockedStarts([m], p, from, to)));
      g.members.forEach((i, k) => perMember.set(i, lists[k]));
      groupStarts = AtLeast(lists, g.required);
    }
    allowed = Intersect(allowed, groupStarts);
    if (allowed.length === 0) break;
  }
  return { allowed, perMember };
}

// The answer like the engine's: the earliest max_results slots {start, end, participants} (the free members of every
// group, in query order; a member of an "everyone" group is free by construction). Returns {count, checksum, slots}.
export function Solve(p) {
  const { allowed, perMember } = Sets(p);
  const slots = [];
  let checksum = 0;
  WalkGrid(allowed, p, (s) => {
    const participants = [];
    for (const g of p.groups) {
      for (const i of g.members) if (!perMember.has(i) || Contains(perMember.get(i), s)) participants.push(i);
    }
    slots.push({ start: s + p.base, end: s + p.base + p.duration, participants });
    checksum += (s + p.base) / 60;
  });
  return { count: slots.length, checksum, slots };
}

// True when start `s` lies in the flat, normalized list `allowed` (binary search).
export function Contains(allowed, s) {
  let lo = 0, hi = allowed.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (allowed[2 * mid + 1] <= s) lo = mid + 1; else hi = mid;
  }
  return lo < allowed.length / 2 && allowed[2 * lo] <= s;
}

// The union of unsorted intervals (the union series): sort packed keys, one sweep.
export function MergeUnsorted(starts, ends) {
  const out = [];
  ForEachSorted([{ starts, ends }], (s, e) => {
    if (e <= s) return;
    const last = out.length - 1;
    if (last > 0 && s <= out[last]) { if (e > out[last]) out[last] = e; } else out.push(s, e);
  });
  return out;
}
