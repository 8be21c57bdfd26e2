// Starts `slotwise serve` on 127.0.0.1 with an ephemeral port and a throw-away database; stops it afterwards.
//   const server = await startServer({ demo: true });  server.url  …  await server.stop();
// With { viaDemoScript: true } it runs the README's `scripts/demo --port 0` instead (setup and build are no-ops
// when everything is current), proving the command a new user types.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, SLOTWISE_BIN } from './paths.mjs';

export async function startServer({ demo = true, extraArgs = [], viaDemoScript = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-test-'));
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--db', path.join(dir, 'slotwise.db'), ...extraArgs];
  if (demo) args.push('--demo');
  const child = viaDemoScript
    ? spawn(path.join(ROOT, 'scripts', 'demo'), ['--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(SLOTWISE_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), viaDemoScript ? 300000 : 10000);
    const onData = (chunk) => {
      output += chunk;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}: ${output}`)); });
  });
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
