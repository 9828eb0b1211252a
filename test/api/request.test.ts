import { describe, expect, it } from 'vitest';
import { actionPath, buildRequest } from '../../src/api/request.js';

describe('buildRequest', () => {
  it('puts the WABA in from, the customer in to and the agents in agentNumbers', () => {
    expect(buildRequest('919800000000', '919811100001', ['919811100002', '919811100003'])).toEqual({
      from: '919800000000',
      to: '919811100001',
      agentNumbers: ['919811100002', '919811100003'],
    });
  });

  it('copies the agent list so later changes to it do not reach the request', () => {
    const agents = ['919811100002'];
    const request = buildRequest('919800000000', '919811100001', agents);
    agents.push('919811100003');
    expect(request.agentNumbers).toEqual(['919811100002']);
  });
});

describe('actionPath', () => {
  it.each(['add', 'remove'] as const)('appends /%s to the base path', (action) => {
    expect(actionPath('/chat/collaborators', action)).toBe(`/chat/collaborators/${action}`);
  });

  it('does not double a trailing slash', () => {
    expect(actionPath('/chat/collaborators/', 'add')).toBe('/chat/collaborators/add');
  });

  it('drops several trailing slashes', () => {
    expect(actionPath('/chat/collaborators///', 'remove')).toBe('/chat/collaborators/remove');
  });
});
