// The widget's layout at the sizes an ATS gives it, in headless Chromium against `slotwise serve --demo`: an 800 px
// side pane in German with a room chosen (every control inside the page, the grid wide, the panel a drawer under it);
// the drawer at 800 px (closed at first, the grid taking the height; a time clicked opens it with the booking
// controls; its bar closes it), and the mouse wheel over a grid taller than its window (the rows move by about three, the header and the names stay), and
// the keyboard's row kept in view; at 1280 and 1920 px nothing at the edge; at 200% zoom and 320 CSS px the grid
// keeps its tracks and rows (the window scrolls when the frame cannot hold the toolbar, the grid and the panel).
// Screenshots land in test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { cropImage, decodePng, differingShare, findColorBands, isColor } from '../lib/png.mjs';
import { clickAt, mirror, openWidget, waitSettled } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

const kWindowBackground = [247, 247, 250];  // the widget's window
const kSuggestionsRow = [240, 248, 242];    // the grid's suggestions row, as wide as the visible tracks
const kSuggestionsRowPast = [220, 228, 224]; // the same under the shade of the past (before the "now" line)
const kRowPitch = 29;                       // one resource row at device scale 1 (ImGui frame height + 6 + spacing)
const kFocus = [50, 100, 220];              // the keyboard row's frame
const kNamesColumn = 250;                   // the grid's label column ends about here at device scale 1

// The rows of the strip x ∈ [x0, x1) in which some pixel is not the window's background: where a control that runs
// past the right edge shows (ImGui clips it only a few pixels before the edge).
function rowsDrawnInto(image, x0, x1) {
  const rows = [];
  for (let y = 2; y < image.height - 2; ++y) {
    for (let x = x0; x < x1; ++x) {
      if (!isColor(image, x, y, kWindowBackground, 3)) { rows.push(y); break; }
    }
  }
  return rows;
}

test('widget: in an 800 px pane in German with a room, every control fits, the grid keeps its width, the panel is a drawer below', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t, '?locale=de&type=none', { width: 800, height: 900 });
  await waitSettled(page);
  const box = await page.locator('#canvas').boundingBox();
  const image = decodePng(await page.screenshot({ clip: box, path: path.join(ARTIFACTS, 'widget-800-de-room.png') }));
  // The window's right padding, between the children's frames and the canvas edge, is untouched: nothing ran past.
  assert.deepEqual(rowsDrawnInto(image, image.width - 7, image.width - 4), [], 'no control reaches the right edge');
  // The grid takes the page's width: its suggestions row is far wider than the ~120 px it had beside a fixed panel.
  const row = findColorBands(image, kSuggestionsRow, { minPixels: 100 })[0];
  let width = 0;  // its pixels in its middle line (the suggestions drawn over it aside; the past counts: on a Monday
                  // evening most of the first day is)
  for (let x = 0; row && x < image.width; ++x) {
    width += isColor(image, x, row.y, kSuggestionsRow, 3) || isColor(image, x, row.y, kSuggestionsRowPast, 3);
  }
  assert.ok(width > 300, `the tracks are ${width} px wide`);
  assert.match(await page.textContent('#slotwise-live'), /Vorschläge/, 'the suggestions are there');
  assert.deepEqual(problems, []);
});

const kSuggestion = [46, 160, 90];        // a suggestion's mark in the grid's suggestions row
const kOffHours = [226, 229, 235];        // the tracks' off-hours grey

// The lowest line of the grid's rows: the last pixel row with a long run of the tracks' off-hours grey.
function lowestTrackLine(image) {
  const bands = findColorBands(image, kOffHours, { minPixels: 40 });
  return bands.length ? bands[bands.length - 1].bottom : 0;
}

test('widget: at 800 px the panel is a drawer: closed, the grid takes the height; a time clicked opens it with the booking; the bar closes it', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t, '', { width: 800, height: 700 });
  await waitSettled(page);
  const box = await page.locator('#canvas').boundingBox();
  const shot = async (name) => decodePng(await page.screenshot({ clip: box, path: path.join(ARTIFACTS, name) }));
  const bar = mirror(page).locator('button[aria-expanded]');
  const barBox = async () => {  // in the canvas's pixels
    const b = await bar.boundingBox();
    return { x: b.x - box.x, y: b.y - box.y, width: b.width, height: b.height };
  };
  const book = mirror(page).getByRole('button', { name: /^Book / });

  // Closed: one bar at the bottom (named after what the panel shows, collapsed), the grid's rows down to it.
  await bar.waitFor({ state: 'attached', timeout: 15000 });
  assert.equal(await bar.getAttribute('aria-expanded'), 'false');
  assert.match(await bar.textContent(), /Suggestions · \d+ possible start times/);
  const closedBar = await barBox();
  assert.ok(closedBar.y + closedBar.height > box.height - 20, `the bar is at the bottom (${closedBar.y} of ${box.height})`);
  assert.ok(closedBar.width > box.width - 40, `the bar spans the width (${closedBar.width} px)`);
  assert.equal(await book.count(), 0, 'no panel controls while closed');
  const closed = await shot('widget-800-drawer-closed.png');
  const closedGrid = lowestTrackLine(closed);
  assert.ok(closedGrid > closedBar.y - 60, `the grid's rows reach down to the bar (${closedGrid} px, bar at ${closedBar.y})`);
  assert.ok(closedGrid > box.height * 0.85, `the grid takes the height (${closedGrid} of ${box.height} px)`);

  // A time clicked with the mouse: inside the widest run of suggestions in the grid's suggestions row (an hour from
  // there is free for everyone; a run's first pixel is too narrow a target). The drawer opens by itself, with the
  // time's explanation and the booking button.
  const row = findColorBands(closed, kSuggestionsRow, { minPixels: 100 })[0];
  const runs = [];
  for (let x = row.left; x <= row.right; ++x) {
    if (!isColor(closed, x, row.y, kSuggestion, 3)) continue;
    const last = runs[runs.length - 1];
    if (last && x - last[1] <= 3) last[1] = x; else runs.push([x, x]);  // across the hour lines
  }
  const [left, right] = runs.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a), [0, -1]);
  assert.ok(right - left >= 12, `a run of suggestions is drawn in the suggestions row (${left}–${right})`);
  await clickAt(page, box.x + left + Math.round((right - left - 8) / 2), box.y + row.y);
  await page.waitForFunction(() => /^Selected .*Possible with/.test(document.getElementById('slotwise-live').textContent), null, { timeout: 15000 });
  await book.waitFor({ state: 'attached', timeout: 15000 });
  assert.equal(await bar.getAttribute('aria-expanded'), 'true');
  await waitSettled(page);
  const open = await shot('widget-800-drawer-open.png');
  const openBar = await barBox();
  const openGrid = lowestTrackLine(cropImage(open, { y1: Math.round(openBar.y) }));
  t.diagnostic(`the grid's rows end at ${closedGrid} px closed, ${openGrid} px open (the old stacked layout)`);
  assert.ok(closedGrid > openGrid + 150, `closed, the grid is taller than stacked over the panel (${closedGrid} vs ${openGrid} px)`);
  assert.ok(openBar.y < closedBar.y - 150, 'the bar sits over the open panel');
  const bookBox = await book.boundingBox();
  assert.ok(bookBox.y - box.y > openBar.y && bookBox.y - box.y + bookBox.height < box.height, 'the booking button shows inside the open drawer');
  assert.match(await bar.textContent(), /^Possible: /, 'the bar names the selected time');

  // The bar, clicked: closed again; the grid takes the height back.
  await clickAt(page, box.x + openBar.x + openBar.width / 2, box.y + openBar.y + openBar.height / 2);
  await page.waitForFunction(() => document.querySelector('#slotwise-semantics button[aria-expanded]')?.getAttribute('aria-expanded') === 'false',
    null, { timeout: 15000 });
  await waitSettled(page);
  assert.equal(await book.count(), 0, 'the booking button is put away');
  const again = await shot('widget-800-drawer-closed-again.png');
  assert.ok(lowestTrackLine(again) > box.height * 0.85, 'the grid takes the height again');
  assert.match(await bar.textContent(), /^Possible: /, 'the closed bar still names the selected time');

  // The keyboard: a screen reader's focus on the bar, then Enter opens the drawer and Escape closes it; Space opens it.
  const expanded = (value) => page.waitForFunction(
    (v) => document.querySelector('#slotwise-semantics button[aria-expanded]')?.getAttribute('aria-expanded') === v, value, { timeout: 15000 });
  await bar.focus();
  await page.waitForTimeout(400);
  await page.keyboard.press('Enter', { delay: 100 });  // held across a frame (ImGui 1.86 samples keys per frame)
  await expanded('true');
  await book.waitFor({ state: 'attached', timeout: 15000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Escape', { delay: 100 });
  await expanded('false');
  await bar.focus();
  await page.waitForTimeout(400);
  await page.keyboard.press('Space', { delay: 100 });
  await expanded('true');
  assert.deepEqual(problems, []);
});

for (const [width, height, query, name] of [[1280, 800, '?locale=de&type=zoom', 'widget-1280-de-zoom.png'],
                                            [1920, 1000, '?locale=ja&type=none', 'widget-1920-ja-room.png']]) {
  test(`widget: at ${width} px (${query}) no control reaches the right edge`, { timeout: 90000 }, async (t) => {
    const { page, problems } = await openWidget(t, query, { width, height });
    await waitSettled(page);
    const box = await page.locator('#canvas').boundingBox();
    const image = decodePng(await page.screenshot({ clip: box, path: path.join(ARTIFACTS, name) }));
    assert.deepEqual(rowsDrawnInto(image, image.width - 7, image.width - 4), [], 'no control reaches the right edge');
    assert.deepEqual(problems, []);
  });
}

test('widget: the wheel over a tall grid moves the rows by about three; the header, the suggestions row and the names stay', { timeout: 90000 }, async (t) => {
  // 560 px high: with the drawer closed the grid takes the height, and its rows still run past its window.
  const { page, problems } = await openWidget(t, '', { width: 800, height: 560 });
  await waitSettled(page);
  const box = await page.locator('#canvas').boundingBox();
  const shot = async (name) => decodePng(await page.screenshot({ clip: box, path: path.join(ARTIFACTS, name) }));
  const before = await shot('widget-vwheel-before.png');
  const row = findColorBands(before, kSuggestionsRow, { minPixels: 100 })[0];
  // The first five rows under the band (the grid shows more).
  const top = row.bottom + 3, bottom = top + 5 * kRowPitch;
  await page.mouse.move(box.x + row.left + 200, box.y + top + 40);  // over the tracks
  await page.waitForTimeout(600);
  const still = await shot('widget-vwheel-still.png');  // the hover tooltip, without scrolling
  await page.mouse.wheel(0, 100);                         // one notch down (Chromium: 100 px)
  await page.waitForTimeout(400);
  const after = await shot('widget-vwheel-down.png');

  // The band above the rows (legend, days, hours, suggestions) did not move; the "now" line may by a pixel fraction.
  // (Left of the grid's vertical scrollbar, whose thumb moves.)
  const band = (image) => cropImage(image, { y0: row.top - 90, y1: row.bottom, x1: row.right + 2 });
  assert.ok(differingShare(band(still), band(after)) < 0.002, 'the band stayed');
  // The rows moved up: the names column now shows what was `shift` pixels lower. Found as the shift that makes the
  // two match best.
  const names = (image) => cropImage(image, { x0: 12, y0: top, x1: kNamesColumn, y1: bottom });
  const a = names(still), b = names(after);
  let best = { shift: 0, share: 1 };
  for (let shift = 0; shift < a.height - kRowPitch; ++shift) {
    const share = differingShare(cropImage(b, { y1: a.height - shift }), cropImage(a, { y0: shift }));
    if (share < best.share) best = { shift, share };
  }
  assert.ok(best.share < 0.01, `the rows moved as a whole (best match ${best.share})`);
  const moved = best.shift / kRowPitch;
  t.diagnostic(`one notch: ${best.shift} px = ${moved.toFixed(2)} rows`);
  assert.ok(moved >= 2 && moved <= 4, `one notch moved the rows by ${moved.toFixed(2)} rows (about three expected)`);
  await page.mouse.wheel(0, -100);
  await page.waitForTimeout(400);
  assert.ok(differingShare(names(await shot('widget-vwheel-back.png')), a) < 0.002, 'the notch back returns');
  assert.deepEqual(problems, []);
});

test('widget: moving the keyboard row past the bottom of a short grid scrolls it into view', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t, '', { width: 800, height: 560 });  // the 12th row below the grid's window
  await waitSettled(page);
  const box = await page.locator('#canvas').boundingBox();
  const before = decodePng(await page.screenshot({ clip: box }));
  const row = findColorBands(before, kSuggestionsRow, { minPixels: 100 })[0];
  for (let i = 0; i < 11; ++i) await page.keyboard.press('ArrowDown');  // to the last person row (the 12th)
  await page.waitForTimeout(500);
  const image = decodePng(await page.screenshot({ clip: box, path: path.join(ARTIFACTS, 'widget-row-revealed.png') }));
  // The keyboard row's frame is a long horizontal line of the focus colour across names and tracks, under the band.
  const focus = findColorBands(image, kFocus, { y0: row.bottom + 2, x1: image.width - 20, minPixels: 400 });
  assert.ok(focus.length > 0, 'the focused row is visible in the grid');
  assert.deepEqual(problems, []);
});

// 200% zoom of a 1280 × 900 window is a 640 × 450 CSS-pixel page at device scale 2; a phone held upright is 320 px wide.
for (const [label, viewport, name] of [['at 200% zoom', { width: 640, height: 450, deviceScaleFactor: 2 }, 'widget-zoom-200.png'],
                                       ['at 320 CSS px', { width: 320, height: 640 }, 'widget-320.png']]) {
  test(`widget: ${label} the grid stays: its tracks keep a good part of the width and the rows show`, { timeout: 90000 }, async (t) => {
    const { page, problems } = await openWidget(t, '', viewport);
    await waitSettled(page);
    const box = await page.locator('#canvas').boundingBox();
    const image = decodePng(await page.screenshot({ clip: box, path: path.join(ARTIFACTS, name) }));
    const scale = viewport.deviceScaleFactor || 1;
    const row = findColorBands(image, kSuggestionsRow, { minPixels: 40 * scale })[0];
    assert.ok(row, 'the grid\'s suggestions row is drawn');
    // The visible tracks: from the first to the last pixel of the suggestions row's colour (or its past shade) along its
    // middle line.
    const xs = [];
    for (let x = 0; x < image.width; ++x) {
      if (isColor(image, x, row.y, kSuggestionsRow, 3) || isColor(image, x, row.y, kSuggestionsRowPast, 3)) xs.push(x);
    }
    const width = (xs[xs.length - 1] - xs[0]) / scale;
    assert.ok(width > box.width * 0.3, `the tracks show ${width} of ${box.width} CSS px`);
    // The interviewers' rows under it: their tracks' off-hours grey.
    const tracks = findColorBands(image, [226, 229, 235], { y0: row.bottom, minPixels: 20 * scale });
    assert.ok(tracks.length >= 2, `resource rows are drawn under the suggestions row (${tracks.length} bands)`);
    assert.deepEqual(problems, []);
  });
}
