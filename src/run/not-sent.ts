// What a pair that was never sent ends as. The stop that kept it back decides its code: a rejected
// key says `unauthorized` (fix the key, rerun); any other stop leaves the code empty, since nothing
// was tried and nothing failed. Pure.
import type { StopReason } from '../output/summary.js';
import type { PairOutcome } from '../rows/pair.js';
import { NOT_SENT_MESSAGE } from './row-from-pairs.js';

export function notSentOutcome(reason: StopReason | undefined, keyRejected?: string): PairOutcome {
  if (keyRejected !== undefined) return { kind: 'not_attempted', code: 'unauthorized', message: `not sent: ${keyRejected}` };
  if (reason === 'credentials_rejected') return { kind: 'not_attempted', code: 'unauthorized', message: 'not sent: the API key was rejected' };
  return { kind: 'not_attempted', message: NOT_SENT_MESSAGE };
}

export const DRY_RUN_OUTCOME: PairOutcome = { kind: 'not_attempted', message: 'dry run: valid, not sent' };
