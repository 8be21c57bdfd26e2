// zone_table.mjs — UT offsets of one IANA zone over a bounded range, from node's Intl (ICU) data, as a small table
// of constant-offset spans. The JavaScript contenders that have no time-zone support of their own (the tuned sweep,
// intervals-fn) get their working-hour windows and start grid from it. Built once per document ("parse" phase).
//
// Wall time -> instant follows RFC 5545 like the engine: a gap shifts forward, an overlap means the first occurrence.
const formatters = new Map();

function Formatter(zone) {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

// UT offset in seconds at instant `t` (seconds since the epoch).
export function IntlOffsetAt(zone, t) {
  const p = {};
  for (const { type, value } of Formatter(zone).formatToParts(new Date(t * 1000))) p[type] = value;
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) / 1000;
  return wall - t;
}

// The spans of constant offset covering [from, to): {starts, offsets} where offsets[i] holds from starts[i] (the
// first span is open to the past, the last to the future). Changes are found by sampling every 6 hours and bisecting.
export function BuildZoneTable(zone, from, to) {
  const starts = [-Infinity];
  const offsets = [IntlOffsetAt(zone, from)];
  const kStep = 6 * 3600;
  for (let t = from; t < to; t += kStep) {
    const next = Math.min(t + kStep, to);
    const offset = IntlOffsetAt(zone, next);
    if (offset === offsets[offsets.length - 1]) continue;
    let lo = t, hi = next;  // offset(lo) is the old one, offset(hi) the new one
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (IntlOffsetAt(zone, mid) === offset) hi = mid; else lo = mid;
    }
    starts.push(hi);
    offsets.push(offset);
  }
  return { zone, starts, offsets };
}

export function OffsetAt(table, t) {
  let i = table.starts.length - 1;
  while (t < table.starts[i]) --i;
  return table.offsets[i];
}

// The instant whose wall time is `local` (local seconds since 1970): the earliest match; in a gap, the offset in
// force before the gap.
export function FromLocal(table, local) {
  const { starts, offsets } = table;
  for (let i = 0; i < offsets.length; ++i) {
    const t = local - offsets[i];
    const end = i + 1 < starts.length ? starts[i + 1] : Infinity;
    if (t >= starts[i] && t < end) return t;
    if (t < starts[i]) return local - offsets[i - 1];  // skipped wall time: use the offset before the gap
  }
  return local - offsets[offsets.length - 1];
}
