// The availability solver compiled to WebAssembly (under node) and natively (the CLI's batch mode) gives
// byte-identical answers on a fixed-seed random corpus of docs/ENGINE.md
// documents: several zones including half-hour and
// 45-minute offsets and southern-hemisphere DST, periods across DST changes, random statuses, buffers, rooms, load
// limits, every response format, explanations, and a share of malformed documents. A second corpus covers the
// engine rules: interview loops ("sequence"), rankings, host accounts with host-before-join rules, and "validate".
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadWasmEngine, nativeBatch } from '../lib/engine.mjs';
import { mulberry32 } from '../lib/random.mjs';

const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe',
  'Australia/Sydney', 'America/Santiago', 'Pacific/Chatham', 'Asia/Tokyo', 'Europe/London'];
// Windows that contain a DST change in at least one of the zones above.
const WINDOW_STARTS = ['2026-03-07T00:00:00Z', '2026-03-28T00:00:00Z', '2026-04-04T00:00:00Z', '2026-09-26T00:00:00Z',
  '2026-10-03T00:00:00Z', '2026-10-24T00:00:00Z', '2026-10-31T00:00:00Z', '2026-12-01T00:00:00Z'];
const STATUSES = ['busy', 'busy', 'tentative', 'oof', 'working_elsewhere', 'free'];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const iso = (seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

function makeGenerator(random) {
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  const clock = (minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

  function workingHours() {
    const hours = {};
    for (const day of DAYS) {
      if (random() < 0.2) continue;
      const start = int(0, 40) * 15, end = Math.min(1440, start + int(4, 60) * 15);
      const windows = [[clock(start), end === 1440 ? '24:00' : clock(end)]];
      if (end < 1380 && random() < 0.3) windows.push([clock(end + 30), '24:00']);
      hours[day] = windows;
    }
    return hours;
  }

  function calendar(windowStart, days, isRoom) {
    const busy = [];
    for (let i = int(0, 12); i > 0; --i) {
      const start = windowStart + int(-24 * 4, days * 24 * 4) * 900 + pick([0, 0, 300, 60]);
      busy.push({ start: iso(start), end: iso(start + int(1, 16) * 900), status: pick(STATUSES),
                  ...(random() < 0.4 ? { interview: true } : {}) });
    }
    const cal = { busy };
    if (isRoom) { cal.capacity = int(1, 10); return cal; }
    cal.time_zone = pick(ZONES);
    if (random() < 0.7) cal.working_hours = workingHours();
    if (random() < 0.2) cal.max_interviews_per_day = int(1, 3);
    if (random() < 0.15) cal.max_interviews_per_week = int(1, 5);
    return cal;
  }

  return function document() {
    const windowStart = Date.parse(pick(WINDOW_STARTS)) / 1000 + int(0, 3) * 86400;
    const days = int(1, 3);
    const calendars = {};
    const participants = [];
    let person = 0;
    for (let g = int(1, 3); g > 0; --g) {
      const members = [];
      for (let m = int(1, 3); m > 0; --m) {
        const sub = `p${person++}@acme.test`;
        calendars[sub] = calendar(windowStart, days, false);
        members.push({ sub });
      }
      participants.push({ members, required: random() < 0.5 ? 'all' : int(1, members.length) });
    }
    const query = {
      participants,
      required_duration: { minutes: pick([15, 30, 45, 60, 90]) },
      query_periods: [{ start: iso(windowStart), end: iso(windowStart + days * 86400) }],
      start_interval: { minutes: pick([5, 10, 15, 20, 30, 45, 60]) },
      time_zone: pick(ZONES),
      response_format: pick(['slots', 'slots', 'periods', 'overlapping_slots']),
      max_results: int(1, 200),
    };
    if (random() < 0.5) query.buffer = { before: { minutes: int(0, 4) * 5 }, after: { minutes: int(0, 4) * 5 } };
    if (random() < 0.4) query.minimum_notice = { minutes: int(0, 48) * 30 };
    if (random() < 0.2) query.tentative_blocks = false;
    if (random() < 0.15) query.explain = true;
    if (random() < 0.3) {
      const members = [];
      for (let r = int(1, 3); r > 0; --r) {
        const sub = `room${r}@acme.test`;
        calendars[sub] = calendar(windowStart, days, true);
        members.push({ sub });
      }
      query.rooms = { members, required: 1, min_capacity: int(1, 8) };
    }
    const doc = { now: iso(windowStart - int(-6, 24) * 3600), query, calendars };
    const roll = random();
    if (roll < 0.03) delete doc.query.required_duration;
    else if (roll < 0.05) doc.query.start_interval = { minutes: 7 };
    else if (roll < 0.07) doc.query.time_zone = 'Mars/Olympus_Mons';
    else if (roll < 0.08) delete doc.calendars[Object.keys(doc.calendars)[0]];
    return JSON.stringify(doc);
  };
}

test('solve: WebAssembly and native answers are byte-identical on 1,500 random documents', async () => {
  const engine = await loadWasmEngine();
  for (const zone of ZONES) assert.ok(engine.addZone(zone), zone);
  const next = makeGenerator(mulberry32(5545));
  const documents = Array.from({ length: 1500 }, next);
  const native = nativeBatch('solve', documents);
  assert.equal(native.length, documents.length);
  let slots = 0, errors = 0, explained = 0;
  documents.forEach((doc, i) => {
    const wasm = engine.call('solve', doc);
    if (wasm.body !== native[i]) {
      assert.fail(`document ${i} differs\nrequest: ${doc}\nwasm:   ${wasm.body.slice(0, 400)}\nnative: ${native[i].slice(0, 400)}`);
    }
    const answer = JSON.parse(wasm.body);
    if (answer.error) ++errors;
    slots += (answer.available_slots || answer.available_periods || []).length;
    if (answer.explanation) ++explained;
  });
  // The corpus must exercise the solver, not just validation.
  assert.ok(slots > 10000, `${slots} slots answered`);
  assert.ok(errors > 40 && errors < 300, `${errors} error answers`);
  assert.ok(explained > 100, `${explained} explained answers`);
});

const PROVIDERS = ['zoom', 'teams', 'google_meet', 'goto'];
const RANKINGS = ['earliest', 'balanced_load', 'candidate_friendly', 'fewest_room_changes'];

// Turns a base document into one that exercises the engine rules; returns [operation, document text].
function makeRulesVariant(random) {
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = (list) => list[int(0, list.length - 1)];
  return function variant(text) {
    const doc = JSON.parse(text);
    const q = doc.query;
    if (!q || !Array.isArray(q.participants) || !q.required_duration) return ['solve', text];
    q.ranking = pick(RANKINGS);
    if (random() < 0.5) q.candidate = { external: random() < 0.8, time_zone: pick(ZONES),
      working_hours: { mon: [['08:00', '20:00']], tue: [['08:00', '20:00']], wed: [['10:00', '18:00']],
                       thu: [['08:00', '20:00']], fri: [['08:00', '16:00']], sat: [['10:00', '14:00']] } };
    const roll = random();
    if (roll < 0.4) {
      // An interview loop: each participant group becomes a stage of its own (1 of its members, or all).
      delete q.explain; delete q.rooms;
      if (q.response_format === 'periods') q.response_format = 'slots';
      q.sequence = q.participants.map((group, i) => ({
        sequence_id: `stage${i + 1}`, ordinal: i + 1, required_duration: { minutes: pick([30, 45, 60]) },
        participants: [group],
        ...(i > 0 ? { buffer: { before: { minimum: { minutes: pick([0, 0, 15]) },
                                          maximum: { minutes: pick([30, 60, 240]) } } } } : {}),
      }));
      delete q.participants; delete q.required_duration;
      return ['solve', JSON.stringify(doc)];
    }
    // Host accounts with settings; some queries become bookings to validate.
    const provider = pick(PROVIDERS);
    const subs = q.participants.flatMap((g) => g.members.map((m) => m.sub));
    const hosts = [];
    for (let h = int(1, 2); h > 0; --h) {
      const sub = `host${h}@acme.test`;
      doc.calendars[sub] = { busy: [], conferencing_account: {
        provider, owner: pick([...subs, 'outsider@acme.test']), account_type: pick(['company', 'personal']),
        join_before_host: random() < 0.5, waiting_room: random() < 0.3,
        passcode: { enabled: random() < 0.5, locked: random() < 0.5 },
        lobby_bypass_scope: pick(['organizer', 'organization', 'everyone', 'invited']) } };
      hosts.push({ sub });
    }
    q.conferencing = { provider, hosts: { members: hosts, required: 1 } };
    q.host_rules = { host_absent_no_jbh: pick(['refuse', 'warn']), lobby_blocks_candidate: pick(['refuse', 'warn']) };
    if (roll < 0.75) return ['solve', JSON.stringify(doc)];
    const start = Date.parse(q.query_periods[0].start) / 1000 + int(0, 96) * 900;
    doc.booking = { start: iso(start), end: iso(start + q.required_duration.minutes * 60),
                    participants: subs.filter(() => random() < 0.8).map((sub) => ({ sub })),
                    conferencing: { provider, host: pick(hosts).sub } };
    if (q.rooms) doc.booking.rooms = [q.rooms.members[0]];
    return ['validate', JSON.stringify(doc)];
  };
}

test('engine rules: loops, rankings, host rules and validate are byte-identical in WebAssembly and native', async () => {
  const engine = await loadWasmEngine();
  for (const zone of ZONES) assert.ok(engine.addZone(zone), zone);
  const random = mulberry32(2002);
  const next = makeGenerator(random), variant = makeRulesVariant(random);
  const cases = Array.from({ length: 1200 }, () => variant(next()));
  const counts = { solve: 0, validate: 0, sequences: 0, valid: 0, invalid: 0, hostsWithPasscode: 0 };
  for (const operation of ['solve', 'validate']) {
    const docs = cases.filter(([op]) => op === operation).map(([, doc]) => doc);
    const native = nativeBatch(operation, docs);
    docs.forEach((doc, i) => {
      const wasm = engine.call(operation, doc);
      if (wasm.body !== native[i]) {
        assert.fail(`${operation} ${i} differs\nrequest: ${doc}\nwasm:   ${wasm.body.slice(0, 400)}\nnative: ${native[i].slice(0, 400)}`);
      }
      const answer = JSON.parse(wasm.body);
      counts[operation] += 1;
      counts.sequences += (answer.available_sequences || []).length;
      if (answer.valid === true) counts.valid += 1;
      if (answer.valid === false) counts.invalid += 1;
      for (const slot of answer.available_slots || []) {
        for (const host of slot.hosts || []) if (host.passcode) counts.hostsWithPasscode += 1;
      }
    });
  }
  // The corpus reaches every new path with real answers, not only errors.
  assert.ok(counts.sequences > 1000, `${counts.sequences} loops answered`);
  assert.ok(counts.valid > 5 && counts.invalid > 50, `${counts.valid} valid / ${counts.invalid} invalid bookings`);
  assert.ok(counts.hostsWithPasscode > 100, `${counts.hostsWithPasscode} hosts with a passcode`);
});
