// Fidelity: the official `googleapis` client (Calendar v3) pointed at the provider sandbox must accept every response
// and surface every error the way it does against Google (wire formats: docs/PROVIDERS.md, "Google Calendar
// "). Each call is also checked against the sandbox's request log (the path the library really hit).
//
// The demo organisation's own events move with the current week, so the busy times asserted here come from events
// this file seeds in a fixed week (Mon 2031-01-13 … Fri 2031-01-17, winter time: Berlin +01:00, Tokyo +09:00).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Common, google } from 'googleapis';
import { rejection, startSandbox } from '../lib/sandbox.mjs';

const LENA = 'lena.fischer@kumo.example';   // Europe/Berlin
const JONAS = 'jonas.becker@kumo.example';  // Europe/Berlin
const KEN = 'ken.sato@kumo.example';        // Asia/Tokyo
const EMILY = 'emily.carter@kumo.example';  // America/New_York
const UNKNOWN = 'nobody.here@kumo.example';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MEET_URI = /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/;

let box;

function calendarFor(accessToken) {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: accessToken });
  return google.calendar({ version: 'v3', auth });
}

// Per-call options that send a request to the sandbox. calendar/v3.js builds each URL as
// (options.rootUrl + '/calendar/v3/…').replace(/([^:]\/)\/+/g, '$1') from the PER-CALL rootUrl, which keeps a path
// prefix: ROOT/google/calendar/v3/…. A rootUrl given to google.calendar({rootUrl}) instead goes through
// googleapis-common's rewrite `new URL(path, rootUrl)` with an absolute path, which drops "/google/" (the request
// then hits ROOT/calendar/v3/… and gets an empty 404): a client-wide rootUrl only works for a sandbox serving
// Calendar at its root path.
const at = (extra = {}) => ({ rootUrl: `${box.root}/google/`, ...extra });

const ms = (text) => new Date(text).getTime();
const span = (busy) => busy.map(({ start, end }) => [ms(start), ms(end)]);

// The log entries after `count` entries (requests made since the caller took `count`).
async function logSince(count) { return (await box.requests('google')).slice(count); }
async function logLength() { return (await box.requests('google')).length; }

// Started by the first test that needs it; a missing or broken binary then FAILS every test (a failing before() hook
// would only cancel them).
let starting;
function ready() { return (starting ??= setUp()); }
async function setUp() {
  box = await startSandbox();
  try {
    await box.seed({
      events: [
        // Lena: two busy meetings on Monday, a transparent ("free") one in between that must not block time.
        { provider: 'google', calendar: LENA, summary: 'FB one', start: '2031-01-13T09:00:00+01:00', end: '2031-01-13T10:00:00+01:00' },
        { provider: 'google', calendar: LENA, summary: 'FB free', show_as: 'free', start: '2031-01-13T12:00:00+01:00', end: '2031-01-13T13:00:00+01:00' },
        { provider: 'google', calendar: LENA, summary: 'FB two', show_as: 'tentative', start: '2031-01-13T14:00:00+01:00', end: '2031-01-13T15:30:00+01:00' },
        // Ken: Tokyo morning.
        { provider: 'google', calendar: KEN, summary: 'FB ken', start: '2031-01-14T10:00:00+09:00', end: '2031-01-14T11:00:00+09:00' },
        // Jonas: all-day out of office on Thursday (Berlin midnight to midnight).
        { provider: 'google', calendar: JONAS, summary: 'FB ooo', show_as: 'oof', date: '2031-01-16' },
      ],
    });
  } catch (error) {
    await box.stop();
    throw error;
  }
  return box;
}

after(async () => { if (starting) await starting.then((b) => b.stop(), () => {}); });

describe('googleapis calendar v3 against the sandbox', () => {
  it('freebusy.query returns calendar#freeBusy with RFC 3339 busy blocks per calendar', async () => {
    await ready();
    const calendar = calendarFor(await box.token('google', LENA));
    const mark = await logLength();
    const res = await calendar.freebusy.query({
      requestBody: {
        timeMin: '2031-01-13T00:00:00Z',
        timeMax: '2031-01-18T00:00:00Z',
        timeZone: 'UTC',
        items: [{ id: LENA }, { id: KEN }, { id: JONAS }, { id: UNKNOWN }],
      },
    }, at());
    assert.equal(res.status, 200);
    const data = res.data;
    assert.equal(data.kind, 'calendar#freeBusy');
    assert.equal(ms(data.timeMin), Date.UTC(2031, 0, 13));
    assert.equal(ms(data.timeMax), Date.UTC(2031, 0, 18));
    assert.deepEqual(Object.keys(data.calendars).sort(), [JONAS, KEN, LENA, UNKNOWN].sort());
    for (const id of [LENA, KEN, JONAS]) {
      assert.equal(data.calendars[id].errors, undefined, `${id} has no errors`);
      for (const block of data.calendars[id].busy) {
        assert.match(block.start, RFC3339);
        assert.match(block.end, RFC3339);
      }
    }
    // 09:00-10:00 and 14:00-15:30 Berlin (+01:00); the transparent 12:00-13:00 event is not busy.
    assert.deepEqual(span(data.calendars[LENA].busy), [
      [Date.UTC(2031, 0, 13, 8), Date.UTC(2031, 0, 13, 9)],
      [Date.UTC(2031, 0, 13, 13), Date.UTC(2031, 0, 13, 14, 30)],
    ]);
    // 10:00-11:00 Tokyo (+09:00) = 01:00-02:00 UTC.
    assert.deepEqual(span(data.calendars[KEN].busy), [[Date.UTC(2031, 0, 14, 1), Date.UTC(2031, 0, 14, 2)]]);
    // Thursday 2031-01-16 all day in Berlin = 2031-01-15T23:00Z .. 2031-01-16T23:00Z.
    assert.deepEqual(span(data.calendars[JONAS].busy), [[Date.UTC(2031, 0, 15, 23), Date.UTC(2031, 0, 16, 23)]]);
    // Unknown calendar: the error is inside the 200, the library does not throw.
    assert.deepEqual(data.calendars[UNKNOWN].errors, [{ domain: 'global', reason: 'notFound' }]);
    assert.deepEqual(data.calendars[UNKNOWN].busy ?? [], []);

    const log = await logSince(mark);
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status, e.user]),
      [['POST', '/google/calendar/v3/freeBusy', 200, LENA]]);
  });

  it('freebusy.query for a window without events gives empty busy arrays', async () => {
    await ready();
    const calendar = calendarFor(await box.token('google', KEN));
    const { data } = await calendar.freebusy.query({
      requestBody: { timeMin: '2031-02-03T00:00:00+09:00', timeMax: '2031-02-04T00:00:00+09:00', items: [{ id: KEN }, { id: EMILY }] },
    }, at());
    assert.equal(data.kind, 'calendar#freeBusy');
    assert.deepEqual(data.calendars[KEN].busy, []);
    assert.deepEqual(data.calendars[EMILY].busy, []);
  });

  it('events.insert with a Meet createRequest, then get, patch and delete', async () => {
    await ready();
    const token = await box.token('google', LENA);
    const calendar = calendarFor(token);
    const requestId = randomUUID();
    const mark = await logLength();
    const inserted = await calendar.events.insert({
      calendarId: 'primary',
      conferenceDataVersion: 1,
      sendUpdates: 'all',
      requestBody: {
        summary: 'Interview: fidelity',
        description: 'Created by tests/fidelity',
        start: { dateTime: '2031-01-14T10:00:00+01:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2031-01-14T11:00:00+01:00', timeZone: 'Europe/Berlin' },
        attendees: [{ email: JONAS, displayName: 'Jonas Becker' }],
        conferenceData: { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
      },
    }, at());
    assert.equal(inserted.status, 200);
    const event = inserted.data;
    assert.equal(event.kind, 'calendar#event');
    assert.match(event.id, /^[a-v0-9]{5,1024}$/);
    assert.equal(event.summary, 'Interview: fidelity');
    assert.equal(event.status, 'confirmed');
    assert.match(event.htmlLink, /^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
    assert.match(event.hangoutLink, MEET_URI);
    assert.equal(event.conferenceData.createRequest.requestId, requestId);
    assert.equal(event.conferenceData.createRequest.conferenceSolutionKey.type, 'hangoutsMeet');
    assert.equal(event.conferenceData.createRequest.status.statusCode, 'success');
    const video = event.conferenceData.entryPoints.filter((entry) => entry.entryPointType === 'video');
    assert.equal(video.length, 1);
    assert.equal(video[0].uri, event.hangoutLink);
    assert.equal(event.organizer.email, LENA);
    assert.deepEqual(event.attendees.map((a) => [a.email, a.responseStatus]), [[JONAS, 'needsAction']]);
    assert.equal(ms(event.start.dateTime), Date.UTC(2031, 0, 14, 9));
    assert.equal(ms(event.end.dateTime), Date.UTC(2031, 0, 14, 10));

    // The attendee's free/busy now has the new hour.
    const { data: fb } = await calendar.freebusy.query({
      requestBody: { timeMin: '2031-01-14T00:00:00Z', timeMax: '2031-01-15T00:00:00Z', items: [{ id: JONAS }] },
    }, at());
    assert.deepEqual(span(fb.calendars[JONAS].busy), [[Date.UTC(2031, 0, 14, 9), Date.UTC(2031, 0, 14, 10)]]);

    const got = await calendar.events.get({ calendarId: 'primary', eventId: event.id }, at());
    assert.equal(got.status, 200);
    assert.equal(got.data.id, event.id);
    assert.equal(got.data.hangoutLink, event.hangoutLink);

    const patched = await calendar.events.patch({
      calendarId: 'primary', eventId: event.id, conferenceDataVersion: 1, sendUpdates: 'none',
      requestBody: { summary: 'Interview: fidelity (moved)', location: 'Berlin HQ' },
    }, at());
    assert.equal(patched.status, 200);
    assert.equal(patched.data.id, event.id);
    assert.equal(patched.data.summary, 'Interview: fidelity (moved)');
    assert.equal(patched.data.location, 'Berlin HQ');
    assert.equal(patched.data.hangoutLink, event.hangoutLink, 'the Meet link survives a patch');
    assert.equal(patched.data.conferenceData.entryPoints[0].uri, event.hangoutLink);
    assert.equal(patched.data.sequence, (event.sequence ?? 0) + 1);

    const deleted = await calendar.events.delete({ calendarId: 'primary', eventId: event.id, sendUpdates: 'all' }, at());
    assert.equal(deleted.status, 204);
    assert.equal(deleted.data, '');

    const created = (await box.objects()).filter((o) => o.type === 'google_event' && o.id === event.id);
    assert.equal(created.length, 1);
    assert.equal(created[0].status, 'deleted');
    assert.equal(created[0].meet_link, event.hangoutLink);

    const log = await logSince(mark);
    const eventPath = `/google/calendar/v3/calendars/primary/events/${event.id}`;
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status]), [
      ['POST', '/google/calendar/v3/calendars/primary/events', 200],
      ['POST', '/google/calendar/v3/freeBusy', 200],
      ['GET', eventPath, 200],
      ['PATCH', eventPath, 200],
      ['DELETE', eventPath, 204],
    ]);
    const insertQuery = new URLSearchParams(log[0].query);
    assert.equal(insertQuery.get('conferenceDataVersion'), '1');
    assert.equal(insertQuery.get('sendUpdates'), 'all');
    assert.equal(new URLSearchParams(log[3].query).get('conferenceDataVersion'), '1');
    assert.equal(new URLSearchParams(log[4].query).get('sendUpdates'), 'all');
  });

  it('inserting the same client-chosen id twice is a 409 duplicate the library parses', async () => {
    await ready();
    const calendar = calendarFor(await box.token('google', EMILY));
    const id = `fidel${Date.now().toString(32)}`;  // base32hex: 0-9 a-v
    const requestBody = {
      id,
      summary: 'Idempotent create',
      start: { dateTime: '2031-01-15T09:00:00-05:00' },
      end: { dateTime: '2031-01-15T09:30:00-05:00' },
    };
    const first = await calendar.events.insert({ calendarId: EMILY, requestBody }, at());
    assert.equal(first.data.id, id);
    const mark = await logLength();
    const error = await rejection(calendar.events.insert({ calendarId: EMILY, requestBody }, at()));
    assert.ok(error instanceof Common.GaxiosError, 'a GaxiosError');
    assert.equal(error.status, 409);
    assert.equal(error.code, 409);
    assert.equal(error.errors.length, 1);
    assert.equal(error.errors[0].reason, 'duplicate');
    assert.equal(error.errors[0].domain, 'global');
    assert.equal(error.message, 'The requested identifier already exists.');
    assert.equal(error.response.data.error.code, 409);
    const log = await logSince(mark);
    // The library sends the calendar id percent-encoded; the log holds the decoded path.
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status]),
      [['POST', `/google/calendar/v3/calendars/${EMILY}/events`, 409]]);
  });

  it('an invalid or expired token is a 401 "Invalid Credentials"', async () => {
    await ready();
    for (const accessToken of ['ya29.not-a-sandbox-token', 'expired']) {
      let token = accessToken;
      if (accessToken === 'expired') {
        token = await box.token('google', KEN);
        await box.fault({ kind: 'expire_access_tokens', provider: 'google', user: KEN });
      }
      const calendar = calendarFor(token);
      const mark = await logLength();
      const error = await rejection(calendar.freebusy.query({
        requestBody: { timeMin: '2031-01-13T00:00:00Z', timeMax: '2031-01-14T00:00:00Z', items: [{ id: KEN }] },
      }, at()));
      assert.ok(error instanceof Common.GaxiosError, accessToken);
      assert.equal(error.status, 401);
      assert.equal(error.code, 401);
      assert.equal(error.message, 'Invalid Credentials');
      assert.equal(error.errors[0].reason, 'authError');
      assert.equal(error.errors[0].domain, 'global');
      assert.equal(error.errors[0].location, 'Authorization');
      assert.equal(error.errors[0].locationType, 'header');
      const log = await logSince(mark);
      assert.deepEqual(log.map((e) => [e.method, e.path, e.status]), [['POST', '/google/calendar/v3/freeBusy', 401]]);
    }
  });

  it('a 429 surfaces as status 429 rateLimitExceeded when retries are off', async () => {
    await ready();
    const calendar = calendarFor(await box.token('google', LENA));
    const requestBody = { timeMin: '2031-01-13T00:00:00Z', timeMax: '2031-01-14T00:00:00Z', items: [{ id: LENA }] };
    await box.fault({ provider: 'google', path_prefix: '/calendar/v3/freeBusy', status: 429, times: 1 });
    const mark = await logLength();
    const error = await rejection(calendar.freebusy.query({ requestBody }, at({ retry: false })));
    assert.ok(error instanceof Common.GaxiosError, 'a GaxiosError');
    assert.equal(error.status, 429);
    assert.equal(error.code, 429);
    assert.equal(error.errors[0].reason, 'rateLimitExceeded');
    assert.equal(error.errors[0].domain, 'usageLimits');
    assert.deepEqual((await logSince(mark)).map((e) => [e.path, e.status]), [['/google/calendar/v3/freeBusy', 429]]);

    // gaxios' default retry covers 429 for idempotent methods (GET, not POST): a one-shot 429 on events.get is retried
    // and the call succeeds.
    await box.fault({ provider: 'google', method: 'GET', path_prefix: '/calendar/v3/calendars/', status: 429, times: 1 });
    const retried = await calendar.events.get({ calendarId: 'primary', eventId: 'demoroom01' }, at());
    assert.equal(retried.status, 200);
    assert.equal(retried.data.id, 'demoroom01');  // the demo org's booked panel interview (demo_org.cpp)
    assert.deepEqual((await logSince(mark)).map((e) => [e.method, e.status]), [['POST', 429], ['GET', 429], ['GET', 200]]);
  });
});
