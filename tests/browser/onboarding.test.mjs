// Onboarding in real Chromium, driven with the mouse as a person would:
// 1. the recruiter opens the standalone page, opens "Connections" in the bar, connects Google Calendar and Zoom
//    (popup → the provider's consent page → Allow) and reads the function check in words; a sign-in window closed
//    without an outcome gets the provider's known reasons and who fixes them;
// 2. the administrator's page lists them with their state; the administrator connects the Microsoft 365 organisation
//    (sign-in, consent, success page) and makes a connect link for a colleague;
// 3. the colleague (nothing connected yet) opens the link, clicks Connect, consents, and lands on the success page
//    with the check; the administrator's page then lists the colleague's calendar too.
// Screenshots of each step are kept in test-artifacts/ (onboarding-*.png) to look at.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { clickWithMouse, launchBrowser } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import { waitForEvent, watchConsole } from '../lib/widget_page.mjs';

// A provider's (sandbox's) consent page in `popup`: pick `login` when offered, then Allow — with the mouse.
async function consent(popup, login, shot) {
  await popup.waitForSelector('button[value="allow"]');
  if (login && await popup.locator(`select[name="login"] option[value="${login}"]`).count()) {
    await popup.selectOption('select[name="login"]', login);
  }
  if (shot) await popup.screenshot({ path: path.join(ARTIFACTS, shot) });
  await clickWithMouse(popup, 'button[value="allow"]');
}

test('onboarding: connect from the standalone page, see it on the admin page, connect a colleague by link',
     { timeout: 120000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const key = (await server.waitForOutput(/API key: (\S+)/))[1];
  const origin = new URL(server.url).origin;
  const browser = await launchBrowser();
  t.after(() => browser.close());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });

  // ---- 1. the recruiter, on the standalone page ----
  const page = await context.newPage();
  const problems = watchConsole(page);
  await page.goto(server.url);
  await waitForEvent(page, 'ready');
  assert.match(await page.textContent('#slotwise-bar'), /lena\.fischer@kumo\.example/);
  await clickWithMouse(page, '#slotwise-connections-toggle');
  await page.waitForSelector('#sw-connection-list .sw-connection, #sw-connection-list .sw-empty');
  assert.equal(await page.getAttribute('#slotwise-connections-toggle', 'aria-expanded'), 'true');

  for (const [provider, purpose, login] of [['google', 'calendar', 'lena.fischer@kumo.example'],
                                            ['zoom', 'meetings', 'lena.fischer@kumo.example']]) {
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      clickWithMouse(page, `button.sw-connect[data-provider="${provider}"][data-purpose="${purpose}"]`),
    ]);
    await consent(popup, login, `onboarding-consent-${provider}.png`);
    await popup.waitForSelector('#outcome');
    assert.equal(await popup.getAttribute('#outcome', 'data-status'), 'connected', await popup.textContent('body'));
    await page.waitForFunction((p) => /Connected/.test(document.getElementById('sw-connect-status').textContent) &&
                                      document.querySelector(`#sw-connection-list .sw-connection[data-provider="${p}"]`), provider);
    const said = await page.textContent('#sw-connect-status');
    assert.match(said, /Every check passed/, said);
    await popup.close();
  }
  // A sign-in the provider stops on its own page (Zoom's pre-approval, say) ends with the window closed and no outcome:
  // the panel says who must do what.
  const [stopped] = await Promise.all([
    page.waitForEvent('popup'),
    clickWithMouse(page, 'button.sw-connect[data-provider="zoom"][data-purpose="meetings"]'),
  ]);
  await stopped.waitForSelector('button[value="allow"]');
  await stopped.close();
  await page.waitForFunction(() => /pre-approve/.test(document.getElementById('sw-connect-status').textContent));
  assert.match(await page.textContent('#sw-connect-status'), /Zoom account owner or admin must pre-approve Slotwise/);
  assert.match(await page.textContent('#slotwise-connections'), /shared mailbox cannot host them/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'onboarding-zoom-unfinished.png') });

  const zoomRow = page.locator('#sw-connection-list .sw-connection[data-provider="zoom"]');
  assert.match(await zoomRow.textContent(), /Connected, working/);
  assert.ok(await zoomRow.locator('.sw-check.sw-passed').count() >= 1, 'the function check is shown');
  await page.screenshot({ path: path.join(ARTIFACTS, 'onboarding-standalone-connections.png') });
  assert.deepEqual(await axeViolations(page), [], 'axe: the widget page with its connections panel open');
  assert.deepEqual(problems, []);

  // ---- 2. the administrator ----
  // The demo tenant starts with its Microsoft organisation connected; it lets go of it to connect it from the page.
  const api = (method, route) => fetch(`${origin}${route}`, { method, headers: { Authorization: `Bearer ${key}` } });
  assert.equal((await api('DELETE', '/v1/organisation/microsoft')).status, 204);
  const admin = await context.newPage();
  const adminProblems = watchConsole(admin);
  await admin.goto(`${origin}/admin/`);
  const lenaRow = 'tr[data-email="lena.fischer@kumo.example"]';
  await admin.waitForSelector(`${lenaRow} .sw-person-connection[data-provider="zoom"]`);
  assert.match(await admin.textContent(`${lenaRow} .sw-person-connection[data-provider="zoom"]`), /working/);
  assert.match(await admin.textContent(`${lenaRow} .sw-person-connection[data-provider="google"]`), /working/);

  const [consentPopup] = await Promise.all([admin.waitForEvent('popup'), clickWithMouse(admin, '#connect-microsoft')]);
  await consent(consentPopup, 'sanne.devries@kumo-labs.example', 'onboarding-org-sign-in.png');
  await consentPopup.waitForURL(/\/v2\.0\/adminconsent\?/);
  await consent(consentPopup, '', 'onboarding-org-consent.png');
  await consentPopup.waitForSelector('#outcome');
  assert.equal(await consentPopup.getAttribute('#outcome', 'data-status'), 'connected');
  assert.match(await consentPopup.textContent('body'), /kumo-labs\.example/);
  await consentPopup.screenshot({ path: path.join(ARTIFACTS, 'onboarding-org-connected.png') });
  await consentPopup.close();
  await clickWithMouse(admin, '#refresh');
  await admin.waitForFunction(() => document.getElementById('status').textContent === 'Refreshed.');  // both lists re-drawn
  await admin.waitForSelector('[data-organisation="microsoft"]');
  assert.match(await admin.textContent('[data-organisation="microsoft"]'), /Connected, working/);

  // A connect link for a colleague who has nothing connected yet.
  const misakiRow = 'tr[data-email="misaki.suzuki@kumo.example"]';
  assert.match(await admin.textContent(misakiRow), /Nothing connected/);
  await admin.selectOption(`${misakiRow} select`, 'google calendar');
  await clickWithMouse(admin, `${misakiRow} button`);
  await admin.waitForFunction((row) => document.querySelector(row + ' input.sw-link')?.value.includes('/connect?link='), misakiRow);
  const link = await admin.inputValue(`${misakiRow} input.sw-link`);
  await admin.screenshot({ path: path.join(ARTIFACTS, 'onboarding-admin.png'), fullPage: true });
  assert.deepEqual(await axeViolations(admin), [], 'axe: the administrator\'s page');

  // ---- 3. the colleague opens the link (as from the e-mail) ----
  const colleague = await browser.newPage({ viewport: { width: 900, height: 700 } });
  await colleague.goto(link);
  assert.equal(await colleague.getAttribute('#outcome', 'data-status'), 'ready');
  assert.match(await colleague.textContent('body'), /misaki\.suzuki@kumo\.example/);
  assert.match(await colleague.textContent('h1'), /Google Calendar/);
  await colleague.screenshot({ path: path.join(ARTIFACTS, 'onboarding-link-page.png') });
  assert.deepEqual(await axeViolations(colleague), [], 'axe: the connect-by-link page');
  await Promise.all([colleague.waitForURL(/\/google\/o\/oauth2\/v2\/auth\?/), clickWithMouse(colleague, '#connect')]);
  await consent(colleague, 'misaki.suzuki@kumo.example');
  await colleague.waitForSelector('#outcome');
  assert.equal(await colleague.getAttribute('#outcome', 'data-status'), 'connected', await colleague.textContent('body'));
  assert.ok(await colleague.locator('#checks li.passed').count() >= 1, 'the function check, in words');
  await colleague.screenshot({ path: path.join(ARTIFACTS, 'onboarding-link-connected.png') });

  await clickWithMouse(admin, '#refresh');
  await admin.waitForFunction(() => document.getElementById('status').textContent === 'Refreshed.');  // both lists re-drawn
  await admin.waitForSelector(`${misakiRow} .sw-person-connection[data-provider="google"]`);
  assert.match(await admin.textContent(`${misakiRow} .sw-person-connection[data-provider="google"]`), /working/);
  assert.deepEqual(adminProblems, []);
});
