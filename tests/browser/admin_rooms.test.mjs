// The administrator's rooms in real Chromium, with the mouse: the demo Workspace's and Microsoft 365's rooms read now
// ("Read rooms now"), when they were last read, their buildings, seats and features; a room deleted in the Google
// Workspace is shown retired after the next read and left out of the offered rooms; the building filter. axe on the
// page. Screenshots: test-artifacts/admin-rooms*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { clickWithMouse, launchBrowser } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { watchConsole } from '../lib/widget_page.mjs';

const TIERGARTEN = 'c_berlin-tiergarten@resource.calendar.google.com';
const SPREE = 'c_berlin-spree@resource.calendar.google.com';
const FUJI = 'c_tokyo-fuji@resource.calendar.google.com';

test('admin rooms: read now, last read shown, a room deleted in the Workspace retired, building filter',
     { timeout: 120000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const key = (await server.waitForOutput(/API key: (\S+)/))[1];
  const sandbox = (await server.waitForOutput(/Provider sandbox at (http:\/\/\S+?)\/sandbox\//))[1];
  const origin = new URL(server.url).origin;
  const browser = await launchBrowser();
  t.after(() => browser.close());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const problems = watchConsole(page);
  // The room list answers a moment after the refresh line: what the page shows must not depend on which comes first
  // (a busy CI machine once showed "Last read" above the rows of before the read).
  await page.route('**/v1/rooms?include_retired=true', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await page.goto(`${origin}/admin/`);
  await page.waitForSelector(`#rooms-rows tr[data-room="${SPREE}"]`);
  assert.match(await page.textContent('#rooms-refresh'), /Not read yet/);

  // Read now.
  await clickWithMouse(page, '#read-rooms');
  await page.waitForFunction(() => /Last read/.test(document.getElementById('rooms-refresh').textContent));
  const line = await page.textContent('#rooms-refresh');
  assert.match(line, /from Google Workspace and Microsoft 365: 4 rooms/, line);
  const spree = await page.textContent(`#rooms-rows tr[data-room="${SPREE}"]`);
  assert.match(spree, /Berlin HQ, floor 2/);
  assert.match(spree, /Whiteboard, Video conferencing/);
  assert.match(spree, /Google Workspace/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-rooms.png'), fullPage: true });

  // Tiergarten is deleted in the Workspace; the next read retires it (kept, marked, no longer offered).
  const deleted = await fetch(`${sandbox}/sandbox/rooms/delete`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: 'google', email: TIERGARTEN }),
  });
  assert.equal(deleted.status, 200);
  await clickWithMouse(page, '#read-rooms');
  await page.waitForSelector(`#rooms-rows tr.sw-retired[data-room="${TIERGARTEN}"]`);
  assert.match(await page.textContent(`#rooms-rows tr[data-room="${TIERGARTEN}"]`), /Retired/);
  assert.match(await page.textContent('#rooms-refresh'), /1 retired/);
  assert.match(await page.textContent('#rooms-notes'), /no longer in the Google Workspace directory/);
  const offered = await (await fetch(`${origin}/v1/rooms`, { headers: { Authorization: `Bearer ${key}` } })).json();
  assert.ok(!offered.rooms.some((r) => r.email === TIERGARTEN), 'a retired room is not offered');
  assert.ok(offered.rooms.some((r) => r.email === SPREE));
  await page.locator('#rooms-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-rooms-retired.png'), fullPage: true });

  // The building filter.
  await page.selectOption('#rooms-building', 'Tokyo Office');
  await page.waitForFunction((fuji) => document.querySelectorAll('#rooms-rows tr').length === 1 &&
                                       document.querySelector(`#rooms-rows tr[data-room="${fuji}"]`), FUJI);

  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
});
