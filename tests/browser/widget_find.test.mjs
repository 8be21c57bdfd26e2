// Finding things in the widget with the mouse and the keyboard, in headless Chromium against `slotwise serve --demo`:
// - "Find people and rooms": typing a name lists the person with whether they are free at the selected time; a click
//   adds them to the interview; a room found (in an on-site interview) becomes the room to book;
// - the candidate's time zone picker searches every zone the browser knows by city, name or offset.
// Controls are found through the widget's accessibility tree (web/semantics.js), which places each one where the
// canvas draws it; the clicks land there with the mouse. Screenshots in test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { openWidget, waitForEvent } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

const mirror = (page) => page.locator('#slotwise-semantics');

// Moves, rests, presses and releases at the middle of a mirrored control (the canvas reads the pointer per frame).
async function clickControl(page, locator) {
  await locator.waitFor({ state: 'attached', timeout: 15000 });
  const box = await locator.boundingBox();
  await page.mouse.move(box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
  await page.waitForTimeout(150);
  await page.mouse.down();
  await page.waitForTimeout(80);
  await page.mouse.up();
  await page.waitForTimeout(300);
}

test('find people and rooms: a person found is added with a click; a room found is booked', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t);
  await page.keyboard.press('j');
  await waitForEvent(page, 'slot_selected');
  assert.equal(await mirror(page).getByRole('checkbox', { name: 'Include Emily Carter' }).getAttribute('aria-checked'), 'false');
  await clickControl(page, mirror(page).getByRole('textbox', { name: 'Find people and rooms…' }));
  await page.keyboard.type('emily', { delay: 40 });
  const result = mirror(page).getByRole('button', { name: /^Emily Carter · Interviewer · (free|busy)/ });
  await result.waitFor({ state: 'attached', timeout: 15000 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-find-person.png') });
  await clickControl(page, result);
  await page.waitForFunction(() => [...document.querySelectorAll('#slotwise-semantics [role=checkbox]')]
    .some((e) => e.textContent === 'Include Emily Carter' && e.getAttribute('aria-checked') === 'true'));
  assert.equal(await mirror(page).getByRole('textbox', { name: 'Find people and rooms…' }).textContent(), '', 'the field is cleared');

  // An on-site interview: a room found by its building is the room to book.
  await clickControl(page, mirror(page).getByRole('combobox', { name: 'Interview type' }));
  await clickControl(page, mirror(page).getByRole('option', { name: 'On site' }));
  await clickControl(page, mirror(page).getByRole('textbox', { name: 'Find people and rooms…' }));
  await page.keyboard.type('spree', { delay: 40 });
  const room = mirror(page).getByRole('button', { name: /^Berlin · Spree/ });
  await room.waitFor({ state: 'attached', timeout: 15000 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-find-room.png') });
  await clickControl(page, room);
  await page.waitForFunction(() => [...document.querySelectorAll('#slotwise-semantics [role=combobox]')]
    .some((e) => e.getAttribute('aria-label') === 'Room' && /Spree/.test(e.textContent)));
  assert.deepEqual(problems, []);
});

test('the candidate time zone picker searches every zone by city, name or offset', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t);
  const picker = mirror(page).getByRole('combobox', { name: "Candidate's time zone" });
  assert.equal(await picker.textContent(), 'New York');
  await clickControl(page, picker);
  await page.keyboard.type('tokyo', { delay: 40 });
  const tokyo = mirror(page).getByRole('option', { name: 'Tokyo · UTC+09:00 · Asia/Tokyo' });
  await tokyo.waitFor({ state: 'attached', timeout: 15000 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-zone-picker.png') });
  // Far more zones than the ten of old: a search by offset finds India's.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('+05:30', { delay: 40 });
  await mirror(page).getByRole('option', { name: /Kolkata · UTC\+05:30/ }).waitFor({ state: 'attached', timeout: 15000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('tokyo', { delay: 40 });
  await clickControl(page, tokyo);
  await page.waitForFunction(() => [...document.querySelectorAll('#slotwise-semantics [role=combobox]')]
    .some((e) => e.getAttribute('aria-label') === "Candidate's time zone" && e.textContent === 'Tokyo'));
  assert.deepEqual(problems, []);
});
