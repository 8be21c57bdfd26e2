// Connecting a Zoom account the way the widget will: a top-level popup opened from the Slotwise page goes to
// /oauth/zoom/start, the provider's (sandbox's) consent page is clicked through in real Chromium, and the callback
// page reports to its opener with postMessage to the exact origin. Screenshots of the consent page and the result are
// kept in test-artifacts/ for a person to look at.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser } from '../lib/browser.mjs';

test('connect: the popup flow through the sandbox consent page ends in a postMessage to the exact origin',
     { timeout: 60000 }, async (t) => {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  const page = await browser.newPage({ viewport: { width: 1024, height: 640 } });
  await page.goto(server.url);
  const origin = new URL(server.url).origin;
  await page.evaluate(() => {
    window.slotwiseMessages = [];
    window.addEventListener('message', (event) => window.slotwiseMessages.push({ origin: event.origin, data: event.data }));
  });

  // The page holds a widget token (the demo hands one out); the start URL, with a short-lived ticket naming the
  // user, comes from POST /v1/connections/start — a popup cannot send the token itself.
  const { token } = await (await fetch(`${origin}/v1/demo/widget_token`)).json();
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Origin: origin };
  const link = await fetch(`${origin}/v1/connections/start`, {
    method: 'POST', headers: auth,
    body: JSON.stringify({ provider: 'zoom', return_origin: origin, login_hint: 'lena.fischer@kumo.example' }),
  });
  assert.equal(link.status, 201);
  const start = (await link.json()).url;
  assert.match(start, /\/oauth\/zoom\/start\?ticket=/);
  assert.doesNotMatch(start, /user=/, 'the user comes from the ticket, not from the URL');
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.evaluate((url) => { window.open(url, 'slotwise-connect', 'width=520,height=640'); }, start),
  ]);
  await popup.waitForLoadState();
  assert.match(popup.url(), /\/zoom\/oauth\/authorize\?/, 'the popup is at the provider (sandbox) authorize page');
  assert.match(popup.url(), /code_challenge_method=S256/);
  await popup.screenshot({ path: path.join(ARTIFACTS, 'connect-consent-page.png') });

  await Promise.all([popup.waitForURL(/\/oauth\/zoom\/callback\?/), popup.click('button[value="allow"]')]);
  await popup.waitForSelector('#outcome');
  assert.equal(await popup.getAttribute('#outcome', 'data-status'), 'connected');
  await popup.screenshot({ path: path.join(ARTIFACTS, 'connect-callback-page.png') });

  await page.waitForFunction(() => window.slotwiseMessages.length > 0, null, { timeout: 5000 });
  const messages = await page.evaluate(() => window.slotwiseMessages);
  assert.equal(messages.length, 1);
  assert.equal(messages[0].origin, origin, 'the message comes from the Slotwise origin');
  assert.equal(messages[0].data.type, 'slotwise:connection');
  assert.equal(messages[0].data.provider, 'zoom');
  assert.equal(messages[0].data.connection.status, 'active');
  assert.equal(messages[0].data.connection.account_email, 'lena.fischer@kumo.example');
  assert.doesNotMatch(JSON.stringify(messages[0].data), /token|secret/i, 'no token or secret reaches the page');

  const listed = await (await fetch(`${origin}/v1/connections`, { headers: auth })).json();
  assert.deepEqual(listed.connections.map((c) => [c.provider, c.status, c.user]),
                   [['zoom', 'active', 'lena.fischer@kumo.example']]);
  const anonymous = await fetch(`${origin}/v1/connections?user=lena.fischer@kumo.example`);
  assert.equal(anonymous.status, 401, 'without credentials nobody lists anyone\'s connections');
});
