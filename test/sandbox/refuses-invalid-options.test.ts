import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { sandboxOptionsFromArgv } from '../../src/sandbox/cli-args.js';
import { startSandbox } from '../../src/sandbox/index.js';

describe('sandbox options are checked before anything listens', () => {
  it('startSandbox names the option, the expected and the received value', async () => {
    await expect(startSandbox({ port: 0, failRate: 2 })).rejects.toThrow(
      'sandbox option failRate must be a probability from 0 to 1, received 2',
    );
    await expect(startSandbox({ port: 0, latencyMs: -1 })).rejects.toBeInstanceOf(UsageError);
  });

  it('the CLI flags quote what was typed and never echo the key', () => {
    expect(() => sandboxOptionsFromArgv({ port: 'abc' })).toThrow('--port must be an integer from 0 to 65535, received "abc"');
    expect(() => sandboxOptionsFromArgv({ 'reset-rate': '1.5' })).toThrow('--reset-rate must be a probability from 0 to 1, received "1.5"');
    expect(() => sandboxOptionsFromArgv({ 'log-level': 'loud' })).toThrow(/--log-level must be one of .*received "loud"/);
    expect(() => sandboxOptionsFromArgv({ 'api-key': ' secret ' })).toThrow(UsageError);
    expect(() => sandboxOptionsFromArgv({ 'api-key': ' secret ' })).not.toThrow(/secret/);
  });

  it('the CLI flags turn into startSandbox options', () => {
    expect(sandboxOptionsFromArgv({ port: '0', 'rate-limit': '2.5', 'fail-rate': '0.1', seed: '9', 'api-key': 'k' })).toEqual({
      sandbox: { port: 0, rateLimit: 2.5, failRate: 0.1, seed: 9, apiKey: 'k' },
      logLevel: 'info',
    });
  });
});
