// Lifecycle webhooks as an ATS receives them, across a crash: a receiver on a loopback port verifies EVERY delivery
// with the `standardwebhooks` npm package (the secret exactly as the tenant configured it), de-duplicates by
// webhook-id and checks that each interview's events arrive in order, exactly once after de-duplication — while the
// server is killed with SIGKILL in the middle of a delivery and restarted on the same database. Interviews are booked,
// rescheduled and cancelled through the product's HTTP API. The first lifecycle delivery is refused with 503 and
// Retry-After, so a retry is part of the run.
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startServer } from '../lib/server.mjs';

const SECRET = `whsec_${crypto.randomBytes(24).toString('base64')}`;

// The ATS: verifies, records, and can hold one delivery unanswered (the server dies while it waits).
function startReceiver() {
  const webhook = new Webhook(SECRET);
  const receiver = {
    deliveries: [],        // { id, type, data } of every verified lifecycle delivery, in arrival order
    emails: 0,             // verified email.send deliveries
    refused: [],           // deliveries that failed verification (must stay empty)
    refusedFirst: false,   // the first lifecycle delivery got 503 + Retry-After
    holdType: 'interview.cancelled',
    onHeld: null,          // resolves when the held delivery arrived
    waiters: [],
  };
  receiver.held = new Promise((resolve) => { receiver.onHeld = resolve; });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let payload;
      try {
        payload = webhook.verify(body, req.headers);
      } catch (error) {
        receiver.refused.push(`${req.headers['webhook-id']}: ${error.message}`);
        res.writeHead(400).end();
        return;
      }
      if (payload.type === 'email.send') {
        receiver.emails += 1;
        res.writeHead(204).end();
        return;
      }
      if (!receiver.refusedFirst) {  // not recorded: the ATS did not take it
        receiver.refusedFirst = true;
        res.writeHead(503, { 'Retry-After': '1' }).end();
        return;
      }
      receiver.deliveries.push({ id: req.headers['webhook-id'], type: payload.type, data: payload.data });
      receiver.waiters = receiver.waiters.filter((check) => !check());
      if (payload.type === receiver.holdType && receiver.onHeld) {
        const release = receiver.onHeld;
        receiver.onHeld = null;
        release();
        return;  // never answered: the sender is killed while waiting
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      receiver.url = `http://127.0.0.1:${server.address().port}/hooks`;
      receiver.close = () => new Promise((done) => { server.closeAllConnections(); server.close(done); });
      resolve(receiver);
    });
  });
}

// Resolves once `check()` holds for the receiver's deliveries (polled on every delivery and every 200 ms).
function until(receiver, check, what, timeout = 60000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(receiver.deliveries)}`)), timeout);
    const poll = setInterval(() => { if (check()) { clearTimeout(timer); clearInterval(poll); resolve(); } }, 200);
    if (check()) { clearTimeout(timer); clearInterval(poll); resolve(); }
  });
}

// The first delivery of each webhook-id, in arrival order.
function deduplicated(deliveries) {
  const seen = new Set();
  return deliveries.filter((d) => (seen.has(d.id) ? false : seen.add(d.id)));
}

function eventsOf(deliveries, interviewId) {
  return deduplicated(deliveries).filter((d) => d.data.interview_id === interviewId);
}

async function serve(dbDir) {
  const server = await startServer({ demo: true, dbDir, env: { SLOTWISE_OUTBOUND_ALLOWED_HOSTS: '127.0.0.1' } });
  const [, key] = await server.waitForOutput(/Demo tenant "kumo" API key: (\S+)/);
  const api = async (method, route, body, idempotencyKey) => {
    const headers = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    const response = await fetch(new URL(route, server.url), { method, headers, body: body && JSON.stringify(body) });
    return { status: response.status, text: await response.text() };
  };
  return { server, api };
}

test('lifecycle webhooks: verified by standardwebhooks, in order per interview, exactly once after de-duplication across kill -9',
  { timeout: 240000 }, async (t) => {
    const receiver = await startReceiver();
    t.after(() => receiver.close());
    const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-lifecycle-'));
    t.after(() => fs.rmSync(dbDir, { recursive: true, force: true }));

    let { server, api } = await serve(dbDir);
    t.after(() => server.stop());
    const configured = await api('PATCH', '/v1/tenant', { ats_webhook_url: receiver.url, ats_webhook_secret: SECRET });
    assert.equal(configured.status, 200, configured.text);

    // Free hours of Jonas the week after next, from the server's own availability.
    const now = Date.now();
    const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
    const availability = await api('POST', '/v1/availability', {
      participants: [{ members: [{ sub: 'jonas.becker@kumo.example' }], required: 'all' }],
      required_duration: { minutes: 60 }, start_interval: { minutes: 60 }, time_zone: 'Europe/Berlin',
      query_periods: [{ start: iso(now + 14 * 86400e3), end: iso(now + 21 * 86400e3) }],
    });
    assert.equal(availability.status, 200, availability.text);
    const slots = JSON.parse(availability.text).available_slots;
    assert.ok(slots.length >= 6, 'Jonas has free hours');
    const book = async (slot, key) => {
      const booked = await api('POST', '/v1/interviews', {
        title: 'Interview', organizer: 'lena.fischer@kumo.example', start: slot.start, end: slot.end,
        interviewers: [{ sub: 'jonas.becker@kumo.example' }],
        candidate: { name: 'Maria Lopez', email: 'maria@candidate.example', time_zone: 'Europe/Berlin' },
        query: { start_interval: { minutes: 60 } },
      }, key);
      assert.equal(booked.status, 201, booked.text);
      return JSON.parse(booked.text).id;
    };
    const a = await book(slots[0], `lifecycle-a-${now}`);
    const b = await book(slots[2], `lifecycle-b-${now}`);
    await until(receiver, () => eventsOf(receiver.deliveries, a).length >= 1 && eventsOf(receiver.deliveries, b).length >= 1,
      'both interviews confirmed');

    // Move A and wait for it to be confirmed again; then cancel it: the ATS holds that delivery unanswered, and the
    // server dies (SIGKILL) while it waits for the answer.
    const moved = await api('PATCH', `/v1/interviews/${a}`, { start: slots[4].start, end: slots[4].end });
    assert.equal(moved.status, 200, moved.text);
    await until(receiver, () => eventsOf(receiver.deliveries, a).length >= 3, 'A moved and confirmed again');
    const cancelledA = await api('DELETE', `/v1/interviews/${a}`, { reason: 'the candidate withdrew' });
    assert.equal(cancelledA.status, 200, cancelledA.text);
    await receiver.held;
    await server.crash();

    // A new process on the same database: it sends the unanswered delivery again, and goes on with new facts.
    ({ server, api } = await serve(dbDir));
    const cancelledB = await api('DELETE', `/v1/interviews/${b}`, { reason: 'position filled' });
    assert.equal(cancelledB.status, 200, cancelledB.text);
    await until(receiver, () => receiver.deliveries.filter((d) => d.type === 'interview.cancelled').length >= 3 &&
      eventsOf(receiver.deliveries, b).length >= 2, 'every event after the restart');

    assert.deepEqual(receiver.refused, [], 'every delivery verifies with the configured secret');
    assert.ok(receiver.refusedFirst, 'the first delivery was refused once and retried');
    assert.ok(receiver.emails > 0, 'email.send deliveries verify with the same library');

    assert.deepEqual(eventsOf(receiver.deliveries, a).map((d) => d.type),
      ['interview.confirmed', 'interview.rescheduled', 'interview.confirmed', 'interview.cancelled']);
    assert.deepEqual(eventsOf(receiver.deliveries, b).map((d) => d.type), ['interview.confirmed', 'interview.cancelled']);

    // The held delivery came again after the restart, with the same webhook-id and body: what de-duplication is for.
    const cancellationsOfA = receiver.deliveries.filter((d) => d.type === 'interview.cancelled' && d.data.interview_id === a);
    assert.equal(cancellationsOfA.length, 2, 'the unanswered delivery was sent again after the restart');
    assert.equal(new Set(cancellationsOfA.map((d) => d.id)).size, 1, 'with the same webhook-id');
    assert.deepEqual(cancellationsOfA[0].data, cancellationsOfA[1].data);

    // In order per interview: in arrival order, each interview's event ids and sequences never go back.
    for (const id of [a, b]) {
      const events = eventsOf(receiver.deliveries, id);
      const numbers = events.map((d) => Number(d.id.replace(/^evt_/, '')));
      assert.deepEqual(numbers, [...numbers].sort((x, y) => x - y), `${id}: ids in order`);
      const sequences = events.map((d) => d.data.sequence);
      assert.deepEqual(sequences, [...sequences].sort((x, y) => x - y), `${id}: sequences in order`);
    }
    assert.equal(eventsOf(receiver.deliveries, a).at(-1).data.reason, 'the candidate withdrew');
    assert.equal(eventsOf(receiver.deliveries, b).at(-1).data.reason, 'position filled');

    // The delivery log agrees: everything delivered, the held event with more than one attempt.
    const log = await api('GET', '/v1/webhook_deliveries?limit=100');
    assert.equal(log.status, 200, log.text);
    const deliveries = JSON.parse(log.text).deliveries;
    const heldId = cancellationsOfA[0].id;
    const heldEntry = deliveries.find((d) => d.id === heldId);
    assert.ok(heldEntry, 'the held event is in the log');
    assert.equal(heldEntry.state, 'delivered');
    for (const d of deliveries) assert.notEqual(d.state, 'dead', JSON.stringify(d));
  });
