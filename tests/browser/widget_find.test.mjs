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
import { clickControl, mirror, openWidget, waitForEvent } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

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
  await page.keyboard.press('Control+A', { delay: 100 });  // held across a frame (ImGui samples keys per frame)
  await page.keyboard.type('+05:30', { delay: 40 });
  await mirror(page).getByRole('option', { name: /Kolkata · UTC\+05:30/ }).waitFor({ state: 'attached', timeout: 15000 });
  await page.keyboard.press('Control+A', { delay: 100 });  // held across a frame (ImGui samples keys per frame)
  await page.keyboard.type('tokyo', { delay: 40 });
  await clickControl(page, tokyo);
  await page.waitForFunction(() => [...document.querySelectorAll('#slotwise-semantics [role=combobox]')]
    .some((e) => e.getAttribute('aria-label') === "Candidate's time zone" && e.textContent === 'Tokyo'));
  assert.deepEqual(problems, []);
});

test('the language switch: ten languages named in themselves; Korean brings its font, French needs none', { timeout: 90000 }, async (t) => {
  const { page, problems } = await openWidget(t, '?locale=en');
  const fonts = [];
  page.on('request', (request) => { if (/\/fonts\//.test(request.url())) fonts.push(new URL(request.url()).pathname); });
  const language = mirror(page).getByRole('combobox', { name: 'Language' });
  assert.equal(await language.textContent(), 'English');
  await clickControl(page, language);
  const names = await mirror(page).getByRole('listbox', { name: 'Language' }).getByRole('option').allTextContents();
  assert.deepEqual(names, ['English', 'Deutsch', 'Français', 'Español', 'Italiano', 'Português', 'Nederlands', '日本語', '中文', '한국어']);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-language-list.png') });
  await clickControl(page, mirror(page).getByRole('option', { name: '한국어' }));
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), '일정 조율 도우미');
  await page.waitForFunction(() => window.Module.slotwiseFrames > 0);
  await page.waitForTimeout(1500);
  assert.ok(fonts.includes('/fonts/slotwise-ko.ttf'), `the Korean font (${fonts})`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-language-ko.png') });
  // Back to a Latin-script language: French needs no font of its own.
  const before = fonts.length;
  await clickControl(page, mirror(page).getByRole('combobox', { name: '언어' }));
  await clickControl(page, mirror(page).getByRole('option', { name: 'Français' }));
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Assistant de planification');
  await page.waitForTimeout(800);
  assert.equal(fonts.length, before, 'no font for French');
  assert.deepEqual(problems, []);
});
