// The scheduling assistant in headless Chromium against `slotwise serve --demo` (the sandbox behind it): booking end
// to end with the keyboard only on the standalone page, the same through the embed API from the demo ATS page on a
// second origin, Japanese rendering, the host-rule warning, an idle widget that draws nothing, and the mouse wheel.
// Screenshots land in test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { countColor, decodePng, differingShare, tallestColumn } from '../lib/png.mjs';
import { assertBookedEverywhere, openWidget, waitForEvent, waitSettled, watchConsole } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

test('widget: keyboard-only booking on the standalone page, end to end against the sandbox', { timeout: 120000 }, async (t) => {
  const { server, page, problems } = await openWidget(t);
  assert.equal(await page.isHidden('#slotwise-overlay'), true, 'the loading overlay hides after the first frame');
  assert.match(await page.textContent('#slotwise-live'), /suggestions, first/);
  assert.match(await page.textContent('#slotwise-live'), /What would help: [^.]+ more times/, 'the relaxations are read out');

  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas', 'the canvas has the keyboard focus');
  await page.keyboard.press('j');                           // the first suggestion
  await page.waitForFunction(() => /^Selected .*Possible with/.test(document.getElementById('slotwise-live').textContent));
  const selected = await waitForEvent(page, 'slot_selected');
  assert.equal(selected.available, true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-selected.png') });
  await page.keyboard.press('Enter');                       // book it
  const booked = await waitForEvent(page, 'booked', 60000);
  assert.equal(booked.start, selected.start);
  await page.waitForFunction(() => /^Booked /.test(document.getElementById('slotwise-live').textContent));
  await page.waitForTimeout(300);
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-booked.png') }));
  assert.ok(countColor(image, [214, 93, 77]) > 500, 'busy events are drawn');
  assert.ok(countColor(image, [46, 160, 90]) > 200, 'suggestions are drawn');
  await assertBookedEverywhere(server, booked.interview_id);
  assert.deepEqual(problems, []);
});

test('widget: an idle widget draws fewer than 2 frames a second; the mouse brings frames back', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t);
  const frames = () => page.evaluate(() => window.Module.slotwiseFrames);
  await waitSettled(page);
  const before = await frames();
  await page.waitForTimeout(5000);
  const idle = (await frames()) - before;
  assert.ok(idle < 10, `${idle} frames drawn in 5 s of idling (at most 2 a second)`);
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 6 });
  await page.waitForTimeout(300);
  const woken = (await frames()) - before - idle;
  assert.ok(woken >= 3, `${woken} frames drawn after the mouse moved`);
  // What an idle widget shows is its last frame: the suggestions are still on the canvas.
  await waitSettled(page);
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-idle.png') }));
  assert.ok(countColor(image, [46, 160, 90]) > 200, 'suggestions are drawn while idle');
  assert.deepEqual(problems, []);
});

test('widget: the mouse wheel scrolls the suggestions down by a few rows and back up, not to the end', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t);
  await waitSettled(page);  // screenshots are compared pixel for pixel: no late font may change them
  const box = await page.locator('#canvas').boundingBox();
  // The side panel's suggestion list (a few hundred start times) at the right of the canvas.
  const list = { x: Math.round(box.x + box.width * 0.73), y: Math.round(box.y + 130), width: Math.round(box.width * 0.24), height: 240 };
  const shot = async (name) => page.screenshot({ clip: list, path: path.join(ARTIFACTS, name) });
  await page.mouse.move(list.x + list.width / 2, list.y + list.height / 2);
  await page.waitForTimeout(600);  // hover settles; the pacer goes idle
  const top = await shot('widget-wheel-top.png');
  await page.mouse.wheel(0, 100);   // one notch down (Chromium: 100 px)
  await page.waitForTimeout(400);
  const down = await shot('widget-wheel-down.png');
  assert.notDeepEqual(down, top, 'one notch down scrolls the list');
  for (let i = 0; i < 3; ++i) await page.mouse.wheel(0, 100);
  await page.waitForTimeout(400);
  const further = await shot('widget-wheel-further.png');
  assert.notDeepEqual(further, down, 'more notches scroll further (the list is long: no jump to its end)');
  for (let i = 0; i < 4; ++i) await page.mouse.wheel(0, -100);  // as many notches up
  await page.waitForTimeout(400);
  assert.deepEqual(await shot('widget-wheel-back.png'), top, 'the same notches up return to the top');
  assert.deepEqual(problems, []);
});

test('widget: a sideways wheel scrolls the grid in time while the names column stays', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t);
  await page.keyboard.press('t');  // two weeks: wider than the grid (one working week fits)
  await waitSettled(page);  // screenshots are compared pixel for pixel: no late font may change them
  const box = await page.locator('#canvas').boundingBox();
  const names = { x: Math.round(box.x + 14), y: Math.round(box.y + 225), width: 250, height: 320 };  // the rows, not the help line
  const tracks = { x: Math.round(box.x + 290), y: Math.round(box.y + 130), width: 650, height: 430 };
  const shot = async (clip, name) => page.screenshot({ clip, path: path.join(ARTIFACTS, name) });
  await page.mouse.move(box.x + 560, box.y + 300);  // over the tracks
  await page.waitForTimeout(600);
  const namesBefore = await shot(names, 'widget-hscroll-names-before.png');
  const tracksBefore = await shot(tracks, 'widget-hscroll-tracks-before.png');
  await page.mouse.wheel(200, 0);  // two notches to the right
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-hscroll.png') });
  // The tracks hold the "now" line, which the clock moves by fractions of a pixel: compared with a small allowance.
  const changed = (x, y) => differingShare(decodePng(x), decodePng(y));
  assert.ok(changed(await shot(tracks, 'widget-hscroll-tracks-after.png'), tracksBefore) > 0.05, 'the tracks scrolled in time');
  assert.deepEqual(await shot(names, 'widget-hscroll-names-after.png'), namesBefore, 'the names column did not move');
  await page.mouse.wheel(-200, 0);
  await page.waitForTimeout(400);
  assert.ok(changed(await shot(tracks, 'widget-hscroll-tracks-back.png'), tracksBefore) < 0.002, 'two notches back return');
  assert.deepEqual(problems, []);
});

test('widget: the demo ATS page on a second origin embeds the widget and books through it', { timeout: 120000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const ats = (await server.waitForOutput(/ATS demo page: (http:\/\/127\.0\.0\.1:\d+)\//))[1];
  assert.notEqual(new URL(ats).origin, new URL(server.url).origin);
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = watchConsole(page);
  await page.goto(ats + '/');
  await page.waitForFunction(() => (window.atsEvents || []).some((e) => e.type === 'ready'), null, { timeout: 30000 });
  const frame = page.frames().find((f) => f.url().startsWith(new URL(server.url).origin));
  assert.ok(frame, 'the widget runs in a frame on the Slotwise origin');
  assert.equal(await page.evaluate(() => document.body.innerHTML.includes('swk_')), false, 'no API key in the page');
  // The ATS page hands the keyboard to the widget on "ready" (embed API widget.focus()): no click needed.
  await frame.waitForFunction(() => document.hasFocus() && document.activeElement && document.activeElement.id === 'canvas');
  await page.keyboard.press('j');
  await page.waitForFunction(() => (window.atsEvents || []).some((e) => e.type === 'slot_selected' && e.detail.available));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (window.atsEvents || []).some((e) => e.type === 'booked'), null, { timeout: 60000 });
  const booked = await page.evaluate(() => window.atsEvents.find((e) => e.type === 'booked').detail);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-ats-embedded.png') });
  assert.deepEqual(await axeViolations(page), [], 'axe: the ATS page around the widget');
  assert.deepEqual(await axeViolations(frame), [], 'axe: the widget in its frame, booked');
  await assertBookedEverywhere(server, booked.interview_id);
  assert.deepEqual(problems, []);
});

test('widget: locale ja renders Japanese text with the lazily loaded font', { timeout: 90000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  const fonts = [];
  page.on('response', (response) => { if (/slotwise-cjk\.ttf$/.test(response.url())) fonts.push(response.status()); });
  await page.goto(server.url + '?locale=ja&timeZone=Asia/Tokyo');
  await waitForEvent(page, 'ready');
  assert.match(await page.textContent('#slotwise-live'), /候補 \d+ 件/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
  await page.waitForTimeout(1500);  // the font arrives and the atlas is rebuilt
  assert.deepEqual(fonts, [200], 'the Japanese font was fetched once');
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-ja.png') });
});

test('widget: a Zoom host who does not attend, with join-before-host off, is reported', { timeout: 90000 }, async (t) => {
  const { page } = await openWidget(t, '?type=zoom&host=' + encodeURIComponent('zoom:lena.fischer@kumo.example'));
  await page.keyboard.press('ArrowRight');  // select a time: the explanation names the host rule
  await page.waitForFunction(() => /Lena Fischer hosts the meeting but does not attend/.test(document.getElementById('slotwise-live').textContent),
                             null, { timeout: 10000 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-host-rule.png') });
});

test('widget: suggestions for the New York candidate keep to their hours and the notice, the first three on three days', { timeout: 90000 }, async (t) => {
  // The demo page's candidate is in New York (web/app.js); the recruiter's grid is Berlin.
  const { page, problems } = await openWidget(t, '?timeZone=Europe/Berlin');
  const opened = Date.now();
  const selections = () => page.evaluate(() => window.slotwiseEvents.filter((e) => e.type === 'slot_selected').length);
  const starts = [];
  for (let i = 0; i < 3; ++i) {
    await page.keyboard.press('j');  // the next suggestion
    await page.waitForFunction((n) => window.slotwiseEvents.filter((e) => e.type === 'slot_selected').length > n, i);
    const selected = await waitForEvent(page, 'slot_selected');
    assert.equal(selected.available, true);
    starts.push(selected);
  }
  assert.equal(await selections(), 3);
  const newYork = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit',
                                                      day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const local = (iso) => {
    const parts = Object.fromEntries(newYork.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
    return { day: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
  };
  for (const { start, end } of starts) {
    assert.ok(Date.parse(start) >= opened + 4 * 3600 * 1000 - 60000, `${start} respects the four hours' notice`);
    assert.ok(local(start).minutes >= 8 * 60, `${start} is not before 08:00 in New York`);
    assert.ok(local(end).minutes <= 19 * 60 && local(end).day === local(start).day, `${end} ends by 19:00 in New York`);
  }
  assert.equal(new Set(starts.map(({ start }) => local(start).day)).size, 3, 'the first three suggestions are on three days');
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-suggestions-new-york.png') });
  assert.deepEqual(problems, []);
});

test('widget: at 1280 px in the two-week view a suggestion late in the second week is scrolled into view when selected', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t, '?timeZone=Europe/Berlin', { width: 1280, height: 820 });
  await page.keyboard.press('t');  // two weeks: ten days, wider than the grid at 1280 px
  // The first day shown: the Monday of this week in Berlin (of the next one on a weekend).
  const berlinDay = (ms) => Math.floor((ms + (new Date(ms).toLocaleString('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'shortOffset' })
    .match(/GMT([+-]\d+)?/)[1] | 0) * 3600000) / 86400000);
  const today = berlinDay(Date.now());
  const weekday = (today + 3) % 7;  // 0 = Monday
  const monday = weekday >= 5 ? today - weekday + 7 : today - weekday;
  let selected = null;
  const late = (event) => berlinDay(Date.parse(event.start)) >= monday + 9;  // Wednesday to Friday of the second week
  for (let i = 0; i < 30; ++i) {  // J through the suggestions until one late in the second week is selected
    await page.keyboard.press('j');
    await page.waitForFunction((n) => window.slotwiseEvents.filter((e) => e.type === 'slot_selected').length > n, i);
    selected = await waitForEvent(page, 'slot_selected');
    if (late(selected)) break;
  }
  assert.ok(late(selected), `a suggestion late in the second week exists (last: ${selected.start})`);
  await waitSettled(page);
  // The grid's part of the page (the side panel is 380 px on the right): the selection's blue edge is on screen.
  const grid = decodePng(await page.screenshot({ clip: { x: 0, y: 0, width: 840, height: 820 },
                                                 path: path.join(ARTIFACTS, 'widget-1280-revealed.png') }));
  // Its edge is a vertical blue line over every row, right of the names column (x ≥ 290 leaves out the grid's own
  // focus frame at its left edge).
  assert.ok(tallestColumn(grid, [50, 100, 220], { x0: 290, y0: 200, y1: 560 }) > 300, 'the selected time is visible in the grid');
  assert.deepEqual(problems, []);
});
