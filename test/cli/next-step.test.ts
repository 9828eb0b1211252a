import { describe, expect, it } from 'vitest';
import { nextStep, quote } from '../../src/cli/next-step.js';
import { buildSummary, countRow, createCounts } from '../../src/output/summary.js';
import type { RowStatus } from '../../src/rows/row-result.js';
import type { StopReason } from '../../src/output/summary.js';

function summary(statuses: RowStatus[], run: { stop?: StopReason; dryRun?: boolean } = {}) {
  const counts = createCounts();
  statuses.forEach((status, i) => countRow(counts, { row: i + 1, status, attempts: 1, retryable: false }));
  const at = new Date(0);
  return buildSummary(counts, { input: 'in.csv', outDir: 'runs/in-1', action: 'add', dryRun: run.dryRun ?? false, resumed: false, rate: 10, started: at, finished: at, stop: run.stop, sendSeconds: 1 });
}

describe('nextStep', () => {
  it('reruns retry.csv with the flags that read the file, never the key', () => {
    const step = nextStep(summary(['succeeded', 'failed']), { input: 'in.csv', apiKey: 'secret', action: 'remove', delimiter: ';', rate: 'auto' }, 1);
    expect(step.command).toBe("collab-bulk run runs/in-1/retry.csv --action remove --delimiter ';'");
    expect(step.advice).toMatch(/rerun the 1 row/);
  });

  it('finishes an interrupted run with --resume in the same out folder', () => {
    const step = nextStep(summary(['succeeded', 'not_attempted'], { stop: 'interrupted' }), { input: 'my rows.csv' }, 1);
    expect(step.command).toBe("collab-bulk run 'my rows.csv' --out runs/in-1 --resume");
  });

  it('cannot resume standard input, so reruns retry.csv instead', () => {
    const step = nextStep(summary(['not_attempted'], { stop: 'interrupted' }), { input: '-' }, 1);
    expect(step.command).toBe('collab-bulk run runs/in-1/retry.csv');
  });

  it('after a dry run, gives the same command without --dry-run', () => {
    const step = nextStep(summary(['not_attempted'], { dryRun: true }), { input: 'in.csv', dryRun: true, waba: '919800000001' }, 1);
    expect(step.command).toBe('collab-bulk run in.csv --waba 919800000001');
  });

  it('has no command when nothing is worth rerunning', () => {
    expect(nextStep(summary(['succeeded', 'duplicate']), { input: 'in.csv' }, 0)).toEqual({ advice: 'nothing left to do: every row went through' });
    expect(nextStep(summary(['succeeded', 'invalid']), { input: 'in.csv' }, 0).command).toBeUndefined();
  });
});

describe('quote', () => {
  it('quotes only words the shell would split or expand', () => {
    expect([quote('runs/a-1/retry.csv'), quote("it's here.csv"), quote('$HOME')]).toEqual(['runs/a-1/retry.csv', "'it'\\''s here.csv'", "'$HOME'"]);
  });
});
