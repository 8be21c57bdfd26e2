// Starts the provider sandbox on its own (`slotwise sandbox --host 127.0.0.1 --port 0`), reads the URL it prints and
// stops it afterwards. Fails loudly (never skips) when the binary is missing or prints no URL within 10 s.
//   const box = await startSandbox();            // demo organisation seeded; { empty: true } passes --empty
//   box.root                                      // "http://127.0.0.1:PORT" (providers live under /google, /microsoft…)
//   await box.admin('POST', '/sandbox/tokens', { provider: 'google', user: 'lena.fischer@kumo.example' })
//   await box.stop();
// SLOTWISE_BIN in the environment overrides the binary (default: build/bin/slotwise, see paths.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { SLOTWISE_BIN } from './paths.mjs';

const START_TIMEOUT_MS = 10000;

export async function startSandbox({ empty = false, bin = process.env.SLOTWISE_BIN || SLOTWISE_BIN } = {}) {
  if (!fs.existsSync(bin)) {
    throw new Error(`sandbox binary not found at ${bin}: build it first (scripts/build), or set SLOTWISE_BIN`);
  }
  const args = ['sandbox', '--host', '127.0.0.1', '--port', '0'];
  if (empty) args.push('--empty');
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  let root;
  try {
    root = await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`sandbox printed no URL within ${START_TIMEOUT_MS / 1000} s: ${output}`)),
        START_TIMEOUT_MS);
      const onData = (chunk) => {
        output += chunk;
        const match = /running at (http:\/\/127\.0\.0\.1:\d+)\/sandbox\//.exec(output);
        if (match) { clearTimeout(timer); resolve(match[1]); }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (error) => { clearTimeout(timer); reject(new Error(`could not start ${bin}: ${error.message}`)); });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`sandbox exited (${code ?? signal}) before printing its URL: ${output}`));
      });
    });
  } catch (error) {
    if (child.exitCode === null && child.signalCode === null) { child.kill('SIGKILL'); await exited; }
    throw error;
  }

  // JSON call against the sandbox (admin API or a provider route without a client library).
  async function admin(method, path, body) {
    const response = await fetch(root + path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  return {
    root,
    url: `${root}/sandbox/`,
    admin,
    async token(provider, user) {
      return (await admin('POST', '/sandbox/tokens', { provider, user })).access_token;
    },
    async seed(document) { return admin('POST', '/sandbox/seed', document); },
    async fault(fault) { return admin('POST', '/sandbox/faults', fault); },
    async clearFaults() { return admin('DELETE', '/sandbox/faults'); },
    async requests(provider) {
      return (await admin('GET', `/sandbox/requests${provider ? `?provider=${provider}` : ''}`)).requests;
    },
    async clearRequests() { return admin('DELETE', '/sandbox/requests'); },
    async objects() { return (await admin('GET', '/sandbox/objects')).objects; },
    async directory() { return admin('GET', '/sandbox/directory'); },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

// The error a promise rejects with; fails the test when it resolves instead.
export async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the client library to reject');
}
