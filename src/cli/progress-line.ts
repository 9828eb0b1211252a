// The progress bar's line on a terminal, fitted to its width: a pure function of (figures, columns).
// The count with its percentage, the rate with its limit and the ETA are what a person watching
// needs; they always show from 80 columns up. When the line is too wide, parts give way one step at
// a time, least needed first: retries and the per-status breakdown shorten then go, the rate's
// limit shortens, the bar shrinks then goes, a pause's reason is cut, then the rest shortens (and
// while paused, the rate, about 0 then, makes way for the word PAUSED).
import { breakdownText, countText, etaText, pauseText, rateText, retriesText, type ProgressFigures } from '../run/progress-figures.js';

interface Shape {
  bar: number;
  count: 'long' | 'short';
  breakdown: 'long' | 'short' | 'none';
  retries: 'long' | 'short' | 'none';
  /** rateText's levels; 3: none while paused (the rate is then about 0), else level 2. */
  rate: 0 | 1 | 2 | 3;
  /** 'cut': the reason is cut to the room left. */
  pause: 'long' | 'cut';
}

export const BAR_SIZE = 24;
const SEPARATOR = ' | ';

const STEPS: Partial<Shape>[] = [
  { retries: 'short' },
  { breakdown: 'short' },
  { rate: 1 },
  { retries: 'none' },
  { breakdown: 'none' },
  { bar: 12 },
  { bar: 0 },
  { pause: 'cut' },
  { rate: 2 },
  { count: 'short' },
  { rate: 3 },
];

/** The richest line that fits `columns`; at the last step, whatever is left, cut to the width. */
export function progressLine(f: ProgressFigures, columns: number): string {
  let shape: Shape = { bar: BAR_SIZE, count: 'long', breakdown: 'long', retries: 'long', rate: 0, pause: 'long' };
  let line = draw(f, shape, columns);
  for (const step of STEPS) {
    if (line.length <= columns) return line;
    shape = { ...shape, ...step };
    line = draw(f, shape, columns);
  }
  return line.length <= columns ? line : `${line.slice(0, Math.max(0, columns - 1))}…`;
}

function draw(f: ProgressFigures, shape: Shape, columns: number): string {
  const parts = [countText(f, shape.count === 'short')];
  if (shape.breakdown !== 'none') parts.push(breakdownText(f, shape.breakdown === 'short'));
  if (shape.retries !== 'none') parts.push(retriesText(f, shape.retries === 'short'));
  if (!(shape.rate === 3 && f.pause)) parts.push(rateText(f, shape.rate === 3 ? 2 : shape.rate));
  parts.push(etaText(f));
  const bar = f.total === undefined || shape.bar === 0 ? '' : `${barText(f.done / Math.max(1, f.total), shape.bar)} `;
  const line = bar + parts.join(SEPARATOR);
  if (!f.pause) return line;
  const pause = pauseText(f.pause);
  if (shape.pause === 'long') return line + SEPARATOR + pause;
  const room = columns - line.length - SEPARATOR.length;
  const cut = pause.length <= room ? pause : room > 'PAUSED'.length ? `${pause.slice(0, room - 1).trimEnd()}…` : 'PAUSED';
  return line + SEPARATOR + cut;
}

function barText(share: number, size: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * size);
  return `${'█'.repeat(filled)}${'░'.repeat(size - filled)}`;
}
