// workloads.mjs — the fixed-seed benchmark workloads (docs/BENCHMARKS.md), as docs/ENGINE.md inline-calendar documents.
// Every contender (native and WebAssembly Slotwise, the JavaScript peers) is fed exactly these documents.
//
//   node bench/workloads.mjs OUT_DIR     writes OUT_DIR/<id>.json (one per workload) and OUT_DIR/manifest.json
//
// The window starts on Monday 2030-03-04 (New York springs forward on 2030-03-10, inside every window), far enough in
// the future for time-slots-finder, which reads the real clock.
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../tests/lib/random.mjs';

export const kWindowStart = Date.UTC(2030, 2, 4) / 1000;  // seconds, Monday 2030-03-04T00:00:00Z
export const kZone = 'America/New_York';
const kWorkingHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]));
const kMaxResults = 512;  // the API's maximum: counts compare the earliest 512 slots

// id, participants, groups ("k of n" sizes), intervals per participant, days, seed.
export const kWorkloads = [
  { id: 'S1', participants: 10, groupSize: 10, required: 'all', intervals: 200, days: 28, seed: 1001,
    what: '10 people, 200 busy each, 28 days, everyone required' },
  { id: 'S2', participants: 10, groupSize: 10, required: 'all', intervals: 40, days: 28, seed: 1002,
    what: '10 people, 40 busy each, 28 days, everyone required' },
  { id: 'S3', participants: 10, groupSize: 10, required: 'all', intervals: 520, days: 365, seed: 1003,
    what: '10 people, 520 busy each, 365 days, everyone required' },
  { id: 'L', participants: 200, groupSize: 10, required: 2, intervals: 2000, days: 91, seed: 1004,
    what: '200 people in 20 groups "2 of 10", 2,000 busy each, 13 weeks' },
];

const Iso = (seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

// Busy intervals: starts uniform on the 5-minute grid of the window, lengths 15..90 minutes in 5-minute steps,
// in generation order (unsorted, overlapping).
function RandomBusy(random, count, days) {
  const slots = (days * 86400) / 300;
  const busy = [];
  for (let i = 0; i < count; ++i) {
    const start = kWindowStart + Math.floor(random() * slots) * 300;
    const minutes = 15 + 5 * Math.floor(random() * 16);
    busy.push({ start: Iso(start), end: Iso(start + minutes * 60), status: 'busy' });
  }
  return busy;
}

export function BuildDocument(spec) {
  const random = mulberry32(spec.seed);
  const subs = Array.from({ length: spec.participants }, (_, i) => `p${String(i).padStart(3, '0')}@bench.test`);
  const calendars = {};
  for (const sub of subs) {
    calendars[sub] = { time_zone: kZone, working_hours: kWorkingHours, busy: RandomBusy(random, spec.intervals, spec.days) };
  }
  const participants = [];
  for (let g = 0; g < subs.length; g += spec.groupSize) {
    participants.push({ members: subs.slice(g, g + spec.groupSize).map((sub) => ({ sub })), required: spec.required });
  }
  return {
    now: Iso(kWindowStart),
    query: {
      participants,
      required_duration: { minutes: 60 },
      query_periods: [{ start: Iso(kWindowStart), end: Iso(kWindowStart + spec.days * 86400) }],
      start_interval: { minutes: 15 },
      time_zone: kZone,
      response_format: 'slots',
      max_results: kMaxResults,
    },
    calendars,
  };
}

// Writes every workload (or those in `only`) and returns the manifest [{id, what, file, bytes, events}].
export function WriteWorkloads(outDir, only = null) {
  fs.mkdirSync(outDir, { recursive: true });
  const manifest = [];
  for (const spec of kWorkloads) {
    if (only && !only.includes(spec.id)) continue;
    const file = path.join(outDir, `${spec.id.toLowerCase()}.json`);
    const text = JSON.stringify(BuildDocument(spec));
    const temporary = `${file}.${process.pid}`;  // write + rename: a concurrent reader never sees a partial file
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
    manifest.push({ id: spec.id, what: spec.what, file, bytes: text.length, events: spec.participants * spec.intervals });
  }
  const manifestFile = path.join(outDir, 'manifest.json');
  fs.writeFileSync(`${manifestFile}.${process.pid}`, JSON.stringify(manifest, null, 1));
  fs.renameSync(`${manifestFile}.${process.pid}`, manifestFile);
  return manifest;
}

// ---------------------------------------------------------------------------------------------------------------
// The interview-loop workload ("loops"; not in the manifest: only the engine harness runs it): a 3-stage loop, three
// pools "1 of 5", 4 rooms per stage, 2 weeks, 15-minute grid. Interviewers work Mon–Fri 09:00–17:00 New York with
// about four meetings a working day (30–90 minutes, on the quarter hour; one in three an interview), a cap of 3
// interviews a day and 10 a week; rooms hold about three bookings a working day.
export const kLoopSeed = 2001;

function WorkdayMeetings(random, perDay, days, interviewShare) {
  const busy = [];
  for (let day = 0; day < days; ++day) {
    if (day % 7 >= 5) continue;  // Saturday, Sunday (the window starts on a Monday)
    for (let i = 0; i < perDay; ++i) {
      // 08:00..17:45 New York (EST, UTC-5, in the first week; the DST shift moves it by an hour, which is fine here)
      const start = kWindowStart + day * 86400 + (13 * 3600) + Math.floor(random() * 40) * 900;
      const minutes = 30 + 15 * Math.floor(random() * 5);
      const event = { start: Iso(start), end: Iso(start + minutes * 60), status: random() < 0.1 ? 'tentative' : 'busy' };
      if (random() < interviewShare) event.interview = true;
      busy.push(event);
    }
  }
  return busy;
}

export function BuildLoopDocument() {
  const random = mulberry32(kLoopSeed);
  const days = 14;
  const calendars = {};
  const pools = ['intro', 'tech', 'culture'].map((pool) => Array.from({ length: 5 }, (_, i) => `${pool}${i}@bench.test`));
  for (const sub of pools.flat()) {
    calendars[sub] = { time_zone: kZone, working_hours: kWorkingHours, max_interviews_per_day: 3,
      max_interviews_per_week: 10, busy: WorkdayMeetings(random, 4, days, 1 / 3) };
  }
  const rooms = Array.from({ length: 4 }, (_, i) => `room${i}@bench.test`);
  for (const [i, sub] of rooms.entries()) calendars[sub] = { capacity: 4 + 2 * i, busy: WorkdayMeetings(random, 3, days, 0) };
  const roomRequest = { members: rooms.map((sub) => ({ sub })), required: 1 };
  const stage = (id, ordinal, pool, minutes) => ({
    sequence_id: id, ordinal, participants: [{ members: pool.map((sub) => ({ sub })), required: 1 }],
    required_duration: { minutes }, buffer: { before: { minimum: { minutes: 0 }, maximum: { minutes: 30 } } },
    rooms: roomRequest,
  });
  return {
    now: Iso(kWindowStart),
    query: {
      sequence: [stage('intro', 1, pools[0], 30), stage('tech', 2, pools[1], 60), stage('culture', 3, pools[2], 45)],
      query_periods: [{ start: Iso(kWindowStart), end: Iso(kWindowStart + days * 86400) }],
      start_interval: { minutes: 15 },
      time_zone: kZone,
      ranking: 'balanced_load',
      max_results: kMaxResults,
      candidate: { time_zone: 'Europe/Berlin', working_hours: { mon: [['08:00', '20:00']], tue: [['08:00', '20:00']],
        wed: [['08:00', '20:00']], thu: [['08:00', '20:00']], fri: [['08:00', '20:00']] } },
    },
    calendars,
  };
}

export function WriteLoopWorkload(outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'loops.json');
  fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(BuildLoopDocument()));
  fs.renameSync(`${file}.${process.pid}`, file);
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = process.argv[2] ?? 'build/bench';
  for (const w of WriteWorkloads(outDir)) console.log(`${w.id}: ${w.events} events, ${(w.bytes / 1e6).toFixed(1)} MB -> ${w.file}`);
  console.log(`loops: -> ${WriteLoopWorkload(outDir)}`);
}
