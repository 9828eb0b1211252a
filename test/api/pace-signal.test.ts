import { describe, expect, it } from 'vitest';
import { paceSignal } from '../../src/api/pace-signal.js';

describe('paceSignal', () => {
  it('tells the limiter a success or a 4xx was granted, a 429 throttled (with its wait), a 5xx or no answer failed', () => {
    expect(paceSignal({ kind: 'assigned', httpStatus: 201 }, 1, 2)).toEqual({ sentAt: 1, at: 2, kind: 'granted' });
    expect(paceSignal({ kind: 'error', httpStatus: 422 }, 1, 2)).toEqual({ sentAt: 1, at: 2, kind: 'granted' });
    expect(paceSignal({ kind: 'error', httpStatus: 429, retryAfterMs: 3000 }, 1, 2)).toEqual({ sentAt: 1, at: 2, kind: 'throttled', retryAfterMs: 3000 });
    expect(paceSignal({ kind: 'error', httpStatus: 503 }, 1, 2)).toEqual({ sentAt: 1, at: 2, kind: 'failed' });
    expect(paceSignal({ kind: 'error' }, 1, 2)).toEqual({ sentAt: 1, at: 2, kind: 'failed' });
  });
});
