// Fidelity: the official `@microsoft/microsoft-graph-client` (Graph v1.0) pointed at the provider sandbox must accept
// every response and surface every error the way it does against Graph (wire formats: docs/PROVIDERS.md,
// "Microsoft Graph"). Each call is also checked against the sandbox's request log.
//
// How the client reaches the sandbox: the SDK only attaches the bearer token (AuthenticationHandler) to https URLs of
// graph.microsoft.com or of `customHosts`, and only splits absolute https @odata.nextLink URLs into host/version/path.
// A plain-http sandbox can satisfy neither, so the client keeps its real base URL (https://graph.microsoft.com/v1.0)
// and its stock middleware chain (auth, retry, redirect, telemetry, fetch); one extra middleware right before the
// fetch handler re-targets https://graph.microsoft.com/… to ROOT/microsoft/… (and, for a nextLink the SDK glued onto
// its base URL, keeps the absolute sandbox URL). Everything the SDK does with the responses is unchanged.
//
// Events asserted here are seeded in a fixed week (Mon 2031-01-13 …, Amsterdam +01:00 winter time).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  Client, GraphError, MiddlewareFactory, PageIterator, ResponseType, RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import { rejection, startSandbox } from '../lib/sandbox.mjs';

const SANNE = 'sanne.devries@kumo-labs.example';  // Europe/Amsterdam, working hours 08:30-17:00 Mon-Fri
const DAAN = 'daan.jansen@kumo-labs.example';     // Europe/Amsterdam, 09:00-17:30
const PRIYA = 'priya.patel@kumo-labs.example';    // America/New_York, 08:00-16:00
const GHOST = 'ghost.user@kumo-labs.example';
const AMSTEL = 'room-amstel@kumo-labs.example';   // demo room: capacity 8, Amsterdam Office, floor 1
const STATUSES = new Set(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']);
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

let box;
let directory;

// Sends what the SDK addressed to https://graph.microsoft.com to the sandbox instead (see the header comment).
class SandboxTarget {
  constructor(root) { this.root = root; }
  async execute(context) {
    let url = typeof context.request === 'string' ? context.request : context.request.url;
    const embedded = url.lastIndexOf('http://');
    if (embedded > 0) url = url.slice(embedded);  // an absolute sandbox nextLink the SDK appended to its base URL
    url = url.replace(/^https:\/\/graph\.microsoft\.com\//, `${this.root}/microsoft/`);
    if (typeof context.request === 'string') context.request = url;
    else context.request = new Request(url, context.request);
    return this.next.execute(context);
  }
  setNext(next) { this.next = next; }
}

function graphFor(accessToken) {
  const chain = MiddlewareFactory.getDefaultMiddlewareChain({ getAccessToken: async () => accessToken });
  chain.splice(chain.length - 1, 0, new SandboxTarget(box.root));
  return Client.initWithMiddleware({ middleware: chain, defaultVersion: 'v1.0' });
}

const noRetry = () => [new RetryHandlerOptions(0, 0)];
const userId = (email) => directory.users.find((u) => u.provider === 'microsoft' && u.email === email).id;
async function logLength() { return (await box.requests('microsoft')).length; }
async function logSince(count) { return (await box.requests('microsoft')).slice(count); }

// Started by the first test that needs it; a missing or broken binary then FAILS every test (a failing before() hook
// would only cancel them).
let starting;
function ready() { return (starting ??= setUp()); }
async function setUp() {
  box = await startSandbox();
  try {
    await box.seed({
      rooms: [
        { provider: 'microsoft', email: 'room-maas@kumo-labs.example', name: 'Rotterdam · Maas', capacity: 12,
          building: 'Rotterdam Office', floor: 4, time_zone: 'Europe/Amsterdam' },
        { provider: 'microsoft', email: 'room-ij@kumo-labs.example', name: 'Amsterdam · IJ', capacity: 3,
          building: 'Amsterdam Office', floor: 2, time_zone: 'Europe/Amsterdam' },
      ],
      events: [
        { provider: 'microsoft', calendar: SANNE, subject: 'FB busy', start: '2031-01-13T09:00:00+01:00', end: '2031-01-13T10:00:00+01:00' },
        { provider: 'microsoft', calendar: SANNE, subject: 'FB maybe', show_as: 'tentative', start: '2031-01-13T10:30:00+01:00', end: '2031-01-13T11:00:00+01:00' },
        { provider: 'microsoft', calendar: SANNE, subject: 'FB away', show_as: 'oof', start: '2031-01-13T13:00:00+01:00', end: '2031-01-13T14:00:00+01:00' },
        { provider: 'microsoft', calendar: SANNE, subject: 'FB elsewhere', show_as: 'workingElsewhere', start: '2031-01-13T15:00:00+01:00', end: '2031-01-13T15:30:00+01:00' },
        { provider: 'microsoft', calendar: DAAN, subject: 'FB private', private: true, start: '2031-01-13T11:00:00+01:00', end: '2031-01-13T12:00:00+01:00' },
      ],
    });
    directory = await box.directory();
  } catch (error) {
    await box.stop();
    throw error;
  }
  return box;
}

after(async () => { if (starting) await starting.then((b) => b.stop(), () => {}); });

describe('@microsoft/microsoft-graph-client v1.0 against the sandbox', () => {
  it('getSchedule returns scheduleInformation per address, with an error item for an unknown one', async () => {
    await ready();
    const client = graphFor(await box.token('microsoft', SANNE));
    const mark = await logLength();
    // 08:00-16:00 UTC = 09:00-17:00 Amsterdam, 30-minute cells -> 16 digits.
    const body = (interval) => ({
      schedules: [SANNE, DAAN, GHOST],
      startTime: { dateTime: '2031-01-13T08:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2031-01-13T16:00:00', timeZone: 'UTC' },
      availabilityViewInterval: interval,
    });
    const res = await client.api(`/users/${userId(SANNE)}/calendar/getSchedule`).post(body(30));
    assert.ok(Array.isArray(res.value));
    assert.deepEqual(res.value.map((v) => v.scheduleId), [SANNE, DAAN, GHOST]);
    const [sanne, daan, ghost] = res.value;

    // UTC cells from 08:00: busy 08:00-09:00, tentative 09:30-10:00, oof 12:00-13:00, elsewhere 14:00-14:30.
    assert.equal(sanne.availabilityView, '2201000033004000');
    assert.equal(sanne.error, undefined);
    assert.deepEqual(sanne.scheduleItems.map((i) => [i.status, i.subject, i.start.dateTime, i.end.dateTime, i.start.timeZone]), [
      ['busy', 'FB busy', '2031-01-13T08:00:00.0000000', '2031-01-13T09:00:00.0000000', 'UTC'],
      ['tentative', 'FB maybe', '2031-01-13T09:30:00.0000000', '2031-01-13T10:00:00.0000000', 'UTC'],
      ['oof', 'FB away', '2031-01-13T12:00:00.0000000', '2031-01-13T13:00:00.0000000', 'UTC'],
      ['workingElsewhere', 'FB elsewhere', '2031-01-13T14:00:00.0000000', '2031-01-13T14:30:00.0000000', 'UTC'],
    ]);
    for (const item of [...sanne.scheduleItems, ...daan.scheduleItems]) {
      assert.ok(STATUSES.has(item.status), item.status);
      assert.equal(typeof item.isPrivate, 'boolean');
    }
    assert.deepEqual(sanne.workingHours.daysOfWeek, WEEKDAYS);
    assert.equal(sanne.workingHours.startTime, '08:30:00.0000000');
    assert.equal(sanne.workingHours.endTime, '17:00:00.0000000');
    assert.equal(sanne.workingHours.timeZone.name, 'W. Europe Standard Time');

    // Daan: a private busy hour 10:00-11:00 UTC; its subject is withheld.
    assert.equal(daan.availabilityView, '0000220000000000');
    assert.equal(daan.scheduleItems.length, 1);
    assert.equal(daan.scheduleItems[0].isPrivate, true);
    assert.equal(daan.scheduleItems[0].status, 'busy');
    assert.equal(daan.scheduleItems[0].subject, undefined);
    assert.equal(daan.workingHours.startTime, '09:00:00.0000000');
    assert.equal(daan.workingHours.endTime, '17:30:00.0000000');

    // Unknown address: an item with error {message, responseCode}, not a failed call.
    assert.equal(typeof ghost.error, 'object');
    assert.equal(typeof ghost.error.message, 'string');
    assert.ok(ghost.error.message.length > 0);
    assert.equal(typeof ghost.error.responseCode, 'string');
    assert.equal(ghost.workingHours, undefined);

    // 60-minute cells: 8 digits, each the strongest status in its hour.
    const hourly = await client.api(`/users/${userId(SANNE)}/calendar/getSchedule`).post(body(60));
    assert.equal(hourly.value[0].availabilityView, '21003040');
    assert.equal(hourly.value[1].availabilityView, '00200000');

    const log = await logSince(mark);
    const path = `/microsoft/v1.0/users/${userId(SANNE)}/calendar/getSchedule`;
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status, e.user]),
      [['POST', path, 200, SANNE], ['POST', path, 200, SANNE]]);
  });

  it('getSchedule in a Windows time zone answers in that zone; /me works too', async () => {
    await ready();
    const client = graphFor(await box.token('microsoft', PRIYA));
    const res = await client.api('/me/calendar/getSchedule').post({
      schedules: [SANNE],
      startTime: { dateTime: '2031-01-13T03:00:00', timeZone: 'Eastern Standard Time' },  // 08:00 UTC
      endTime: { dateTime: '2031-01-13T05:00:00', timeZone: 'Eastern Standard Time' },    // 10:00 UTC
      availabilityViewInterval: 15,
    });
    // 8 quarter hours from 08:00 UTC: busy until 09:00, then free (tentative starts at 09:30 -> cells 6, 7).
    assert.equal(res.value[0].availabilityView, '22220011');
    assert.equal(res.value[0].scheduleItems[0].start.dateTime, '2031-01-13T03:00:00.0000000');
    assert.equal(res.value[0].scheduleItems[0].start.timeZone, 'Eastern Standard Time');
    const log = await logSince((await logLength()) - 1);
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status, e.user]),
      [['POST', '/microsoft/v1.0/me/calendar/getSchedule', 200, PRIYA]]);
  });

  it('events: create with a Teams meeting (201), idempotent transactionId, get, patch, delete', async () => {
    await ready();
    const client = graphFor(await box.token('microsoft', SANNE));
    const id = userId(SANNE);
    const transactionId = randomUUID();
    const event = {
      subject: 'Interview: fidelity',
      body: { contentType: 'HTML', content: '<p>Created by tests/fidelity</p>' },
      start: { dateTime: '2031-01-14T10:00:00', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2031-01-14T11:00:00', timeZone: 'W. Europe Standard Time' },
      location: { displayName: 'Amsterdam · Amstel', locationEmailAddress: AMSTEL },
      attendees: [
        { emailAddress: { address: DAAN, name: 'Daan Jansen' }, type: 'required' },
        { emailAddress: { address: AMSTEL, name: 'Amsterdam · Amstel' }, type: 'resource' },
      ],
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId,
    };
    const mark = await logLength();
    const raw = await client.api(`/users/${id}/events`).responseType(ResponseType.RAW).post(event);
    assert.equal(raw.status, 201);
    const created = await raw.json();
    assert.equal(typeof created.id, 'string');
    assert.ok(created.id.length > 0);
    assert.equal(typeof created.iCalUId, 'string');
    assert.ok(created.iCalUId.length > 0);
    assert.match(created.webLink, /^https:\/\//);
    assert.equal(created.subject, 'Interview: fidelity');
    assert.equal(created.isOnlineMeeting, true);
    assert.equal(created.onlineMeetingProvider, 'teamsForBusiness');
    assert.match(created.onlineMeeting.joinUrl, /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    assert.equal(created.transactionId, transactionId);
    const room = created.attendees.find((a) => a.emailAddress.address === AMSTEL);
    assert.equal(room.type, 'resource');
    assert.equal(room.status.response, 'accepted');  // the room is free that hour

    // Same transactionId again (a retried POST): the same event, no second one.
    const again = await client.api(`/users/${id}/events`).post(event);
    assert.equal(again.id, created.id);
    assert.equal(again.onlineMeeting.joinUrl, created.onlineMeeting.joinUrl);
    const mine = (await box.objects()).filter((o) => o.type === 'graph_event' && o.transaction_id === transactionId);
    assert.equal(mine.length, 1);

    const got = await client.api(`/users/${id}/events/${encodeURIComponent(created.id)}`).get();
    assert.equal(got.id, created.id);
    assert.equal(got.iCalUId, created.iCalUId);

    const patched = await client.api(`/users/${id}/events/${encodeURIComponent(created.id)}`)
      .patch({ subject: 'Interview: fidelity (moved)', showAs: 'tentative' });
    assert.equal(patched.id, created.id);
    assert.equal(patched.subject, 'Interview: fidelity (moved)');
    assert.equal(patched.showAs, 'tentative');
    assert.equal(patched.onlineMeeting.joinUrl, created.onlineMeeting.joinUrl, 'the Teams link survives a patch');

    // The change shows in Daan's schedule: 09:00-10:00 UTC tentative.
    const schedule = await client.api(`/users/${id}/calendar/getSchedule`).post({
      schedules: [DAAN],
      startTime: { dateTime: '2031-01-14T08:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2031-01-14T11:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 60,
    });
    assert.equal(schedule.value[0].availabilityView, '010');

    const deleted = await client.api(`/users/${id}/events/${encodeURIComponent(created.id)}`).delete();
    assert.equal(deleted, undefined);  // 204: nothing to parse

    const gone = await rejection(client.api(`/users/${id}/events/${encodeURIComponent(created.id)}`).get());
    assert.ok(gone instanceof GraphError);
    assert.equal(gone.statusCode, 404);

    const log = await logSince(mark);
    const eventPath = `/microsoft/v1.0/users/${id}/events/${created.id}`;
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status]), [
      ['POST', `/microsoft/v1.0/users/${id}/events`, 201],
      ['POST', `/microsoft/v1.0/users/${id}/events`, 201],
      ['GET', eventPath, 200],
      ['PATCH', eventPath, 200],
      ['POST', `/microsoft/v1.0/users/${id}/calendar/getSchedule`, 200],
      ['DELETE', eventPath, 204],
      ['GET', eventPath, 404],
    ]);
  });

  it('an unknown event is a GraphError 404 with the Graph error code', async () => {
    await ready();
    const client = graphFor(await box.token('microsoft', DAAN));
    const mark = await logLength();
    const error = await rejection(client.api(`/users/${DAAN}/events/AAMkAGI2doesnotexistAAA=`).get());
    assert.ok(error instanceof GraphError);
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, 'ErrorItemNotFound');
    assert.equal(typeof error.message, 'string');
    assert.ok(error.message.length > 0);
    assert.equal(typeof error.requestId, 'string');   // from error.innerError['request-id']
    assert.ok(!Number.isNaN(error.date.getTime()));   // from error.innerError.date
    const log = await logSince(mark);
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status]),
      [['GET', `/microsoft/v1.0/users/${DAAN}/events/AAMkAGI2doesnotexistAAA=`, 404]]);
  });

  it('an invalid token is a GraphError 401 InvalidAuthenticationToken', async () => {
    await ready();
    const client = graphFor('eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.invalid.');
    const error = await rejection(client.api('/me/events').get());
    assert.ok(error instanceof GraphError);
    assert.equal(error.statusCode, 401);
    assert.equal(error.code, 'InvalidAuthenticationToken');
  });

  it('rooms: /places/microsoft.graph.room with capacity etc., paged through @odata.nextLink', async () => {
    await ready();
    const client = graphFor(await box.token('microsoft', SANNE));
    const mark = await logLength();
    const all = await client.api('/places/microsoft.graph.room').get();
    const byEmail = Object.fromEntries(all.value.map((r) => [r.emailAddress, r]));
    assert.deepEqual(Object.keys(byEmail).sort(),
      [AMSTEL, 'room-ij@kumo-labs.example', 'room-maas@kumo-labs.example'].sort());
    const amstel = byEmail[AMSTEL];
    assert.equal(amstel.displayName, 'Amsterdam · Amstel');
    assert.equal(amstel.capacity, 8);
    assert.equal(amstel.building, 'Amsterdam Office');
    assert.equal(amstel.floorNumber, 1);
    assert.equal(typeof amstel.isWheelchairAccessible, 'boolean');
    assert.ok(['standard', 'reserved', 'unknown'].includes(amstel.bookingType));
    assert.ok(Array.isArray(amstel.tags));
    assert.equal(byEmail['room-maas@kumo-labs.example'].capacity, 12);
    assert.equal(byEmail['room-maas@kumo-labs.example'].floorNumber, 4);
    assert.equal(byEmail['room-ij@kumo-labs.example'].capacity, 3);
    assert.equal(all['@odata.nextLink'], undefined);

    // Pages of 2 followed by the SDK's PageIterator.
    const first = await client.api('/places/microsoft.graph.room').top(2).get();
    assert.equal(first.value.length, 2);
    assert.equal(typeof first['@odata.nextLink'], 'string');
    const next = new URL(first['@odata.nextLink']);
    assert.equal(next.origin, box.root);
    assert.equal(next.pathname, '/microsoft/v1.0/places/microsoft.graph.room');
    const seen = [];
    const iterator = new PageIterator(client, first, (room) => { seen.push(room.emailAddress); return true; });
    await iterator.iterate();
    assert.equal(iterator.isComplete(), true);
    assert.deepEqual(seen.sort(), Object.keys(byEmail).sort());

    const log = await logSince(mark);
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status]), [
      ['GET', '/microsoft/v1.0/places/microsoft.graph.room', 200],
      ['GET', '/microsoft/v1.0/places/microsoft.graph.room', 200],
      ['GET', '/microsoft/v1.0/places/microsoft.graph.room', 200],
    ]);
    assert.equal(new URLSearchParams(log[1].query).get('$top'), '2');
    assert.equal(log[2].query, next.search.slice(1), 'the second page is the nextLink, verbatim');
  });

  it('a 429 with Retry-After surfaces as GraphError 429 TooManyRequests when retries are off', async () => {
    await ready();
    const client = graphFor(await box.token('microsoft', SANNE));
    await box.fault({ provider: 'microsoft', path_prefix: '/v1.0/places', status: 429, retry_after: '7', times: 1 });
    const mark = await logLength();
    const error = await rejection(client.api('/places/microsoft.graph.room').middlewareOptions(noRetry()).get());
    assert.ok(error instanceof GraphError);
    assert.equal(error.statusCode, 429);
    assert.equal(error.code, 'TooManyRequests');
    assert.equal(error.headers.get('Retry-After'), '7');
    assert.deepEqual((await logSince(mark)).map((e) => [e.path, e.status]),
      [['/microsoft/v1.0/places/microsoft.graph.room', 429]]);

    // The stock RetryHandler honours Retry-After (1 s here) and then succeeds.
    await box.fault({ provider: 'microsoft', path_prefix: '/v1.0/places', status: 429, retry_after: '1', times: 1 });
    const started = Date.now();
    const rooms = await client.api('/places/microsoft.graph.room').get();
    assert.ok(Date.now() - started >= 900, 'waited for Retry-After');
    assert.equal(rooms.value.length, 3);
    assert.deepEqual((await logSince(mark)).map((e) => e.status), [429, 429, 200]);
  });

  // SANDBOX DEVIATION (fails until the sandbox is fixed): docs/PROVIDERS.md, Microsoft Graph: "429 `Retry-After` (may
  // be fractional; 10 is typical)" — Graph's 429 always says when to retry, and the sandbox's own message reads "Retry
  // after the time given in Retry-After." But a 429 fault injected without an explicit retry_after goes out with NO
  // Retry-After header, so the SDK's RetryHandler (and our adapter) fall back to their own backoff instead of Graph's
  // hint.
  it('SANDBOX DEVIATION: a Graph 429 always carries Retry-After (also when the fault gives none)', async () => {
    await ready();
    const client = graphFor(await box.token('microsoft', DAAN));
    await box.fault({ provider: 'microsoft', path_prefix: '/v1.0/places', status: 429, times: 1 });
    const error = await rejection(client.api('/places/microsoft.graph.room').middlewareOptions(noRetry()).get());
    assert.ok(error instanceof GraphError);
    assert.equal(error.statusCode, 429);
    assert.equal(error.code, 'TooManyRequests');
    const retryAfter = error.headers.get('Retry-After');
    assert.notEqual(retryAfter, null, 'Retry-After header missing on the Graph 429');
    assert.ok(Number(retryAfter) >= 0, `Retry-After is a number of seconds: ${retryAfter}`);
  });
});
