import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, secretBox, signWebhook } from './signing.ts';

describe('webhook signing', () => {
  it('signs so that the standardwebhooks package verifies, and a changed body fails', () => {
    const secret = newWebhookSecret();
    const ts = Math.floor(Date.now() / 1000);
    const body = '{"type":"item.created"}';
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(ts),
      'webhook-signature': signWebhook(secret, 'msg_1', ts, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'item.created' });
    expect(() => new Webhook(secret).verify('{"type":"item.deleted"}', headers)).toThrow();
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_1', new Date(ts * 1000), body));
  });

  it('seals secrets with the key (and opens them only with it)', () => {
    const secret = newWebhookSecret();
    const box = secretBox('k'.repeat(32));
    const sealed = box.seal(secret);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.open(sealed)).toBe(secret);
    expect(() => secretBox('j'.repeat(32)).open(sealed)).toThrow();
    expect(() => secretBox(undefined).open(sealed)).toThrow(/TANDEM_WEBHOOK_SECRET_KEY/);
    expect(secretBox(undefined).open(secretBox(undefined).seal(secret))).toBe(secret);
  });
});
