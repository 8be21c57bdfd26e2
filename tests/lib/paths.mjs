// Paths of the build outputs the JavaScript tests use (scripts/build puts them there).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SLOTWISE_BIN = path.join(ROOT, 'build', 'bin', 'slotwise');
export const ENGINE_MODULE = path.join(ROOT, 'build', 'wasm-release', 'wasm', 'slotwise_engine.js');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
