import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('defaults to port 3000, the embedded database and the demo workspace', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.dataDir).toMatch(/data$/);
  });

  it('turns the demo off by default with DATABASE_URL, and on request', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
    expect(loadConfig({ TANDEM_DEMO: 'off' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', TANDEM_DEMO: 'on' }).demo).toBe(true);
  });

  it('names each bad variable in one error', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        TANDEM_BASE_URL: 'not a url',
        TANDEM_DEMO: 'yes',
        TANDEM_ADMIN_EMAIL: 'a@b.co',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'TANDEM_BASE_URL', 'TANDEM_DEMO', 'TANDEM_ADMIN_PASSWORD'])
        expect(text).toContain(name);
    }
  });

  it('never echoes the admin password or database URL in its messages', () => {
    try {
      loadConfig({ TANDEM_ADMIN_EMAIL: 'a@b.co', TANDEM_ADMIN_PASSWORD: 'short' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).message).not.toContain('short"');
    }
  });
});
