import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { ADD, AGENTS, CUSTOMER, post, REMOVE, WABA } from './helpers.js';

describe('the sandbox answers 400 for an invalid payload', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  // Validation failures answer class-validator's messages as an array, one per broken rule.
  const cases: [string, unknown, RegExp][] = [
    ['from is missing', { to: CUSTOMER, agentNumbers: [AGENTS[0]] }, /from must be a string/],
    ['to is a number', { from: WABA, to: 919876500001, agentNumbers: [AGENTS[0]] }, /to must be a string/],
    ['agentNumbers is missing', { from: WABA, to: CUSTOMER }, /agentNumbers must be an array/],
    ['agentNumbers is a string', { from: WABA, to: CUSTOMER, agentNumbers: AGENTS[0] }, /agentNumbers must be an array/],
    ['agentNumbers is empty', { from: WABA, to: CUSTOMER, agentNumbers: [] }, /at least 1/],
    ['an agent number is not a string', { from: WABA, to: CUSTOMER, agentNumbers: [AGENTS[0], 919811100002] }, /each value/],
  ];

  it.each(cases)('when %s', async (_name, body, message) => {
    const answer = await post(sandbox.url, ADD, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'Bad Request', statusCode: 400, message: expect.arrayContaining([expect.stringMatching(message)]) });
  });

  it('lists every broken rule in one answer', async () => {
    const answer = await post(sandbox.url, ADD, { agentNumbers: [] });
    expect((answer.body as { message: string[] }).message).toEqual(['from must be a string', 'to must be a string', 'agentNumbers must contain at least 1 elements']);
  });

  it('when the body is an array', async () => {
    const answer = await post(sandbox.url, ADD, [WABA, CUSTOMER]);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/JSON object/) });
  });

  it('when the body is not JSON', async () => {
    const answer = await post(sandbox.url, REMOVE, undefined, { raw: '{"from": "9198' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/not valid JSON/) });
  });

  it('when the content type is not application/json', async () => {
    const body = { from: WABA, to: CUSTOMER, agentNumbers: [AGENTS[0]] };
    const answer = await post(sandbox.url, ADD, body, { contentType: 'text/plain' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/Content-Type/) });
    expect(sandbox.state().collaborators).toEqual([]);
  });

  it('but accepts application/json with a charset', async () => {
    const body = { from: WABA, to: CUSTOMER, agentNumbers: [AGENTS[0]] };
    const answer = await post(sandbox.url, ADD, body, { contentType: 'application/json; charset=utf-8' });
    expect(answer.status).toBe(200);
  });
});
