// widget_bench.mjs — the widget's figures (docs/BENCHMARKS.md "Widget"): download size, time to first frame, frame
// time with 20 people × 5 days, and the engine's re-solve time inside the page, in Debian's Chromium (headless,
// SwiftShader WebGL) driven by playwright-core, against `slotwise serve --demo` on loopback.
//
//   node bench/widget/widget_bench.mjs [--smoke] [--binary PATH] [--web-root DIR] [--results FILE] [--no-report]
//       measures, prints one JSON line per figure ({"section":"widget","step":…}) to stdout (and appends them to FILE
//       with --results), then the report (unless --no-report). --smoke: fewer page loads and shorter windows
//       (about 30 s in all); the numbers are indicative only.
//   node bench/widget/widget_bench.mjs report FILE [--smoke]
//       the report (figures next to the targets, PASS/MISS) from the "widget" lines in FILE.
// Exit status 1 when a check fails: a page error or CSP violation, fewer than 20 people rows, the first frame or the
// ready event never came, the in-page engine disagrees with native Slotwise on a workload's slot count or checksum
// (when a native figure is available), or a step is missing. Targets only print PASS/MISS.
//
// Defaults: --binary build/bin/slotwise, --web-root $SLOTWISE_TEST_WEB_ROOT or build/web (the staged widget).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { ROOT, SLOTWISE_BIN, ARTIFACTS } from '../../tests/lib/paths.mjs';
import { startServer } from '../../tests/lib/server.mjs';
import { launchBrowser } from '../../tests/lib/browser.mjs';
import { mulberry32 } from '../../tests/lib/random.mjs';
import { BuildDocument, kWorkloads, kZone } from '../workloads.mjs';
import { ParseArgs } from '../args.mjs';

const kTargets = { sizeKb: 800, firstFrameMs: 1500, frameMs: 8 };
const kPeopleWanted = 20;                      // rows in view for the frame-time figure
const kViewport = { width: 1600, height: 1000 };  // tall enough that all 20 people rows are drawn
const kSolveWorkloads = ['S1', 'S2', 'S3'];    // bench/workloads.mjs; S1 is the headline (the first target)
const kSeed = 7007;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const Median = (values) => { const v = [...values].sort((a, b) => a - b); return v[v.length >> 1]; };
const Iso = (seconds) => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
const Log = (text) => process.stderr.write(`[widget bench] ${text}\n`);

async function Call(method, url, { key, body } = {}) {
  const headers = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: response.status, json, text };
}

function Expect(reply, status, what) {
  if (reply.status !== status) throw new Error(`${what}: HTTP ${reply.status} ${reply.text.slice(0, 300)}`);
  return reply.json;
}

// Seconds to add to UTC to get wall time in `zone` at UTC instant `seconds`.
function ZoneOffset(seconds, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(seconds * 1000)).map((p) => [p.type, p.value]));
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) / 1000 - seconds;
}
function FromLocal(localSeconds, zone) {
  const guess = localSeconds - ZoneOffset(localSeconds, zone);
  return localSeconds - ZoneOffset(guess, zone);
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Size: what a browser downloads for the widget (widget.wasm + widget.js), gzip level 9; the Japanese font apart.
function MeasureSize(webRoot) {
  const file = (name) => {
    const bytes = fs.readFileSync(path.join(webRoot, name));
    return { raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  };
  const wasm = file('widget.wasm');
  const js = file('widget.js');
  const font = fs.existsSync(path.join(webRoot, 'fonts/slotwise-cjk.ttf')) ? file('fonts/slotwise-cjk.ttf') : null;
  return { section: 'widget', step: 'size', web_root: webRoot, wasm_raw: wasm.raw, wasm_gzip: wasm.gzip, js_raw: js.raw,
    js_gzip: js.gzip, total_gzip: wasm.gzip + js.gzip, font_raw: font?.raw ?? null, font_gzip: font?.gzip ?? null };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Seeding: the demo has 12 people; 8 bench people (sandbox users with a week of events each, then PUT /v1/people)
// make 20 people rows. Events: this week and next, three a working day per person between 08:00 and 18:00 local,
// 30–120 minutes, 80% busy / 10% tentative / 10% free, one all-day out-of-office day (like the backend bench).
async function SeedPeople(base, sandbox, key, count) {
  const random = mulberry32(kSeed);
  const zones = ['Europe/Berlin', 'Europe/Amsterdam', 'America/New_York', 'Asia/Tokyo'];
  const people = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(2, '0');
    const google = i % 2 === 0;
    return { email: google ? `widgetbench${n}@kumo.example` : `widgetbench${n}@kumo-labs.example`,
      name: `Bench Person ${n}`, provider: google ? 'google' : 'microsoft', time_zone: zones[i % zones.length] };
  });
  const now = Math.floor(Date.now() / 1000);
  const today = Math.floor((now + ZoneOffset(now, 'Europe/Berlin')) / 86400);
  const monday = today - ((today + 3) % 7);  // day 0 (1970-01-01) was a Thursday
  const days = [];
  for (let d = monday; d < monday + 14; ++d) if ((d + 3) % 7 < 5) days.push(d * 86400);
  const events = [];
  for (const p of people) {
    const oof = Math.floor(random() * days.length);
    days.forEach((localMidnight, index) => {
      if (index === oof) {
        events.push({ provider: p.provider, calendar: p.email, summary: 'Out of office',
          date: new Date(localMidnight * 1000).toISOString().slice(0, 10), show_as: 'oof' });
        return;
      }
      for (let k = 0; k < 3; ++k) {
        const start = localMidnight + 8 * 3600 + Math.floor(random() * 40) * 900;
        const minutes = 30 + 15 * Math.floor(random() * 7);
        const pick = random();
        events.push({ provider: p.provider, calendar: p.email, summary: 'Busy',
          start: Iso(FromLocal(start, p.time_zone)), end: Iso(FromLocal(start + minutes * 60, p.time_zone)),
          show_as: pick < 0.8 ? 'busy' : pick < 0.9 ? 'tentative' : 'free' });
      }
    });
  }
  Expect(await Call('POST', `${sandbox}/sandbox/seed`, { body: {
    users: people.map((p) => ({ provider: p.provider, email: p.email, name: p.name, time_zone: p.time_zone,
      working_hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } })),
    events } }), 200, 'seeding the sandbox');
  const workingHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]]));
  for (const p of people) {
    Expect(await Call('PUT', `${base}/v1/people/${encodeURIComponent(p.email)}`, { key, body: {
      name: p.name, time_zone: p.time_zone, working_hours: workingHours, roles: ['interviewer'],
      calendar_provider: p.provider } }), 200, `PUT /v1/people/${p.email}`);
  }
  const listed = Expect(await Call('GET', `${base}/v1/people`, { key }), 200, 'GET /v1/people').people;
  return { added: people.length, events: events.length, people: listed.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Page helpers
function WatchPage(page, problems) {
  page.on('response', (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.request().method()} ${response.url()}`); });
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
}

async function WaitReady(page, timeout = 30000) {
  await page.waitForFunction(() => (window.slotwiseEvents || []).some((e) => e.type === 'ready' || e.type === 'error'),
    null, { timeout });
  const events = await page.evaluate(() => window.slotwiseEvents);
  const ready = events.find((e) => e.type === 'ready');
  if (!ready) throw new Error(`the widget reported ${JSON.stringify(events.find((e) => e.type === 'error'))}`);
  return ready.detail;
}

// 3. Time to first frame: `loads` page loads of the standalone page, each in a fresh browser context (empty HTTP
// cache), after one discarded warm-up load. First frame = performance.now() when the widget's first frame hid the
// overlay (window.slotwiseFirstFrameMs, set by web/app.js); ready = calendars loaded and solved once.
async function MeasureFirstFrame(browser, url, loads, problems) {
  const firstFrames = [], readies = [];
  for (let i = 0; i <= loads; ++i) {
    const context = await browser.newContext({ viewport: kViewport });
    const page = await context.newPage();
    WatchPage(page, problems);
    await page.goto(url);
    await WaitReady(page);
    const times = await page.evaluate(() => ({ first: window.slotwiseFirstFrameMs, ready: window.slotwiseReadyMs }));
    await context.close();
    if (typeof times.first !== 'number') throw new Error('no first frame (window.slotwiseFirstFrameMs)');
    if (i === 0) continue;  // the warm-up load
    firstFrames.push(times.first);
    readies.push(times.ready);
  }
  return { section: 'widget', step: 'first_frame', loads, median_ms: Median(firstFrames), min_ms: Math.min(...firstFrames),
    max_ms: Math.max(...firstFrames), ready_median_ms: Median(readies), samples_ms: firstFrames.map((t) => +t.toFixed(1)) };
}

// 4. Frame time with 20 people rows × 5 days (week view): the CPU time of the render loop per frame
// (Module.slotwiseFrameStats, widget_frame_stats.h), drawn continuously (Module.slotwiseContinuousFrames), and how
// many frames the widget draws by itself while idle (idle_drawn_fps). After the page settled (calendars, the Japanese
// font for the demo's Japanese names), the window is cleared (Module.slotwiseResetFrameStats) and read after `seconds` of idle
// frames, `windows` times; then once more over 40 keyboard moves of the selected time (each re-explains it with the
// engine, and every tenth is a J that jumps to a suggestion).
async function MeasureFrames(page, windows, seconds, screenshot) {
  const ready = await WaitReady(page);
  await page.waitForTimeout(1500);
  const window = async (during) => {
    await page.evaluate(() => { window.Module.slotwiseResetFrameStats = true; });
    await page.waitForFunction(() => !window.Module.slotwiseResetFrameStats);
    const startFrames = await page.evaluate(() => window.Module.slotwiseFrameStats.frames);
    const t0 = performance.now();
    await during();
    const stats = await page.evaluate(() => ({ ...window.Module.slotwiseFrameStats }));
    return { ...stats, fps: (stats.frames - startFrames) / ((performance.now() - t0) / 1000) };
  };
  // Idle, the widget draws on demand (wasm/state/widget_frame_pacer.h): count what it draws on its own first, then
  // make it draw every frame so the render cost of this view is measured.
  const drawnIdle = await window(() => page.waitForTimeout(seconds * 1000));
  await page.evaluate(() => { window.Module.slotwiseContinuousFrames = true; });
  const idle = [];
  for (let i = 0; i < windows; ++i) idle.push(await window(() => page.waitForTimeout(seconds * 1000)));
  await page.screenshot({ path: screenshot });
  await page.focus('#canvas');
  const moving = await window(async () => {
    for (let i = 0; i < 40; ++i) {
      await page.keyboard.press(i % 10 === 9 ? 'j' : 'ArrowRight');
      await page.waitForTimeout(50);
    }
  });
  return { section: 'widget', step: 'frame', rows: ready.rows, people_rows: null, days: 5, viewport: kViewport,
    average_ms: Median(idle.map((s) => s.average_ms)), p95_ms: Math.max(...idle.map((s) => s.p95_ms)),
    max_ms: Math.max(...idle.map((s) => s.max_ms)), fps: Median(idle.map((s) => s.fps)), windows: idle.length,
    idle_drawn_fps: +drawnIdle.fps.toFixed(2),
    window_frames: Math.min(...idle.map((s) => s.window)), interaction_average_ms: moving.average_ms,
    interaction_p95_ms: moving.p95_ms, interaction_max_ms: moving.max_ms, interaction_frames: moving.window };
}

// 5. Re-solve in the page: the workloads of bench/workloads.mjs (same generator, same seeds) in the widget's own
// module (wasm/widget_bench_exports.cpp): Solve() on the parsed problem ("solve", like engine_bench.cpp's median)
// and CallEngine("solve") text in → text out ("text", what the widget runs on every change). Batches of runs long
// enough for the page's coarse clock; median per run over the batches.
async function MeasureSolve(page, smoke) {
  const zoneOk = await page.evaluate(async (zone) => {
    const bytes = new Uint8Array(await (await fetch(`zoneinfo/${zone}`)).arrayBuffer());
    const M = window.Module;
    const name = M._malloc(64);
    M.stringToUTF8(zone, name, 64);
    const data = M._malloc(bytes.length);
    M.HEAPU8.set(bytes, data);
    const ok = M._slotwise_widget_bench_add_zone(name, data, bytes.length);
    M._free(name); M._free(data);
    return ok;
  }, kZone);
  if (zoneOk !== 1) throw new Error(`the page could not load zone ${kZone}`);
  const lines = [];
  for (const id of kSolveWorkloads) {
    const spec = kWorkloads.find((w) => w.id === id);
    const text = JSON.stringify(BuildDocument(spec));
    const plan = smoke ? { batches: 3, batchMs: 5, budgetMs: 0 } : { batches: 9, batchMs: 10, budgetMs: 1500 };
    const result = await page.evaluate(({ text, plan }) => {
      const M = window.Module;
      const length = M.lengthBytesUTF8(text) + 1;
      const pointer = M._malloc(length);
      M.stringToUTF8(text, pointer, length);
      const parseStart = performance.now();
      const count = M._slotwise_widget_bench_load(pointer);
      const parseMs = performance.now() - parseStart;  // parse + one solve + checksum
      M._free(pointer);
      if (count < 0) return { error: 'the workload did not parse' };
      const checksum = M._slotwise_widget_bench_checksum();
      const time = (fn) => {
        const once = Math.max(fn(1), 0.001);
        const runs = Math.max(1, Math.ceil(plan.batchMs / once));
        const perRun = [];
        let spent = 0;
        while (perRun.length < plan.batches || spent < plan.budgetMs) {
          const ms = fn(runs);
          perRun.push(ms / runs);
          spent += ms;
          if (perRun.length >= 200) break;
        }
        perRun.sort((a, b) => a - b);
        return { median_us: perRun[perRun.length >> 1] * 1000, p90_us: perRun[Math.floor(perRun.length * 0.9)] * 1000,
          batches: perRun.length, runs_per_batch: runs };
      };
      return { count, checksum, parse_ms: parseMs, solve: time((n) => M._slotwise_widget_bench_solve(n)),
        text: time((n) => M._slotwise_widget_bench_call(n)) };
    }, { text, plan });
    if (result.error) throw new Error(`${id}: ${result.error}`);
    lines.push({ section: 'widget', step: 'solve', workload: id, what: spec.what, count: result.count,
      checksum: result.checksum, parse_and_first_solve_ms: result.parse_ms, solve: result.solve, text: result.text });
  }
  return lines;
}

// Native figures for the cross-check: from the results file when the native section ran, else from a quick run of
// build/bin/slotwise_bench when it exists.
function NativeAnswers(resultsFile) {
  const answers = {};
  if (resultsFile && fs.existsSync(resultsFile)) {
    for (const line of fs.readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean)) {
      let l; try { l = JSON.parse(line); } catch { continue; }
      if (l.section === 'solve' && l.phase === 'solve' && l.contender === 'slotwise native') {
        answers[l.workload] = { count: l.count, checksum: l.checksum, median_us: l.median_us, source: 'results' };
      }
      if (l.section === 'solve' && l.phase === 'solve' && l.contender === 'slotwise wasm' && answers[l.workload]) {
        answers[l.workload].node_wasm_us = l.median_us;
      }
    }
  }
  const bench = path.join(ROOT, 'build', 'bin', 'slotwise_bench');
  const missing = kSolveWorkloads.filter((id) => !answers[id]);
  if (missing.length && fs.existsSync(bench)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotwise-widget-bench-'));
    try {
      for (const id of missing) {
        const file = path.join(dir, `${id}.json`);
        fs.writeFileSync(file, JSON.stringify(BuildDocument(kWorkloads.find((w) => w.id === id))));
        const out = execFileSync(bench, ['solve', id, file, '--smoke'], { encoding: 'utf8' });
        const l = out.split('\n').filter(Boolean).map((x) => JSON.parse(x)).find((x) => x.phase === 'solve');
        if (l) answers[id] = { count: l.count, checksum: l.checksum, median_us: l.median_us, source: 'slotwise_bench --smoke' };
      }
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }
  return answers;
}

// ---------------------------------------------------------------------------------------------------------------
async function Run(args) {
  const smoke = Boolean(args.smoke);
  const binary = args.binary || SLOTWISE_BIN;
  const webRoot = path.resolve(args['web-root'] || process.env.SLOTWISE_TEST_WEB_ROOT || path.join(ROOT, 'build', 'web'));
  for (const name of ['widget.wasm', 'widget.js', 'index.html', 'app.js']) {
    if (!fs.existsSync(path.join(webRoot, name))) throw new Error(`${path.join(webRoot, name)} is missing (stage the widget: scripts/build)`);
  }
  const out = [];
  const emit = (line) => {
    out.push(line);
    process.stdout.write(JSON.stringify(line) + '\n');
    if (args.results) fs.appendFileSync(args.results, JSON.stringify(line) + '\n');
  };
  const started = performance.now();
  emit(MeasureSize(webRoot));

  const server = await startServer({ demo: true, webRoot, binary });
  const browser = await launchBrowser();
  const problems = [];
  try {
    const base = new URL(server.url).origin;
    const key = (await server.waitForOutput(/Demo tenant "[^"]+" API key: (\S+)/))[1];
    const sandbox = (await server.waitForOutput(/Provider sandbox at (http:\/\/127\.0\.0\.1:\d+)\//))[1];
    Log('seeding 8 bench people (20 people rows)');
    const seeded = await SeedPeople(base, sandbox, key, 8);
    emit({ section: 'widget', step: 'seed', ...seeded });

    Log('time to first frame');
    emit(await MeasureFirstFrame(browser, server.url, smoke ? 3 : 7, problems));

    Log('frame time, 20 people × 5 days');
    const context = await browser.newContext({ viewport: kViewport });
    const page = await context.newPage();
    WatchPage(page, problems);
    await page.goto(server.url);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const frame = await MeasureFrames(page, smoke ? 1 : 3, smoke ? 2 : 4, path.join(ARTIFACTS, 'bench-widget-20-rows.png'));
    frame.people_rows = seeded.people;
    emit(frame);

    Log('re-solve in the page (bench/workloads.mjs S1–S3)');
    const native = NativeAnswers(args.results);
    for (const line of await MeasureSolve(page, smoke)) {
      const n = native[line.workload];
      if (n) Object.assign(line, { native_count: n.count, native_checksum: n.checksum, native_us: n.median_us,
        node_wasm_us: n.node_wasm_us ?? null, native_source: n.source });
      emit(line);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
  emit({ section: 'widget', step: 'done', seconds: (performance.now() - started) / 1000, problems,
    chromium: (() => { try { return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'n/a'; } })() });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Report
const Kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const Us = (us) => (us < 1000 ? `${us.toFixed(1)} µs` : `${(us / 1000).toFixed(2)} ms`);

export function Report(lines, smoke) {
  const widget = lines.filter((l) => l.section === 'widget');
  const step = (name) => widget.filter((l) => l.step === name);
  let failures = 0;
  const fail = (message) => { ++failures; console.log(`CHECK FAILED: ${message}`); };
  const target = (ok, text) => console.log(`${ok ? 'PASS' : 'MISS'}  ${text}`);
  console.log(`\n== widget (headless Chromium, SwiftShader WebGL)${smoke ? ' (SMOKE: few loads, short windows; indicative only)' : ''} ==`);
  const done = step('done')[0];
  if (done) console.log(`browser: ${done.chromium}; ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.cpus().length}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const name of ['size', 'seed', 'first_frame', 'frame', 'solve', 'done']) if (!step(name).length) fail(`no "${name}" step`);

  const size = step('size')[0];
  if (size) {
    console.log(`size (gzip -9): widget.wasm ${Kb(size.wasm_gzip)} (raw ${Kb(size.wasm_raw)}) + widget.js ${Kb(size.js_gzip)} (raw ${Kb(size.js_raw)}) = ${Kb(size.total_gzip)}`);
    if (size.font_gzip != null) console.log(`Japanese font (fetched only for ja or CJK names): ${Kb(size.font_gzip)} gzip (raw ${Kb(size.font_raw)})`);
  }
  const first = step('first_frame')[0];
  if (first) {
    console.log(`first frame: median ${first.median_ms.toFixed(0)} ms over ${first.loads} loads (min ${first.min_ms.toFixed(0)}, max ${first.max_ms.toFixed(0)}; fresh context each); ready (calendars loaded, solved) median ${first.ready_median_ms.toFixed(0)} ms`);
  }
  const frame = step('frame')[0];
  if (frame) {
    if (frame.people_rows < kPeopleWanted) fail(`only ${frame.people_rows} people rows (want ${kPeopleWanted})`);
    console.log(`frame CPU time, ${frame.people_rows} people × ${frame.days} days (week view, ${frame.viewport.width}×${frame.viewport.height}): ` +
      `average ${frame.average_ms.toFixed(2)} ms, p95 ${frame.p95_ms.toFixed(2)} ms, max ${frame.max_ms.toFixed(2)} ms (${frame.windows} windows, ≥ ${frame.window_frames} frames each, ${frame.fps.toFixed(0)} frames/s drawn on request; left idle it draws ${frame.idle_drawn_fps} frames/s); ` +
      `while moving the selection (re-explain per move): average ${frame.interaction_average_ms.toFixed(2)} ms, p95 ${frame.interaction_p95_ms.toFixed(2)} ms, max ${frame.interaction_max_ms.toFixed(2)} ms`);
  }
  for (const s of step('solve')) {
    let cross = 'not cross-checked (no native figure)';
    if (s.native_count !== undefined) {
      const same = s.native_count === s.count && Math.abs(s.native_checksum - s.checksum) < 0.5;
      cross = same ? '= native' : `≠ native (${s.native_count} / ${s.native_checksum})`;
      if (!same) fail(`${s.workload}: the page's engine found ${s.count} slots (checksum ${s.checksum}), native ${s.native_count} (${s.native_checksum})`);
    }
    const ratio = s.native_us ? ` ×${(s.solve.median_us / s.native_us).toFixed(1)} native` : '';
    const node = s.node_wasm_us ? `, ×${(s.solve.median_us / s.node_wasm_us).toFixed(1)} node wasm` : '';
    console.log(`re-solve in the page ${s.workload} (${s.what}): Solve ${Us(s.solve.median_us)} (p90 ${Us(s.solve.p90_us)}${ratio}${node}); ` +
      `CallEngine text→text ${Us(s.text.median_us)} (what the widget runs per change); ${s.count} slots ${cross}`);
  }
  if (done && done.problems.length) fail(`page errors: ${done.problems.slice(0, 5).join(' | ')}`);
  if (size) target(size.total_gzip <= kTargets.sizeKb * 1024, `widget .wasm + .js gzipped ≤ ${kTargets.sizeKb} KB (without the Japanese font): ${Kb(size.total_gzip)}`);
  if (first) target(first.median_ms <= kTargets.firstFrameMs, `time to first frame ≤ ${kTargets.firstFrameMs} ms (median of ${first.loads} loads): ${first.median_ms.toFixed(0)} ms`);
  if (frame) target(frame.average_ms <= kTargets.frameMs, `frame time with ${frame.people_rows} rows × 5 days ≤ ${kTargets.frameMs} ms (average CPU time per frame): ${frame.average_ms.toFixed(2)} ms`);
  return failures;
}

async function Main() {
  const args = ParseArgs(process.argv.slice(2));
  if (args._[0] === 'report') {
    const file = args._[1];
    if (!file) throw new Error('report needs the results FILE');
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    return Report(lines, Boolean(args.smoke)) ? 1 : 0;
  }
  if (args._.length && args._[0] !== 'run') throw new Error(`unknown command ${args._[0]} (run, report)`);
  const lines = await Run(args);
  if (args['no-report']) return lines.some((l) => l.step === 'done' && l.problems.length) ? 1 : 0;
  return Report(lines, Boolean(args.smoke)) ? 1 : 0;
}

Main().then((code) => process.exit(code), (error) => { console.error(`widget bench: ${error.stack || error}`); process.exit(1); });
