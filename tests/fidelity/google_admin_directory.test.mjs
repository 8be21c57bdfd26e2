// Fidelity: the official `googleapis` client (Admin SDK Directory v1) pointed at the provider sandbox must read the
// Workspace's room resources and buildings the way it does against Google (wire facts: docs/PROVIDERS.md "Google
// Workspace rooms"): every page through nextPageToken, the fields Slotwise reads, and Google's refusals surfaced as
// GaxiosErrors with their status and reason. Each call is also checked against the sandbox's request log.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { google } from 'googleapis';
import { rejection, startSandbox } from '../lib/sandbox.mjs';

const LENA = 'lena.fischer@kumo.example';   // the demo Workspace's administrator
const JONAS = 'jonas.becker@kumo.example';  // a user, no administrator
const ROOM_SCOPE = 'https://www.googleapis.com/auth/admin.directory.resource.calendar.readonly';
const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';

let box;
let starting;
function ready() { return (starting ??= startSandbox().then((b) => (box = b))); }
after(async () => { if (starting) await starting.then((b) => b.stop(), () => {}); });

function adminFor(accessToken) {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: accessToken });
  return google.admin({ version: 'directory_v1', auth });
}
// Per-call rootUrl keeps the sandbox's /google/ prefix (see google_calendar.test.mjs).
const at = () => ({ rootUrl: `${box.root}/google/` });
async function token(user, scopes) {
  return (await box.admin('POST', '/sandbox/tokens', { provider: 'google', user, scopes })).access_token;
}

describe('googleapis admin directory_v1 against the sandbox', () => {
  it('resources.calendars.list pages through the Workspace rooms with the fields Slotwise reads', async () => {
    await ready();
    const admin = adminFor(await token(LENA, [ROOM_SCOPE]));
    const mark = (await box.requests('google')).length;
    const first = await admin.resources.calendars.list({ customer: 'my_customer', maxResults: 2 }, at());
    assert.equal(first.status, 200);
    assert.equal(first.data.kind, 'admin#directory#resources#calendars#calendarResourcesList');
    assert.equal(first.data.items.length, 2);
    assert.ok(first.data.nextPageToken, 'a second page is announced');
    const second = await admin.resources.calendars.list(
      { customer: 'my_customer', maxResults: 2, pageToken: first.data.nextPageToken }, at());
    assert.equal(second.data.nextPageToken, undefined);
    const rooms = [...first.data.items, ...second.data.items];
    assert.deepEqual(rooms.map((r) => r.resourceEmail).sort(), [
      'c_berlin-spree@resource.calendar.google.com',
      'c_berlin-tiergarten@resource.calendar.google.com',
      'c_tokyo-fuji@resource.calendar.google.com',
    ]);
    const spree = rooms.find((r) => r.resourceEmail.startsWith('c_berlin-spree'));
    assert.equal(spree.kind, 'admin#directory#resources#calendars#CalendarResource');
    assert.equal(spree.resourceName, 'Berlin · Spree');
    assert.equal(spree.capacity, 4);
    assert.equal(spree.buildingId, 'berlin-hq');
    assert.equal(spree.floorName, '2');
    assert.equal(spree.resourceCategory, 'CONFERENCE_ROOM');
    assert.deepEqual(spree.featureInstances.map((f) => f.feature.name), ['Whiteboard', 'Video conferencing']);
    assert.equal(typeof spree.resourceId, 'string');

    const log = (await box.requests('google')).slice(mark);
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status, e.user]), [
      ['GET', '/google/admin/directory/v1/customer/my_customer/resources/calendars', 200, LENA],
      ['GET', '/google/admin/directory/v1/customer/my_customer/resources/calendars', 200, LENA],
    ]);
  });

  it('resources.buildings.list names each building and its floors', async () => {
    await ready();
    const admin = adminFor(await token(LENA, [ROOM_SCOPE]));
    const { data } = await admin.resources.buildings.list({ customer: 'my_customer' }, at());
    assert.equal(data.kind, 'admin#directory#resources#buildings#buildingsList');
    const byId = Object.fromEntries(data.buildings.map((b) => [b.buildingId, b]));
    assert.equal(byId['berlin-hq'].buildingName, 'Berlin HQ');
    assert.deepEqual(byId['berlin-hq'].floorNames, ['2', '3']);
    assert.equal(byId['tokyo-office'].buildingName, 'Tokyo Office');
  });

  it('refuses a non-administrator, a token without the room scope, and a bad page size the way Google does', async () => {
    await ready();
    const notAdmin = await rejection(
      adminFor(await token(JONAS, [ROOM_SCOPE])).resources.calendars.list({ customer: 'my_customer' }, at()));
    assert.equal(notAdmin.status, 403);
    assert.equal(notAdmin.errors?.[0]?.reason, 'forbidden');
    assert.match(notAdmin.message, /Not Authorized to access this resource\/api/);

    const noScope = await rejection(
      adminFor(await token(LENA, [CALENDAR_SCOPE])).resources.calendars.list({ customer: 'my_customer' }, at()));
    assert.equal(noScope.status, 403);
    assert.equal(noScope.errors?.[0]?.reason, 'insufficientPermissions');

    const tooMany = await rejection(adminFor(await token(LENA, [ROOM_SCOPE])).resources.calendars.list(
      { customer: 'my_customer', maxResults: 501 }, at()));
    assert.equal(tooMany.status, 400);

    const otherCustomer = await rejection(adminFor(await token(LENA, [ROOM_SCOPE])).resources.calendars.list(
      { customer: 'C0someoneelse' }, at()));
    assert.equal(otherCustomer.status, 403);
  });
});
