// The npm package @slotwise/embed as an integrator uses it, against `slotwise serve --demo`:
// - it packs (scripts/pack-embed) and its TypeScript types compile a typical page (tests/embed/consumer.ts), refusing
//   what the widget would not understand;
// - on a second origin (a page served here, its origin added to the tenant's allowed origins), the package's React
//   component mounts the widget inline; Slotwise.on delivers events and Slotwise.off stops them while onEvent still
//   gets them; with autoHeight the frame follows the widget's preferred height, also when the page narrows;
// - the popup mode opens the widget in a modal dialog from a button clicked with the mouse, books with the keyboard
//   and closes itself, reporting "closed".
// Screenshots land in test-artifacts/ — look at them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { axeViolations } from '../lib/axe.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { ARTIFACTS, ROOT } from '../lib/paths.mjs';
import { startServer } from '../lib/server.mjs';
import { watchConsole } from '../lib/widget_page.mjs';

fs.mkdirSync(ARTIFACTS, { recursive: true });

// The package as npm would install it: packed, then unpacked into `into`.
function packAndUnpack(into) {
  const tarball = execFileSync(path.join(ROOT, 'scripts', 'pack-embed'), [fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-pack-'))],
                               { encoding: 'utf8' }).trim();
  fs.mkdirSync(into, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', into, '--strip-components=1']);
  return into;
}

test('the package packs, and its types compile an integrator\'s page and refuse mistakes', { timeout: 120000 }, () => {
  const dir = path.join(ROOT, 'build', 'embed-typecheck');
  fs.rmSync(dir, { recursive: true, force: true });
  packAndUnpack(path.join(dir, 'node_modules', '@slotwise', 'embed'));
  fs.copyFileSync(path.join(ROOT, 'tests', 'embed', 'consumer.ts'), path.join(dir, 'consumer.ts'));
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2020', module: 'esnext', moduleResolution: 'bundler',
                       lib: ['dom', 'es2020'], types: [], noUnusedLocals: false },
    files: ['consumer.ts'],
  }));
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
  } catch (error) {
    assert.fail(`tsc: ${error.stdout}${error.stderr}`);
  }
  // The expected errors are real: without the @ts-expect-error marks, tsc reports each of them.
  const loose = fs.readFileSync(path.join(dir, 'consumer.ts'), 'utf8').replace(/\/\/ @ts-expect-error[^\n]*\n/g, '');
  fs.writeFileSync(path.join(dir, 'consumer.ts'), loose);
  let output = '';
  try { execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' }); } catch (error) { output = error.stdout; }
  assert.equal((output.match(/error TS/g) || []).length, 6, `each marked line is refused:\n${output}`);
});

// The integrator's page on its own origin: the package (import map), React from its UMD build, and a token route that
// mints widget tokens server-side with the tenant's API key (as an ATS server does).
function integratorSite(pkg, api, apiKey) {
  const vendor = (file) => path.join(ROOT, 'node_modules', file);
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Integrator page</title><link rel="icon" href="data:,">
<script type="importmap">{"imports": {"@slotwise/embed": "/pkg/index.js", "@slotwise/embed/react": "/pkg/react.js",
  "react": "/vendor/react-shim.js"}}</script>
<script src="/vendor/react.js"></script><script src="/vendor/react-dom.js"></script></head>
<body><main><h1>Candidate: Jane Doe</h1>
<button type="button" id="open-popup">Schedule in a popup</button>
<div id="inline"></div></main>
<script type="module" src="/app.mjs"></script></body></html>`;
  const app = `import Slotwise from '@slotwise/embed';
import { SlotwiseWidget } from '@slotwise/embed/react';
import { createElement } from 'react';
const backend = ${JSON.stringify(new URL(api).origin)};
const token = () => fetch('/token', { method: 'POST' }).then((r) => r.json()).then((t) => t.token);
const interview = { title: 'Interview: Jane Doe', organizer: 'lena.fischer@kumo.example',
  candidate: { id: 'pkg-jane', name: 'Jane Doe', email: 'jane.doe@candidates.example', time_zone: 'America/New_York' } };
window.onEvents = [];
window.globalEvents = [];
window.record = (detail, { type, widget }) => window.globalEvents.push({ type, detail, popup: Boolean(widget.element.closest('dialog')) });
for (const type of ['ready', 'slot_selected', 'booked', 'resize', 'closed']) Slotwise.on(type, window.record);
window.SlotwiseApi = Slotwise;
ReactDOM.createRoot(document.getElementById('inline')).render(createElement(SlotwiseWidget, {
  backend, token, interview, autoHeight: true, onEvent: (event) => window.onEvents.push(event) }));
document.getElementById('open-popup').addEventListener('click', () => {
  window.popupHandle = Slotwise.popup({ backend, token, interview, closeDelayMs: 800 });
});`;
  // The script-tag way with `async`: calls queued through the one-line stub before the script has loaded.
  const asyncPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Async embed</title>
<link rel="icon" href="data:,"></head><body><main><h1>Async</h1><div id="queued" style="height:700px"></div></main>
<script src="/async-stub.js"></script><script async src="${new URL(api).origin}/embed/slotwise.js"></script></body></html>`;
  const asyncStub = `window.Slotwise = window.Slotwise || function () { (Slotwise.q = Slotwise.q || []).push(arguments); };
window.queuedEvents = [];
Slotwise('on', 'ready', (detail) => window.queuedEvents.push({ type: 'ready', detail }));
fetch('/token', { method: 'POST' }).then((r) => r.json()).then((t) => {
  Slotwise('mount', document.getElementById('queued'), { backend: ${JSON.stringify(new URL(api).origin)}, token: t.token });
});`;
  const shim = 'const R = window.React; export default R; export const { createElement, useEffect, useRef, useState } = R;';
  const files = {
    '/': ['text/html', page], '/app.mjs': ['text/javascript', app], '/vendor/react-shim.js': ['text/javascript', shim],
    '/async.html': ['text/html', asyncPage], '/async-stub.js': ['text/javascript', asyncStub],
    '/vendor/react.js': ['text/javascript', fs.readFileSync(vendor('react/umd/react.development.js'))],
    '/vendor/react-dom.js': ['text/javascript', fs.readFileSync(vendor('react-dom/umd/react-dom.development.js'))],
  };
  for (const file of fs.readdirSync(pkg)) files['/pkg/' + file] = ['text/javascript', fs.readFileSync(path.join(pkg, file))];
  const server = http.createServer(async (req, res) => {
    if (req.method === 'POST' && req.url === '/token') {
      const minted = await fetch(new URL('/v1/widget_tokens', api), {
        method: 'POST', headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: 'lena.fischer@kumo.example', ttl_seconds: 900,
                               scopes: ['availability:read', 'interviews:read', 'interviews:write', 'connections:manage'] }),
      });
      res.writeHead(minted.status, { 'Content-Type': 'application/json' });
      return res.end(await minted.text());
    }
    const file = files[req.url.split('?')[0]];
    if (!file) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { 'Content-Type': file[0] });
    res.end(file[1]);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) })));
}

async function setUp(t) {
  const server = await startServer({ demo: true });
  t.after(() => server.stop());
  const apiKey = (await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1];
  const pkg = packAndUnpack(fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-pkg-')));
  const site = await integratorSite(pkg, server.url, apiKey);
  t.after(() => site.close());
  // The integrator's origin joins the tenant's allowed origins (its frame-ancestors).
  const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
  const tenant = await (await fetch(new URL('/v1/tenant', server.url), { headers })).json();
  const patched = await fetch(new URL('/v1/tenant', server.url), {
    method: 'PATCH', headers, body: JSON.stringify({ allowed_origins: [...(tenant.allowed_origins || []), site.origin] }) });
  assert.equal(patched.status, 200, await patched.text());
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems = watchConsole(page, { allow: /status of 400 \(Bad Request\)|Download the React DevTools/ });
  await page.goto(site.origin + '/');
  return { server, site, page, problems };
}

const globalCount = (page, type, popup = false) =>
  page.evaluate(([t, p]) => window.globalEvents.filter((e) => e.type === t && e.popup === p).length, [type, popup]);

test('React component on a second origin: Slotwise.on / off, onEvent, auto-height', { timeout: 180000 }, async (t) => {
  const { page, problems } = await setUp(t);
  await page.waitForFunction(() => window.globalEvents.some((e) => e.type === 'ready' && !e.popup), null, { timeout: 30000 });
  const frame = page.locator('#inline iframe');
  // Auto-height: the frame is as tall as the widget's last preferred height.
  const heightFollows = async () => {
    await page.waitForFunction(() => {
      const last = window.globalEvents.filter((e) => e.type === 'resize' && !e.popup).pop();
      const iframe = document.querySelector('#inline iframe');
      return last && Math.abs(iframe.getBoundingClientRect().height - Math.max(320, last.detail.height)) < 1.5;
    }, null, { timeout: 15000 });
    return (await frame.boundingBox()).height;
  };
  const wide = await heightFollows();
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-react-inline.png'), fullPage: true });
  // Narrow, the panel becomes a drawer under the grid, closed at first: the widget grows by the drawer's bar (and the
  // toolbar's wrapped lines); opened, by the panel as well.
  await page.setViewportSize({ width: 820, height: 900 });
  await page.waitForTimeout(800);
  const narrow = await heightFollows();
  assert.ok(narrow > wide + 20, `the frame grew with the widget (${wide} → ${narrow} px)`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-react-inline-narrow.png'), fullPage: true });
  const bar = page.frameLocator('#inline iframe').locator('#slotwise-semantics button[aria-expanded]');
  await bar.waitFor({ state: 'attached', timeout: 15000 });
  assert.equal(await bar.getAttribute('aria-expanded'), 'false');
  await bar.scrollIntoViewIfNeeded();
  const barBox = await bar.boundingBox();
  await page.mouse.move(barBox.x + barBox.width / 2, barBox.y + barBox.height / 2);
  await page.waitForTimeout(150);
  await page.mouse.down();
  await page.waitForTimeout(80);
  await page.mouse.up();
  for (let i = 0; i < 50 && await bar.getAttribute('aria-expanded') !== 'true'; ++i) await page.waitForTimeout(200);
  assert.equal(await bar.getAttribute('aria-expanded'), 'true');
  await page.waitForTimeout(800);
  const opened = await heightFollows();
  assert.ok(opened > narrow + 100, `the frame grew with the open drawer (${narrow} → ${opened} px)`);
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-react-inline-narrow-open.png'), fullPage: true });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(800);

  // on: a time clicked in the grid reaches the page's listener; off: the next one does not (onEvent still does).
  const box = await frame.boundingBox();
  const clickGrid = async (dx) => {
    await page.mouse.move(box.x + box.width * 0.3 + dx, box.y + 260);
    await page.waitForTimeout(150);
    await page.mouse.down();
    await page.waitForTimeout(80);
    await page.mouse.up();
  };
  await clickGrid(0);
  await page.waitForFunction(() => window.globalEvents.some((e) => e.type === 'slot_selected'), null, { timeout: 15000 });
  assert.equal(await globalCount(page, 'slot_selected'), 1);
  await page.evaluate(() => window.SlotwiseApi.off('slot_selected', window.record));
  await clickGrid(60);
  await page.waitForFunction(() => window.onEvents.filter((e) => e.type === 'slot_selected').length === 2, null, { timeout: 15000 });
  await page.waitForTimeout(300);
  assert.equal(await globalCount(page, 'slot_selected'), 1, 'off: the listener hears nothing more');
  assert.deepEqual(problems, []);
});

test('popup mode: opened with the mouse, booked with the keyboard, closed by itself', { timeout: 180000 }, async (t) => {
  const { page, server, problems } = await setUp(t);
  await page.waitForFunction(() => window.globalEvents.some((e) => e.type === 'ready' && !e.popup), null, { timeout: 30000 });
  const button = await page.locator('#open-popup').boundingBox();
  await page.mouse.move(button.x + button.width / 2, button.y + button.height / 2);
  await page.waitForTimeout(100);
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForFunction(() => window.globalEvents.some((e) => e.type === 'ready' && e.popup), null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.querySelector('dialog').open), true, 'a modal dialog');
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(ARTIFACTS, 'embed-popup.png') });
  assert.deepEqual(await axeViolations(page), [], 'axe: the page with the popup open');
  // The popup took the keyboard on "ready": J picks the first suggestion, Enter books it.
  await page.keyboard.press('j');
  await page.waitForFunction(() => window.globalEvents.some((e) => e.type === 'slot_selected' && e.popup && e.detail.available));
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.globalEvents.some((e) => e.type === 'booked' && e.popup), null, { timeout: 60000 });
  const booked = await page.evaluate(() => window.globalEvents.find((e) => e.type === 'booked').detail);
  await page.waitForFunction(() => window.globalEvents.some((e) => e.type === 'closed') && !document.querySelector('dialog'),
                             null, { timeout: 10000 });
  const interview = await (await fetch(new URL(`/v1/interviews/${booked.interview_id}`, server.url), {
    headers: { Authorization: `Bearer ${(await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1]}` } })).json();
  assert.ok(['confirmed', 'pending'].includes(interview.status), `the booking exists (${interview.status})`);
  assert.equal(await globalCount(page, 'booked', false), 0, 'the inline widget booked nothing');
  assert.deepEqual(problems, []);
});

test('the script tag with async: calls queued before it loads run once it is there', { timeout: 120000 }, async (t) => {
  const { page, site, problems } = await setUp(t);
  await page.goto(site.origin + '/async.html');
  await page.waitForFunction(() => window.queuedEvents.some((e) => e.type === 'ready'), null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => typeof window.Slotwise === 'function' && typeof window.Slotwise.mount), 'function');
  assert.equal(await page.locator('#queued iframe').count(), 1, 'the queued mount made the widget');
  assert.deepEqual(problems, []);
});
