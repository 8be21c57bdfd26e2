// Proposals through the API for the candidate-page tests: a JSON call, the demo interviewer's free hours, and a
// proposal body (POST /v1/proposals) offering some of them to a candidate.
import assert from 'node:assert/strict';

export const kInterviewer = 'jonas.becker@kumo.example';
export const kOrganizer = 'lena.fischer@kumo.example';

export async function call(origin, method, url, { key, body, idempotencyKey } = {}) {
  const headers = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await fetch(origin + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, json, text, headers: response.headers };
}

// Free one-hour slots of the interviewer over the next two weeks (the engine's answer, through the API).
export async function freeSlots(origin, key) {
  const now = Math.floor(Date.now() / 1000);
  const start = (Math.floor(now / 86400) + 1) * 86400;
  const reply = await call(origin, 'POST', '/v1/availability', { key, body: {
    participants: [{ members: [{ sub: kInterviewer }], required: 'all' }],
    required_duration: { minutes: 60 },
    query_periods: [{ start: new Date(start * 1000).toISOString(), end: new Date((start + 14 * 86400) * 1000).toISOString() }],
    start_interval: { minutes: 60 }, time_zone: 'Europe/Berlin', max_results: 60 } });
  assert.equal(reply.status, 200, reply.text);
  const slots = reply.json.available_slots;
  assert.ok(slots.length >= 12, `free slots for ${kInterviewer}: ${slots.length}`);
  return slots;
}

export function proposalBody(candidate, options) {
  return {
    title: `Interview: ${candidate.name} — Backend Engineer`, organizer: kOrganizer,
    interviewers: [{ sub: kInterviewer }], conferencing: { provider: 'google_meet' }, candidate,
    query: { start_interval: { minutes: 60 }, time_zone: 'Europe/Berlin' },
    options: options.map((s) => ({ start: s.start, end: s.end })),
  };
}
