// own_times.js — the candidate's own times ("none of these times work"), as pure helpers for candidate.js: wall-clock
// input in the candidate's zone to instants, and the same checks the server makes (POST /v1/candidate/proposal/decline,
// docs/API_BACKEND.md), so a mistake is shown beside its row before anything is sent. No DOM; usable from node.
'use strict';
(function (root) {
  const kMaxPeriods = 10;
  const kHorizonMs = 60 * 86400000;

  // The zone's offset from UTC (ms) at instant `ms`, read from Intl in that zone.
  function zoneOffset(ms, zone) {
    const parts = {};
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
                                       day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(ms)).forEach((part) => { parts[part.type] = part.value; });
    const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
    return wall - Math.floor(ms / 1000) * 1000;
  }

  // "2026-12-24" and "09:30" in `zone` → the instant (ms since the epoch); null for malformed input. A wall time that
  // does not exist (skipped by a clock change) lands just after the gap; one that exists twice takes the earlier.
  function localToInstant(date, time, zone) {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || ''), t = /^(\d{2}):(\d{2})$/.exec(time || '');
    if (!d || !t) return null;
    const wall = Date.UTC(+d[1], +d[2] - 1, +d[3], +t[1], +t[2]);
    const back = new Date(wall);  // a date or time that does not exist (month 13, 24:30) comes back different
    if (Number.isNaN(wall) || back.getUTCMonth() !== +d[2] - 1 || back.getUTCDate() !== +d[3] ||
        back.getUTCHours() !== +t[1] || back.getUTCMinutes() !== +t[2]) {
      return null;
    }
    // The offsets in force a day before and after bracket any clock change near the wall time.
    const candidates = [wall - 86400000, wall, wall + 86400000].map((ms) => wall - zoneOffset(ms, zone));
    const exact = candidates.filter((ms) => ms + zoneOffset(ms, zone) === wall);
    return exact.length ? Math.min(...exact) : Math.max(...candidates);
  }

  // Checks rows [{date, from, to}] in `zone` against the interview's `minutes` at `nowMs`. Answers
  // {periods: [{start, end}] (ISO UTC) , errors: [{index, code}]}; codes: incomplete, too_short, over, too_far,
  // overlap. A "to" of 00:00 means midnight at the end of the day.
  function checkRows(rows, zone, minutes, nowMs) {
    const periods = [], errors = [];
    rows.slice(0, kMaxPeriods).forEach((row, index) => {
      const start = localToInstant(row.date, row.from, zone);
      let end = localToInstant(row.date, row.to, zone);
      if (start !== null && end !== null && row.to === '00:00') end = localToInstant(nextDay(row.date), '00:00', zone);
      if (start === null || end === null) { errors.push({ index, code: 'incomplete' }); return; }
      if (end - start < minutes * 60000) { errors.push({ index, code: 'too_short' }); return; }
      if (end - minutes * 60000 < nowMs) { errors.push({ index, code: 'over' }); return; }
      if (end > nowMs + kHorizonMs) { errors.push({ index, code: 'too_far' }); return; }
      const clash = periods.findIndex((p) => p && start < p.endMs && p.startMs < end);
      if (clash >= 0) { errors.push({ index, code: 'overlap' }); return; }
      periods[index] = { startMs: start, endMs: end };
    });
    return {
      periods: periods.filter(Boolean).map((p) => ({ start: new Date(p.startMs).toISOString().replace(/\.000Z$/, 'Z'),
                                                     end: new Date(p.endMs).toISOString().replace(/\.000Z$/, 'Z') })),
      errors,
    };
  }

  function nextDay(date) {
    const d = new Date(date + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  // The next weekday after `nowMs` in `zone`, as "YYYY-MM-DD" (the first row's suggested day).
  function nextWorkingDay(nowMs, zone) {
    for (let i = 1; i < 8; ++i) {
      const parts = {};
      new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' })
        .formatToParts(new Date(nowMs + i * 86400000)).forEach((part) => { parts[part.type] = part.value; });
      if (parts.weekday !== 'Sat' && parts.weekday !== 'Sun') return `${parts.year}-${parts.month}-${parts.day}`;
    }
    return new Date(nowMs + 86400000).toISOString().slice(0, 10);
  }

  const api = { kMaxPeriods, localToInstant, checkRows, nextWorkingDay };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else root.SlotwiseOwnTimes = api;
}(typeof window !== 'undefined' ? window : globalThis));
