// problem.mjs — the JavaScript contenders' "parse" step: a docs/ENGINE.md
// inline-calendar document (text) -> plain numbers.
// Instants become seconds relative to `base` (small integers V8 keeps unboxed); busy lists stay in document order
// (unsorted). Only what the benchmark workloads use is supported: groups, working hours, busy, buffers, notice, grid.
import { BuildZoneTable } from './zone_table.mjs';

const kDays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const Seconds = (iso) => Date.parse(iso) / 1000;
const Clock = (hhmm) => Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
const kBlocking = new Set(['busy', 'oof', 'tentative']);

export function ParseProblem(text) {
  const doc = JSON.parse(text);
  const q = doc.query;
  if (q.rooms || q.conferencing) throw new Error('rooms/conferencing are not supported by the JavaScript contenders');
  const periods = q.query_periods.map((p) => [Seconds(p.start), Seconds(p.end)]);
  const first = Math.min(...periods.map((p) => p[0]));
  const last = Math.max(...periods.map((p) => p[1]));
  const base = Math.floor(first / 86400) * 86400 - 2 * 86400;
  const tables = new Map();
  const Table = (zone) => {
    if (!tables.has(zone)) {  // spans in base-relative seconds, like everything else
      const t = BuildZoneTable(zone, first - 2 * 86400, last + 2 * 86400);
      tables.set(zone, { zone, starts: t.starts.map((x) => x - base), offsets: t.offsets });
    }
    return tables.get(zone);
  };
  const index = new Map();
  const members = [];
  for (const [sub, cal] of Object.entries(doc.calendars)) {
    index.set(sub, members.length);
    const weekly = cal.working_hours
      ? kDays.map((d) => (cal.working_hours[d] ?? []).map(([s, e]) => [Clock(s), Clock(e)])) : null;
    const blocking = (cal.busy ?? []).filter((b) => kBlocking.has(b.status ?? 'busy'));
    const starts = new Float64Array(blocking.length);
    const ends = new Float64Array(blocking.length);
    blocking.forEach((b, i) => { starts[i] = Seconds(b.start) - base; ends[i] = Seconds(b.end) - base; });
    const zone = cal.time_zone ?? 'UTC';
    members.push({ sub, zone, table: Table(zone), weekly, hoursKey: `${zone}|${JSON.stringify(cal.working_hours ?? null)}`,
      starts, ends });
  }
  const groups = q.participants.map((g) => {
    const ids = g.members.map((m) => index.get(m.sub));
    return { members: ids, required: g.required === 'all' || g.required === undefined ? ids.length : g.required };
  });
  const zone = q.time_zone ?? 'UTC';
  return {
    base,
    now: Seconds(doc.now) - base,
    periods: periods.map(([s, e]) => [s - base, e - base]),
    duration: q.required_duration.minutes * 60,
    step: (q.start_interval?.minutes ?? 15) * 60,
    before: (q.buffer?.before?.minutes ?? 0) * 60,
    after: (q.buffer?.after?.minutes ?? 0) * 60,
    notice: (q.minimum_notice?.minutes ?? 0) * 60,
    maxResults: q.max_results ?? 256,
    zone,
    table: Table(zone),
    members,
    groups,
  };
}
