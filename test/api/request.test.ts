import { describe, expect, it } from 'vitest';
import { actionPath, buildRequest, endpointUrl } from '../../src/api/request.js';

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
  it.each(['add', 'remove'] as const)('is the documented /collaborators/%s', (action) => {
    expect(actionPath(action)).toBe(`/collaborators/${action}`);
  });
});

describe('endpointUrl', () => {
  it('puts the path right below a bare host', () => {
    expect(endpointUrl('https://public.doubletick.io', actionPath('add')).href).toBe('https://public.doubletick.io/collaborators/add');
  });

  it.each(['https://gw.example/dt', 'https://gw.example/dt/'])('keeps the path of %s as a prefix', (base) => {
    expect(endpointUrl(base, actionPath('remove')).href).toBe('https://gw.example/dt/collaborators/remove');
  });

  it("drops the base URL's query and fragment", () => {
    expect(endpointUrl('http://127.0.0.1:4010/v2?x=1#top', '/team').href).toBe('http://127.0.0.1:4010/v2/team');
  });
});
