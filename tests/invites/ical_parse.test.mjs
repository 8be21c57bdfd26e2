// The candidate's invitation (`slotwise invite render`) read by a third-party iCalendar parser, ical.js 2.x: the
// VTIMEZONE is registered with ical.js and the event's instants and wall-clock times are what the candidate's
// calendar will show — checked against node's own time-zone data (Intl, ICU) — before and after a DST change
// (Europe/Berlin 2026-10-25, America/New_York 2026-11-01), for an update and for a cancel.
//
// The binary is $SLOTWISE_CLI, else $SLOTWISE_BIN, else build/bin/slotwise (tests/lib/paths.mjs). A missing binary
// fails the suite (it never skips).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import ICAL from 'ical.js';
import { SLOTWISE_BIN } from '../lib/paths.mjs';

const BIN = process.env.SLOTWISE_CLI || process.env.SLOTWISE_BIN || SLOTWISE_BIN;

// Runs `slotwise invite render` with the document on stdin: { status, stdout, stderr }.
function render(document) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`slotwise binary not found at ${BIN}: build it first (scripts/build), or set SLOTWISE_CLI`);
  }
  const result = spawnSync(BIN, ['invite', 'render'], { input: JSON.stringify(document), encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

function invite(overrides = {}) {
  const candidate = { name: 'Anna Schmidt', email: 'anna.schmidt@mail.example', time_zone: 'Europe/Berlin',
    ...(overrides.candidate || {}) };
  return {
    uid: 'interview-42@slotwise.test', sequence: 0, method: 'REQUEST',
    summary: 'Vorstellungsgespräch: Backend Engineer, Kumo; Runde 1',
    description: 'Guten Tag Anna,\nwir freuen uns auf Sie.',
    location: '', join_url: 'https://zoom.example/j/123456789?pwd=abc',
    start: '2026-10-24T08:00:00Z', end: '2026-10-24T09:00:00Z', dtstamp: '2026-10-01T12:00:00Z',
    organizer: { name: 'Lena Fischer', email: 'lena.fischer@kumo.example' },
    ...overrides,
    candidate,
  };
}

// Parses the .ics, registers its VTIMEZONE(s) with ical.js and returns the calendar, its event and the zones.
function parse(text) {
  assert.ok(text.endsWith('\r\n'), 'the object ends with CRLF');
  assert.equal(/[^\r]\n/.test(text), false, 'every line ends with CRLF');
  for (const line of text.split('\r\n')) {
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
  }
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = {};
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);  // replaces an earlier zone of the same TZID
    zones[zone.tzid] = zone;
  }
  const vevent = calendar.getFirstSubcomponent('vevent');
  assert.ok(vevent, 'one VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent), zones };
}

// The wall-clock reading of a Unix time in an IANA zone according to node's ICU data: "YYYY-MM-DD HH:MM".
function intlWallClock(unixSeconds, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(unixSeconds * 1000)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function wallClock(time) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${time.year}-${pad(time.month)}-${pad(time.day)} ${pad(time.hour)}:${pad(time.minute)}`;
}

// The UT offset (seconds) at a Unix time according to node's ICU data.
function intlOffset(unixSeconds, timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(unixSeconds * 1000)).map((p) => [p.type, Number(p.value)]));
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) / 1000 - unixSeconds;
}

// The VTIMEZONE's observances as read by ical.js: from `onset` (Unix seconds) on, the offset is `offset`.
function onsets(zone) {
  return zone.component.getAllSubcomponents().map((observance) => {
    const start = observance.getFirstPropertyValue('dtstart');
    const from = observance.getFirstPropertyValue('tzoffsetfrom').toSeconds();
    const to = observance.getFirstPropertyValue('tzoffsetto').toSeconds();
    const wall = Date.UTC(start.year, start.month - 1, start.day, start.hour, start.minute, start.second) / 1000;
    return { onset: wall - from, offset: to };
  });
}

// The offset the VTIMEZONE gives at a Unix time: that of the latest onset at or before it.
function vtimezoneOffset(list, unixSeconds) {
  let best;
  for (const o of list) if (o.onset <= unixSeconds && (!best || o.onset > best.onset)) best = o;
  assert.ok(best, `no observance covers ${new Date(unixSeconds * 1000).toISOString()}`);
  return best.offset;
}

const unix = (rfc3339) => Date.parse(rfc3339) / 1000;

describe('invite render: a request in the candidate\'s zone', () => {
  it('has the calendar headers, the organizer and the candidate', () => {
    const result = render(invite());
    assert.equal(result.status, 0, result.stderr);
    const { calendar, vevent, event } = parse(result.stdout);
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    assert.equal(calendar.getFirstPropertyValue('calscale'), 'GREGORIAN');
    assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
    assert.ok(calendar.getFirstPropertyValue('prodid'));
    assert.equal(event.uid, 'interview-42@slotwise.test');
    assert.equal(event.sequence, 0);
    assert.equal(event.summary, 'Vorstellungsgespräch: Backend Engineer, Kumo; Runde 1');
    assert.equal(event.description, 'Guten Tag Anna,\nwir freuen uns auf Sie.');
    assert.equal(event.location, 'https://zoom.example/j/123456789?pwd=abc');
    assert.equal(vevent.getFirstPropertyValue('url'), 'https://zoom.example/j/123456789?pwd=abc');
    assert.equal(vevent.getFirstPropertyValue('status'), 'CONFIRMED');
    assert.equal(vevent.getFirstPropertyValue('transp'), 'OPAQUE');
    assert.equal(vevent.getFirstPropertyValue('dtstamp').toString(), '2026-10-01T12:00:00Z');
    const organizer = vevent.getFirstProperty('organizer');
    assert.equal(organizer.getFirstValue(), 'mailto:lena.fischer@kumo.example');
    assert.equal(organizer.getParameter('cn'), 'Lena Fischer');
    const attendees = event.attendees;
    assert.equal(attendees.length, 1);
    assert.equal(attendees[0].getFirstValue(), 'mailto:anna.schmidt@mail.example');
    assert.equal(attendees[0].getParameter('cn'), 'Anna Schmidt');
    assert.equal(attendees[0].getParameter('role'), 'REQ-PARTICIPANT');
    assert.equal(attendees[0].getParameter('partstat'), 'NEEDS-ACTION');
    assert.equal(attendees[0].getParameter('rsvp'), 'TRUE');
  });

  it('keeps a Japanese name with a comma intact through folding and quoting', () => {
    const name = '山田 太郎（やまだ たろう）, 採用候補者 第一次選考 東京オフィス';
    const result = render(invite({ candidate: { name, email: 'taro@mail.example', time_zone: 'Asia/Tokyo' } }));
    assert.equal(result.status, 0, result.stderr);
    const { event, zones } = parse(result.stdout);
    assert.equal(event.attendees[0].getParameter('cn'), name);
    assert.ok(zones['Asia/Tokyo']);
    assert.equal(wallClock(event.startDate), '2026-10-24 17:00');
  });
});

describe('invite render: wall-clock times across DST changes', () => {
  const cases = [
    // Europe/Berlin leaves summer time on Sunday 2026-10-25 at 01:00 UTC.
    { zone: 'Europe/Berlin', start: '2026-10-24T08:00:00Z', end: '2026-10-24T09:00:00Z', wall: '2026-10-24 10:00',
      offset: 2 * 3600 },
    { zone: 'Europe/Berlin', start: '2026-10-26T09:00:00Z', end: '2026-10-26T10:00:00Z', wall: '2026-10-26 10:00',
      offset: 1 * 3600 },
    // America/New_York leaves daylight time on Sunday 2026-11-01 at 06:00 UTC.
    { zone: 'America/New_York', start: '2026-10-30T14:00:00Z', end: '2026-10-30T15:00:00Z', wall: '2026-10-30 10:00',
      offset: -4 * 3600 },
    { zone: 'America/New_York', start: '2026-11-02T15:00:00Z', end: '2026-11-02T16:00:00Z', wall: '2026-11-02 10:00',
      offset: -5 * 3600 },
  ];
  for (const c of cases) {
    it(`${c.zone} ${c.start} is ${c.wall} local (UTC${c.offset / 3600})`, () => {
      const result = render(invite({ start: c.start, end: c.end,
        candidate: { name: 'Anna', email: 'anna@mail.example', time_zone: c.zone } }));
      assert.equal(result.status, 0, result.stderr);
      const { event, zones } = parse(result.stdout);
      assert.ok(zones[c.zone], `a VTIMEZONE for ${c.zone}`);
      assert.equal(event.startDate.zone.tzid, c.zone);
      assert.equal(event.startDate.toUnixTime(), unix(c.start));
      assert.equal(event.endDate.toUnixTime(), unix(c.end));
      assert.equal(wallClock(event.startDate), c.wall);
      assert.equal(event.startDate.utcOffset(), c.offset);
      assert.equal(intlWallClock(unix(c.start), c.zone), c.wall);  // node's ICU data agrees
    });
  }

  const changes = [['Europe/Berlin', '2026-10-25T01:00:00Z'], ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Europe/Berlin', '2026-03-29T01:00:00Z'], ['America/New_York', '2026-03-08T07:00:00Z']];
  for (const [zoneName, change] of changes) {
    it(`${zoneName}: the VTIMEZONE matches node's zone data around ${change} and a year either side`, () => {
      const result = render(invite({ start: '2026-10-24T08:00:00Z', end: '2026-10-24T09:00:00Z',
        candidate: { name: 'Anna', email: 'anna@mail.example', time_zone: zoneName } }));
      assert.equal(result.status, 0, result.stderr);
      const zone = parse(result.stdout).zones[zoneName];
      const list = onsets(zone);
      for (let t = unix(change) - 6 * 3600; t <= unix(change) + 6 * 3600; t += 900) {
        assert.equal(vtimezoneOffset(list, t), intlOffset(t, zoneName), `at ${new Date(t * 1000).toISOString()}`);
      }
      for (let t = unix('2025-10-24T08:00:00Z'); t <= unix('2027-10-24T09:00:00Z'); t += 6 * 3600) {
        assert.equal(vtimezoneOffset(list, t), intlOffset(t, zoneName), `at ${new Date(t * 1000).toISOString()}`);
      }
    });

    it(`${zoneName}: ical.js turns every wall time around ${change} into node's instant`, () => {
      const result = render(invite({ candidate: { name: 'Anna', email: 'anna@mail.example', time_zone: zoneName } }));
      assert.equal(result.status, 0, result.stderr);
      const zone = parse(result.stdout).zones[zoneName];
      const before = intlOffset(unix(change) - 86400, zoneName);
      const after = intlOffset(unix(change) + 86400, zoneName);
      assert.notEqual(before, after);
      const firstWall = unix(change) + Math.min(before, after) - 4 * 3600;
      for (let wall = firstWall; wall <= firstWall + 8 * 3600; wall += 900) {
        // The instants whose wall time this is (node's data): one, none (a gap) or two (the repeated hour).
        const instants = [...new Set([wall - before, wall - after])].filter((t) => t + intlOffset(t, zoneName) === wall)
          .sort((a, b) => a - b);
        const d = new Date(wall * 1000);
        const time = new ICAL.Time({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
          hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: 0 }, zone);
        const label = `wall ${d.toISOString().slice(0, 16)}`;
        if (instants.length === 1) {
          assert.equal(time.toUnixTime(), instants[0], label);
        } else if (instants.length === 2) {
          assert.ok(instants.includes(time.toUnixTime()), `${label}: one of its two instants`);
        }
      }
    });
  }
});

describe('invite render: update and cancel', () => {
  it('an update keeps the UID, raises SEQUENCE and moves the time', () => {
    const first = parse(render(invite()).stdout).event;
    const result = render(invite({ sequence: 1, start: '2026-10-27T13:30:00Z', end: '2026-10-27T14:30:00Z',
      dtstamp: '2026-10-05T09:00:00Z' }));
    assert.equal(result.status, 0, result.stderr);
    const { calendar, event } = parse(result.stdout);
    assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
    assert.equal(event.uid, first.uid);
    assert.ok(event.sequence > first.sequence);
    assert.equal(event.startDate.toUnixTime(), unix('2026-10-27T13:30:00Z'));
    assert.equal(wallClock(event.startDate), '2026-10-27 14:30');  // after the change: CET, +01:00
    assert.notEqual(event.startDate.toUnixTime(), first.startDate.toUnixTime());
  });

  it('a cancel says METHOD:CANCEL and STATUS:CANCELLED for the same UID', () => {
    const result = render(invite({ method: 'CANCEL', sequence: 2 }));
    assert.equal(result.status, 0, result.stderr);
    const { calendar, vevent, event } = parse(result.stdout);
    assert.equal(calendar.getFirstPropertyValue('method'), 'CANCEL');
    assert.equal(vevent.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(event.uid, 'interview-42@slotwise.test');
    assert.equal(event.sequence, 2);
  });
});

describe('invite render: UTC and bad input', () => {
  it('a UTC candidate gets UTC times and no VTIMEZONE', () => {
    const result = render(invite({ candidate: { name: 'Anna', email: 'anna@mail.example', time_zone: 'UTC' } }));
    assert.equal(result.status, 0, result.stderr);
    const { calendar, event } = parse(result.stdout);
    assert.equal(calendar.getAllSubcomponents('vtimezone').length, 0);
    assert.equal(event.startDate.zone, ICAL.Timezone.utcTimezone);
    assert.equal(event.startDate.toString(), '2026-10-24T08:00:00Z');
  });

  for (const [label, document, field] of [
    ['an empty uid', invite({ uid: '' }), 'uid'],
    ['end before start', invite({ end: '2026-10-24T07:00:00Z' }), 'end'],
    ['a line break in the e-mail', invite({ candidate: { email: 'a@b.example\r\nATTENDEE:mailto:x@y' } }),
      'candidate.email'],
    ['an unknown zone', invite({ candidate: { time_zone: 'Mars/Olympus_Mons' } }), 'candidate.time_zone'],
  ]) {
    it(`${label} exits 2 with the API error object on stderr`, () => {
      const result = render(document);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      const body = JSON.parse(result.stderr);
      assert.equal(typeof body.error.code, 'string');
      assert.equal(typeof body.error.message, 'string');
      assert.equal(body.error.field, field);
    });
  }

  it('text that is not JSON is invalid_json', () => {
    if (!fs.existsSync(BIN)) throw new Error(`slotwise binary not found at ${BIN}`);
    const result = spawnSync(BIN, ['invite', 'render'], { input: '{nope', encoding: 'utf8' });
    assert.equal(result.status, 2);
    assert.equal(JSON.parse(result.stderr).error.code, 'invalid_json');
  });
});
