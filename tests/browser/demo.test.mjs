// The demo end to end in headless Chromium: the page loads, the WebAssembly widget draws its first frame, fetches
// from the backend, and shows data that came from the server (mirrored into the accessible live region). A screenshot
// is kept in test-artifacts/ for a person to look at.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { countColor, decodePng } from '../lib/png.mjs';

test('demo: scripts/demo prints a URL; the widget draws, fetches from the server and shows the server\'s data',
     { timeout: 360000 }, async (t) => {
  const server = await startServer({ viaDemoScript: true });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const consoleErrors = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  const busyRequests = [];
  page.on('response', (response) => { if (response.url().endsWith('/v1/demo/busy')) busyRequests.push(response.status()); });

  await page.goto(server.url);
  await page.waitForFunction(() => (window.Module && window.Module.slotwiseFrames) >= 1, null, { timeout: 20000 });
  assert.equal(await page.isHidden('#slotwise-overlay'), true, 'the loading overlay hides after the first frame');

  await page.waitForFunction(() => document.getElementById('slotwise-live').textContent.startsWith('Loaded'),
                             null, { timeout: 20000 });
  const live = await page.textContent('#slotwise-live');
  assert.deepEqual(busyRequests, [200], 'exactly one round trip to the backend');
  // The server merges 09:00-10:00, 09:30-11:00 and 10:45-11:30 into 09:00-11:30 (see backend/demo_calendars.cpp).
  assert.match(live, /Loaded 3 calendars from the server/);
  assert.match(live, /09:00–11:30 UTC, 13:30–14:00 UTC, 15:00–17:00 UTC/);
  assert.match(live, /agrees with the server/);

  await page.waitForTimeout(200);  // a few more frames so the screenshot shows the loaded state
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const shot = path.join(ARTIFACTS, 'demo-widget.png');
  const image = decodePng(await page.screenshot({ path: shot }));
  // The busy bars (wasm/widget_view.cpp kBusyColor) and the union bars (kMergedColor) are on screen: six person
  // events and two union rows of three blocks each, so thousands of pixels of each colour.
  assert.ok(countColor(image, [214, 93, 77]) > 2000, 'busy bars are drawn');
  assert.ok(countColor(image, [70, 110, 190]) > 2000, 'union bars are drawn');
  assert.deepEqual(consoleErrors, []);
});
