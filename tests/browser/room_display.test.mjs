// The room display (web/room-display/, docs/ROOM_DISPLAYS.md) in headless Chromium against `slotwise serve --demo`
// with the provider sandbox on its own (--sandbox-url), so the test writes meetings straight into a room's calendar,
// outside Slotwise. A person types the pairing code with the keyboard after clicking the field, clicks "Pair", and
// the tablet-sized screen turns red for the meeting now, says until when and lists the next two meetings — in English,
// and on a second display in Japanese; a free room is green. A wrong code is refused with one sentence; revoking the
// display sends the page back to pairing with nothing of the room left in it. axe finds nothing on either screen.
// Screenshots: test-artifacts/room-display-<pairing|en-busy|ja-busy|en-free|refused|revoked>.png — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { startSandbox } from '../lib/sandbox.mjs';
import { clickWithMouse, launchBrowser } from '../lib/browser.mjs';
import { call } from '../lib/proposals.mjs';

const strings = createRequire(import.meta.url)('../../web/room-display/strings.js');
fs.mkdirSync(ARTIFACTS, { recursive: true });

const kSpree = 'c_berlin-spree@resource.calendar.google.com';
const kTiergarten = 'c_berlin-tiergarten@resource.calendar.google.com';
const kTablet = { width: 1280, height: 800 };
const kPortrait = { width: 800, height: 1280 };  // the Japanese display is a tablet upright

// A fixed-offset zone in which it is now between 09:00 and 11:00, so that the meetings made around now are all today.
function morningZone(nowMs) {
  const hour = new Date(nowMs).getUTCHours();
  let offset = 10 - hour;
  if (offset < -12) offset += 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return 'Etc/GMT';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

// Clock times as the language writes them: "9:05 AM" in English (no leading zero), "09:05" in 24-hour languages.
const hhmm = (iso, zone, locale) => {
  const twelve = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hour12;
  return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: twelve ? 'numeric' : '2-digit', minute: '2-digit' })
    .format(new Date(iso));
};

function watchConsole(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/401/.test(message.text())) problems.push(message.text());
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}

async function pairWithMouse(page, code) {
  await clickWithMouse(page, page.locator('#code'));
  await page.keyboard.type(code.toLowerCase(), { delay: 20 });
  await clickWithMouse(page, page.locator('#pair-button'));
}

// Elements whose text is cut off or runs beyond the screen.
async function clipped(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('main:not([hidden]) *')) {
      const box = el.getBoundingClientRect();
      if (!box.width && !box.height) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') out.push(`${el.id || el.tagName}: overflows`);
      if (box.right > window.innerWidth + 1 || box.bottom > window.innerHeight + 1) out.push(`${el.id || el.tagName}: beyond the screen`);
    }
    return out;
  });
}

test('room display: pair by typing the code, the room busy now and the next two, in English and Japanese; revoke', async (t) => {
  const sandbox = await startSandbox();
  t.after(() => sandbox.stop());
  const server = await startServer({ demo: true, extraArgs: ['--sandbox-url', sandbox.root] });
  t.after(() => server.stop());
  const origin = server.url.replace(/\/$/, '');
  const key = (await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1];
  const browser = await launchBrowser();
  t.after(() => browser.close());

  const now = Math.floor(Date.now() / 60000) * 60000;
  const zone = morningZone(now);
  const at = (minutes) => new Date(now + minutes * 60000).toISOString();
  const meetings = [[-10, 20], [60, 90], [120, 150], [180, 200]];
  await sandbox.admin('POST', '/sandbox/seed', { events: meetings.map(([from, to], i) => ({
    provider: 'google', calendar: kSpree, summary: `Confidential meeting ${i}`, start: at(from), end: at(to) })) });

  async function newDisplay(room, locale) {
    const created = await call(origin, 'POST', `/v1/rooms/${room}/displays`, { key, body: { locale, time_zone: zone } });
    assert.equal(created.status, 201, created.text);
    return created.json;
  }

  // English: the pairing screen, a wrong code, then the right one typed in lower case.
  const english = await newDisplay(kSpree, 'en');
  const context = await browser.newContext({ viewport: kTablet, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(`${origin}/room-display/`);
  await page.locator('#pair-title').waitFor();
  assert.equal(await page.locator('#pair-title').textContent(), strings.en.pairTitle);
  assert.deepEqual(await axeViolations(page), []);
  // Readable from arm's length: the button's text as large as the field's label or larger.
  assert.ok(await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById('pair-button')).fontSize) >= 20));
  await page.screenshot({ path: path.join(ARTIFACTS, 'room-display-pairing.png') });
  await pairWithMouse(page, 'ZZZZ-ZZZZ');
  await page.locator('#pair-status', { hasText: strings.en.pairRefused }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'room-display-refused.png') });
  await page.locator('#code').fill('');
  await pairWithMouse(page, english.pairing_code);
  await page.locator('#room:not([hidden])').waitFor();
  assert.equal(await page.locator('#room-name').textContent(), 'Berlin · Spree');
  assert.equal(await page.locator('#state').textContent(), strings.en.busy);
  assert.equal(await page.locator('#until').textContent(), `Busy until ${hhmm(at(20), zone, 'en')}`);
  const items = await page.locator('#next-list li').allTextContents();
  assert.equal(items.length, 2, items.join(' | '));
  assert.ok(items[0].includes(hhmm(at(60), zone, 'en')) && items[0].includes(hhmm(at(90), zone, 'en')), items[0]);
  assert.ok(items[1].includes(hhmm(at(120), zone, 'en')), items[1]);
  assert.equal(await page.locator('#current').textContent(), `${hhmm(at(-10), zone, 'en')}–${hhmm(at(20), zone, 'en')}`);
  assert.doesNotMatch(await page.locator('#current').textContent(), /(^|–)0\d:/, 'English hours have no leading zero');
  const body = await page.locator('body').textContent();
  assert.ok(!body.includes('Confidential'), 'no meeting title reaches the display');
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('room')).backgroundColor), 'rgb(155, 28, 28)');
  assert.match(await page.evaluate(() => localStorage.getItem('slotwise.roomDisplay.token')), /^swd_/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(await clipped(page), []);
  await page.screenshot({ path: path.join(ARTIFACTS, 'room-display-en-busy.png') });

  // Japanese, on a second tablet, upright: the same room in Japanese.
  const japanese = await newDisplay(kSpree, 'ja');
  const jaPage = await (await browser.newContext({ viewport: kPortrait, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })).newPage();
  const jaProblems = watchConsole(jaPage);
  await jaPage.goto(`${origin}/room-display/`);
  await jaPage.locator('#pair-title', { hasText: strings.ja.pairTitle }).waitFor();
  await pairWithMouse(jaPage, japanese.pairing_code);
  await jaPage.locator('#room:not([hidden])').waitFor();
  assert.equal(await jaPage.locator('#state').textContent(), strings.ja.busy);
  assert.equal(await jaPage.locator('#until').textContent(), `${hhmm(at(20), zone, 'ja')}まで使用中`);
  assert.equal(await jaPage.locator('#next-heading').textContent(), strings.ja.next);
  assert.equal(await jaPage.locator('#next-list li').count(), 2);
  assert.equal(await jaPage.evaluate(() => document.documentElement.lang), 'ja');
  assert.deepEqual(await axeViolations(jaPage), []);
  assert.deepEqual(await clipped(jaPage), []);
  await jaPage.screenshot({ path: path.join(ARTIFACTS, 'room-display-ja-busy.png') });

  // A free room is green, free until its next meeting or for the rest of the day.
  const free = await newDisplay(kTiergarten, 'en');
  const freePage = await (await browser.newContext({ viewport: kTablet, locale: 'en-US' })).newPage();
  await freePage.goto(`${origin}/room-display/`);
  await freePage.locator('#pair-title').waitFor();
  await pairWithMouse(freePage, free.pairing_code);
  await freePage.locator('#room:not([hidden])').waitFor();
  assert.equal(await freePage.locator('#state').textContent(), strings.en.free);
  assert.equal(await freePage.evaluate(() => getComputedStyle(document.getElementById('room')).backgroundColor), 'rgb(11, 93, 46)');
  assert.deepEqual(await axeViolations(freePage), []);
  await freePage.screenshot({ path: path.join(ARTIFACTS, 'room-display-en-free.png') });

  // Revoked: at the next refresh (here: the page gets focus) the page is back at pairing, nothing of the room left.
  const revoked = await call(origin, 'DELETE', `/v1/rooms/${kSpree}/displays/${english.id}`, { key });
  assert.equal(revoked.status, 204, revoked.text);
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await page.locator('#pairing:not([hidden])').waitFor();
  assert.equal(await page.locator('#room').isHidden(), true);
  const left = await page.locator('body').textContent();
  assert.ok(!left.includes('Spree') && !left.includes(strings.en.busy + ' until'), left);
  assert.equal(await page.evaluate(() => localStorage.getItem('slotwise.roomDisplay.token')), null);
  await page.screenshot({ path: path.join(ARTIFACTS, 'room-display-revoked.png') });
  // The Japanese display, not revoked, still shows its room.
  await jaPage.evaluate(() => window.dispatchEvent(new Event('focus')));
  await jaPage.waitForTimeout(500);
  assert.equal(await jaPage.locator('#room').isVisible(), true);

  assert.deepEqual(problems, []);
  assert.deepEqual(jaProblems, []);
});
