import { describe, expect, it } from 'vitest';
import { classifyAnswer, classifyNetworkError } from '../../src/api/classify.js';
import type { RowResult } from '../../src/rows/row-result.js';
import { createRunGuard, ERROR_RATE_MIN_ROWS, isUnreachable, observeAnswer, observeRow, UNREACHABLE_AFTER_MS, type RunGuard } from '../../src/run/run-guard.js';

const ok = classifyAnswer(200, { success: ['919811100001'], failure: [] });
const unauthorized = classifyAnswer(401, { message: 'Invalid API key' });
const forbidden = classifyAnswer(403, { message: 'You do not have access to this chat' });
const serverError = classifyAnswer(500, {});

const succeeded: RowResult = { row: 1, status: 'succeeded', httpStatus: 200, attempts: 1, retryable: false };
const failedForGood: RowResult = { row: 1, status: 'failed', httpStatus: 200, errorCode: 'agent_not_found', attempts: 1, retryable: false };
const failedForNow: RowResult = { row: 1, status: 'failed', httpStatus: 503, errorCode: 'server_error', attempts: 3, retryable: true };
const unsent: RowResult = { row: 1, status: 'not_attempted', attempts: 0, retryable: true };

/** Feeds rows one by one; returns the first stop reason, or undefined. */
function feed(guard: RunGuard, rows: RowResult[]): string | undefined {
  for (const row of rows) {
    const reason = observeRow(guard, row);
    if (reason) return reason;
  }
  return undefined;
}

const times = <T>(n: number, value: T): T[] => Array.from({ length: n }, () => value);

describe('observeAnswer', () => {
  it('lets two 401s in a row pass', () => {
    const guard = createRunGuard();
    expect([observeAnswer(guard, unauthorized, 'c1'), observeAnswer(guard, unauthorized, 'c2')]).toEqual([undefined, undefined]);
  });

  it('stops with credentials_rejected on the third 401 in a row', () => {
    const guard = createRunGuard();
    observeAnswer(guard, unauthorized, 'c1');
    observeAnswer(guard, unauthorized, 'c2');
    expect(observeAnswer(guard, unauthorized, 'c3')).toBe('credentials_rejected');
  });

  it('starts the 401 count again after a 400 about the chat, which shows the key was accepted', () => {
    const guard = createRunGuard();
    const chatNotFound = classifyAnswer(400, { message: 'Chat could not be resolved for the given from and to numbers' });
    const answers = [unauthorized, chatNotFound, unauthorized, unauthorized].map((o, i) => observeAnswer(guard, o, `c${i}`));
    expect(answers).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('starts the 401 count again after a success', () => {
    const guard = createRunGuard();
    observeAnswer(guard, unauthorized, 'c1');
    observeAnswer(guard, unauthorized, 'c2');
    observeAnswer(guard, ok, 'c3');
    observeAnswer(guard, unauthorized, 'c4');
    expect(observeAnswer(guard, unauthorized, 'c5')).toBeUndefined();
  });

  it('neither resets nor advances the 401 count on a server error', () => {
    const guard = createRunGuard();
    observeAnswer(guard, unauthorized, 'c1');
    observeAnswer(guard, unauthorized, 'c2');
    observeAnswer(guard, serverError, 'c3');
    expect(observeAnswer(guard, unauthorized, 'c4')).toBe('credentials_rejected');
  });

  it('ignores network errors', () => {
    const guard = createRunGuard();
    for (let i = 0; i < 20; i++) expect(observeAnswer(guard, classifyNetworkError({ code: 'ECONNRESET' }), `c${i}`)).toBeUndefined();
  });

  it('lets 9 forbidden chats pass', () => {
    const guard = createRunGuard();
    const reasons = Array.from({ length: 9 }, (_, i) => observeAnswer(guard, forbidden, `chat${i}`));
    expect(reasons.every((r) => r === undefined)).toBe(true);
  });

  it('stops with credentials_rejected at the tenth distinct forbidden chat', () => {
    const guard = createRunGuard();
    for (let i = 0; i < 9; i++) observeAnswer(guard, forbidden, `chat${i}`);
    expect(observeAnswer(guard, forbidden, 'chat9')).toBe('credentials_rejected');
  });

  it('counts one chat forbidden many times only once', () => {
    const guard = createRunGuard();
    const reasons = Array.from({ length: 30 }, () => observeAnswer(guard, forbidden, 'the same chat'));
    expect(reasons.every((r) => r === undefined)).toBe(true);
  });

  it('forgets the forbidden chats after a success', () => {
    const guard = createRunGuard();
    for (let i = 0; i < 9; i++) observeAnswer(guard, forbidden, `chat${i}`);
    observeAnswer(guard, ok, 'fine');
    expect(observeAnswer(guard, forbidden, 'chat9')).toBeUndefined();
  });
});

describe('observeRow', () => {
  it('never stops without --max-error-rate', () => {
    expect(feed(createRunGuard(), times(500, failedForGood))).toBeUndefined();
  });

  it('does not judge the error rate before 100 sent rows', () => {
    const guard = createRunGuard(10);
    expect(feed(guard, times(ERROR_RATE_MIN_ROWS - 1, failedForGood))).toBeUndefined();
  });

  it('stops with error_rate_exceeded at the 100th sent row when the rate is over the limit', () => {
    const guard = createRunGuard(10);
    feed(guard, times(ERROR_RATE_MIN_ROWS - 1, failedForGood));
    expect(observeRow(guard, failedForGood)).toBe('error_rate_exceeded');
  });

  it('does not stop when the rate equals the limit', () => {
    const guard = createRunGuard(10);
    expect(feed(guard, [...times(90, succeeded), ...times(10, failedForGood)])).toBeUndefined();
  });

  it('stops once the rate goes over the limit', () => {
    const guard = createRunGuard(10);
    expect(feed(guard, [...times(89, succeeded), ...times(11, failedForGood)])).toBe('error_rate_exceeded');
  });

  it('counts a permanently failed partial row', () => {
    const guard = createRunGuard(0);
    const partial: RowResult = { ...failedForGood, status: 'partial' };
    expect(feed(guard, [...times(99, succeeded), partial])).toBe('error_rate_exceeded');
  });

  it('does not count retryable failures', () => {
    expect(feed(createRunGuard(0), times(200, failedForNow))).toBeUndefined();
  });

  it('ignores rows that were never sent, both in the count and the rate', () => {
    const guard = createRunGuard(10);
    feed(guard, [...times(500, unsent), ...times(5, failedForGood)]);
    expect(guard.sentRows).toBe(5);
  });

  it('does not reach 100 sent rows on unsent rows', () => {
    const guard = createRunGuard(10);
    expect(feed(guard, [...times(99, failedForGood), ...times(50, unsent)])).toBeUndefined();
  });
});

describe('observeAnswer: a wrong base URL', () => {
  const notFound = classifyAnswer(404, { message: 'Cannot POST /x/collaborators/add' });

  it('stops with endpoint_not_found at the third 404 in a row', () => {
    const guard = createRunGuard();
    expect([observeAnswer(guard, notFound, 'a'), observeAnswer(guard, notFound, 'b'), observeAnswer(guard, notFound, 'c')]).toEqual([undefined, undefined, 'endpoint_not_found']);
  });

  it('forgets the 404s after any other answer', () => {
    const guard = createRunGuard();
    observeAnswer(guard, notFound, 'a');
    observeAnswer(guard, notFound, 'b');
    observeAnswer(guard, ok, 'c');
    expect(observeAnswer(guard, notFound, 'd')).toBeUndefined();
  });
});

describe('observeAnswer: an API that cannot be reached', () => {
  const refused = classifyNetworkError({ code: 'ECONNREFUSED' });

  it('stops with api_unreachable once network failures outlast UNREACHABLE_AFTER_MS with nothing answered', () => {
    const guard = createRunGuard(undefined, 0);
    expect(observeAnswer(guard, refused, 'a', 1_000)).toBeUndefined();
    expect(observeAnswer(guard, refused, 'a', UNREACHABLE_AFTER_MS)).toBe('api_unreachable');
    expect(guard.networkError).toBe('network error: ECONNREFUSED');
  });

  it('never stops for network failures once the API has answered', () => {
    const guard = createRunGuard(undefined, 0);
    observeAnswer(guard, ok, 'a', 10);
    expect(observeAnswer(guard, refused, 'a', UNREACHABLE_AFTER_MS * 3)).toBeUndefined();
    expect(isUnreachable(guard, UNREACHABLE_AFTER_MS * 3)).toBe(false);
  });

  it('does not take timeouts for an unreachable API', () => {
    const guard = createRunGuard(undefined, 0);
    expect(observeAnswer(guard, classifyNetworkError({ name: 'TimeoutError' }), 'a', UNREACHABLE_AFTER_MS * 2)).toBeUndefined();
  });
});
