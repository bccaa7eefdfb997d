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

  it('mail is off without TANDEM_SMTP_URL, on with it and TANDEM_MAIL_FROM together', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(
      loadConfig({
        TANDEM_SMTP_URL: 'smtp://u:p@mail.example.com:587',
        TANDEM_MAIL_FROM: 'Tandem <t@example.com>',
      }).mail,
    ).toEqual({ smtpUrl: 'smtp://u:p@mail.example.com:587', from: 'Tandem <t@example.com>' });
    expect(
      loadConfig({ TANDEM_SMTP_URL: 'smtps://mail.example.com', TANDEM_MAIL_FROM: 't@example.com' }).mail
        ?.from,
    ).toBe('t@example.com');
  });

  it('refuses a bad SMTP URL or sender, or one without the other, never echoing the SMTP password', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
    };
    const bad = problems({
      TANDEM_SMTP_URL: 'http://u:hunter2@mail.example.com',
      TANDEM_MAIL_FROM: 'not an address',
    });
    expect(bad).toContain('TANDEM_SMTP_URL: Must start with smtp:// or smtps://');
    expect(bad).toContain('TANDEM_MAIL_FROM: Must be an address');
    expect(bad).not.toContain('hunter2');
    expect(problems({ TANDEM_SMTP_URL: 'smtp://mail.example.com' })).toContain(
      'TANDEM_MAIL_FROM: set TANDEM_SMTP_URL and TANDEM_MAIL_FROM together',
    );
    expect(problems({ TANDEM_MAIL_FROM: 't@example.com' })).toContain('TANDEM_SMTP_URL: set');
  });

  it('never echoes the admin password or database URL in its messages', () => {
    try {
      loadConfig({ TANDEM_ADMIN_EMAIL: 'a@b.co', TANDEM_ADMIN_PASSWORD: 'short' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).message).not.toContain('short"');
    }
  });

  it('trusts no proxy by default; TANDEM_TRUST_PROXY takes a hop count or addresses / CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TANDEM_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TANDEM_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ TANDEM_TRUST_PROXY: ' 10.0.0.5, 192.168.0.0/16 ,fd00::/8,loopback' }).trustProxy,
    ).toEqual(['10.0.0.5', '192.168.0.0/16', 'fd00::/8', 'loopback']);
  });

  it('refuses a TANDEM_TRUST_PROXY that is neither, saying what to write', () => {
    for (const bad of ['true', '10.0.0.300', '10.0.0.0/33', 'proxy.example.com', '10.0.0.1/8/1', '::1/129']) {
      try {
        loadConfig({ TANDEM_TRUST_PROXY: bad });
        expect.unreachable(bad);
      } catch (err) {
        expect(err, bad).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).problems.join('\n')).toMatch(
          /TANDEM_TRUST_PROXY: Use the number of proxies/,
        );
      }
    }
  });
});
