import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../sync-server/config';

describe('DEMO in the server configuration', () => {
  it('is a wish for a new database only: unset is null (the demo hall for a new one), 1 or 0 otherwise', () => {
    expect(configFromEnv({}).demoWanted).toBeNull();
    expect(configFromEnv({ DEMO: '' }).demoWanted).toBeNull();
    for (const v of ['1', 'true', 'YES', 'on']) expect(configFromEnv({ DEMO: v }).demoWanted).toBe('demo');
    for (const v of ['0', 'false', 'No', 'off']) expect(configFromEnv({ DEMO: v }).demoWanted).toBe('production');
  });

  it('refuses a value it cannot read rather than guessing a mode', () => {
    expect(() => configFromEnv({ DEMO: 'prod' })).toThrow(/DEMO must be 1 or 0/);
  });
});
