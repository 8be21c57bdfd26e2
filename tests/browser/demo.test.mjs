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

test('demo: scripts/demo prints a URL; the assistant draws, loads the demo tenant and shows suggestions',
     { timeout: 360000 }, async (t) => {
  const server = await startServer({ viaDemoScript: true });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const consoleErrors = [];
  page.on('console', (message) => {
    // GET /v1/connections without a user answers 400 until it takes widget tokens (see docs/EMBEDDING.md).
    if (message.type() === 'error' && !/status of 400/.test(message.text())) consoleErrors.push(message.text());
  });

  await page.goto(server.url);
  await page.waitForFunction(() => (window.Module && window.Module.slotwiseFrames) >= 1, null, { timeout: 20000 });
  assert.equal(await page.isHidden('#slotwise-overlay'), true, 'the loading overlay hides after the first frame');
  // The widget loads the demo tenant's directory and free/busy, solves locally and announces the suggestions.
  await page.waitForFunction(() => / suggestions, first /.test(document.getElementById('slotwise-live').textContent),
                             null, { timeout: 30000 });
  const events = await page.evaluate(() => window.slotwiseEvents.map((e) => e.type));
  assert.ok(events.includes('ready'));

  await page.waitForTimeout(300);  // a few more frames so the screenshot shows the loaded state
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'demo-widget.png') }));
  // Busy events (wasm/view_grid.cpp kBusy) and suggestions (kSuggestion) are on screen.
  assert.ok(countColor(image, [214, 93, 77]) > 300, 'busy events are drawn');
  assert.ok(countColor(image, [46, 160, 90]) > 200, 'suggestions are drawn');
  assert.deepEqual(consoleErrors, []);
});
