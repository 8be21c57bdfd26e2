// The candidate's own times in the scheduling assistant: a recruiter proposed times (POST /v1/proposals), the
// candidate answered "none of these work" with two periods of their own (POST /v1/candidate/proposal/decline, as the
// candidate page does), and the ATS opens the widget on that proposal (interview.proposal_id). The widget draws the
// candidate's times as a row under the suggestions, names them in the side panel with the note, suggests only inside
// them (checked on every suggestion J walks through), explains a time outside them, and the recruiter turns that off
// with the mouse. Screenshot test-artifacts/widget-candidate-offer.png — look at it.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { call, freeSlots, kInterviewer, proposalBody } from '../lib/proposals.mjs';
import { clickControl, liveText, mirror, waitForEvent, waitSettled, watchConsole } from '../lib/widget_page.mjs';

test('widget: the candidate\'s own times are a row, suggestions stay inside them until the recruiter says otherwise', { timeout: 180000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const key = (await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1];
  const slots = await freeSlots(origin, key);
  const candidate = { id: 'cand-offer-1', name: 'Jamie Doe', email: 'jamie@candidates.example', time_zone: 'Europe/Berlin', locale: 'en' };
  const created = await call(origin, 'POST', '/v1/proposals', { key, body: proposalBody(candidate, [slots[0], slots[1]]),
                                                               idempotencyKey: crypto.randomUUID() });
  assert.equal(created.status, 201, created.text);
  // The candidate's own times: two of the interviewer's free hours a few days later, each with an hour around it.
  const hour = 3600000;
  const later = slots.filter((slot) => Date.parse(slot.start) > Date.parse(slots[1].end) + 2 * 86400000);
  assert.ok(later.length >= 6, 'free hours later on');
  const periods = [later[0], later[later.length - 1]].map((slot) => ({
    start: new Date(Date.parse(slot.start) - hour).toISOString().replace('.000Z', 'Z'),
    end: new Date(Date.parse(slot.end) + hour).toISOString().replace('.000Z', 'Z') }));
  const capability = new URL(created.json.candidate_url).hash.slice(3);
  const declined = await fetch(`${origin}/v1/candidate/proposal/decline`, {
    method: 'POST', headers: { Authorization: `Bearer ${capability}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ availability: periods, message: 'Any of these suits me.' }) });
  assert.equal(declined.status, 200, await declined.text());

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  const problems = watchConsole(page);
  const interview = { proposal_id: created.json.proposal_id, interviewers: [{ sub: kInterviewer }], candidate,
                      title: 'Interview: Jamie Doe' };
  await page.goto(server.url + '?interview=' + encodeURIComponent(JSON.stringify(interview)));
  await waitForEvent(page, 'ready');
  await waitSettled(page);
  const only = mirror(page).getByRole('checkbox', { name: 'Suggest only within these times' });
  await only.waitFor({ state: 'attached', timeout: 15000 });
  assert.equal(await only.getAttribute('aria-checked'), 'true');
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-candidate-offer.png') });

  // Every suggestion J reaches lies inside one of the candidate's times.
  const inside = (start, end) => periods.some((p) => Date.parse(p.start) <= Date.parse(start) && Date.parse(end) <= Date.parse(p.end));
  const seen = new Set();
  for (let i = 0; i < 6; ++i) {
    await page.keyboard.press('j', { delay: 100 });
    await page.waitForFunction((n) => window.slotwiseEvents.filter((e) => e.type === 'slot_selected').length > n, i);
    const selected = await waitForEvent(page, 'slot_selected');
    assert.ok(inside(selected.start, selected.end), `suggestion ${selected.start}–${selected.end} inside ${JSON.stringify(periods)}`);
    seen.add(selected.start);
  }
  assert.ok(seen.size >= 2, `several suggestions (${[...seen]})`);

  // A time outside them, chosen with the keyboard (the day's last or first start), is explained as outside them.
  const selectWith = async (key) => {
    const before = await page.evaluate(() => window.slotwiseEvents.filter((e) => e.type === 'slot_selected').length);
    await page.keyboard.press(key, { delay: 100 });
    await page.waitForFunction((n) => window.slotwiseEvents.filter((e) => e.type === 'slot_selected').length > n, before);
    return waitForEvent(page, 'slot_selected');
  };
  let outside = await selectWith('End');
  if (inside(outside.start, outside.end)) outside = await selectWith('Home');
  assert.ok(!inside(outside.start, outside.end), `${outside.start} is outside the candidate's times`);
  await page.waitForFunction(() => /Outside the times Jamie Doe sent/.test(document.getElementById('slotwise-live').textContent),
                             null, { timeout: 10000 });

  // The recruiter lets the suggestions leave the candidate's times: the earliest ones come back.
  await clickControl(page, only);
  await page.waitForFunction(() => {
    const box = [...document.querySelectorAll('#slotwise-semantics [role=checkbox]')].find((e) => /Suggest only within/.test(e.getAttribute('aria-label') || e.textContent));
    return box && box.getAttribute('aria-checked') === 'false';
  });
  await waitSettled(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Home', { delay: 100 });
  await page.keyboard.press('j', { delay: 100 });
  const first = await waitForEvent(page, 'slot_selected');
  assert.ok(Date.parse(first.start) < Date.parse(periods[0].start), `now earlier times are suggested too (${first.start}; ${await liveText(page)})`);
  assert.deepEqual(problems, []);
});
