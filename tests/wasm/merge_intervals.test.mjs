// The vertical slice's shared function (interval union) gives byte-identical answers in the WebAssembly build under
// node and in the native build, on a fixed-seed random corpus including malformed requests.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadWasmEngine, nativeBatch } from '../lib/engine.mjs';
import { mulberry32 } from '../lib/random.mjs';

function randomRequest(random) {
  const base = Date.UTC(2026, 11, 1) / 1000;
  const intervals = [];
  const count = Math.floor(random() * 30);
  for (let i = 0; i < count; ++i) {
    const start = base + Math.floor(random() * 2880) * 60;
    const end = start + (1 + Math.floor(random() * 180)) * 60;
    intervals.push({ start: new Date(start * 1000).toISOString().replace('.000Z', 'Z'),
                     end: new Date(end * 1000).toISOString().replace('.000Z', 'Z') });
  }
  const roll = random();
  if (roll < 0.05) return '{"intervals": [{"start": "2026-12-01T10:00:00Z"}]}';           // missing end
  if (roll < 0.10) return '{"intervals": "soon"}';                                         // wrong type
  if (roll < 0.12) return '{"intervals": [{"start": "2026-12-01T10:00:00Z", "end": "2026-12-01T09:00:00Z"}]}';
  if (roll < 0.14) return '{"intervals": [';                                               // broken JSON
  return JSON.stringify({ intervals });
}

test('merge_intervals: WebAssembly and native answers are byte-identical on 2,000 random requests', async () => {
  const engine = await loadWasmEngine();
  const random = mulberry32(20261124);
  const requests = Array.from({ length: 2000 }, () => randomRequest(random));
  const native = nativeBatch('merge_intervals', requests);
  assert.equal(native.length, requests.length);
  let errors = 0;
  requests.forEach((request, i) => {
    const wasm = engine.call('merge_intervals', request);
    assert.equal(wasm.body, native[i], `request ${i}: ${request}`);
    if (wasm.status !== 0) ++errors;
  });
  assert.ok(errors > 50 && errors < 400, `the corpus mixes good and bad requests (${errors} errors)`);
});

test('merge_intervals: the union is right on a hand-checked case', async () => {
  const engine = await loadWasmEngine();
  const answer = engine.call('merge_intervals', JSON.stringify({ intervals: [
    { start: '2026-12-01T10:00:00Z', end: '2026-12-01T11:00:00Z' },
    { start: '2026-12-01T09:00:00Z', end: '2026-12-01T10:00:00Z' },
    { start: '2026-12-01T12:00:00Z', end: '2026-12-01T12:30:00Z' },
  ] }));
  assert.equal(answer.status, 0);
  assert.deepEqual(JSON.parse(answer.body), { intervals: [
    { start: '2026-12-01T09:00:00Z', end: '2026-12-01T11:00:00Z' },
    { start: '2026-12-01T12:00:00Z', end: '2026-12-01T12:30:00Z' },
  ] });
});

test('engine: a bad request is an error object with status 2, never a crash', async () => {
  const engine = await loadWasmEngine();
  const answer = engine.call('merge_intervals', '{"intervals": [{"start": "yesterday", "end": "today"}]}');
  assert.equal(answer.status, 2);
  const error = JSON.parse(answer.body).error;
  assert.equal(error.code, 'invalid_query');
  assert.equal(error.field, 'intervals[0].start');
});
