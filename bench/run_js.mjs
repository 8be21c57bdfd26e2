// run_js.mjs — times the JavaScript contenders on the benchmark workloads and the union series; prints one JSON
// object per line in engine_bench.cpp's format (+ "parse_us", "comparable", "note", "check").
//
//   node bench/run_js.mjs DIR [--smoke] [--min-time S] [--only S1,S2] [--union-from N] [--union-to N] [--no-union]
// DIR holds the workload files (bench/workloads.mjs). Every contender's "parse" is its Prepare(text): JSON.parse and
// conversion into its own input; the timed "solve" starts from that.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ParseProblem } from './peers/problem.mjs';
import { MergeUnsorted, Solve } from './peers/tuned_sweep.mjs';
import { contenders as intervalsFn } from './peers/intervals_fn.mjs';
import { contenders as slotCalculator } from './peers/slot_calculator.mjs';
import { contenders as timeSlotsFinder } from './peers/time_slots_finder.mjs';
import { UnionData } from './union_data.mjs';

const require = createRequire(import.meta.url);

const tunedSweep = { name: 'tuned JS sweep', workloads: ['S1', 'S2', 'S3', 'L'], comparable: true,
  note: 'bench/peers/tuned_sweep.mjs', Prepare: ParseProblem, Run: Solve };
const kContenders = [tunedSweep, ...intervalsFn, ...slotCalculator, ...timeSlotsFinder];

function Options(argv) {
  const o = { dir: argv[0], smoke: false, minTime: 0.5, only: null, unionFrom: 2048, unionTo: 2048 * 1024, union: true };
  for (let i = 1; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--smoke') o.smoke = true;
    else if (a === '--min-time') o.minTime = Number(argv[++i]);
    else if (a === '--only') o.only = argv[++i].split(',');
    else if (a === '--union-from') o.unionFrom = Number(argv[++i]);
    else if (a === '--union-to') o.unionTo = Number(argv[++i]);
    else if (a === '--no-union') o.union = false;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

// Warm-up runs, then timed runs until minTime is spent and minRuns are made (at most maxRuns).
function TimeRuns(plan, run) {
  const warmStart = performance.now();
  for (let i = 0; i < plan.warmup; ++i) {
    run();
    if (i > 0 && performance.now() - warmStart > plan.minTime * 100) break;
  }
  const times = [];
  let total = 0;
  while (times.length < plan.maxRuns && (total < plan.minTime * 1000 || times.length < plan.minRuns)) {
    const t0 = performance.now();
    run();
    const dt = performance.now() - t0;
    times.push(dt);
    total += dt;
  }
  times.sort((a, b) => a - b);
  return { median_us: times[times.length >> 1] * 1e3, p90_us: times[Math.min(times.length - 1, Math.floor(times.length * 0.9))] * 1e3,
    runs: times.length };
}

function Plan(o, contender, phase) {
  if (o.smoke) return { warmup: contender.slow ? 0 : 1, minTime: 0, minRuns: contender.slow ? 1 : 3, maxRuns: 3 };
  if (phase === 'parse') return { warmup: 1, minTime: o.minTime * 0.5, minRuns: 3, maxRuns: 1000 };
  if (contender.slow) return { warmup: 1, minTime: o.minTime * 2, minRuns: 3, maxRuns: 15 };
  return { warmup: 5, minTime: o.minTime, minRuns: 5, maxRuns: 100000 };
}

const Version = (pkg) => (pkg ? require(`${pkg}/package.json`).version : null);
const Print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

function RunSolves(o) {
  const manifest = JSON.parse(fs.readFileSync(path.join(o.dir, 'manifest.json'), 'utf8'));
  for (const w of manifest) {
    if (o.only && !o.only.includes(w.id)) continue;
    const text = fs.readFileSync(w.file, 'utf8');
    for (const c of kContenders) {
      if (!c.workloads.includes(w.id)) continue;
      const version = Version(c.package);
      const line = { section: 'solve', workload: w.id, contender: version ? `${c.name} ${version}` : c.name,
        phase: 'solve', comparable: c.comparable, note: c.note };
      let state;
      const parse = TimeRuns(Plan(o, c, 'parse'), () => { state = c.Prepare(text); });
      if (c.name === 'time-slots-finder' && state.inPast) {
        Print({ ...line, skipped: 'the window is in the past; time-slots-finder reads the real clock' });
        continue;
      }
      let result;
      const solve = TimeRuns(Plan(o, c, 'solve'), () => { result = c.Run(state); });
      Object.assign(line, solve, { parse_us: parse.median_us, count: result.count, checksum: result.checksum ?? null });
      if (c.Check) line.check = c.Check(state, result);
      if (c.Extra) Object.assign(line, c.Extra(state));
      Print(line);
    }
  }
}

function RunUnion(o) {
  for (let n = o.unionFrom; n <= o.unionTo; n *= 2) {
    const { starts, ends } = UnionData(n);
    let merged;
    const plan = o.smoke ? { warmup: 0, minTime: 0, minRuns: 1, maxRuns: 1 }
      : { warmup: 2, minTime: o.minTime * 0.6, minRuns: 3, maxRuns: 100000 };
    const timing = TimeRuns(plan, () => { merged = MergeUnsorted(starts, ends); });
    let covered = 0;
    for (let i = 0; i < merged.length; i += 2) covered += (merged[i + 1] - merged[i]) / 60;
    Print({ section: 'union', workload: `union ${n}`, contender: 'tuned JS sweep', phase: 'union', n, ...timing,
      count: merged.length / 2, checksum: covered, comparable: true });
  }
}

const o = Options(process.argv.slice(2));
RunSolves(o);
if (o.union) RunUnion(o);
