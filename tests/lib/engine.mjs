// Loads the WebAssembly build of the engine (wasm/engine_exports.cpp) under node and wraps its C ABI.
//   const engine = await loadWasmEngine();
//   engine.addZone('Europe/Berlin')          // TZif bytes from /usr/share/zoneinfo
//   engine.call('solve', jsonText) -> {status, body}
// And the native build through the CLI's batch mode, for byte-for-byte comparisons:
//   nativeBatch('solve', [jsonText…]) -> [body…]
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ENGINE_MODULE, SLOTWISE_BIN } from './paths.mjs';

const require = createRequire(import.meta.url);

export async function loadWasmEngine() {
  const createSlotwiseEngine = require(ENGINE_MODULE);
  const m = await createSlotwiseEngine();
  const withString = (text, fn) => {
    const length = m.lengthBytesUTF8(text) + 1;
    const pointer = m._malloc(length);
    m.stringToUTF8(text, pointer, length);
    try { return fn(pointer); } finally { m._free(pointer); }
  };
  return {
    addZone(name, zoneinfoDir = '/usr/share/zoneinfo') {
      const bytes = fs.readFileSync(path.join(zoneinfoDir, name));
      const pointer = m._malloc(bytes.length);
      m.HEAPU8.set(bytes, pointer);
      try {
        return withString(name, (namePointer) => m._slotwise_add_zone(namePointer, pointer, bytes.length)) === 1;
      } finally { m._free(pointer); }
    },
    call(operation, requestText) {
      return withString(operation, (op) => withString(requestText, (request) => {
        const answer = m._slotwise_call(op, request);
        const body = m.UTF8ToString(answer);
        m._slotwise_free(answer);
        return { status: m._slotwise_last_status(), body };
      }));
    },
  };
}

export function nativeBatch(operation, requests) {
  for (const r of requests) if (r.includes('\n')) throw new Error('batch requests must be single-line JSON');
  const out = execFileSync(SLOTWISE_BIN, ['batch', operation], {
    input: requests.join('\n') + '\n', maxBuffer: 1 << 30,
  }).toString();
  const lines = out.split('\n');
  lines.pop();
  return lines;
}
