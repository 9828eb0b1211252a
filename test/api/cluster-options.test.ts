import { describe, expect, it } from 'vitest';
import { defaultLimiterId, redact, resolveCluster } from '../../src/api/cluster-options.js';

const base = { apiKey: 'secret-key-123', baseUrl: 'https://public.doubletick.io' };

describe('the shared limiter a run joins', () => {
  it('joins none without a Redis URL, and an empty one counts as none', () => {
    expect(resolveCluster({ ...base })).toBeUndefined();
    expect(resolveCluster({ ...base, url: '  ' })).toBeUndefined();
  });

  it('names the limiter after a hash of the key and the base URL, never the key itself', () => {
    const id = resolveCluster({ ...base, url: 'redis://localhost:6379' })!.limiterId;
    expect(id).toMatch(/^collab-bulk-[0-9a-f]{24}$/);
    expect(id).not.toContain(base.apiKey);
    expect(id).toBe(defaultLimiterId(base.apiKey, 'https://public.doubletick.io/'));
    expect(id).not.toBe(defaultLimiterId('another-key', base.baseUrl));
    expect(id).not.toBe(defaultLimiterId(base.apiKey, 'http://127.0.0.1:4010'));
  });

  it('takes --limiter-id as given, and refuses one with characters Redis keys should not carry', () => {
    expect(resolveCluster({ ...base, url: 'redis://r:6379', limiterId: 'night-import.1' })!.limiterId).toBe('night-import.1');
    expect(() => resolveCluster({ ...base, url: 'redis://r:6379', limiterId: 'a b' })).toThrow(/--limiter-id must be/);
  });

  it('refuses --limiter-id without a Redis to share it in', () => {
    expect(() => resolveCluster({ ...base, limiterId: 'x' })).toThrow(/--limiter-id .* needs --redis-url/);
  });

  it('refuses a URL that is not redis:// or rediss://, without echoing its password', () => {
    expect(resolveCluster({ ...base, url: 'rediss://user:pw@host:6380/0' })!.redisUrl).toBe('rediss://user:pw@host:6380/0');
    expect(() => resolveCluster({ ...base, url: 'http://host:6379' })).toThrow(/--redis-url must be a redis:\/\//);
    expect(() => resolveCluster({ ...base, url: 'mysql://u:hunter2@host' })).toThrow(/^(?!.*hunter2)/);
    expect(redact('redis://u:hunter2@host:6379')).toBe('redis://***@host:6379');
  });

  it('waits 30 s for Redis by default, and takes --redis-wait from 1 to 3600 seconds', () => {
    expect(resolveCluster({ ...base, url: 'redis://r' })!.waitMs).toBe(30_000);
    expect(resolveCluster({ ...base, url: 'redis://r', waitSeconds: 2.5 })!.waitMs).toBe(2_500);
    for (const bad of [0, -1, 3601, Number.NaN]) expect(() => resolveCluster({ ...base, url: 'redis://r', waitSeconds: bad })).toThrow(/--redis-wait must be/);
  });
});
