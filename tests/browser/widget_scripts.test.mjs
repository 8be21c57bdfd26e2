// Names in other scripts, in headless Chromium against `slotwise serve --demo`: people named in Cyrillic, in Greek and
// with the Romanian ș are added to the directory through the API (as an ATS would), included through the page's
// `interview` option, and their names are drawn — each compared with a row whose name has U+FFFD in place of each of
// those letters, which is what the widget draws for a character its font lacks. Screenshot in test-artifacts/ — look
// at it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { cropImage, decodePng, differingShare, findColorBands } from '../lib/png.mjs';
import { waitForEvent, waitSettled, watchConsole } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

const SUGGESTIONS_ROW = [240, 248, 242];
const ROW_PITCH = 29;  // one resource row at device scale 1
// Each name beside its twin with the replacement character (what a missing glyph becomes) for each non-Latin letter.
const PEOPLE = [
  { email: 'ivan.petrov@kumo.example', name: 'Иван Петров' },
  { email: 'ivan.fallback@kumo.example', name: '\uFFFD'.repeat(4) + ' ' + '\uFFFD'.repeat(6) },
  { email: 'eleni.pappa@kumo.example', name: 'Ελένη Παππά' },
  { email: 'eleni.fallback@kumo.example', name: '\uFFFD'.repeat(5) + ' ' + '\uFFFD'.repeat(5) },
  { email: 'stefan.ionescu@kumo.example', name: 'Ștefan Ionescu' },
  { email: 'stefan.fallback@kumo.example', name: '\uFFFDtefan Ionescu' },
];

test('widget: names in Cyrillic, Greek and with ș are drawn as themselves, not as the replacement character', { timeout: 90000 }, async (t) => {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-scripts-'));
  const server = await startServer({ demo: true, dbDir });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const key = fs.readFileSync(path.join(dbDir, 'demo-api-key'), 'utf8').trim();
  for (const { email, name } of PEOPLE) {
    const answer = await fetch(`${origin}/v1/people/${encodeURIComponent(email)}`, {
      method: 'PUT', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, time_zone: 'Europe/Bucharest', roles: ['interviewer'] }),
    });
    assert.equal(answer.status, 200, await answer.text());
  }
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
  const problems = watchConsole(page);
  const interview = { interviewers: PEOPLE.map(({ email }) => ({ sub: email })) };
  await page.goto(server.url + '?interview=' + encodeURIComponent(JSON.stringify(interview)));
  await waitForEvent(page, 'ready');
  await waitSettled(page);
  const box = await page.locator('#canvas').boundingBox();
  const image = decodePng(await page.screenshot({ clip: box, path: path.join(ARTIFACTS, 'widget-scripts.png') }));
  // Every row's name area (the rows keep the directory's order, ours among the demo's people).
  const band = findColorBands(image, SUGGESTIONS_ROW, { minPixels: 100 })[0];
  const rowsTop = band.bottom + 3;
  const names = [];
  for (let y = rowsTop; y + ROW_PITCH <= image.height - 40; y += ROW_PITCH) names.push(cropImage(image, { x0: 50, y0: y + 4, x1: 160, y1: y + ROW_PITCH - 4 }));
  const ink = (c) => { let n = 0; for (let i = 0; i < c.pixels.length; i += c.channels) n += c.pixels[i] < 160 ? 1 : 0; return n; };
  // The rows with a name drawn (ours and the demo's), each name different.
  const inked = names.map((c, i) => ({ i, c, ink: ink(c) })).filter(({ ink: n }) => n > 30);
  assert.ok(inked.length >= 12 + PEOPLE.length, `${inked.length} named rows found`);
  // No two rows look the same: a name whose letters fell back would equal its twin pixel for pixel.
  for (let a = 0; a < inked.length; ++a) {
    for (let b = a + 1; b < inked.length; ++b) {
      assert.ok(differingShare(inked[a].c, inked[b].c) > 0.01, `rows ${inked[a].i} and ${inked[b].i} are drawn alike`);
    }
  }
  assert.deepEqual(problems, []);
});
