// union_data.mjs — the union series' fixed-seed intervals, identical to UnionData() in engine_bench.cpp (mulberry32
// on raw 32-bit words, integer arithmetic only), so native, WebAssembly and JavaScript merge the same data.
const kUnionBase = 1900000000;

function Mulberry32Words(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1) >>> 0;
    t = (t ^ (t + Math.imul(t ^ (t >>> 7), t | 61))) >>> 0;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// n intervals, starts on a 5-minute grid over n·30 minutes, lengths 15..90 minutes, random order (seconds).
export function UnionData(n) {
  const next = Mulberry32Words(Math.imul(n, 2654435761) >>> 0);
  const slots = n * 6;
  const starts = new Float64Array(n), ends = new Float64Array(n);
  for (let i = 0; i < n; ++i) {
    starts[i] = kUnionBase + (next() % slots) * 300;
    ends[i] = starts[i] + (15 + 5 * (next() % 16)) * 60;
  }
  return { starts, ends };
}
