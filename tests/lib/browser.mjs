// Launches Debian's Chromium headless through playwright-core, with the flags this machine needs (no network beyond
// loopback, software WebGL through SwiftShader); clickWithMouse clicks a page's element as a person does.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// Clicks the middle of `target` (a CSS selector or a Playwright locator) with the mouse, after scrolling it into view,
// as a person would — not Locator.click(), which may act on an element the user could not reach. Fails when the
// element has no box (not on the page, or hidden).
export async function clickWithMouse(page, target) {
  const locator = typeof target === 'string' ? page.locator(target) : target;
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${typeof target === 'string' ? target : 'the element'} is not on the page`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}
