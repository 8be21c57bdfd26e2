// backend_bench.mjs — the node half of the backend benchmark (docs/BENCHMARKS.md "Backend"); run_backend_bench.sh
// starts the server and wrk and calls these steps:
//
//   node bench/backend/backend_bench.mjs prepare --base URL --sandbox URL --key KEY --out DIR
//       seeds 20 bench people (sandbox users + events, then PUT /v1/people), writes DIR/params.lua for the wrk
//       scripts, checks that the bare availability query answers 200 with slots (this also warms the free/busy
//       cache) and prints one JSON line {"section":"backend","step":"prepare",…}.
//   node bench/backend/backend_bench.mjs drain --base URL --key KEY --out DIR [--timeout S]
//       polls GET /v1/interviews over the booking days until no interview is "pending"; prints one JSON line with
//       the counts per status and the seconds it took.
//   node bench/backend/backend_bench.mjs report FILE [--smoke]
//       prints the figures and the targets from the JSON lines in FILE (prepare, drain and the wrk scripts' done()
//       lines). Exit status 1 when a check fails: a run answered anything but its expected statuses, a socket error,
//       a booking that did not end confirmed, or a missing step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../tests/lib/random.mjs';
import { ParseArgs } from '../args.mjs';

const kSeed = 4242;
const kBookingDays = 120;        // weekdays of bookings (after the availability window): 20 × 16 × 120 = 38,400 slots
const kSlotsPerDay = 16;         // 09:00–17:00 local on the 30-minute grid
const kTargets = { availabilityRps: 2000, availabilityP99Ms: 50, bookingsPerSecond: 100 };

// The 20 bench people: 10 Google (kumo.example), 10 Microsoft 365 (kumo-labs.example), 09:00–17:00 local.
const kZones = ['Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin',
  'Europe/Amsterdam', 'Europe/Amsterdam', 'Europe/London', 'America/New_York'];
const kPeople = Array.from({ length: 20 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  const google = i < 10;
  return { email: google ? `bench${n}@kumo.example` : `bench${n}@kumo-labs.example`, name: `Bench Person ${n}`,
    provider: google ? 'google' : 'microsoft', time_zone: kZones[i % 10] };
});

// ---------------------------------------------------------------------------------------------------------------
// Time helpers (UTC seconds; zones through Intl)
const Iso = (seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');

// Seconds to add to UTC to get local wall time in `zone` at UTC instant `seconds`.
function ZoneOffset(seconds, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(seconds * 1000)).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) / 1000;
  return local - seconds;
}

// The UTC instant of local wall time `localSeconds` (seconds since the epoch, as if the zone were UTC) in `zone`.
function FromLocal(localSeconds, zone) {
  let guess = localSeconds - ZoneOffset(localSeconds, zone);
  guess = localSeconds - ZoneOffset(guess, zone);
  return guess;
}

// Local midnight (as "local seconds") of the Monday after today in Berlin (the tenant's zone).
function NextMondayLocal(nowSeconds) {
  const local = nowSeconds + ZoneOffset(nowSeconds, 'Europe/Berlin');
  const day = Math.floor(local / 86400);
  const weekday = (day + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
  return (day + ((8 - weekday) % 7 || 7)) * 86400;
}

// Weekday local midnights (local seconds) from `startLocal`, `count` of them.
function Weekdays(startLocal, count) {
  const days = [];
  for (let day = startLocal / 86400; days.length < count; ++day) {
    const weekday = (day + 4) % 7;
    if (weekday >= 1 && weekday <= 5) days.push(day * 86400);
  }
  return days;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP
async function Call(method, url, { key, body } = {}) {
  const headers = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* reported below when the caller needs JSON */ }
  return { status: response.status, json, text };
}

function Expect(reply, status, what) {
  if (reply.status !== status) throw new Error(`${what}: HTTP ${reply.status} ${reply.text.slice(0, 400)}`);
  return reply.json;
}


// ---------------------------------------------------------------------------------------------------------------
// prepare
// Busy events for the availability window: per person and weekday three events between 08:00 and 18:00 local on the
// quarter hour, 30–120 minutes; 80% busy, 10% tentative, 10% free; one all-day "oof" day per person.
function BenchEvents(windowDays) {
  const random = mulberry32(kSeed);
  const events = [];
  for (const person of kPeople) {
    const oofDay = Math.floor(random() * windowDays.length);
    windowDays.forEach((localMidnight, index) => {
      if (index === oofDay) {
        const date = new Date(localMidnight * 1000).toISOString().slice(0, 10);
        events.push({ provider: person.provider, calendar: person.email, summary: 'Out of office', date, show_as: 'oof' });
        return;
      }
      for (let k = 0; k < 3; ++k) {
        const start = localMidnight + 8 * 3600 + Math.floor(random() * 40) * 900;
        const minutes = 30 + 15 * Math.floor(random() * 7);
        const pick = random();
        events.push({ provider: person.provider, calendar: person.email, summary: 'Busy',
          start: Iso(FromLocal(start, person.time_zone)), end: Iso(FromLocal(start + minutes * 60, person.time_zone)),
          show_as: pick < 0.8 ? 'busy' : pick < 0.9 ? 'tentative' : 'free' });
      }
    });
  }
  return events;
}

// Lua text for params.lua: numbers and strings only (strings in long brackets; JSON never contains "]==]").
function LuaValue(value) {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `[==[${value}]==]`;
  if (Array.isArray(value)) return `{${value.map(LuaValue).join(', ')}}`;
  return `{${Object.entries(value).map(([k, v]) => `${k} = ${LuaValue(v)}`).join(', ')}}`;
}

async function Prepare(args) {
  const { base, sandbox, key, out } = args;
  if (!base || !sandbox || !key || !out) throw new Error('prepare needs --base, --sandbox, --key and --out');
  const now = Math.floor(Date.now() / 1000);
  const windowStartLocal = NextMondayLocal(now);
  const windowDays = Weekdays(windowStartLocal, 10);  // two working weeks
  const workingHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]));

  const seed = {
    users: kPeople.map((p) => ({ provider: p.provider, email: p.email, name: p.name, time_zone: p.time_zone,
      working_hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } })),
    events: BenchEvents(windowDays),
  };
  Expect(await Call('POST', `${sandbox.replace(/\/$/, '')}/seed`, { body: seed }), 200, 'seeding the sandbox');
  for (const p of kPeople) {
    Expect(await Call('PUT', `${base}/v1/people/${encodeURIComponent(p.email)}`, { key, body: {
      name: p.name, time_zone: p.time_zone, working_hours: workingHours, roles: ['interviewer'],
      calendar_provider: p.provider } }), 200, `PUT /v1/people/${p.email}`);
  }

  // The availability query: 20 participants, two weeks; a hiring manager and a recruiter-side interviewer who must
  // both attend, plus 2 of the 18 others.
  const query = {
    participants: [
      { members: kPeople.slice(0, 2).map((p) => ({ sub: p.email })), required: 'all' },
      { members: kPeople.slice(2).map((p) => ({ sub: p.email })), required: 2 },
    ],
    required_duration: { minutes: 60 },
    query_periods: [{ start: Iso(FromLocal(windowStartLocal, 'Europe/Berlin')),
      end: Iso(FromLocal(windowStartLocal + 14 * 86400, 'Europe/Berlin')) }],
    start_interval: { minutes: 15 },
    time_zone: 'Europe/Berlin',
    max_results: 100,
  };
  const Time = async () => {
    const started = performance.now();
    const reply = await Call('POST', `${base}/v1/availability`, { key, body: query });
    return { reply, ms: performance.now() - started };
  };
  const cold = await Time();
  const slots = Expect(cold.reply, 200, 'the bare availability query')?.available_slots;
  if (!Array.isArray(slots) || slots.length === 0) throw new Error(`the availability query found no slots: ${cold.reply.text.slice(0, 400)}`);
  const warm = await Time();
  Expect(warm.reply, 200, 'the warm availability query');

  // Booking days: the weekdays after the availability window (no seeded busy events there), per person the UTC
  // instant of 09:00 local on each of them, so that every (person, day, slot) is inside working hours.
  const bookingDays = Weekdays(windowStartLocal + 14 * 86400, kBookingDays);
  const dayStarts = kPeople.map((p) => bookingDays.map((d) => FromLocal(d + 9 * 3600, p.time_zone)));
  // The conflict run books one slot again and again: a day past the throughput days.
  const conflictDay = Weekdays(bookingDays[bookingDays.length - 1] + 86400, 1)[0];
  const conflictStart = FromLocal(conflictDay + 10 * 3600, 'Europe/Berlin');
  const runId = `${now.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const booking = {
    title: 'Interview: Bench Candidate', organizer: 'lena.fischer@kumo.example',
    start: '%s', end: '%s', interviewers: [{ sub: '%s' }], conferencing: { provider: 'none' },
    candidate: { name: 'Bench Candidate', email: 'candidate@example.com', time_zone: 'Europe/Berlin', locale: 'en' },
    query: { start_interval: { minutes: 30 }, time_zone: 'Europe/Berlin' },
  };
  const params = {
    api_key: key, run_id: runId,
    availability_body: JSON.stringify(query),
    booking_template: JSON.stringify(booking),  // %s: start, end, interviewer (string.format)
    interviewers: kPeople.map((p) => p.email),
    day_starts: dayStarts, slots_per_day: kSlotsPerDay,
    conflict_start: conflictStart, conflict_interviewer: kPeople[0].email,
  };
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'params.lua'), `-- generated by bench/backend/backend_bench.mjs prepare\nreturn ${LuaValue(params)}\n`);
  fs.writeFileSync(path.join(out, 'booking-days.json'), JSON.stringify({
    days: bookingDays.map((d) => Iso(FromLocal(d, 'Europe/Berlin'))),
    conflict: Iso(FromLocal(conflictDay, 'Europe/Berlin')) }));
  console.log(JSON.stringify({ section: 'backend', step: 'prepare', participants: kPeople.length,
    window: query.query_periods[0], busy_events: seed.events.length, slots: slots.length,
    cold_ms: +cold.ms.toFixed(1), warm_ms: +warm.ms.toFixed(1) }));
}

// ---------------------------------------------------------------------------------------------------------------
// drain
async function Drain(args) {
  const { base, key, out } = args;
  const timeout = Number(args.timeout ?? 120);
  const { days, conflict } = JSON.parse(fs.readFileSync(path.join(out, 'booking-days.json'), 'utf8'));
  // One listing per Berlin day (every booking lies inside one: 09:00–17:00 local in Berlin, Amsterdam, London and New
  // York ends by 23:00 Berlin time; at most 20 × 16 a day, under the listing's cap of 500), plus the conflict day.
  const windows = [...days, conflict].map((d) => {
    const start = Date.parse(d) / 1000;
    return { from: Iso(start), to: Iso(start + 86400), counts: null };
  });
  const started = performance.now();
  let counts = {};
  for (;;) {
    counts = {};
    for (const w of windows) {
      if (w.counts && !w.counts.pending) {
        for (const [status, n] of Object.entries(w.counts)) counts[status] = (counts[status] ?? 0) + n;
        continue;
      }
      const list = Expect(await Call('GET', `${base}/v1/interviews?from=${w.from}&to=${w.to}`, { key }), 200,
        'GET /v1/interviews').interviews;
      if (list.length >= 500) throw new Error(`more than 500 interviews in ${w.from} .. ${w.to}: the drain cannot count them`);
      w.counts = {};
      for (const interview of list) w.counts[interview.status] = (w.counts[interview.status] ?? 0) + 1;
      for (const [status, n] of Object.entries(w.counts)) counts[status] = (counts[status] ?? 0) + n;
    }
    const seconds = (performance.now() - started) / 1000;
    if (!counts.pending || seconds > timeout) {
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(JSON.stringify({ section: 'backend', step: 'drain', total, statuses: counts,
        seconds: +seconds.toFixed(2), timed_out: Boolean(counts.pending) }));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// report
function Report(file, smoke) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .filter((l) => l.section === 'backend');
  const Step = (name) => lines.find((l) => l.step === name);
  let failures = 0;
  const Fail = (message) => { ++failures; console.log(`CHECK FAILED: ${message}`); };
  const Ms = (us) => (us == null ? '-' : `${(us / 1000).toFixed(2)} ms`);
  const Rate = (run, statuses) => {
    const n = Object.entries(run.statuses ?? {}).filter(([s]) => statuses.includes(Number(s))).reduce((a, [, v]) => a + v, 0);
    return n / (run.duration_us / 1e6);
  };
  const Others = (run, allowed) => Object.entries(run.statuses ?? {}).filter(([s]) => !allowed.includes(Number(s)));
  const Share = (run, allowed) => {
    const total = Object.values(run.statuses ?? {}).reduce((a, b) => a + b, 0);
    const others = Others(run, allowed);
    if (!others.length) return 'none';
    return others.map(([s, n]) => `${s}: ${n} (${((100 * n) / total).toFixed(1)}%)`).join(', ');
  };
  const CheckRun = (run, label, allowed) => {
    if (!run) return Fail(`${label}: no result (wrk did not finish)`);
    const others = Others(run, allowed);
    if (others.length) Fail(`${label}: answers other than ${allowed.join('/')}: ${Share(run, allowed)}; first: ${run.first_error}`);
    const socket = Object.entries(run.errors ?? {}).filter(([, n]) => n > 0);
    if (socket.length) Fail(`${label}: socket errors ${socket.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  };

  console.log(`\n== backend (slotwise serve --demo on loopback, wrk)${smoke ? ' (SMOKE: ~2 s runs, numbers are not meaningful)' : ''} ==`);
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}` +
    ' (other builds on the machine make these numbers noisy)');
  const prepare = Step('prepare');
  if (!prepare) Fail('prepare: no result');
  else {
    console.log(`setup: ${prepare.participants} participants (10 Google, 10 Microsoft, 4 zones), ${prepare.busy_events} busy ` +
      `events, window ${prepare.window.start} .. ${prepare.window.end} (2 weeks), ${prepare.slots} slots answered; first ` +
      `query ${prepare.cold_ms} ms (fetches free/busy from the sandbox), second ${prepare.warm_ms} ms (cached, on the ` +
      'same keep-alive connection)');
  }

  const availability = Step('availability');
  CheckRun(availability, 'availability', [200]);
  const booking = Step('booking');
  CheckRun(booking, 'booking', [201]);
  const conflict = Step('conflict');
  if (conflict) {
    CheckRun(conflict, 'booking conflicts', [201, 409]);
    if ((conflict.statuses?.['201'] ?? 0) > 1) Fail(`booking conflicts: ${conflict.statuses['201']} bookings of one slot were accepted`);
  }
  const drain = Step('drain');
  // Server CPU time per request during a run (bookings: includes the outbox working at the same time).
  const Cpu = (run) => {
    const cpu = lines.find((l) => l.step === 'cpu' && l.of === run?.step);
    if (!cpu || !run?.requests) return '';
    const ms = (1000 * cpu.server_cpu_s) / run.requests;
    return `; server CPU ${ms.toFixed(2)} ms per request (${cpu.server_cpu_s} s over the run, ` +
      `${(cpu.server_cpu_s / (run.duration_us / 1e6)).toFixed(2)} cores)`;
  };

  const rows = [];
  if (availability) {
    const rps = Rate(availability, [200]);
    rows.push(`availability (cached free/busy, 20 participants, 2 weeks): ${rps.toFixed(0)} requests/s (200), ` +
      `p50 ${Ms(availability.p50_us)}, p99 ${Ms(availability.p99_us)}, max ${Ms(availability.max_us)}; ` +
      `${availability.requests} requests in ${(availability.duration_us / 1e6).toFixed(1)} s, ${availability.connections} connections, ` +
      `${availability.threads} wrk threads; other statuses: ${Share(availability, [200])}${Cpu(availability)}`);
  }
  if (booking) {
    rows.push(`bookings (no conflicts): ${Rate(booking, [201]).toFixed(0)} accepted bookings/s (201 = committed with its ` +
      `outbox job, before the provider calls), p50 ${Ms(booking.p50_us)}, p99 ${Ms(booking.p99_us)}; ` +
      `${booking.requests} requests in ${(booking.duration_us / 1e6).toFixed(1)} s, ${booking.connections} connections; ` +
      `other statuses: ${Share(booking, [201])}${Cpu(booking)}`);
  }
  if (drain) {
    const created = booking?.statuses?.['201'] ?? 0;
    const confirmed = drain.statuses.confirmed ?? 0;
    const runSeconds = booking ? booking.duration_us / 1e6 : 0;
    rows.push(`outbox: ${confirmed} of ${drain.total} interviews confirmed ${drain.seconds} s after wrk stopped ` +
      `(${created} 201s seen by wrk; statuses ${JSON.stringify(drain.statuses)}); end to end ` +
      `${(confirmed / (runSeconds + drain.seconds)).toFixed(0)} confirmed bookings/s over ${(runSeconds + drain.seconds).toFixed(1)} s`);
    if (drain.timed_out) Fail(`outbox: still ${drain.statuses.pending} pending after ${drain.seconds} s`);
    const notConfirmed = Object.entries(drain.statuses).filter(([s]) => s !== 'confirmed');
    if (notConfirmed.length) Fail(`outbox: interviews not confirmed: ${JSON.stringify(Object.fromEntries(notConfirmed))}`);
  } else if (booking) Fail('drain: no result');
  if (conflict) {
    rows.push(`booking conflicts (one slot booked again and again): ${Rate(conflict, [409]).toFixed(0)} rejections/s ` +
      `(409), p50 ${Ms(conflict.p50_us)}, p99 ${Ms(conflict.p99_us)}; statuses ${JSON.stringify(conflict.statuses)}${Cpu(conflict)}`);
  }
  for (const row of rows) console.log(row);

  console.log('\n== backend targets ==');
  const Target = (label, value, ok) => console.log(`${ok == null ? 'N/A ' : ok ? 'PASS' : 'MISS'}  ${label}: ${value}`);
  const rps = availability ? Rate(availability, [200]) : null;
  Target(`availability ≥ ${kTargets.availabilityRps} requests/s`, rps == null ? '-' : `${rps.toFixed(0)}/s`, rps == null ? null : rps >= kTargets.availabilityRps);
  const p99 = availability?.p99_us;
  Target(`availability p99 < ${kTargets.availabilityP99Ms} ms`, Ms(p99), p99 == null ? null : p99 < kTargets.availabilityP99Ms * 1000);
  const bps = booking ? Rate(booking, [201]) : null;
  Target(`bookings ≥ ${kTargets.bookingsPerSecond} accepted/s`, bps == null ? '-' : `${bps.toFixed(0)}/s`, bps == null ? null : bps >= kTargets.bookingsPerSecond);
  console.log(failures ? `\nbackend checks: ${failures} FAILED` : '\nbackend checks: OK');
  return failures ? 1 : 0;
}

const [command, ...rest] = process.argv.slice(2);
const args = ParseArgs(rest);
try {
  if (command === 'prepare') await Prepare(args);
  else if (command === 'drain') await Drain(args);
  else if (command === 'report') process.exitCode = Report(args._[0], Boolean(args.smoke));
  else throw new Error(`unknown command '${command}' (prepare, drain, report)`);
} catch (error) {
  console.error(`backend_bench.mjs ${command}: ${error.message}`);
  process.exitCode = 1;
}
