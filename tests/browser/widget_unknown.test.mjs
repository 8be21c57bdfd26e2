// A colleague whose free/busy cannot be read is shown as unknown in the scheduling assistant — hatched grey across
// the grid with "Free/busy unknown", never as free — and no suggestion is offered over them. The sandbox stops sharing
// Jonas Becker's calendar (POST /sandbox/free_busy_sharing) before the widget opens on `slotwise serve --demo`.
// Screenshot in test-artifacts/widget-unknown-free-busy.png — look at it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { countColor, decodePng } from '../lib/png.mjs';
import { waitForEvent, watchConsole } from '../lib/widget_page.mjs';

test('widget: a calendar that cannot be read is drawn as unknown, not free', { timeout: 120000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const sandbox = (await server.waitForOutput(/Provider sandbox at (http:\/\/127\.0\.0\.1:\d+)\//))[1];
  const unshared = await fetch(`${sandbox}/sandbox/free_busy_sharing`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: 'google', user: 'jonas.becker@kumo.example', shared: false }),
  });
  assert.ok(unshared.status < 300, await unshared.text());

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  const problems = watchConsole(page);
  // Jonas is one of the two interviewers of this interview: no time can be suggested without his calendar.
  const interview = { interviewers: [{ sub: 'jonas.becker@kumo.example' }, { sub: 'lena.fischer@kumo.example' }] };
  await page.goto(server.url + '?interview=' + encodeURIComponent(JSON.stringify(interview)));
  await waitForEvent(page, 'ready');
  await page.waitForFunction(() => {
    const live = document.getElementById('slotwise-live').textContent;
    return live !== '' && !/Loading/.test(live);
  });
  await page.waitForTimeout(300);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-unknown-free-busy.png') }));
  // The hatching's colour is the unknown row's alone (0 pixels in the other widget screenshots).
  assert.ok(countColor(image, [160, 166, 180]) > 1000, 'an unknown calendar row is hatched across the grid');
  assert.doesNotMatch(await page.textContent('#slotwise-live'), /suggestions, first/);

  // The server's own answer agrees: Jonas is unknown, and no slot is offered with him.
  const origin = new URL(server.url).origin;
  const { token } = await (await fetch(`${origin}/v1/demo/widget_token`)).json();
  const start = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const answer = await fetch(`${origin}/v1/availability`, {
    method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({
      participants: [{ members: [{ sub: 'jonas.becker@kumo.example' }], required: 'all' }],
      required_duration: { minutes: 60 }, time_zone: 'Europe/Berlin',
      query_periods: [{ start: `${start}T00:00:00Z`, end: `${start}T23:00:00Z` }],
    }),
  });
  assert.equal(answer.status, 200);
  const body = await answer.json();
  assert.equal(body.available_slots.length, 0);
  assert.equal(body.unknown_free_busy[0].sub, 'jonas.becker@kumo.example');
  assert.deepEqual(problems, []);
});
