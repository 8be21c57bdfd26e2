// The administrator's "Daily updates to Teams" panel in real Chromium, with the mouse, against the demo as a customer
// uses it: the HR system has imported the org units (API key); no Microsoft 365 account is connected for Teams posts,
// and the panel says how to connect one; the administrator makes a connect link for Anna ("Microsoft Teams daily
// updates"), Anna connects; after Refresh the panel picks her account, an office, the team and a channel from the Graph
// lists (the private channel listed, not pickable), adds the daily update — listed with the team's and channel's
// names — and deletes it. An add refused by the API shows the API's sentence next to the button. axe on the page.
// Screenshots: test-artifacts/admin-daily-updates*.png.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { clickWithMouse, launchBrowser } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { watchConsole } from '../lib/widget_page.mjs';

const ANNA = 'anna.schmidt@kumo-labs.example';
const TEAM = 'b8f2c3a1-0000-4000-8000-00000000d3a0';  // the sandbox demo organisation's "Kumo Recruiting"
const HIRING = '19:hiring-updates@thread.tacv2';
const PRIVATE = '19:hr-confidential@thread.tacv2';

test('admin daily updates: connect an account by link, pick unit, team and channel, add, list, delete',
     { timeout: 120000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const key = (await server.waitForOutput(/API key: (\S+)/))[1];
  const origin = new URL(server.url).origin;
  const api = async (method, route, body) => {
    const response = await fetch(`${origin}${route}`, {
      method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  };
  // What the customer's HR system does: it imports the org units.
  const imported = await api('PUT', '/v1/hr/org_units', { org_units: [
    { kind: 'office', name: 'Berlin' }, { kind: 'department', name: 'Recruiting' }, { kind: 'team', name: 'Sourcing' }] });
  assert.equal(imported.status, 200, JSON.stringify(imported.body));

  const browser = await launchBrowser();
  t.after(() => browser.close());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  // The one refused add below answers 422, which Chromium logs as a failed resource.
  const problems = watchConsole(page, { allow: /status of 422 \(Unprocessable (Entity|Content)\)/ });
  await page.goto(`${origin}/admin/`);

  // No account connected for Teams posts yet: the panel says how to connect one, and offers no form.
  await page.waitForFunction(() => /No Microsoft 365 account is connected/.test(document.getElementById('daily-note').textContent));
  assert.match(await page.textContent('#daily-note'), /Microsoft Teams daily updates/);
  assert.equal(await page.isVisible('#daily-form'), false);
  assert.match(await page.textContent('#daily-rows'), /No daily updates yet/);

  // The administrator makes Anna a connect link for Teams daily updates; she opens it and connects.
  const annaRow = `tr[data-email="${ANNA}"]`;
  await page.selectOption(`${annaRow} select`, 'microsoft hr_posting');
  await clickWithMouse(page, `${annaRow} button`);
  await page.waitForFunction((row) => document.querySelector(row + ' input.sw-link')?.value.includes('/connect?link='), annaRow);
  const link = await page.inputValue(`${annaRow} input.sw-link`);
  const anna = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await anna.goto(link);
  assert.match(await anna.textContent('body'), /Microsoft Teams \(HR channel posts\)/);
  await Promise.all([anna.waitForURL(/\/microsoft\//), clickWithMouse(anna, '#connect')]);
  await anna.waitForSelector('button[value="allow"]');
  if (await anna.locator(`select[name="login"] option[value="${ANNA}"]`).count()) await anna.selectOption('select[name="login"]', ANNA);
  await clickWithMouse(anna, 'button[value="allow"]');
  await anna.waitForSelector('#outcome');
  assert.equal(await anna.getAttribute('#outcome', 'data-status'), 'connected', await anna.textContent('body'));
  await anna.close();

  // Refresh: her account, the org units, the team and its channels are offered.
  await clickWithMouse(page, '#refresh');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'Refreshed.');
  await page.waitForSelector('#daily-form:not([hidden])');
  assert.match(await page.textContent('#daily-connection'), new RegExp(ANNA.replace(/\./g, '\\.')));
  assert.deepEqual(await page.$$eval('#daily-unit option', (o) => o.map((x) => x.textContent)),
                   ['Office Berlin', 'Department Recruiting', 'Team Sourcing']);
  assert.equal(await page.inputValue('#daily-team'), TEAM);
  assert.equal(await page.textContent('#daily-team option:checked'), 'Kumo Recruiting');
  assert.equal(await page.getAttribute(`#daily-channel option[value="${PRIVATE}"]`, 'disabled'), '');
  assert.match(await page.textContent(`#daily-channel option[value="${PRIVATE}"]`), /private: daily updates go to standard channels only/);
  assert.equal(await page.inputValue('#daily-zone'), 'Europe/Berlin');

  await page.selectOption('#daily-unit', { label: 'Office Berlin' });
  await page.selectOption('#daily-team', TEAM);
  await page.selectOption('#daily-channel', HIRING);
  await page.selectOption('#daily-language', 'de');
  await clickWithMouse(page, '#daily-add');
  await page.waitForSelector('#daily-rows tr[data-mapping]');
  const status = await page.textContent('#daily-result');
  assert.equal(status, 'Daily update added: Office Berlin to Kumo Recruiting \u203a Hiring Updates at 09:00 Europe/Berlin.');
  const row = await page.textContent('#daily-rows tr[data-mapping]');
  assert.match(row, /Office Berlin/);
  assert.match(row, /Kumo Recruiting \u203a Hiring Updates/);
  assert.match(row, /09:00 Europe\/Berlin/);
  assert.match(row, new RegExp(ANNA.replace(/\./g, '\\.')));
  // What the page made is the tenant's mapping, as the API key reads it.
  const listed = await api('GET', '/v1/hr/channel_mappings');
  assert.equal(listed.body.channel_mappings.length, 1);
  const made = listed.body.channel_mappings[0];
  assert.deepEqual(made.unit, { kind: 'office', name: 'Berlin' });
  assert.equal(made.target.team_id, TEAM);
  assert.equal(made.target.channel_id, HIRING);
  assert.equal(made.language, 'de');
  await page.locator('#daily-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-daily-updates.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), []);

  // Delete it.
  await clickWithMouse(page, `#daily-rows tr[data-mapping="${made.id}"] button`);
  await page.waitForFunction(() => /No daily updates yet/.test(document.getElementById('daily-rows').textContent));
  assert.match(await page.textContent('#daily-result'), /The daily update of Office Berlin to Kumo Recruiting › Hiring Updates is deleted\./);
  assert.equal((await api('GET', '/v1/hr/channel_mappings')).body.channel_mappings.length, 0);

  // Anna's account is disconnected meanwhile: the add is refused, in the API's words.
  const annaToken = await api('POST', '/v1/widget_tokens', { user: ANNA, scopes: ['connections:manage'] });
  const gone = await fetch(`${origin}/v1/connections/${encodeURIComponent(made.target.connection_id)}`,
                           { method: 'DELETE', headers: { Authorization: `Bearer ${annaToken.body.token}` } });
  assert.equal(gone.status, 204);
  await clickWithMouse(page, '#daily-add');
  await page.waitForFunction(() => /is not a Microsoft connection of this tenant/.test(document.getElementById('daily-result').textContent));
  assert.match(await page.getAttribute('#daily-result', 'class'), /sw-error/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'admin-daily-updates-refused.png') });
  assert.deepEqual(problems, []);
});
