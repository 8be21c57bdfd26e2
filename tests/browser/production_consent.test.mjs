// Two customer companies connect their Microsoft 365 organisations to one production-style deployment, each
// administrator clicking through the real admin-consent round trip in Chromium with the mouse. The server runs as a
// vendor runs it — a configuration file with the vendor's own multi-tenant registration, no --demo, the real endpoint
// set — and only its base URLs point at the sandbox (--sandbox-url). Each tenant ends up with exactly its own
// Microsoft tenant and domains, and cannot add the other customer's people. Screenshots in
// test-artifacts/ (production-consent-*.png).
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS } from '../lib/paths.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { startSandbox } from '../lib/sandbox.mjs';
import { startServer } from '../lib/server.mjs';

const CUSTOMERS = [
  { tenant: 'acme', microsoft: 'aaaa0000-0000-4000-8000-0000000ac3e0', domain: 'acme-corp.example', admin: 'carl@acme-corp.example' },
  { tenant: 'globex', microsoft: 'bbbb0000-0000-4000-8000-000000091b3c', domain: 'globex-corp.example', admin: 'ivy@globex-corp.example' },
];
const CLIENT = { id: '0e5f0000-0000-4000-8000-00000000a991', secret: 'vendor-ms-secret' };

async function clickAllow(page) {
  const box = await page.locator('button[value="allow"]').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

test('production configuration: two customers each connect their own Microsoft 365 organisation in Chromium',
     { timeout: 90000 }, async (t) => {
  const sandbox = await startSandbox({ empty: true });
  t.after(() => sandbox.stop());
  await sandbox.seed({
    tenants: CUSTOMERS.map((c) => ({ id: c.microsoft, domain: c.domain, name: c.tenant })),
    users: CUSTOMERS.map((c) => ({ provider: 'microsoft', email: c.admin, name: c.admin.split('@')[0] })),
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-production-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const adminKey = 'vendor-admin-key-' + crypto.randomBytes(12).toString('hex');
  const config = path.join(dir, 'slotwise.json');
  fs.writeFileSync(config, JSON.stringify({
    admin: { api_key_hash: crypto.createHash('sha256').update(adminKey).digest('hex') },
    providers: { microsoft: { client_id: CLIENT.id, client_secret: CLIENT.secret } },
    org_access: { microsoft_app_only: true },
  }));
  const server = await startServer({
    demo: false,
    extraArgs: ['--config', config, '--sandbox-url', sandbox.root],
    env: { SLOTWISE_TOKEN_KEYS: 'k1:' + crypto.randomBytes(32).toString('base64') },
  });
  t.after(() => server.stop());
  const origin = new URL(server.url).origin;
  // The vendor registered its one redirect URI (as in the Entra admin centre).
  await sandbox.admin('POST', '/sandbox/clients', { provider: 'microsoft', client_id: CLIENT.id, client_secret: CLIENT.secret,
                                                    redirect_uris: [`${origin}/oauth/microsoft/callback`] });
  const call = async (key, method, route, body) => {
    const response = await fetch(origin + route, {
      method, headers: { Authorization: `Bearer ${key}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  for (const customer of CUSTOMERS) {
    const created = await call(adminKey, 'POST', '/v1/tenants',
                               { id: customer.tenant, name: customer.tenant, time_zone: 'UTC', calendar_provider: 'microsoft' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const key = await call(adminKey, 'POST', `/v1/tenants/${customer.tenant}/api_keys`, { label: 'ats' });
    assert.equal(key.status, 201);
    customer.key = key.body.api_key;
  }

  const browser = await launchBrowser();
  t.after(() => browser.close());
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const customer of CUSTOMERS) {
    const link = await call(customer.key, 'POST', '/v1/organisation/microsoft/consent');
    assert.equal(link.status, 201);
    assert.ok(link.body.url.startsWith(`${sandbox.root}/microsoft/organizations/oauth2/v2.0/authorize?`),
              'the real endpoint set\'s path (authority "organizations"), under the sandbox root');
    const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
    await page.goto(link.body.url);
    await page.selectOption('select[name="login"]', customer.admin);
    await Promise.all([page.waitForURL(/\/v2\.0\/adminconsent\?/), clickAllow(page)]);
    assert.ok(page.url().includes(`/microsoft/${customer.microsoft}/v2.0/adminconsent?`), 'the consent page of exactly their organisation');
    await page.screenshot({ path: path.join(ARTIFACTS, `production-consent-${customer.tenant}.png`) });
    await Promise.all([page.waitForURL(/\/oauth\/microsoft\/callback\?/), clickAllow(page)]);
    await page.waitForSelector('#outcome');
    assert.equal(await page.getAttribute('#outcome', 'data-status'), 'connected', await page.textContent('body'));
    assert.match(await page.textContent('body'), new RegExp(customer.domain.replace('.', '\\.')));
    await page.screenshot({ path: path.join(ARTIFACTS, `production-consent-${customer.tenant}-done.png`) });
    await page.close();
  }

  for (const customer of CUSTOMERS) {
    const organisation = await call(customer.key, 'GET', '/v1/organisation');
    const microsoft = organisation.body.connections.find((c) => c.provider === 'microsoft');
    assert.equal(microsoft.status, 'active');
    assert.equal(microsoft.microsoft_tenant_id, customer.microsoft);
    assert.deepEqual(microsoft.domains, [customer.domain]);
    // A person of the other customer's organisation is not this tenant's to add.
    const other = CUSTOMERS.find((c) => c !== customer);
    const refused = await call(customer.key, 'PUT', `/v1/people/${other.admin}`, { name: 'x', time_zone: 'UTC', roles: ['interviewer'] });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'domain_not_verified');
  }
});
