// slot_calculator.mjs — adapter for slot-calculator (npm, pinned in package.json), fed the same document.
// Mapping: the working hours become weekday `availability` slots in the members' zone, every busy interval of every
// member becomes `unavailability` without metadata (so a minute is free only when nobody is busy: "everyone
// required"); from/to = the query period; outputTimezone = the query zone.
// Semantics differ, so counts are NOT compared: slot-calculator builds a per-minute map and emits back-to-back,
// non-overlapping slots (after a slot the next search starts at its end) at any minute, with no start grid. The
// check instead verifies that every slot it calls available is an allowed start under docs/ENGINE.md rules.
import { getSlots } from 'slot-calculator';
import { ParseProblem } from './problem.mjs';
import { AllowedStarts, Contains } from './tuned_sweep.mjs';

const kDayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const Iso = (seconds) => new Date(seconds * 1000).toISOString();
const Clock = (s) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String((s % 3600) / 60).padStart(2, '0')}`;

function Prepare(text) {
  const p = ParseProblem(text);
  const keys = new Set(p.members.map((m) => m.hoursKey));
  if (p.groups.some((g) => g.required !== g.members.length) || keys.size !== 1 || p.periods.length !== 1) {
    throw new Error('slot-calculator adapter: one period, everyone required, identical working hours only');
  }
  const m0 = p.members[0];
  const availability = [];
  m0.weekly.forEach((windows, d) => {
    for (const [s, e] of windows) availability.push({ day: kDayNames[d], from: Clock(s), to: Clock(e), timezone: m0.zone });
  });
  const unavailability = [];
  for (const m of p.members) {
    for (let i = 0; i < m.starts.length; ++i) {
      unavailability.push({ from: Iso(m.starts[i] + p.base), to: Iso(m.ends[i] + p.base) });
    }
  }
  const [from, to] = p.periods[0];
  const config = { from: Iso(from + p.base), to: Iso(to + p.base), availability, unavailability,
    duration: p.duration / 60, outputTimezone: p.zone };
  return { p, config };
}

function Run({ config }) {
  const { availableSlots } = getSlots(config);
  return { count: availableSlots.length, slots: availableSlots };
}

// Every available slot must start at an allowed start (any minute, no grid).
function Check({ p }, result) {
  const allowed = AllowedStarts(p);
  const bad = result.slots.filter((s) => !Contains(allowed, Date.parse(s.from) / 1000 - p.base)).length;
  return { valid: result.count - bad, invalid: bad };
}

export const contenders = [
  { name: 'slot-calculator', package: 'slot-calculator', workloads: ['S1', 'S2', 'S3'], comparable: false, slow: true,
    note: 'back-to-back slots at any minute, no grid: count not comparable; each slot checked against docs/ENGINE.md rules',
    Prepare, Run, Check },
];
