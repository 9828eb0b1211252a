// Adaptive rate (AIMD): halve the rate when the server throttles, win it back step by step while
// answers come through, never above the user's --rate. Pure state machine, tested without timers.
export interface RateControl {
  readonly ceiling: number;
  current: number;
  lastIncreaseAt: number;
}

const FLOOR_SHARE = 1 / 16;
const STEP_SHARE = 0.05;
const STEP_EVERY_MS = 500;

export function createRateControl(ceiling: number): RateControl {
  return { ceiling, current: ceiling, lastIncreaseAt: 0 };
}

/** Multiplicative decrease on a 429. Returns true when the rate changed. */
export function onThrottled(control: RateControl, now: number): boolean {
  const next = Math.max(control.ceiling * FLOOR_SHARE, control.current / 2);
  control.lastIncreaseAt = now;
  if (next === control.current) return false;
  control.current = next;
  return true;
}

/** Additive increase, at most once every STEP_EVERY_MS. Returns true when the rate changed. */
export function onAnswered(control: RateControl, now: number): boolean {
  if (control.current >= control.ceiling || now - control.lastIncreaseAt < STEP_EVERY_MS) return false;
  control.current = Math.min(control.ceiling, control.current + Math.max(1, control.ceiling * STEP_SHARE));
  control.lastIncreaseAt = now;
  return true;
}
