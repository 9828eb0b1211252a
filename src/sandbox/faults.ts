// Decides, at arrival, how one API request will misbehave: delay, dropped socket or a 5xx.
// Pure apart from the dice, so the same seed and arrival order always give the same plan.

export type Fault = 'reset' | 500 | 502 | 503;

export interface FaultSettings {
  readonly failRate: number;
  readonly resetRate: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
}

export interface FaultPlan {
  readonly delayMs: number;
  readonly fault: Fault | undefined;
}

const SERVER_ERRORS = [500, 502, 503] as const;

export function planFaults(random: () => number, settings: FaultSettings): FaultPlan {
  // Always four draws in this order, whatever the rates, so turning one knob does not reshuffle
  // the dice of the others and a given seed replays the same story.
  const resetDraw = random();
  const failDraw = random();
  const whichDraw = random();
  const jitterDraw = random();
  const delayMs = Math.max(0, settings.latencyMs + (jitterDraw * 2 - 1) * settings.jitterMs);
  if (resetDraw < settings.resetRate) return { delayMs, fault: 'reset' };
  if (failDraw < settings.failRate) return { delayMs, fault: SERVER_ERRORS[Math.floor(whichDraw * 3)] ?? 500 };
  return { delayMs, fault: undefined };
}
