// After the pick, the candidate moves the interview to another proposed time and then cancels it, on the candidate
// page with the mouse (the demo tenant's default policy: both until 24 hours before the start). Checked through the
// recruiter's API: the interview moved, then cancelled with the candidate's reason in its history.
// Screenshots: test-artifacts/candidate-changes.png, candidate-cancelled.png — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { call, freeSlots, proposalBody } from '../lib/proposals.mjs';

async function settled(origin, key, id) {
  for (let i = 0; i < 150; ++i) {
    const reply = await call(origin, 'GET', `/v1/interviews/${id}`, { key });
    if (reply.json && reply.json.status !== 'pending') return reply.json;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`interview ${id} still pending`);
}

test('candidate page: the candidate moves the picked interview, then cancels it with a reason', { timeout: 180000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const key = (await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1];
  // Times more than two days away (the default policy closes changes 24 hours before the start).
  const slots = (await freeSlots(origin, key)).filter((slot) => Date.parse(slot.start) > Date.now() + 2 * 86400000);
  assert.ok(slots.length >= 6, 'free hours two days ahead');
  const options = [slots[0], slots[3], slots[5]];
  const candidate = { id: 'cand-en-7', name: 'Alex Kim', email: 'alex.kim@candidates.example', time_zone: 'Europe/London', locale: 'en' };
  const created = await call(origin, 'POST', '/v1/proposals', { key, body: proposalBody(candidate, options), idempotencyKey: crypto.randomUUID() });
  assert.equal(created.status, 201, created.text);

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 640, height: 900 }, locale: 'en-GB' })).newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(created.json.candidate_url);
  await page.waitForSelector('#options input[type=radio]');
  await page.locator('#options label').first().click();
  await page.getByRole('button', { name: 'Confirm this time' }).click();
  await page.waitForSelector('#changes:not([hidden])', { timeout: 30000 });
  assert.match(await page.textContent('#changes-note'), /You can move or cancel this interview until/);
  const id = (await call(origin, 'GET', `/v1/proposals/${created.json.proposal_id}`, { key })).json.interview_id;
  assert.equal(Date.parse((await settled(origin, key, id)).start), Date.parse(options[0].start));
  await page.screenshot({ path: path.join(ARTIFACTS, 'candidate-changes.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'axe: the confirmation with its changes');

  // Another time: the list comes back without the current one; the second is chosen and confirmed.
  await page.getByRole('button', { name: 'Choose another time' }).click();
  await page.waitForSelector('#pick-form:not([hidden])');
  assert.equal(await page.locator('#options input[type=radio]').count(), 2, 'the other two times');
  assert.match(await page.textContent('#legend'), /Choose the new time/);
  await page.locator('#options label').nth(1).click();
  await page.getByRole('button', { name: 'Move to this time' }).click();
  await page.waitForFunction(() => /Your interview was moved/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  const moved = await settled(origin, key, id);
  assert.equal(Date.parse(moved.start), Date.parse(options[2].start), 'moved to the third proposed time');
  assert.equal(moved.status, 'confirmed');

  // Cancelled with a reason for the recruiter.
  await page.waitForSelector('#changes:not([hidden])', { timeout: 30000 });
  await page.getByRole('button', { name: 'Cancel the interview' }).click();
  await page.getByLabel(/Why are you cancelling/).fill('I accepted another offer.');
  await page.getByRole('button', { name: 'Yes, cancel the interview' }).click();
  await page.waitForFunction(() => /You cancelled the interview/.test(document.getElementById('done-heading').textContent), null, { timeout: 30000 });
  assert.match(await page.textContent('#done-heading'), /Lena Fischer has been told/);
  assert.equal(await page.isHidden('#changes'), true);
  await page.screenshot({ path: path.join(ARTIFACTS, 'candidate-cancelled.png'), fullPage: true });
  const cancelled = await settled(origin, key, id);
  assert.equal(cancelled.status, 'cancelled');
  const history = await call(origin, 'GET', `/v1/interviews/${id}/history`, { key });
  assert.match(history.text, /cancelled by the candidate: I accepted another offer\./);
  assert.deepEqual(problems, []);
});
