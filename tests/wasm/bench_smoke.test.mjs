// scripts/bench --smoke runs every benchmark section once (native and WebAssembly engine, the JavaScript peers, the
// union series, the backend under wrk) and its cross-checks hold: every contender whose semantics match native Slotwise
// returns the same slot count and checksum, every slot the other peers return is
// an allowed start under docs/ENGINE.md rules,
// and the backend answered only 200 (availability) / 201 (bookings) and confirmed every booking it accepted.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/paths.mjs';

// On a loaded 2-core machine (a second build beside it) the smoke run was killed at the old 110 s limit: the limit
// leaves room for that, as the test is about answers, not speed.
test('bench: scripts/bench --smoke cross-checks every contender and exits 0', { timeout: 260000 }, () => {
  const resultsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-bench-')), 'results.jsonl');
  const run = spawnSync(path.join(ROOT, 'scripts', 'bench'), ['--smoke', '--no-build', '--results', resultsFile],
    { encoding: 'utf8', timeout: 240000 });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 0, output);
  assert.match(run.stdout, /cross-check: OK/);

  const results = fs.readFileSync(resultsFile, 'utf8')
    .split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const solve = (workload, contender) => results.find((r) => r.section === 'solve' && r.phase === 'solve' &&
    r.workload === workload && r.contender?.startsWith(contender));
  for (const workload of ['S1', 'S2', 'S3', 'L']) {
    const native = solve(workload, 'slotwise native');
    assert.ok(native, `${workload}: native result`);
    for (const contender of ['slotwise wasm', 'tuned JS sweep', ...(workload === 'L' ? [] : ['intervals-fn'])]) {
      const other = solve(workload, contender);
      assert.ok(other, `${workload}: ${contender} result`);
      assert.deepEqual([other.count, other.checksum], [native.count, native.checksum], `${workload}: ${contender}`);
    }
  }
  // The workloads are not degenerate: S2 and S3 have slots (S3 more than max_results), and S1 is timed in µs.
  assert.ok(solve('S2', 'slotwise native').count > 50);
  assert.equal(solve('S3', 'slotwise native').count, 512);
  for (const peer of ['slot-calculator', 'time-slots-finder']) {
    const rows = results.filter((r) => r.contender?.startsWith(peer) && !r.skipped);
    for (const r of rows) assert.equal(r.check.invalid, 0, `${peer} ${r.workload}: slots breaking docs/ENGINE.md rules`);
  }
  const unionNative = results.filter((r) => r.section === 'union' && r.contender === 'slotwise native');
  assert.ok(unionNative.length >= 5, 'union series ran');
  // The interview-loop section: every ranking mode, native and WebAssembly agree, and the workload has loops.
  const loops = results.filter((r) => r.section === 'loops');
  const loopsNative = loops.filter((r) => r.contender === 'slotwise native');
  assert.equal(loopsNative.length, 4, 'loop section ran for every ranking mode');
  for (const native of loopsNative) {
    assert.ok(native.count > 100 && !native.capped, `${native.workload}: ${native.count} loops`);
    const wasm = loops.find((r) => r.workload === native.workload && r.contender === 'slotwise wasm');
    assert.ok(wasm, `${native.workload}: wasm result`);
    assert.deepEqual([wasm.count, wasm.checksum], [native.count, native.checksum], `${native.workload}: wasm`);
  }
  // The free/busy section: the concurrent and the sequential fetch both ran (and answered alike: the bench checks).
  const freebusy = results.find((r) => r.section === 'freebusy');
  assert.ok(freebusy && freebusy.sequential_ms > 0 && freebusy.parallel_ms > 0, 'free/busy fetch measured');
  // The backend section: the server answered the availability and booking runs, and the outbox confirmed every booking.
  const backend = (step) => results.find((r) => r.section === 'backend' && r.step === step);
  for (const step of ['prepare', 'availability', 'booking', 'drain']) assert.ok(backend(step), `backend ${step} ran`);
  assert.ok(backend('prepare').participants >= 20 && backend('prepare').slots > 0, 'backend workload has slots');
  assert.deepEqual(Object.keys(backend('availability').statuses), ['200'], 'availability answered only 200');
  assert.deepEqual(Object.keys(backend('booking').statuses), ['201'], 'bookings answered only 201');
  // Every interview ended confirmed (none failed or pending); wrk's count of 201s can be lower than the number of
  // interviews, since bookings still in flight when a wrk run stops are committed but not counted.
  assert.deepEqual(Object.keys(backend('drain').statuses), ['confirmed'], 'every booking confirmed');
  assert.ok(backend('drain').statuses.confirmed >= backend('booking').statuses['201'], 'no accepted booking missing');
});
