// The sliding window the limiter applies a pace through, expressed in Bottleneck's own settings so
// that a local Bottleneck and one shared through Redis apply it the same way: maxConcurrent is the
// window's slots, and each send holds its slot from the grant until a window after its bytes left.
// R + 1 sends in one window would need R + 1 slots at once, so no window ever holds more than
// maxConcurrent sends, however late timers run. minTime spreads the grants so a window's sends are
// spaced rather than bunched at its start; once a window's worth has gone out at the ceiling, the
// slots repeat that spacing by themselves and minTime steps back (SLOTS_SPACING_SHARE).

/**
 * One process: a second, plus 25 ms for a request's trip to the server's clock to vary (a server
 * that stalls stamps the requests that arrived meanwhile late, together). It was 20 ms while a
 * freed slot took some more (12 to 20 ms at --rate 300, measured) to reach its next job, and
 * that slack was protecting too: once the local store answered at once (local-store-turns.ts), a
 * 20 ms margin let a loopback sandbox count 51 in a second at --rate 50 (1 run in 12).
 */
export const LOCAL_WINDOW_MS = 1_025;
/**
 * Several processes on one Redis: a second, plus room for the trip and for a busy server taking
 * several waiting requests in one go (stalls of ~60 ms were measured on a loaded 2-core machine).
 * It costs ~7% of the ceiling: --rate 30 runs at up to ~28/s.
 */
export const CLUSTER_WINDOW_MS = 1_080;
/** A slot whose request has not left by then is given back (it was not sent while it held one). */
export const HOLD_CAP_MS = 5_000;

export interface WindowSettings {
  /** Slots: sends allowed in any window. */
  maxConcurrent: number;
  /** Spacing of grants, ms. */
  minTime: number;
}

/**
 * minTime's share of the pace's spacing once a whole window of grants has gone out at the ceiling.
 * Each slot comes back a window after its send, so every window repeats the spacing of the one
 * before: minTime at the full spacing then only adds waits. Two slots that one timer batch gives back
 * together queue behind it, and the one that waited carries the wait into every window after (4 to
 * 5 ms a slot's cycle at --rate 300, measured; 1.5 ms at half). Half still spreads a clump of slots
 * given back at once (after a stall) over time.
 */
export const SLOTS_SPACING_SHARE = 0.5;

/**
 * Bottleneck's settings for a pace of `rate` requests per second under `ceiling`: the window's
 * slots are the ceiling's whole number (at least one), which holds the ceiling; the grants are
 * spaced at the pace, which follows every cut and rise at once (a window sized to the pace would
 * hold back every send for up to a window after a cut, and starve the measure that follows it).
 * `windowSpaced`: a window's worth of grants has gone out at the ceiling, spaced at the pace, so the
 * slots space the sends (SLOTS_SPACING_SHARE); under a ceiling below one a second, the one slot does
 * not hold it and the spacing stays whole.
 * Bottleneck's Redis scripts never grant a slot under a fractional minTime, so a shared limiter
 * spaces in whole milliseconds, rounded down: the slots, not the spacing, hold the ceiling.
 */
export function windowSettings(rate: number, ceiling: number, wholeMs: boolean, windowSpaced = false): WindowSettings {
  const slotsSpace = windowSpaced && rate >= ceiling && ceiling >= 1;
  const spacing = (1000 / rate) * (slotsSpace ? SLOTS_SPACING_SHARE : 1);
  return { maxConcurrent: Math.max(1, Math.floor(ceiling)), minTime: wholeMs ? Math.max(1, Math.floor(spacing)) : spacing };
}

/** The slots this process holds: each is given back a window after its request left. */
export class SlotHolds {
  private readonly held = new Set<() => void>();

  constructor(private readonly windowMs: number) {}

  /**
   * Runs `start` in a slot (it calls `left` once its request is on the wire). Resolves when the slot
   * may be given back: a window after the request left, or when `start` settles if it never left.
   */
  hold(start: (left: () => void) => Promise<unknown>): Promise<void> {
    return new Promise((give) => {
      let timer: NodeJS.Timeout | undefined;
      let left = false;
      const release = (): void => {
        clearTimeout(timer);
        this.held.delete(release);
        give();
      };
      this.held.add(release);
      timer = setTimeout(release, HOLD_CAP_MS);
      const departed = (): void => {
        if (left) return;
        left = true;
        clearTimeout(timer);
        timer = setTimeout(release, this.windowMs);
      };
      const settled = (): void => {
        if (!left) release();
      };
      start(departed).then(settled, settled);
    });
  }

  /** Gives every slot back now: a stopped process sends nothing more. */
  releaseAll(): void {
    for (const release of [...this.held]) release();
  }
}
