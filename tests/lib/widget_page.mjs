// Helpers for browser tests of the widget against `slotwise serve --demo` (tests/browser/widget*.test.mjs):
//   openWidget(t, query, viewport) a demo server, a browser and the standalone page (+ query) up to "ready"; all
//                                  stopped when the test `t` ends → {server, browser, page, problems}; viewport
//                                  {width, height, deviceScaleFactor?, colorScheme?, reducedMotion?, forcedColors?}
//   watchConsole(page)             console errors and CSP violations of a page, collected for assert.deepEqual(…, [])
//   waitForEvent(page, type)       the detail of the newest widget event of that type (window.slotwiseEvents)
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

// Waits until the widget has drawn no frame for a second (it draws on demand: the answers, the lazily loaded Japanese
// font and their redraws are done), at most ~20 s.
export async function waitSettled(page) {
  const frames = () => page.evaluate(() => window.Module.slotwiseFrames);
  for (let last = -1, i = 0; i < 20; ++i) {
    const now = await frames();
    if (now === last) return;
    last = now;
    await page.waitForTimeout(1000);
  }
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
