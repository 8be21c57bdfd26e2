// Helpers for browser tests of the widget against `slotwise serve --demo` (tests/browser/widget*.test.mjs):
//   openWidget(t, query, viewport) a demo server, a browser and the standalone page (+ query) up to "ready"; all
//                                  stopped when the test `t` ends → {server, browser, page, problems}; viewport
//                                  {width, height, deviceScaleFactor?, colorScheme?, reducedMotion?, forcedColors?}
//   watchConsole(page)             console errors and CSP violations of a page, collected for assert.deepEqual(…, [])
//   waitSettled(page)              every request of the widget answered and no frame drawn for a while
//   waitForEvent(page, type)       the detail of the newest widget event of that type (window.slotwiseEvents)
//   mirror(page)                   the DOM mirror of the canvas's controls (getByRole(role, {name}))
//   clickAt(page, x, y), clickControl(page, locator)  a person's click: move, rest, press, release
//   liveText(page)                 the widget's live region (#slotwise-live), what a screen reader hears
//   demoToken(origin)              a widget token for the demo recruiter (GET /v1/demo/widget_token)
//   getInterview(server, id)       GET /v1/interviews/{id}, waiting while it is pending
//   assertBookedEverywhere(server, id)  the interview is confirmed, and its calendar event, its video meeting and the
//                                  candidate's invitation (carrying the join URL) exist — read through the API and the
//                                  sandbox's admin API, not from the page
import assert from 'node:assert/strict';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

export function watchConsole(page, { allow = /status of 400 \(Bad Request\)/ } = {}) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !allow.test(message.text())) problems.push(message.text());
    if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}

export async function openWidget(t, query = '', viewport = { width: 1400, height: 820 }) {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  // deviceScaleFactor 2 on half the size: a 200% zoom; the rest are the browser's preferences (colorScheme,
  // reducedMotion, forcedColors).
  const { deviceScaleFactor = 1, width, height, ...preferences } = viewport;
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor, ...preferences });
  const problems = watchConsole(page);
  await page.goto(server.url + query);
  await waitForEvent(page, 'ready');
  return { server, browser, page, problems };
}

// Waits until the widget has settled: every request it made (free/busy, suggestions, fonts) has been answered and it
// has drawn no frame for `quietMs` (it draws only when something changed, so the answers and their redraws are done).
// Gives up quietly after `timeout` (a blinking caret keeps frames coming). On a loaded machine a fixed wait is not
// enough: the answers may still be on their way.
export async function waitSettled(page, { quietMs = 800, timeout = 20000 } = {}) {
  const state = () => page.evaluate(() => ({ frames: window.Module.slotwiseFrames, fetching: window.Module.slotwiseFetching | 0 }));
  const deadline = Date.now() + timeout;
  let last = await state(), quietSince = Date.now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(100);
    const now = await state();
    if (now.frames !== last.frames || now.fetching !== 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    last = now;
  }
}

// The DOM mirror of the canvas's controls (web/semantics.js): find a control by role and accessible name, e.g.
// mirror(page).getByRole('button', { name: 'Book' }).
export const mirror = (page) => page.locator('#slotwise-semantics');

// A click as a person makes it: the pointer arrives, rests, presses, releases. (ImGui reads the pointer once a frame
// and the widget draws frames on demand: a press in the same instant as the move could land where the pointer was.)
export async function clickAt(page, x, y) {
  await page.mouse.move(x, y);
  await page.waitForTimeout(150);
  await page.mouse.down();
  await page.waitForTimeout(80);
  await page.mouse.up();
}

// Clicks with the mouse where a mirrored control is drawn (its middle, or 40 px in for a wide one), once it exists.
export async function clickControl(page, locator) {
  await locator.waitFor({ state: 'attached', timeout: 15000 });
  const box = await locator.boundingBox();
  await clickAt(page, box.x + Math.min(box.width / 2, 40), box.y + box.height / 2);
  await page.waitForTimeout(300);
}

export async function waitForEvent(page, type, timeout = 30000) {
  await page.waitForFunction((t) => (window.slotwiseEvents || []).some((e) => e.type === t), type, { timeout });
  return (await page.evaluate((t) => window.slotwiseEvents.filter((e) => e.type === t), type)).pop().detail;
}

export async function liveText(page) {
  return page.textContent('#slotwise-live');
}

export async function demoToken(origin) {
  return (await (await fetch(`${origin}/v1/demo/widget_token`)).json()).token;
}

export async function getInterview(server, id) {
  const origin = new URL(server.url).origin;
  const token = await demoToken(origin);
  for (let i = 0; i < 100; ++i) {
    const response = await fetch(`${origin}/v1/interviews/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(response.status, 200);
    const view = await response.json();
    if (view.status !== 'pending') return view;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`interview ${id} still pending`);
}

async function sandboxObjects(server) {
  const sandbox = (await server.waitForOutput(/Provider sandbox at (http:\/\/127\.0\.0\.1:\d+)\//))[1];
  return (await (await fetch(`${sandbox}/sandbox/objects`)).json()).objects;
}

export async function assertBookedEverywhere(server, interviewId) {
  const origin = new URL(server.url).origin;
  const token = await demoToken(origin);
  const view = await getInterview(server, interviewId);
  assert.equal(view.status, 'confirmed', JSON.stringify(view));
  assert.ok(view.event && view.event.id, 'the calendar event exists');
  const objects = await sandboxObjects(server);
  const event = objects.find((o) => /_event$/.test(o.type) && o.id === view.event.id);
  assert.ok(event, `the sandbox holds the event ${view.event.id}`);
  assert.equal(event.status, 'live');
  for (const { sub } of view.interviewers) assert.ok(event.attendees.includes(sub), `${sub} is invited: ${event.attendees}`);

  // The video meeting: Meet is part of the Google event; Zoom and GoTo meetings are objects of their own.
  const joinUrl = view.conferencing.join_url;
  assert.ok(joinUrl, `a join URL: ${JSON.stringify(view.conferencing)}`);
  if (view.conferencing.provider === 'google_meet') {
    assert.equal(event.meet_link, joinUrl, 'the Meet link is the event\'s conference');
  } else if (view.conferencing.provider === 'zoom' || view.conferencing.provider === 'goto') {
    const meeting = objects.find((o) => o.type === `${view.conferencing.provider}_meeting` && String(o.id) === String(view.conferencing.meeting_id));
    assert.ok(meeting, `the sandbox holds the ${view.conferencing.provider} meeting ${view.conferencing.meeting_id}`);
    assert.equal(meeting.status, 'live');
    assert.equal(meeting.join_url, joinUrl);
  }

  // The candidate's own invitation (never the internal event) carries the join URL.
  const ics = await fetch(`${origin}/v1/interviews/${interviewId}/candidate.ics`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(ics.status, 200);
  const text = (await ics.text()).replace(/\r\n[ \t]/g, '');  // unfold (RFC 5545 3.1)
  assert.match(text, /BEGIN:VCALENDAR[\s\S]*METHOD:REQUEST/, 'the candidate invitation exists');
  assert.ok(text.includes(joinUrl), 'the invitation carries the join URL');
  return { view, objects };
}
