// time_slots_finder.mjs — adapter for time-slots-finder (npm, pinned in package.json), fed the same document.
// Mapping: one iCalendar text holding every member's busy intervals (it knows a single calendar, so "everyone
// required" is the union), the weekday shifts of the working hours in the query zone, slotStartMinuteStep = the grid.
// Its input is iCalendar text only, so its timed run includes parsing that text (ical2json + dayjs).
// Semantics differ, so counts are NOT compared: after a slot it resumes the search at the slot's end (back-to-back,
// non-overlapping slots), and it reads the real clock ("now"), so a window in the past yields nothing. The check
// verifies that every slot it returns is an allowed grid start under docs/ENGINE.md rules.
import { createRequire } from 'node:module';
import { ParseProblem } from './problem.mjs';
import { AllowedStarts, Contains } from './tuned_sweep.mjs';

// time-slots-finder 0.5.5 calls require('ical2json').default.convert, but the ical2json its "^3.0.0" range resolves to
// (3.2.0 in package-lock.json) has no default export, so every iCal call throws. Shim: alias the module's exports as
// its own `default` (the same object time-slots-finder gets from require's cache). node_modules stays untouched.
const require = createRequire(import.meta.url);
const ical2json = require('ical2json');
if (!ical2json.default) ical2json.default = ical2json;
const { getAvailableTimeSlotsInCalendar } = require('time-slots-finder');

const Stamp = (seconds) => new Date(seconds * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '');
const Clock = (s) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String((s % 3600) / 60).padStart(2, '0')}`;

function Prepare(text) {
  const p = ParseProblem(text);
  const keys = new Set(p.members.map((m) => m.hoursKey));
  if (p.groups.some((g) => g.required !== g.members.length) || keys.size !== 1 || p.periods.length !== 1) {
    throw new Error('time-slots-finder adapter: one period, everyone required, identical working hours only');
  }
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//slotwise//bench//EN'];
  let uid = 0;
  for (const m of p.members) {
    for (let i = 0; i < m.starts.length; ++i) {
      lines.push('BEGIN:VEVENT', `UID:${++uid}@bench.test`, `DTSTART:${Stamp(m.starts[i] + p.base)}`,
        `DTEND:${Stamp(m.ends[i] + p.base)}`, 'END:VEVENT');
    }
  }
  lines.push('END:VCALENDAR');
  const m0 = p.members[0];
  const availablePeriods = [];
  m0.weekly.forEach((windows, d) => {
    if (windows.length) availablePeriods.push({ isoWeekDay: d === 0 ? 7 : d,
      shifts: windows.map(([s, e]) => ({ startTime: Clock(s), endTime: Clock(e) })) });
  });
  const [from, to] = p.periods[0];
  const params = {
    calendarData: lines.join('\r\n'), calendarFormat: 'iCal',
    configuration: { timeSlotDuration: p.duration / 60, slotStartMinuteStep: p.step / 60, availablePeriods,
      timeZone: m0.zone, minAvailableTimeBeforeSlot: p.before / 60, minAvailableTimeAfterSlot: p.after / 60 },
    from: new Date((from + p.base) * 1000), to: new Date((to + p.base) * 1000),
  };
  return { p, params, inPast: Date.now() / 1000 > from + p.base };
}

function Run({ params }) {
  const slots = getAvailableTimeSlotsInCalendar(params);
  return { count: slots.length, slots };
}

function Check({ p }, result) {
  const allowed = AllowedStarts(p);
  const bad = result.slots.filter((s) => {
    const start = s.startAt.getTime() / 1000 - p.base;
    const local = start + p.table.offsets[p.table.starts.findLastIndex((t) => t <= start)];
    return local % p.step !== 0 || !Contains(allowed, start);
  }).length;
  return { valid: result.count - bad, invalid: bad };
}

export const contenders = [
  { name: 'time-slots-finder', package: 'time-slots-finder', workloads: ['S2'], comparable: false, slow: true,
    note: 'back-to-back slots, iCal text parsed inside each run: count not comparable; each slot checked',
    Prepare, Run, Check },
];
