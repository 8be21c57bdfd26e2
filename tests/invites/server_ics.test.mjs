// The candidate's invitation as the SERVER hands it out (GET /v1/interviews/{id}/candidate.ics), read by ical.js: a
// booking (REQUEST, SEQUENCE 0), a reschedule (REQUEST, SEQUENCE 1, the new time) and a cancel (CANCEL, SEQUENCE 2),
// one stable UID throughout, the instants those of the interview and the wall-clock times what the candidate's zone
// says (checked against node's own zone data). ical_parse.test.mjs covers the renderer across DST changes.
import test from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { startServer } from '../lib/server.mjs';

const CANDIDATE_ZONE = 'America/New_York';

function parse(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const vevent = calendar.getFirstSubcomponent('vevent');
  assert.ok(vevent, 'one VEVENT');
  return { method: calendar.getFirstPropertyValue('method'), event: new ICAL.Event(vevent), vevent };
}

// "HH:MM" of `iso` in `timeZone`, by node's ICU data.
function wallClock(iso, timeZone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso));
}

test('candidate.ics from the server: request, update and cancel parse with ical.js', { timeout: 120000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const [, key] = await server.waitForOutput(/Demo tenant "kumo" API key: (\S+)/);
  const api = async (method, path, body, idempotencyKey) => {
    const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const response = await fetch(new URL(path, server.url), { method, headers, body: body && JSON.stringify(body) });
    return { status: response.status, text: await response.text() };
  };

  // Two free hours of Jonas next week, from the server's own availability (no date arithmetic here).
  const now = Date.now();
  const query = {
    participants: [{ members: [{ sub: 'jonas.becker@kumo.example' }], required: 'all' }],
    required_duration: { minutes: 60 }, start_interval: { minutes: 60 }, time_zone: 'Europe/Berlin',
    query_periods: [{ start: new Date(now + 7 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z'),
                      end: new Date(now + 14 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z') }],
  };
  const availability = await api('POST', '/v1/availability', query);
  assert.equal(availability.status, 200, availability.text);
  const slots = JSON.parse(availability.text).available_slots;
  assert.ok(slots.length >= 3, 'Jonas has free hours next week');
  const first = slots[0], later = slots[slots.length - 1];

  const booked = await api('POST', '/v1/interviews', {
    title: 'Interview: Maria Lopez', organizer: 'lena.fischer@kumo.example', start: first.start, end: first.end,
    interviewers: [{ sub: 'jonas.becker@kumo.example' }],
    candidate: { name: 'Maria Lopez', email: 'maria@candidate.example', time_zone: CANDIDATE_ZONE, locale: 'en' },
    notes: 'internal: do not show', query: { start_interval: { minutes: 60 } },
  }, `ics-${now}`);
  assert.equal(booked.status, 201, booked.text);
  const id = JSON.parse(booked.text).id;
  const ics = async () => {
    const answer = await api('GET', `/v1/interviews/${id}/candidate.ics`);
    assert.equal(answer.status, 200, answer.text);
    assert.doesNotMatch(answer.text, /internal: do not show/, 'the internal notes never reach the candidate');
    return parse(answer.text);
  };

  const request = await ics();
  assert.equal(request.method, 'REQUEST');
  assert.equal(request.event.sequence, 0);
  assert.equal(request.event.startDate.toJSDate().toISOString(), new Date(first.start).toISOString());
  assert.equal(request.event.endDate.toJSDate().toISOString(), new Date(first.end).toISOString());
  const local = request.event.startDate.convertToZone(ICAL.TimezoneService.get(CANDIDATE_ZONE));
  assert.equal(`${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
               wallClock(first.start, CANDIDATE_ZONE));
  const uid = request.event.uid;

  const moved = await api('PATCH', `/v1/interviews/${id}`, { start: later.start, end: later.end });
  assert.equal(moved.status, 200, moved.text);
  const update = await ics();
  assert.equal(update.method, 'REQUEST');
  assert.equal(update.event.uid, uid, 'the same UID: calendars update the event they have');
  assert.equal(update.event.sequence, 1);
  assert.equal(update.event.startDate.toJSDate().toISOString(), new Date(later.start).toISOString());

  const cancelled = await api('DELETE', `/v1/interviews/${id}`, { reason: 'position filled' });
  assert.equal(cancelled.status, 200, cancelled.text);
  const cancel = await ics();
  assert.equal(cancel.method, 'CANCEL');
  assert.equal(cancel.event.uid, uid);
  assert.equal(cancel.event.sequence, 2);
  assert.equal(cancel.vevent.getFirstPropertyValue('status'), 'CANCELLED');
});
