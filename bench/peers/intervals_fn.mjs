// intervals_fn.mjs — adapter for intervals-fn (npm, pinned in package.json): its interval algebra does the union and
// the subtraction; intervals-fn has no time zones, working hours or start grid, so the windows and the grid walk
// come from tuned_sweep.mjs (a small share of the time). intervals-fn requires sorted input: the adapter sorts
// (timed). The union is sort + simplify, the documented way. Caveat: simplify groups only ADJACENT overlapping pairs,
// so an interval nested in an earlier long one can end a group early and lose busy time (simplify([0,20], [5,8],
// [12,15]) = [0,20], [12,15]; subtracting that from [0,30] gives [15,30]). The counts are cross-checked; intervals-fn's
// correct alternative, merge(), is quadratic (0.8 s on S1) and is not timed. `unsorted_count` shows what unsorted
// input gives.
import { simplify, substract } from 'intervals-fn';
import { ParseProblem } from './problem.mjs';
import { Intersect, StartSpace, WalkGrid, WorkingWindows } from './tuned_sweep.mjs';

const ByStart = (a, b) => a.start - b.start;

function Prepare(text) {
  const p = ParseProblem(text);
  for (const g of p.groups) {
    if (g.required !== g.members.length) throw new Error('intervals-fn adapter: only "everyone required" groups');
  }
  // intervals-fn works on {start, end} objects; the buffers widen each busy interval.
  const busy = p.members.map((m) => Array.from(m.starts, (s, i) => ({ start: s - p.after, end: m.ends[i] + p.before })));
  return { p, busy };
}

function Solve({ p, busy }, sort = true) {
  let allowed = StartSpace(p);
  const from = allowed[0], to = allowed[allowed.length - 1];
  for (const g of p.groups) {
    let all = [];
    for (const i of g.members) all = all.concat(busy[i]);
    if (sort) all.sort(ByStart);
    const flat = WorkingWindows(p.members[g.members[0]], p, from, to);
    const windows = [];
    for (let i = 0; i < flat.length; i += 2) windows.push({ start: flat[i], end: flat[i + 1] });
    const free = substract(windows, simplify(all));
    const starts = [];
    for (const f of free) if (f.end - f.start >= p.duration) starts.push(f.start, f.end - p.duration + 1);
    allowed = Intersect(allowed, starts);
  }
  let checksum = 0;
  const count = WalkGrid(allowed, p, (s) => { checksum += (s + p.base) / 60; });
  return { count, checksum };
}

export const contenders = [
  { name: 'intervals-fn', package: 'intervals-fn', workloads: ['S1', 'S2', 'S3'], comparable: true,
    note: 'sorted by the adapter (timed); no zones/grid: windows + grid walk from tuned_sweep',
    Prepare, Run: (state) => Solve(state),
    Extra: (state) => ({ unsorted_count: Solve(state, false).count }) },
];
