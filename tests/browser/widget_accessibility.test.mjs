// The widget as assistive technology meets it, in headless Chromium against `slotwise serve --demo`:
// - the canvas's controls are mirrored as DOM elements (web/semantics.js) with their roles, names, values and states,
//   placed where the canvas draws them;
// - a screen reader's click on a mirrored element acts on the control (a checkbox toggles, a combo box opens and an
//   option is picked, a suggestion and "Book" book the interview);
// - the widget's keyboard focus (Tab) is drawn as a ring and followed by the page's focus; a screen reader's focus
//   moves the widget's; a key pressed on a focused element acts once;
// - axe-core finds no violation in any state: idle, a list open, a time chosen, booked, the cancel question with its
//   text field, moving, proposing times, at 320 px and at 200% zoom.
// Screenshots land in test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { decodePng, isColor } from '../lib/png.mjs';
import { openWidget, waitForEvent, waitSettled } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

const BUTTON = [175, 208, 250];     // a plain button on the light theme
const FOCUS_RING = [50, 100, 220];  // the keyboard focus ring (palette::kSelectionEdge)

// The mirrored control of that role and name (opacity 0, no pointer events: found as assistive technology finds it).
function control(page, role, name) {
  return page.locator('#slotwise-semantics').getByRole(role, { name, exact: true });
}

// What a screen reader does on "activate": a click event on the element, not a pointer at its place.
async function activate(page, role, name) {
  await control(page, role, name).evaluate((element) => element.click());
}

async function waitForAttribute(page, role, name, attribute, value) {
  await page.waitForFunction(({ role, name, attribute, value }) => {
    const element = [...document.querySelectorAll('#slotwise-semantics [data-node]')]
      .find((e) => e.dataset.role === role && (e.getAttribute('aria-label') || e.textContent) === name);
    return element && (attribute === 'text' ? element.textContent : element.getAttribute(attribute)) === value;
  }, { role, name, attribute, value }, { timeout: 15000 });
}

async function assertNoViolations(page, state) {
  assert.deepEqual(await axeViolations(page), [], `axe finds no violation ${state}`);
}

test('the canvas controls are mirrored with roles, names, values and places; a screen reader acts on them', async (t) => {
  const { page, problems } = await openWidget(t);
  await waitSettled(page);
  // Roles, names, values and states as the canvas shows them.
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Scheduling assistant');
  assert.equal(await control(page, 'radio', 'Week').getAttribute('aria-checked'), 'true');
  assert.equal(await control(page, 'radio', 'Day').getAttribute('aria-checked'), 'false');
  assert.equal(await control(page, 'combobox', 'Interview type').textContent(), 'Google Meet');
  assert.equal(await control(page, 'combobox', 'Interview type').getAttribute('aria-expanded'), 'false');
  assert.equal(await control(page, 'checkbox', 'Include Anna Schmidt').getAttribute('aria-checked'), 'true');
  assert.equal(await control(page, 'checkbox', 'Include Emily Carter').getAttribute('aria-checked'), 'false');
  for (const name of ['Previous', 'Today', 'Next', 'Refresh free/busy', 'Swap the two time zones']) {
    assert.equal(await control(page, 'button', name).count(), 1, `the button "${name}" is mirrored with a name`);
  }
  // Placed where the canvas draws them: the middle of the mirrored "Today" is inside the drawn button.
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-a11y-idle.png') }));
  const today = await control(page, 'button', 'Today').boundingBox();
  assert.ok(isColor(image, Math.round(today.x + 4), Math.round(today.y + today.height / 2), BUTTON),
            'the mirrored "Today" lies on the drawn button');

  // A checkbox toggled by a screen reader's click: Emily is included, and the suggestions know her.
  await activate(page, 'checkbox', 'Include Emily Carter');
  await waitForAttribute(page, 'checkbox', 'Include Emily Carter', 'aria-checked', 'true');
  await control(page, 'button', /^Without Emily Carter/).waitFor({ state: 'attached' }).catch(() => {});
  // A combo box opened, its list read, an option picked.
  await activate(page, 'combobox', 'Duration');
  await waitForAttribute(page, 'combobox', 'Duration', 'aria-expanded', 'true');
  // (A list's first frame draws it hidden while ImGui sizes it: its options follow in the next.)
  await page.waitForFunction(() => document.querySelectorAll('#slotwise-semantics [role=listbox] [role=option]').length === 8);
  const options = await page.locator('#slotwise-semantics').getByRole('listbox', { name: 'Duration' }).getByRole('option').allTextContents();
  assert.deepEqual(options, ['15 min', '30 min', '45 min', '60 min', '75 min', '90 min', '120 min', '180 min']);
  assert.equal(await control(page, 'option', '60 min').getAttribute('aria-selected'), 'true');
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-a11y-list-open.png') });
  await assertNoViolations(page, 'with a list open');
  await activate(page, 'option', '45 min');
  await waitForAttribute(page, 'combobox', 'Duration', 'text', '45 min');
  assert.equal(await control(page, 'combobox', 'Duration').getAttribute('aria-expanded'), 'false');

  // Booked by a screen reader: the first suggestion, then "Book …".
  const first = control(page, 'button', /^1\. /);
  await first.evaluate((element) => element.click());
  await page.waitForFunction(() => [...document.querySelectorAll('#slotwise-semantics button')].some((b) => /^Book /.test(b.textContent)));
  assert.equal(await first.getAttribute('aria-pressed'), 'true', 'the chosen suggestion is pressed');
  await page.locator('#slotwise-semantics').getByRole('button', { name: /^Book / }).evaluate((element) => element.click());
  const booked = await waitForEvent(page, 'booked', 60000);
  assert.ok(booked.interview_id, 'the interview was booked');
  await control(page, 'button', 'Reschedule').waitFor({ state: 'attached', timeout: 15000 });
  assert.deepEqual(problems, []);
});

test('keyboard focus: drawn as a ring, followed by the page, moved by a screen reader; keys act once', async (t) => {
  const { page, problems } = await openWidget(t);
  await waitSettled(page);
  // Tab moves the widget's focus among its controls; the page's focus follows it onto the mirrored element.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.activeElement && document.activeElement.textContent === 'Day').catch(() => {});
  const focused = await page.evaluate(() => {
    const e = document.activeElement;
    return { role: e.dataset.role, name: e.getAttribute('aria-label') || e.textContent };
  });
  assert.deepEqual(focused, { role: 'radio', name: 'Day' }, 'Tab, Tab: the second control (after the language switch)');
  // The ring is drawn just outside the focused control.
  const box = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-a11y-focus.png') }));
  const middle = Math.round(box.x + box.width / 2);
  const ring = [-1, -2, -3].some((d) => isColor(image, middle, Math.round(box.y) + d, FOCUS_RING, 30));
  assert.ok(ring, `a focus ring above ${JSON.stringify(focused)}`);

  // A screen reader moves its focus to "Include Emily Carter"; Space toggles it once (not once by the widget and once
  // more by the element's own activation).
  await control(page, 'checkbox', 'Include Emily Carter').focus();
  await page.waitForTimeout(400);
  await page.keyboard.press('Space', { delay: 100 });  // held across a frame (ImGui 1.86 samples keys per frame)
  await waitForAttribute(page, 'checkbox', 'Include Emily Carter', 'aria-checked', 'true');
  await page.waitForTimeout(600);
  assert.equal(await control(page, 'checkbox', 'Include Emily Carter').getAttribute('aria-checked'), 'true', 'toggled once');
  // A screen reader focus on a radio button, then Space: the day view.
  await control(page, 'radio', 'Day').focus();
  await page.waitForTimeout(400);
  await page.keyboard.press('Space', { delay: 100 });  // held across a frame (ImGui 1.86 samples keys per frame)
  await waitForAttribute(page, 'radio', 'Day', 'aria-checked', 'true');
  // Escape gives the keyboard back to the grid: the page's focus returns to the canvas.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'canvas');
  // No keyboard trap: Shift+Tab from the grid reaches the page's own "Connections" button; Tab after the last control
  // leaves the widget.
  await page.keyboard.press('Shift+Tab');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'slotwise-connections-toggle');
  // A screen reader's focus on the last control, then Tab: the focus leaves the widget.
  const last = page.locator('#slotwise-semantics [data-node]:not([data-role=heading]):not([aria-disabled=true])').last();
  await last.focus();
  await page.waitForFunction(() => document.activeElement && document.activeElement.closest('#slotwise-semantics'));
  await page.waitForTimeout(400);
  await page.keyboard.press('Tab');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => Boolean(document.activeElement.closest('#slotwise-semantics')) || document.activeElement.id === 'canvas'),
               false, 'Tab after the last control leaves the widget');
  assert.deepEqual(problems, []);
});

test('axe-core finds no violation in any state of the widget', async (t) => {
  const { page, problems } = await openWidget(t);
  await waitSettled(page);
  await assertNoViolations(page, 'when idle');
  await page.keyboard.press('j');
  await waitForEvent(page, 'slot_selected');
  await page.waitForTimeout(300);
  await assertNoViolations(page, 'with a time chosen');
  await page.keyboard.press('Enter');
  await waitForEvent(page, 'booked', 60000);
  await control(page, 'button', 'Cancel interview').waitFor({ state: 'attached', timeout: 15000 });
  await assertNoViolations(page, 'when booked');
  await activate(page, 'button', 'Cancel interview');
  await control(page, 'textbox', 'Message to the candidate (optional):').waitFor({ state: 'attached' });
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-a11y-cancel-question.png') });
  await assertNoViolations(page, 'asking whether to cancel');
  await activate(page, 'button', 'Keep it');
  await control(page, 'button', 'Reschedule').waitFor({ state: 'attached' });
  await activate(page, 'button', 'Reschedule');
  await control(page, 'button', 'Keep the booked time').waitFor({ state: 'attached' });
  await assertNoViolations(page, 'while moving');
  await activate(page, 'button', 'Keep the booked time');
  await control(page, 'button', 'Propose times to the candidate…').waitFor({ state: 'attached' });
  await activate(page, 'button', 'Propose times to the candidate…');
  await control(page, 'button', /^Send \d+ times to the candidate$/).waitFor({ state: 'attached' });
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-a11y-propose.png') });
  await assertNoViolations(page, 'proposing times');
  assert.deepEqual(problems, []);
});

test('axe-core finds no violation at 320 px and at 200% zoom', async (t) => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 640, height: 410, deviceScaleFactor: 2 }]) {
    const { page, browser } = await openWidget(t, '', viewport);
    await waitSettled(page);
    await page.screenshot({ path: path.join(ARTIFACTS, `widget-a11y-${viewport.width}.png`) });
    await assertNoViolations(page, `at ${JSON.stringify(viewport)}`);
    // The mirrored controls stay inside the page (none placed past its edge).
    const outside = await page.$$eval('#slotwise-semantics [data-node]', (elements) => elements
      .map((e) => ({ name: e.getAttribute('aria-label') || e.textContent, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.right > window.innerWidth + 1).map(({ name }) => name));
    assert.deepEqual(outside, [], 'no mirrored control past the right edge');
    await browser.close();
  }
});
