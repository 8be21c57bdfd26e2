// An interview moved in Google Calendar outside Slotwise: when the recruiter opens it in the scheduling assistant
// (embed option `interview` with its id), the widget asks the server to re-read the providers now
// (POST /v1/interviews/{id}/check) and shows the change above the booking panel. The move is made in the sandbox
// without any notification, so only the widget's check can find it. Runs against `slotwise serve --demo`.
// The recruiter then clicks "Move it back to the booked time" with the mouse: the event goes back, the candidate
// is not written to, and the notice goes away.
// A second test takes an interviewer off the event in Google: the widget names who, and "Keep these people" makes the
// interview's people the event's.
// Screenshots in test-artifacts/widget-changed-externally.png, widget-change-restored.png,
// widget-attendees-changed.png and widget-attendees-accepted.png — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { decodePng, findColorBands } from '../lib/png.mjs';
import { clickControl, demoToken, getInterview, mirror, waitForEvent, waitSettled, watchConsole } from '../lib/widget_page.mjs';

const LENA = 'lena.fischer@kumo.example';
const JONAS = 'jonas.becker@kumo.example';
const EMILY = 'emily.carter@kumo.example';
const AMBER = [150, 86, 0];      // the widget's warning text (palette::kTextAmber)
const BUTTON = [175, 208, 250];  // a plain button on the light theme

// Books the first hour Lena and `interviewers` share in the coming week through the API, as the ATS would.
async function bookWithLena(origin, headers, interviewers, key) {
  const from = new Date(Date.now() + 86400000);
  const to = new Date(Date.now() + 8 * 86400000);
  const available = await fetch(`${origin}/v1/availability`, {
    method: 'POST', headers,
    body: JSON.stringify({
      participants: [{ members: [LENA, ...interviewers].map((sub) => ({ sub })), required: 'all' }],
      required_duration: { minutes: 60 }, time_zone: 'Europe/Berlin', start_interval: { minutes: 60 },
      query_periods: [{ start: from.toISOString().slice(0, 19) + 'Z', end: to.toISOString().slice(0, 19) + 'Z' }],
    }),
  });
  assert.equal(available.status, 200, await available.clone().text());
  const slot = (await available.json()).available_slots[0];
  const booked = await fetch(`${origin}/v1/interviews`, {
    method: 'POST', headers: { ...headers, 'Idempotency-Key': key },
    body: JSON.stringify({
      title: 'Interview: Jamie Doe', organizer: LENA, start: slot.start, end: slot.end,
      interviewers: interviewers.map((sub) => ({ sub })),
      candidate: { name: 'Jamie Doe', email: 'jamie.doe@candidate.example' },
      query: { start_interval: { minutes: 60 } },
    }),
  });
  assert.equal(booked.status, 201, await booked.clone().text());
  return { id: (await booked.json()).id, slot };
}

// Opens the widget on interview `id` and waits until it has drawn what the check found.
async function openInterview(browser, server, id) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  const problems = watchConsole(page);
  await page.goto(server.url + '?interview=' + encodeURIComponent(JSON.stringify({ id })));
  await waitForEvent(page, 'ready');
  await page.waitForFunction(() => {
    const live = document.getElementById('slotwise-live').textContent;
    return live !== '' && !/Loading/.test(live);
  });
  await waitSettled(page);
  return { page, problems };
}

test('widget: an interview moved outside Slotwise shows the change when it is opened', { timeout: 120000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const sandbox = (await server.waitForOutput(/Provider sandbox at (http:\/\/127\.0\.0\.1:\d+)\//))[1];
  const headers = { Authorization: `Bearer ${await demoToken(origin)}`, 'Content-Type': 'application/json', Origin: origin };

  // Book the first hour Lena and Jonas share in the coming week, through the API as the ATS would.
  const { id, slot } = await bookWithLena(origin, headers, [JONAS], 'changed-externally-1');
  const view = await getInterview(server, id);
  assert.equal(view.status, 'confirmed');
  assert.equal(view.tracking[0].state, 'as_booked');

  // Someone drags the event an hour later in Google Calendar; no notification reaches Slotwise.
  const moved = await fetch(`${sandbox}/sandbox/external_change`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      provider: 'google', calendar: LENA, event_id: view.event.id, notify: false,
      start: new Date(Date.parse(slot.start) + 3600000).toISOString().slice(0, 19) + 'Z',
      end: new Date(Date.parse(slot.end) + 3600000).toISOString().slice(0, 19) + 'Z',
    }),
  });
  assert.ok(moved.status < 300, await moved.text());

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, problems } = await openInterview(browser, server, id);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-changed-externally.png') }));
  // The widget's check re-read Google: the interview now says so, and the amber notice is drawn.
  const after = await getInterview(server, id);
  assert.equal(after.tracking[0].state, 'moved_externally');
  assert.equal(after.changed_externally, true);

  // The notice offers the two answers as buttons under the amber heading in the side panel: "Keep the new time", then
  // "Move it back to the booked time". The recruiter clicks the second with the mouse, where it is drawn.
  const panel = { x0: Math.round(image.width * 0.72), x1: image.width };
  const heading = findColorBands(image, AMBER, { ...panel, minPixels: 3 });
  assert.ok(heading.length > 0, 'the amber "Changed outside Slotwise" heading is drawn');
  const buttons = findColorBands(image, BUTTON, { ...panel, y0: heading[0].bottom, minPixels: 60 });
  assert.ok(buttons.length >= 2, `two buttons under the notice, found ${JSON.stringify(buttons)}`);
  await clickControl(page, mirror(page).getByRole('button', { name: 'Move it back to the booked time' }));

  // The event goes back to the booked time; the candidate is not written to (same sequence); the notice goes away.
  let restored = null;
  for (let i = 0; i < 300; ++i) {
    restored = await getInterview(server, id);
    if (restored.status === 'confirmed' && restored.tracking[0].state === 'as_booked') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(restored.status, 'confirmed');
  assert.equal(restored.tracking[0].state, 'as_booked');
  assert.equal(restored.start, view.start);
  assert.equal(restored.sequence, view.sequence);
  const history = await (await fetch(`${origin}/v1/interviews/${id}/history`, { headers })).json();
  const restoredEntry = history.history.find((entry) => entry.action === 'restored');
  assert.ok(restoredEntry, JSON.stringify(history));
  assert.equal(restoredEntry.detail.external_change.decided_by, 'request');
  // The widget polls the interview (300, 600 ms …) until it is confirmed; then the answers are gone.
  await mirror(page).getByRole('button', { name: 'Move it back to the booked time' }).waitFor({ state: 'detached', timeout: 30000 });
  await waitSettled(page);
  const resolved = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-change-restored.png') }));
  assert.equal(findColorBands(resolved, AMBER, { ...panel, minPixels: 3 }).length, 0, 'the notice is gone');
  assert.deepEqual(problems, []);
});

test('widget: an interviewer removed in Google is shown by name, and keeping the new guest list is one click', { timeout: 120000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const sandbox = (await server.waitForOutput(/Provider sandbox at (http:\/\/127\.0\.0\.1:\d+)\//))[1];
  const headers = { Authorization: `Bearer ${await demoToken(origin)}`, 'Content-Type': 'application/json', Origin: origin };
  const { id } = await bookWithLena(origin, headers, [JONAS, EMILY], 'attendees-changed-1');
  const view = await getInterview(server, id);
  assert.equal(view.status, 'confirmed');

  // Lena takes Emily off the event in Google Calendar; no notification reaches Slotwise.
  const removed = await fetch(`${sandbox}/sandbox/external_change`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ provider: 'google', calendar: LENA, event_id: view.event.id, notify: false, remove_attendee: EMILY }),
  });
  assert.ok(removed.status < 300, await removed.text());

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const { page, problems } = await openInterview(browser, server, id);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const image = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-attendees-changed.png') }));
  const after = await getInterview(server, id);
  assert.equal(after.tracking[0].state, 'attendees_changed');
  assert.deepEqual(after.tracking[0].attendees.removed, [EMILY]);
  const live = await page.evaluate(() => document.getElementById('slotwise-live').textContent);

  // Two answers under the amber heading: "Keep these people", then "Invite the booked people again". Keep them.
  const panel = { x0: Math.round(image.width * 0.72), x1: image.width };
  const heading = findColorBands(image, AMBER, { ...panel, minPixels: 3 });
  assert.ok(heading.length > 0, 'the amber "Changed outside Slotwise" heading is drawn');
  const buttons = findColorBands(image, BUTTON, { ...panel, y0: heading[0].bottom, minPixels: 60 });
  assert.ok(buttons.length >= 2, `two buttons under the notice, found ${JSON.stringify(buttons)} (live: ${live})`);
  await clickControl(page, mirror(page).getByRole('button', { name: /^Keep these people/ }));

  let accepted = null;
  for (let i = 0; i < 300; ++i) {
    accepted = await getInterview(server, id);
    if (accepted.status === 'confirmed' && accepted.tracking[0].state === 'as_booked') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(accepted.status, 'confirmed');
  assert.deepEqual(accepted.interviewers.map((person) => person.sub), [JONAS]);
  assert.equal(accepted.sequence, view.sequence + 1);  // the candidate's invitation names the interviewers
  await mirror(page).getByRole('button', { name: /^Keep these people/ }).waitFor({ state: 'detached', timeout: 30000 });
  await waitSettled(page);
  const resolved = decodePng(await page.screenshot({ path: path.join(ARTIFACTS, 'widget-attendees-accepted.png') }));
  assert.equal(findColorBands(resolved, AMBER, { ...panel, minPixels: 3 }).length, 0, 'the notice is gone');
  assert.deepEqual(problems, []);
});
