// The widget's look follows the page and the browser, in headless Chromium against `slotwise serve --demo`:
// - a dark theme (the page's option, or the browser's prefers-color-scheme) and a brand colour on the main action,
//   darkened until its white label reads (4.5:1);
// - the browser's preferences followed live: dark, then forced colors (high contrast dark), then light + forced
//   colors (high contrast light) — each a different window colour, axe-clean;
// - prefers-reduced-motion: a focused text field's caret does not blink, so the widget stays idle.
// Screenshots land in test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { colorAt, decodePng, isColor } from '../lib/png.mjs';
import { openWidget, waitForEvent, waitSettled } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

// The window colour of each theme (wasm/state/widget_palette.cpp).
const WINDOW = { light: [247, 247, 250], dark: [30, 31, 36], 'high-contrast-dark': [0, 0, 0], 'high-contrast-light': [255, 255, 255] };

function control(page, role, name) {
  return page.locator('#slotwise-semantics').getByRole(role, { name });
}

// The window's colour just inside the widget's top left corner (its padding, never covered by a control).
async function windowColor(page, name) {
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, name) }));
  const canvas = await page.locator('#canvas').boundingBox();
  const x = Math.round(canvas.x + 4), y = Math.round(canvas.y + 4);
  return { image, color: colorAt(image, x, y), x, y };
}

function luminance([r, g, b]) {
  const linear = (v) => { const s = v / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test('a dark theme with a light brand colour: the main action is darkened until its label reads', async (t) => {
  const { page, problems } = await openWidget(t, '?theme=dark&accent=%23ffcc00');
  await waitSettled(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.scheme), 'dark');
  await page.keyboard.press('j');
  await waitForEvent(page, 'slot_selected');
  const book = control(page, 'button', /^Book /);
  await book.waitFor({ state: 'attached' });
  await page.waitForTimeout(300);
  const { image, color } = await windowColor(page, 'widget-dark-accent.png');
  assert.deepEqual(color, WINDOW.dark, 'the dark window');
  const box = await book.boundingBox();
  const fill = colorAt(image, Math.round(box.x + 3), Math.round(box.y + box.height / 2));
  assert.ok(fill[0] > fill[2] + 40, `the brand's yellow hue is kept (${fill})`);
  assert.ok(contrast(fill, [255, 255, 255]) >= 4.5, `white on the main action reaches 4.5:1 (${fill}: ${contrast(fill, [255, 255, 255]).toFixed(2)})`);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(problems, []);
});

test('the browser\'s colour preferences are followed live: dark, forced colors, light with forced colors', async (t) => {
  const { page, problems } = await openWidget(t);
  await waitSettled(page);
  assert.deepEqual((await windowColor(page, 'widget-scheme-light.png')).color, WINDOW.light);
  const steps = [
    [{ colorScheme: 'dark' }, 'dark'],
    [{ colorScheme: 'dark', forcedColors: 'active' }, 'high-contrast-dark'],
    [{ colorScheme: 'light', forcedColors: 'active' }, 'high-contrast-light'],
    [{ colorScheme: 'light', forcedColors: 'none' }, 'light'],
  ];
  for (const [media, scheme] of steps) {
    await page.emulateMedia(media);
    await page.waitForFunction((s) => document.documentElement.dataset.scheme === s, scheme);
    await page.waitForTimeout(400);
    const { color, image, x, y } = await windowColor(page, `widget-scheme-${scheme}.png`);
    assert.ok(isColor(image, x, y, WINDOW[scheme], 2), `${JSON.stringify(media)}: the ${scheme} window (${color})`);
    assert.deepEqual(await axeViolations(page), [], `axe in ${scheme}`);
  }
  assert.deepEqual(problems, []);
});

test('prefers-reduced-motion: a focused text field does not blink, and the widget idles', async (t) => {
  const framesWhileTyping = async (preferences) => {
    const { page, browser } = await openWidget(t, '', { width: 1400, height: 820, ...preferences });
    // A click into the "Find people and rooms" field: it takes the typing (and shows its caret).
    const field = await control(page, 'textbox', 'Find people and rooms…').boundingBox();
    await page.mouse.move(field.x + 30, field.y + field.height / 2);
    await page.waitForTimeout(150);
    await page.mouse.down();
    await page.waitForTimeout(80);
    await page.mouse.up();
    await page.mouse.move(field.x + 30, field.y - 200);  // the pointer leaves: no hover redraws
    await page.waitForTimeout(1500);
    const before = await page.evaluate(() => window.Module.slotwiseFrames);
    await page.waitForTimeout(2000);
    const frames = (await page.evaluate(() => window.Module.slotwiseFrames)) - before;
    await browser.close();
    return frames;
  };
  const blinking = await framesWhileTyping({});
  const still = await framesWhileTyping({ reducedMotion: 'reduce' });
  assert.ok(blinking > 10, `the caret blinks by default (${blinking} frames in 2 s)`);
  assert.ok(still < 4, `with reduced motion nothing moves: ${still} frames in 2 s`);
});
