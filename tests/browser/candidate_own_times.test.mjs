// "None of these times work" on the candidate page (web/candidate/), in headless Chromium against
// `slotwise serve --demo`: a Dutch-speaking candidate in Tokyo opens the proposal, clicks "Geen van deze tijden komt
// mij uit", enters a time shorter than the interview (refused beside its row, nothing sent), corrects it, adds a
// second time and a note, and sends them with the mouse. The recruiter's API shows the times in UTC (Tokyo is UTC+9,
// computed here, not read from the page) and the note; the page shows what was sent after a reload, "change my times"
// brings the rows back, and one of the proposed times can still be picked. The wall-clock conversion itself
// (own_times.js) is checked across clock changes first.
// Screenshots: test-artifacts/candidate-own-times-form.png, candidate-own-times-sent.png — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { call, freeSlots, proposalBody } from '../lib/proposals.mjs';

const ownTimes = createRequire(import.meta.url)('../../web/candidate/own_times.js');
fs.mkdirSync(ARTIFACTS, { recursive: true });

test('own times: wall-clock input in the candidate\'s zone becomes the right instant, across clock changes', () => {
  const at = (date, time, zone) => new Date(ownTimes.localToInstant(date, time, zone)).toISOString();
  assert.equal(at('2026-12-24', '09:00', 'Asia/Tokyo'), '2026-12-24T00:00:00.000Z');
  assert.equal(at('2026-12-24', '09:00', 'America/New_York'), '2026-12-24T14:00:00.000Z');
  assert.equal(at('2026-12-24', '09:00', 'Asia/Kolkata'), '2026-12-24T03:30:00.000Z');
  assert.equal(at('2026-03-29', '02:30', 'Europe/Berlin'), '2026-03-29T01:30:00.000Z', 'skipped: just after the gap');
  assert.equal(at('2026-10-25', '02:30', 'Europe/Berlin'), '2026-10-25T00:30:00.000Z', 'twice: the earlier');
  assert.equal(at('2026-03-08', '02:30', 'America/New_York'), '2026-03-08T07:30:00.000Z');
  assert.equal(ownTimes.localToInstant('2026-13-01', '09:00', 'UTC'), null);
  assert.equal(ownTimes.localToInstant('', '09:00', 'UTC'), null);
  const now = Date.parse('2026-12-07T09:00:00Z');
  const checked = ownTimes.checkRows([
    { date: '2026-12-24', from: '09:00', to: '11:00' }, { date: '2026-12-24', from: '10:00', to: '12:00' },
    { date: '2026-12-24', from: '09:00', to: '09:30' }, { date: '2026-12-01', from: '09:00', to: '11:00' },
    { date: '', from: '09:00', to: '11:00' }, { date: '2027-03-01', from: '09:00', to: '11:00' },
    { date: '2026-12-25', from: '20:00', to: '00:00' }], 'Europe/Berlin', 60, now);
  assert.deepEqual(checked.errors, [{ index: 1, code: 'overlap' }, { index: 2, code: 'too_short' }, { index: 3, code: 'over' },
                                    { index: 4, code: 'incomplete' }, { index: 5, code: 'too_far' }]);
  assert.deepEqual(checked.periods, [{ start: '2026-12-24T08:00:00Z', end: '2026-12-24T10:00:00Z' },
                                     { start: '2026-12-25T19:00:00Z', end: '2026-12-25T23:00:00Z' }], '00:00 ends at midnight');
});

test('candidate page: none of the times works — the candidate sends their own, the recruiter sees them', { timeout: 180000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  const key = (await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1];
  const slots = await freeSlots(origin, key);
  const candidate = { id: 'cand-nl-1', name: 'Sanne de Vries', email: 'sanne@candidates.example', time_zone: 'Asia/Tokyo', locale: 'nl' };
  const created = await call(origin, 'POST', '/v1/proposals', { key, body: proposalBody(candidate, [slots[0], slots[4]]),
                                                               idempotencyKey: crypto.randomUUID() });
  assert.equal(created.status, 201, created.text);
  const id = created.json.proposal_id;

  const browser = await launchBrowser();
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 480, height: 900 }, locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => { if (message.type() === 'error' && !/status of 422/.test(message.text())) problems.push(message.text()); });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(created.json.candidate_url);
  await page.waitForSelector('#options input[type=radio]');

  await page.getByRole('button', { name: 'Geen van deze tijden komt mij uit' }).click();
  await page.waitForSelector('#offer-form:not([hidden])');
  assert.match(await page.textContent('#offer-intro'), /60 minuten.*tijdzone/s);
  assert.equal(await page.locator('.offer-row').count(), 1, 'one row to start with, prefilled');
  assert.equal(await page.inputValue('.offer-row input[name=from]'), '09:00');

  // Two days a week ahead, Tokyo wall time (UTC+9 all year).
  const day1 = ownTimes.nextWorkingDay(Date.now() + 7 * 86400000, 'Asia/Tokyo');
  const day2 = ownTimes.nextWorkingDay(Date.parse(day1 + 'T12:00:00+09:00'), 'Asia/Tokyo');
  const row1 = page.locator('.offer-row').nth(0);
  await row1.locator('input[name=date]').fill(day1);
  await row1.locator('input[name=from]').fill('10:00');
  await row1.locator('input[name=to]').fill('10:30');
  await page.getByRole('button', { name: 'Mijn tijden versturen' }).click();
  assert.match(await row1.locator('.row-error').textContent(), /korter dan het gesprek \(60 minuten\)/);
  assert.equal(await row1.locator('input[name=to]').getAttribute('aria-invalid'), 'true');
  assert.equal((await call(origin, 'GET', `/v1/proposals/${id}`, { key })).json.status, 'open', 'nothing was sent');

  await row1.locator('input[name=to]').fill('12:30');
  assert.equal(await row1.locator('.row-error').isHidden(), true, 'the corrected row loses its mark');
  await page.getByRole('button', { name: 'Nog een tijd toevoegen' }).click();
  const row2 = page.locator('.offer-row').nth(1);
  await row2.locator('input[name=date]').fill(day2);
  await row2.locator('input[name=from]').fill('14:00');
  await row2.locator('input[name=to]').fill('17:00');
  await page.getByLabel(/Een bericht voor/).fill('Dinsdag of woensdag past het best.');
  await page.screenshot({ path: path.join(ARTIFACTS, 'candidate-own-times-form.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'axe: the form with an error corrected');
  await page.getByRole('button', { name: 'Mijn tijden versturen' }).click();

  await page.waitForSelector('#offered:not([hidden])', { timeout: 15000 });
  assert.match(await page.textContent('#status'), /Bedankt\. Je tijden zijn naar Lena Fischer verstuurd/);
  assert.equal(await page.locator('#offered-list li').count(), 2);
  assert.match(await page.textContent('#offered-note'), /Dinsdag of woensdag/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'candidate-own-times-sent.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'axe: the times sent');

  // The recruiter's side, in UTC.
  const state = await call(origin, 'GET', `/v1/proposals/${id}`, { key });
  assert.equal(state.json.status, 'declined');
  const utc = (date, time) => new Date(`${date}T${time}:00+09:00`).toISOString().replace('.000Z', 'Z');
  assert.deepEqual(state.json.candidate_availability, [{ start: utc(day1, '10:00'), end: utc(day1, '12:30') },
                                                       { start: utc(day2, '14:00'), end: utc(day2, '17:00') }]);
  assert.equal(state.json.candidate_message, 'Dinsdag of woensdag past het best.');

  // After a reload: what was sent; "change my times" brings the rows back as they were.
  await page.reload();
  await page.waitForSelector('#offered:not([hidden])');
  await page.getByRole('button', { name: 'Mijn tijden wijzigen' }).click();
  await page.waitForSelector('#offer-form:not([hidden])');
  assert.equal(await page.locator('.offer-row').count(), 2);
  assert.equal(await page.locator('.offer-row').nth(1).locator('input[name=from]').inputValue(), '14:00');
  assert.equal(await page.inputValue('#offer-note'), 'Dinsdag of woensdag past het best.');
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await page.waitForSelector('#offer-form', { state: 'hidden' });

  // One of the proposed times works after all.
  await page.locator('#options input[type=radio]:not(:disabled)').first().check();
  await page.getByRole('button', { name: 'Deze tijd bevestigen' }).click();
  await page.waitForSelector('#done:not([hidden])', { timeout: 30000 });
  assert.equal(await page.isHidden('#offered'), true);
  assert.equal((await call(origin, 'GET', `/v1/proposals/${id}`, { key })).json.status, 'picked');
  assert.deepEqual(problems, []);
});
