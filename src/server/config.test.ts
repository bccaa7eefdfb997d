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

  it('reads single sign-on: issuer, client id and secret together, https unless on this machine', () => {
    const sso = {
      TANDEM_OIDC_ISSUER: 'https://login.example.com/realms/acme',
      TANDEM_OIDC_CLIENT_ID: 'tandem',
      TANDEM_OIDC_CLIENT_SECRET: 's3cret-value',
    };
    expect(loadConfig({}).sso).toBeUndefined();
    expect(loadConfig({}).passwordSignIn).toBe(true);
    expect(loadConfig(sso).sso).toEqual({
      issuer: sso.TANDEM_OIDC_ISSUER,
      clientId: 'tandem',
      clientSecret: 's3cret-value',
      name: 'login.example.com',
      allowSignup: false,
    });
    const all = loadConfig({
      ...sso,
      TANDEM_OIDC_NAME: 'Acme',
      TANDEM_OIDC_ALLOW_SIGNUP: 'on',
      TANDEM_PASSWORD_SIGNIN: 'off',
    });
    expect([all.sso?.name, all.sso?.allowSignup, all.passwordSignIn]).toEqual(['Acme', true, false]);
    expect(loadConfig({ ...sso, TANDEM_OIDC_ISSUER: 'http://127.0.0.1:4000' }).sso?.issuer).toBe(
      'http://127.0.0.1:4000',
    );
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (err) {
        return (err as ConfigError).message;
      }
    };
    expect(problems({ TANDEM_OIDC_ISSUER: sso.TANDEM_OIDC_ISSUER })).toMatch(/TANDEM_OIDC_CLIENT_ID: set/);
    expect(problems({ ...sso, TANDEM_OIDC_ISSUER: 'http://login.example.com' })).toMatch(
      /TANDEM_OIDC_ISSUER: Use https/,
    );
    expect(problems({ TANDEM_PASSWORD_SIGNIN: 'off' })).toMatch(
      /TANDEM_PASSWORD_SIGNIN: "off" needs single sign-on/,
    );
    expect(
      problems({ ...sso, TANDEM_OIDC_CLIENT_SECRET: 'x', TANDEM_OIDC_ALLOW_SIGNUP: 'yes' }),
    ).not.toContain('"x"');
  });

  it('reads the webhook settings: private targets off unless "on", a sealing key of 32+ characters never echoed', () => {
    expect(loadConfig({}).webhooks).toEqual({ allowPrivate: false, secretKey: undefined });
    const key = 'k'.repeat(40);
    expect(
      loadConfig({ TANDEM_WEBHOOK_ALLOW_PRIVATE: 'on', TANDEM_WEBHOOK_SECRET_KEY: key }).webhooks,
    ).toEqual({
      allowPrivate: true,
      secretKey: key,
    });
    try {
      loadConfig({ TANDEM_WEBHOOK_ALLOW_PRIVATE: 'yes', TANDEM_WEBHOOK_SECRET_KEY: 'short-secret' });
      expect.unreachable();
    } catch (err) {
      const text = (err as ConfigError).problems.join('\n');
      expect(text).toMatch(/TANDEM_WEBHOOK_ALLOW_PRIVATE: Use "on" or "off"/);
      expect(text).toMatch(/TANDEM_WEBHOOK_SECRET_KEY: Use at least 32 characters/);
      expect(text).not.toContain('short-secret');
    }
  });
});
