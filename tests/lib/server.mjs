// Starts `slotwise serve` on 127.0.0.1 with an ephemeral port and a throw-away database; stops it afterwards.
//   const server = await startServer({ demo: true });  server.url  …  await server.stop();
// With { viaDemoScript: true } it runs the README's `scripts/demo --port 0` instead (setup and build are no-ops
// when everything is current), proving the command a new user types.
// SLOTWISE_TEST_WEB_ROOT in the environment (or { webRoot }) serves another staged web folder (--web-root);
// { binary } (or SLOTWISE_TEST_BIN in the environment) runs another slotwise binary (default build/bin/slotwise).
// { env } adds variables to the server's environment (e.g. SLOTWISE_TOKEN_KEYS for a production-style start).
// server.waitForOutput(/ATS demo page: (\S+)/) resolves with the first match of a line the server prints.
// { dbDir } runs on the database in that folder (kept afterwards: a second server may restart on it);
// server.crash() ends the process with SIGKILL (kill -9: no clean shutdown) and resolves once it is gone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, SLOTWISE_BIN } from './paths.mjs';

export async function startServer({ demo = true, extraArgs = [], viaDemoScript = false,
                                    webRoot = process.env.SLOTWISE_TEST_WEB_ROOT,
                                    binary = process.env.SLOTWISE_TEST_BIN || SLOTWISE_BIN, env = {},
                                    dbDir = undefined } = {}) {
  const dir = dbDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-test-'));
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--db', path.join(dir, 'slotwise.db'), ...extraArgs];
  if (demo) args.push('--demo');
  if (webRoot) args.push('--web-root', webRoot);
  const child = viaDemoScript
    ? spawn(path.join(ROOT, 'scripts', 'demo'), ['--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
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
  const waitForOutput = (pattern, timeout = 10000) => new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output);
      if (match) { clearInterval(poll); clearTimeout(timer); resolve(match); }
    };
    const poll = setInterval(check, 50);
    const timer = setTimeout(() => { clearInterval(poll); reject(new Error(`no ${pattern} in: ${output}`)); }, timeout);
    check();
  });
  return {
    url,
    waitForOutput,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!dbDir) fs.rmSync(dir, { recursive: true, force: true });
    },
    async crash() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}
