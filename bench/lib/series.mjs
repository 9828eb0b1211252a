// Per-second figures from the sandbox's request log: what the server granted (200) and refused (429)
// in each second from the first arrival, and when a run reached its steady state.

/** trace: [{ at, status }] in arrival order -> { seconds, granted[], throttled[], spanS } */
export function perSecond(trace) {
  if (trace.length === 0) return { granted: [], throttled: [], spanS: 0 };
  const t0 = trace[0].at;
  const granted = [];
  const throttled = [];
  for (const { at, status } of trace) {
    const s = Math.floor((at - t0) / 1000);
    while (granted.length <= s) {
      granted.push(0);
      throttled.push(0);
    }
    if (status === 200) granted[s]++;
    else if (status === 429) throttled[s]++;
  }
  return { granted, throttled, spanS: (trace.at(-1).at - t0) / 1000 };
}

/**
 * Seconds from the first request until the granted rate (2-second average) stays within 15% of
 * its settled level (the median of the second half of the run) for good. The last two seconds,
 * where the run drains its last rows, do not count. null: it never settled.
 */
export function timeToSteady(granted) {
  const usable = granted.slice(0, Math.max(0, granted.length - 2));
  if (usable.length < 4) return null;
  const smooth = usable.slice(1).map((n, i) => (n + usable[i]) / 2);
  const late = smooth.slice(Math.floor(smooth.length / 2)).sort((a, b) => a - b);
  const level = late[Math.floor(late.length / 2)];
  let steadyFrom = null;
  for (let i = smooth.length - 1; i >= 0; i--) {
    if (Math.abs(smooth[i] - level) > 0.15 * level) break;
    steadyFrom = i;
  }
  // A level reached only in the last quarter of the run is not a steady state.
  return steadyFrom === null || steadyFrom > 0.75 * smooth.length ? null : steadyFrom + 2;
}
