// More of the scheduling assistant in headless Chromium against `slotwise serve --demo`, each flow driven with the
// keyboard only: a Zoom interview booked end to end (the Zoom meeting exists in the sandbox with the join URL the
// event and the candidate's invitation carry), "propose times" (P, Enter) followed by the candidate's pick on the
// candidate page, and an interview loop handed over in the page's `interview` option, booked as one interview per
// stage. Facts are checked through the API and the sandbox, not read from the page. Screenshots land in
// test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { assertBookedEverywhere, demoToken, getInterview, liveText, openWidget, waitForEvent, watchConsole } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

test('widget flows: a Zoom interview booked with the keyboard has its meeting, event and invitation', { timeout: 120000 }, async (t) => {
  // Jonas interviews and hosts on his own Zoom account (a host who attends: no host rule applies).
  const host = 'zoom:jonas.becker@kumo.example';
  const interview = { interviewers: [{ sub: 'jonas.becker@kumo.example' }] };
  const { server, page, problems } = await openWidget(t, '?type=zoom&host=' + encodeURIComponent(host) +
                                                         '&interview=' + encodeURIComponent(JSON.stringify(interview)));
  await page.keyboard.press('j');
  const selected = await waitForEvent(page, 'slot_selected');
  assert.equal(selected.available, true);
  await page.keyboard.press('Enter');
  const booked = await waitForEvent(page, 'booked', 60000);
  assert.match(booked.join_url, /^https?:\/\//);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-zoom-booked.png') });
  const { view, objects } = await assertBookedEverywhere(server, booked.interview_id);
  assert.equal(view.conferencing.provider, 'zoom');
  assert.equal(view.conferencing.host, host);
  assert.deepEqual(view.interviewers, [{ sub: 'jonas.becker@kumo.example' }]);
  assert.equal(view.conferencing.join_url, booked.join_url, 'the page was told the meeting\'s join URL');
  const meeting = objects.find((o) => o.type === 'zoom_meeting' && String(o.id) === String(view.conferencing.meeting_id));
  assert.equal(meeting.owner, 'jonas.becker@kumo.example');
  const event = objects.find((o) => o.id === view.event.id);
  assert.equal(Date.parse(event.start), Date.parse(selected.start));
  assert.deepEqual(problems, []);
});

test('widget flows: P proposes the first three suggestions, Enter sends them, the candidate picks one', { timeout: 150000 }, async (t) => {
  const { server, browser, page, problems } = await openWidget(t);
  await page.keyboard.press('p');
  await page.waitForFunction(() => /Proposing times: 3 of 2 to 5 ticked\./.test(document.getElementById('slotwise-live').textContent));
  // J selects the first suggestion: ticked; P unticks it, P ticks it again.
  await page.keyboard.press('j');
  await page.waitForFunction(() => /This time is ticked for the proposal/.test(document.getElementById('slotwise-live').textContent));
  await page.keyboard.press('p');
  await page.waitForFunction(() => /2 of 2 to 5 ticked\. This time is not ticked/.test(document.getElementById('slotwise-live').textContent));
  await page.keyboard.press('p');
  await page.waitForFunction(() => /3 of 2 to 5 ticked\. This time is ticked/.test(document.getElementById('slotwise-live').textContent));
  await page.keyboard.press('Enter');
  const created = await waitForEvent(page, 'proposal_created', 30000);
  assert.equal(created.options.length, 3);
  assert.match(await liveText(page), /Proposal created with 3 times\. Candidate link: http/);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-proposal-created.png') });
  assert.equal((await page.evaluate(() => window.slotwiseEvents.filter((e) => e.type === 'booked'))).length, 0,
               'Enter sent the proposal and booked nothing');

  // The proposal as the server keeps it: open, the three suggestions the widget showed first.
  const origin = new URL(server.url).origin;
  const token = await demoToken(origin);
  const stored = await (await fetch(`${origin}/v1/proposals/${created.proposal_id}`, { headers: { Authorization: `Bearer ${token}` } })).json();
  assert.equal(stored.status, 'open', JSON.stringify(stored));
  assert.deepEqual(stored.options.map((o) => Date.parse(o.start)), created.options.map((o) => Date.parse(o.start)));

  // The candidate (the demo's Jane Doe, English, New York) picks the second time on the candidate page.
  const candidate = await browser.newPage({ viewport: { width: 420, height: 860 } });
  const candidateProblems = watchConsole(candidate);
  await candidate.goto(created.candidate_url);
  await candidate.waitForSelector('#option-1:not([disabled])');
  assert.equal(await candidate.$$eval('#options input[type=radio]', (n) => n.length), 3);
  await candidate.focus('#option-1');
  await candidate.keyboard.press('Space');
  await candidate.click('#confirm');
  await candidate.waitForSelector('#done:not([hidden])', { timeout: 30000 });
  await candidate.screenshot({ path: path.join(ARTIFACTS, 'widget-proposal-picked.png'), fullPage: true });
  const picked = await (await fetch(`${origin}/v1/proposals/${created.proposal_id}`, { headers: { Authorization: `Bearer ${token}` } })).json();
  assert.equal(picked.status, 'picked');
  const { view } = await assertBookedEverywhere(server, picked.interview_id);
  assert.equal(Date.parse(view.start), Date.parse(created.options[1].start));
  assert.equal(view.candidate.email, 'jane.doe@candidates.example');
  // The recruiter's widget, left open, learns of the pick by itself (it asks every 10 s) and says so.
  const answered = await waitForEvent(page, 'proposal_answered', 30000);
  assert.equal(answered.status, 'picked');
  assert.equal(Date.parse(answered.start), Date.parse(created.options[1].start));
  await page.waitForFunction(() => /Jane Doe picked /.test(document.getElementById('slotwise-live').textContent));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-proposal-answered.png') });
  assert.deepEqual(problems, []);
  assert.deepEqual(candidateProblems, []);
});

test('widget flows: an interview loop from the page\'s interview option is booked as one interview per stage', { timeout: 150000 }, async (t) => {
  const loop = { stages: [
    { id: 'tech', duration_minutes: 60, interviewers: [{ sub: 'jonas.becker@kumo.example' }] },
    { id: 'team', duration_minutes: 45, interviewers: [{ sub: 'emily.carter@kumo.example' }], max_gap_minutes: 60 },
  ] };
  const { server, page, problems } = await openWidget(t, '?interview=' + encodeURIComponent(JSON.stringify({ loop })));
  await page.keyboard.press('j');
  const selected = await waitForEvent(page, 'slot_selected');
  assert.equal(selected.available, true, JSON.stringify(selected));
  await page.keyboard.press('Enter');
  const booked = await waitForEvent(page, 'loop_booked', 90000);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, 'widget-loop-booked.png') });
  assert.equal(booked.stages.length, 2);
  const views = [];
  for (const stage of booked.stages) views.push((await assertBookedEverywhere(server, stage.interview_id)).view);
  // Each stage has its own interviewer and length; the second follows the first within the allowed gap.
  assert.deepEqual(views.map((v) => v.interviewers.map((i) => i.sub)), [['jonas.becker@kumo.example'], ['emily.carter@kumo.example']]);
  assert.equal(Date.parse(views[0].end) - Date.parse(views[0].start), 60 * 60000);
  assert.equal(Date.parse(views[1].end) - Date.parse(views[1].start), 45 * 60000);
  const gap = Date.parse(views[1].start) - Date.parse(views[0].end);
  assert.ok(gap >= 0 && gap <= 60 * 60000, `gap between the stages: ${gap / 60000} min`);
  assert.equal(Date.parse(views[0].start), Date.parse(selected.start), 'the loop starts at the selected time');
  assert.match(views[0].title, /\(1\/2: tech\)/);
  assert.deepEqual(problems, []);
  const again = await getInterview(server, booked.stages[1].interview_id);
  assert.equal(again.status, 'confirmed');
});
