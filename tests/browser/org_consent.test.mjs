// A customer's Microsoft 365 administrator connects the organisation in real Chromium: the tenant asks Slotwise for
// the admin-consent link (POST /v1/organisation/microsoft/consent), the administrator opens it, signs in (picks their
// account, clicks Allow with the mouse), is sent on to the consent page of exactly that organisation, clicks Allow,
// and lands on Slotwise's page saying what was connected; the tenant's organisation connection is then active and
// checked. Screenshots of the sign-in, the consent page and the result are kept in test-artifacts/ to look at.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';

test('organisation: the Microsoft admin consent, clicked through in Chromium, connects the organisation',
     { timeout: 60000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const key = (await server.waitForOutput(/API key: (\S+)/))[1];
  const origin = new URL(server.url).origin;
  const api = (method, route) => fetch(`${origin}${route}`, { method, headers: { Authorization: `Bearer ${key}` } });

  // The demo tenant starts connected; it lets go of its Microsoft organisation to connect it again as a customer would.
  assert.equal((await api('DELETE', '/v1/organisation/microsoft')).status, 204);
  const link = await api('POST', '/v1/organisation/microsoft/consent');
  assert.equal(link.status, 201);
  const { url } = await link.json();
  assert.match(url, /\/oauth2\/v2\.0\/authorize\?/, 'first the administrator signs in (OpenID, PKCE)');

  const browser = await launchBrowser();
  t.after(() => browser.close());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
  const clickAllow = async () => {
    const allow = await page.locator('button[value="allow"]').boundingBox();
    await page.mouse.click(allow.x + allow.width / 2, allow.y + allow.height / 2);
  };
  await page.goto(url);
  await page.selectOption('select[name="login"]', 'sanne.devries@kumo-labs.example');
  await page.screenshot({ path: path.join(ARTIFACTS, 'org-consent-sign-in.png') });
  // Signed in, Slotwise sends the administrator on to the consent page of exactly their organisation.
  await Promise.all([page.waitForURL(/\/v2\.0\/adminconsent\?/), clickAllow()]);
  assert.match(page.url(), /\/microsoft\/7d3e1f00-0000-4000-8000-00000000c0de\/v2\.0\/adminconsent\?/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'org-consent-page.png') });
  await Promise.all([page.waitForURL(/\/oauth\/microsoft\/callback\?.*admin_consent/), clickAllow()]);
  await page.waitForSelector('#outcome');
  assert.equal(await page.getAttribute('#outcome', 'data-status'), 'connected');
  const text = await page.textContent('body');
  assert.match(text, /kumo-labs\.example/, 'the page names the verified domain');
  assert.doesNotMatch(text, /token|secret/i);
  await page.screenshot({ path: path.join(ARTIFACTS, 'org-consent-result.png') });

  const organisation = await (await api('GET', '/v1/organisation')).json();
  const microsoft = organisation.connections.find((c) => c.provider === 'microsoft');
  assert.equal(microsoft.status, 'active');
  assert.equal(microsoft.check.ok, true);
  assert.ok(microsoft.domains.includes('kumo-labs.example'));

  // The state is single-use: the same callback again is refused, and nothing changes.
  const again = await page.goto(page.url());
  assert.equal(again.status(), 400);
});
