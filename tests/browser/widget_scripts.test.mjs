// Names in other scripts, in headless Chromium against `slotwise serve --demo`. People named in Cyrillic, Greek, with
// the Romanian ș, in Hangul and in (simplified) Chinese are added to the directory through the API (as an ATS would)
// and included through the page's `interview` option. Each name, as the widget draws it, is compared with a reference
// rendering of the same text in the same font by the browser (a canvas with the font file the widget uses): it must
// look like that reference, and more so than its twin — the same name with U+FFFD in place of each non-Latin letter,
// which is what the widget draws for a character its fonts lack. The Korean and Chinese fonts are fetched because
// those names need them; an English page whose names need no script font downloads none (and a Japanese one does).
// Hebrew and Arabic names must look like the browser's right-to-left layout of them (letters reversed, Arabic joined)
// more than like their typed order drawn left to right; the right-to-left font is fetched for them.
// Screenshot in test-artifacts/ — look at it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { cropImage, decodePng } from '../lib/png.mjs';
import { waitForEvent, waitSettled, watchConsole } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

const FFFD = '\uFFFD';
// Each name with its reference font (as the browser loads it) and its twin.
const PEOPLE = [
  { email: 'ivan.petrov@kumo.example', name: 'Иван Петров', font: 'DejaVu Sans', twin: `${FFFD.repeat(4)} ${FFFD.repeat(6)}` },
  { email: 'eleni.pappa@kumo.example', name: 'Ελένη Παππά', font: 'DejaVu Sans', twin: `${FFFD.repeat(5)} ${FFFD.repeat(5)}` },
  { email: 'stefan.ionescu@kumo.example', name: 'Ștefan Ionescu', font: 'DejaVu Sans', twin: `${FFFD}tefan Ionescu` },
  { email: 'minjun.kim@kumo.example', name: '김민준', font: 'url(/fonts/slotwise-ko.ttf)', twin: FFFD.repeat(3) },
  { email: 'wei.zhang@kumo.example', name: '张伟', font: 'url(/fonts/slotwise-zh.ttf)', twin: FFFD.repeat(2) },
  // Right to left: the reference is the browser's own layout (its bidi and Arabic shaping); `unordered` is what the
  // widget would draw without its visual-order step — the typed order, left to right, each Arabic letter on its own
  // (a left-to-right override, and a zero-width non-joiner between letters).
  { email: 'avraham.levi@kumo.example', name: 'אברהם לוי', font: 'DejaVu Sans', twin: `${FFFD.repeat(5)} ${FFFD.repeat(3)}`, rtl: true },
  { email: 'salama.ali@kumo.example', name: 'سلامة علي', font: 'DejaVu Sans', twin: `${FFFD.repeat(4)} ${FFFD.repeat(3)}`, rtl: true },
];
const unordered = (name) => '\u202D' + [...name].join('\u200C') + '\u202C';

async function startWithPeople(t, people) {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-scripts-'));
  const server = await startServer({ demo: true, dbDir });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const key = fs.readFileSync(path.join(dbDir, 'demo-api-key'), 'utf8').trim();
  const api = (method, route, body) => fetch(`${origin}${route}`, {
    method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  for (const { email, name } of people) {
    const answer = await api('PUT', `/v1/people/${encodeURIComponent(email)}`, { name, time_zone: 'Europe/Bucharest', roles: ['interviewer'] });
    assert.equal(answer.status, 200, await answer.text());
  }
  return { server, api };
}

async function openPage(t, server, query, viewport = { width: 1400, height: 1100 }) {
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport });
  const problems = watchConsole(page);
  const fonts = [];
  page.on('request', (request) => { if (/\/fonts\//.test(request.url())) fonts.push(new URL(request.url()).pathname); });
  await page.goto(server.url + query);
  await waitForEvent(page, 'ready');
  await waitSettled(page);
  return { page, problems, fonts };
}

// A grey image's ink (dark pixels) resampled into a 24 × 6 grid of ink shares, over the ink's own bounding box: a
// shape signature that does not depend on where the text sits or on small rasteriser differences.
function signature(image) {
  const dark = (x, y) => image.pixels[(y * image.width + x) * image.channels] < 150;
  let x0 = image.width, x1 = -1, y0 = image.height, y1 = -1;
  for (let y = 0; y < image.height; ++y) {
    for (let x = 0; x < image.width; ++x) {
      if (!dark(x, y)) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  assert.ok(x1 >= x0, 'some ink');
  const [W, H] = [24, 6];
  const cells = new Array(W * H).fill(0), counts = new Array(W * H).fill(0);
  for (let y = y0; y <= y1; ++y) {
    for (let x = x0; x <= x1; ++x) {
      const cell = Math.min(H - 1, Math.floor(((y - y0) * H) / (y1 - y0 + 1))) * W + Math.min(W - 1, Math.floor(((x - x0) * W) / (x1 - x0 + 1)));
      counts[cell] += 1;
      cells[cell] += dark(x, y) ? 1 : 0;
    }
  }
  return cells.map((n, i) => (counts[i] ? n / counts[i] : 0));
}

function correlation(a, b) {
  const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
  const [ma, mb] = [mean(a), mean(b)];
  let num = 0, da = 0, db = 0;
  for (let i = 0; i < a.length; ++i) { num += (a[i] - ma) * (b[i] - mb); da += (a[i] - ma) ** 2; db += (b[i] - mb) ** 2; }
  return num / Math.sqrt(da * db || 1);
}

// The browser's own rendering of `text` in `font` (a family name or a url() of a font file), 15 px, black on white.
async function referenceRendering(page, text, font) {
  const png = await page.evaluate(async ([text, font]) => {
    let family = font;
    if (font.startsWith('url(')) {
      family = 'ref-' + Math.random().toString(36).slice(2);
      const face = new FontFace(family, font);
      document.fonts.add(await face.load());
    }
    const canvas = document.createElement('canvas');
    canvas.width = 220; canvas.height = 30;
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.fillStyle = '#000';
    context.font = `15px "${family}"`;
    context.textBaseline = 'middle';
    context.fillText(text, 4, 15);
    return canvas.toDataURL('image/png');
  }, [text, font]);
  return decodePng(Buffer.from(png.split(',')[1], 'base64'));
}

// The widget's drawing of a row's name: right of the row's checkbox (found through the accessibility tree).
async function drawnName(page, image, name) {
  const box = await page.locator('#slotwise-semantics').getByRole('checkbox', { name: `Include ${name}`, exact: true }).boundingBox();
  assert.ok(box, `a row for ${name}`);
  return cropImage(image, { x0: Math.round(box.x + box.width + 6), x1: Math.round(box.x + box.width + 112),
                            y0: Math.round(box.y + 2), y1: Math.round(box.y + box.height - 2) });
}

test('widget: names in Cyrillic, Greek, with ș, in Hangul, Chinese, Hebrew and Arabic are drawn as the reference renders them', { timeout: 120000 }, async (t) => {
  const people = [...PEOPLE, ...PEOPLE.map((p) => ({ email: p.email.replace('@', '.twin@'), name: p.twin }))];
  const { server } = await startWithPeople(t, people);
  const interview = { interviewers: people.map(({ email }) => ({ sub: email })) };
  const { page, problems, fonts } = await openPage(t, server, '?interview=' + encodeURIComponent(JSON.stringify(interview)));
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-scripts.png') }));
  const downloaded = fonts.slice();  // (the reference renderings below load the same files again)
  for (const { name, font, twin, rtl } of PEOPLE) {
    const reference = signature(await referenceRendering(page, name, font));
    const mine = signature(await drawnName(page, image, name));
    const drawn = correlation(mine, reference);
    const fallback = correlation(signature(await drawnName(page, image, twin)), reference);
    assert.ok(drawn > 0.55 && drawn > fallback + 0.15,
              `${name}: like the reference ${drawn.toFixed(2)}, its U+FFFD twin ${fallback.toFixed(2)}`);
    if (rtl) {
      const typedOrder = correlation(mine, signature(await referenceRendering(page, unordered(name), font)));
      console.log(`${name}: like the reference ${drawn.toFixed(2)}, like the typed order ${typedOrder.toFixed(2)}`);
      assert.ok(drawn > typedOrder + 0.1, `${name}: like the reference ${drawn.toFixed(2)}, like the typed order ${typedOrder.toFixed(2)}`);
    }
  }
  // The Korean and Chinese fonts came because these names need them, each once.
  assert.equal(downloaded.filter((f) => f.endsWith('slotwise-ko.ttf')).length, 1, downloaded.join(' '));
  assert.equal(downloaded.filter((f) => f.endsWith('slotwise-zh.ttf')).length, 1, downloaded.join(' '));
  assert.equal(downloaded.filter((f) => f.endsWith('slotwise-rtl.ttf')).length, 1, downloaded.join(' '));
  // The accessibility tree keeps the typed order (the browser lays it out): a screen reader reads the name as typed.
  for (const { name } of PEOPLE.filter((p) => p.rtl)) {
    assert.equal(await page.locator('#slotwise-semantics').getByRole('checkbox', { name: `Include ${name}`, exact: true }).count(), 1);
  }
  assert.deepEqual(problems, []);
});

test('widget: an English page whose names need no script font downloads none; a Japanese page does', { timeout: 120000 }, async (t) => {
  const { server, api } = await startWithPeople(t, PEOPLE.slice(0, 3));  // Cyrillic, Greek, ș: the built-in font
  // The demo's Japanese colleagues, their video host accounts and the Tokyo room leave the directory.
  for (const kind of ['people', 'rooms', 'host_accounts']) {
    const listing = await (await api('GET', `/v1/${kind}`)).json();
    const items = Array.isArray(listing) ? listing : Object.values(listing).find(Array.isArray) || [];
    for (const item of items) {
      if (!/[\u3000-\u9fff]/.test(JSON.stringify(item.name || item.display_name || ''))) continue;
      const id = item.email || item.id;
      const gone = await api('DELETE', `/v1/${kind}/${encodeURIComponent(id)}`);
      assert.ok([200, 204].includes(gone.status), `DELETE /v1/${kind}/${id}: ${gone.status}`);
    }
  }
  const english = await openPage(t, server, '?locale=en');
  assert.deepEqual(english.fonts, [], 'no font downloaded for an English page');
  assert.deepEqual(english.problems, []);
  const japanese = await openPage(t, server, '?locale=ja');
  assert.deepEqual(japanese.fonts, ['/fonts/slotwise-cjk.ttf'], 'the Japanese font for a Japanese page');
});
