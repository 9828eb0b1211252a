import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyAnswer, classifyNetworkError, isRerunnable, parseRetryAfter, type SendOutcome } from '../../src/api/classify.js';

function answered(outcome: SendOutcome): { success: string[]; failed: string[] } {
  if (outcome.kind !== 'answered') throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`);
  return { success: outcome.answer.success.map((e) => e.digits), failed: outcome.answer.failed.map((e) => e.digits) };
}

function failed(outcome: SendOutcome): Extract<SendOutcome, { kind: 'error' }> {
  if (outcome.kind !== 'error') throw new Error('expected an error outcome');
  return outcome;
}

describe('classifyAnswer on a 2xx', () => {
  it('reads the documented success and failed lists of objects', () => {
    const body = { success: [{ number: '+919811100001', name: 'Asha Rao' }], failed: [{ number: '9811100002' }] };
    expect(answered(classifyAnswer(200, body))).toEqual({ success: ['919811100001'], failed: ['9811100002'] });
  });

  it('answers with empty lists when the body was not JSON', () => {
    expect(classifyAnswer(200, '<html>ok</html>')).toEqual({ kind: 'answered', httpStatus: 200, answer: { success: [], failed: [] } });
  });

  it.each([201, 204, 299])('counts %i as an answer, keeping the exact status', (status) => {
    expect(classifyAnswer(status, { success: [] })).toMatchObject({ kind: 'answered', httpStatus: status });
  });
});

describe('classifyAnswer on a body that is not Nest JSON', () => {
  it("names a proxy's HTML page by its title", () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>';
    expect(failed(classifyAnswer(502, page))).toMatchObject({ code: 'server_error', message: 'HTTP 502, not JSON: 502 Bad Gateway', retryable: true });
  });

  it('shows the start of plain text without tags', () => {
    expect(failed(classifyAnswer(400, 'upstream said <b>no</b>')).message).toBe('HTTP 400, not JSON: upstream said no');
  });

  it('falls back to the status for an empty body', () => {
    expect(failed(classifyAnswer(503, '')).message).toBe('HTTP 503');
  });

  it('uses error when the envelope has no message', () => {
    expect(failed(classifyAnswer(403, { statusCode: 403, error: 'Forbidden' })).message).toBe('HTTP 403 Forbidden');
  });

  it('reads an envelope that lacks error', () => {
    expect(classifyAnswer(401, { statusCode: 401, message: 'Unauthorized' })).toMatchObject({ code: 'unauthorized', message: 'Unauthorized' });
  });
});

describe('classifyAnswer on a 400 or 404', () => {
  it('calls a chat the API cannot resolve chat_not_found, not retryable', () => {
    const body = { message: 'Chat could not be resolved for the given from and to numbers', error: 'Bad Request', statusCode: 400 };
    expect(classifyAnswer(400, body)).toEqual({
      kind: 'error',
      httpStatus: 400,
      code: 'chat_not_found',
      message: 'Chat could not be resolved for the given from and to numbers',
      retryable: false,
    });
  });

  it('calls a validation message about the payload bad_request', () => {
    expect(failed(classifyAnswer(400, { message: 'agentNumbers must be an array' })).code).toBe('bad_request');
  });

  it('calls a validation message naming the customer field bad_request, not chat_not_found', () => {
    expect(failed(classifyAnswer(400, { message: 'Request body must be a JSON object with from, to and agentNumbers' })).code).toBe('bad_request');
  });

  it('joins a list of validation messages with semicolons', () => {
    expect(failed(classifyAnswer(400, { message: ['from must be a string', 'to must be a string'] })).message).toBe(
      'from must be a string; to must be a string',
    );
  });

  it('calls a 400 with no message bad_request with an HTTP fallback message', () => {
    expect(classifyAnswer(400, undefined)).toMatchObject({ code: 'bad_request', message: 'HTTP 400', retryable: false });
  });

  it('calls a 404 bad_request whatever its message, since it means the route is wrong', () => {
    expect(failed(classifyAnswer(404, { message: 'Cannot POST /chat/collaborator/add', error: 'Not Found', statusCode: 404 })).code).toBe(
      'bad_request',
    );
  });

  it('points a 404 at --base-url in its message', () => {
    expect(failed(classifyAnswer(404, { message: 'Cannot POST /x/add' })).message).toBe('Cannot POST /x/add (is --base-url right?)');
  });
});

describe('classifyAnswer on other statuses', () => {
  it('calls 401 unauthorized, not retryable', () => {
    expect(classifyAnswer(401, { message: 'Invalid API key' })).toEqual({
      kind: 'error',
      httpStatus: 401,
      code: 'unauthorized',
      message: 'Invalid API key',
      retryable: false,
    });
  });

  it('calls 403 forbidden, not retryable', () => {
    expect(classifyAnswer(403, { message: 'You do not have access to this chat' })).toMatchObject({ code: 'forbidden', retryable: false });
  });

  it('calls 429 rate_limited, retryable, with Retry-After seconds in milliseconds', () => {
    expect(classifyAnswer(429, { message: 'slow down' }, '2')).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 2000 });
  });

  it('leaves retryAfterMs undefined on a 429 without Retry-After', () => {
    expect(failed(classifyAnswer(429, {})).retryAfterMs).toBeUndefined();
  });

  describe('with a Retry-After HTTP date', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('turns the date into the milliseconds still to wait', () => {
      vi.useFakeTimers({ now: Date.parse('2025-01-01T00:00:00Z') });
      expect(failed(classifyAnswer(429, {}, 'Wed, 01 Jan 2025 00:00:05 GMT')).retryAfterMs).toBe(5000);
    });
  });

  it.each([500, 502, 503, 504])('calls %i server_error and retryable', (status) => {
    expect(classifyAnswer(status, { message: 'oops' })).toMatchObject({ httpStatus: status, code: 'server_error', retryable: true });
  });

  it('calls 501 server_error but not retryable', () => {
    expect(classifyAnswer(501, {})).toMatchObject({ code: 'server_error', retryable: false });
  });

  it('reads Retry-After on a 503', () => {
    expect(failed(classifyAnswer(503, {}, '3')).retryAfterMs).toBe(3000);
  });

  it('ignores Retry-After on a 500', () => {
    expect(failed(classifyAnswer(500, {}, '3')).retryAfterMs).toBeUndefined();
  });

  it('calls 408 timeout and retryable', () => {
    expect(classifyAnswer(408, {})).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('falls back to "HTTP <status>" when a 502 body is not JSON', () => {
    expect(failed(classifyAnswer(502, undefined)).message).toBe('HTTP 502');
  });

  it('falls back to "HTTP <status>" when the message is blank', () => {
    expect(failed(classifyAnswer(500, { message: '   ' })).message).toBe('HTTP 500');
  });
});

describe('parseRetryAfter', () => {
  it('returns undefined without a header', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('returns undefined for an empty header', () => {
    expect(parseRetryAfter('')).toBeUndefined();
  });

  it('reads whole seconds', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
  });

  it('reads fractional seconds', () => {
    expect(parseRetryAfter('1.5')).toBe(1500);
  });

  it('reads zero seconds as no wait', () => {
    expect(parseRetryAfter('0')).toBe(0);
  });

  it('trims spaces around the value', () => {
    expect(parseRetryAfter(' 7 ')).toBe(7000);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2015-10-21T07:27:30Z');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(30_000);
  });

  it('waits zero for an HTTP date already past', () => {
    const now = Date.parse('2015-10-21T08:00:00Z');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(0);
  });

  it('returns undefined for text that is neither seconds nor a date', () => {
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('classifyNetworkError', () => {
  it('calls a got TimeoutError a retryable timeout', () => {
    expect(classifyNetworkError({ name: 'TimeoutError', code: 'ETIMEDOUT' })).toEqual({
      kind: 'error',
      code: 'timeout',
      message: 'no answer before the timeout',
      retryable: true,
    });
  });

  it.each(['ETIMEDOUT', 'ESOCKETTIMEDOUT'])('calls the code %s a timeout', (code) => {
    expect(classifyNetworkError({ code })).toMatchObject({ code: 'timeout', retryable: true });
  });

  it('calls a reset connection a retryable network_error naming the code', () => {
    expect(classifyNetworkError({ name: 'RequestError', code: 'ECONNRESET', message: 'socket hang up' })).toEqual({
      kind: 'error',
      code: 'network_error',
      message: 'network error: ECONNRESET',
      retryable: true,
    });
  });

  it('uses the message when there is no code', () => {
    expect(failed(classifyNetworkError({ message: 'socket hang up' })).message).toBe('network error: socket hang up');
  });

  it('says the connection failed when there is neither code nor message', () => {
    expect(failed(classifyNetworkError({})).message).toBe('network error: connection failed');
  });

  it('leaves httpStatus undefined, since nothing answered', () => {
    expect(failed(classifyNetworkError({ code: 'ECONNREFUSED' })).httpStatus).toBeUndefined();
  });
});

describe('isRerunnable', () => {
  it('is true for a retryable failure', () => {
    expect(isRerunnable({ code: 'server_error', retryable: true })).toBe(true);
  });

  it('is true for a rejected key, which a rerun with a fixed key will clear', () => {
    expect(isRerunnable({ code: 'unauthorized', retryable: false })).toBe(true);
  });

  it.each(['forbidden', 'chat_not_found', 'bad_request', 'agent_not_found'] as const)('is false for the permanent failure %s', (code) => {
    expect(isRerunnable({ code, retryable: false })).toBe(false);
  });
});
