import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import type { SecretBox } from './ports.ts';

/**
 * Standard Webhooks (standardwebhooks.com): the secret is `whsec_` + base64 of 24–64 random bytes;
 * the signature is `v1,` + base64(HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")).
 */
const PREFIX = 'whsec_';

export const newWebhookSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  const mac = createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/**
 * The secret must be readable to sign, so it cannot be hashed like a token. With a key
 * (TANDEM_WEBHOOK_SECRET_KEY) it is sealed with AES-256-GCM (`v1.<iv>.<tag>.<ciphertext>`,
 * base64url), so a database dump alone cannot forge webhooks; without one it is kept as `plain.<secret>`.
 */
export function secretBox(key: string | undefined): SecretBox {
  const k = key ? createHash('sha256').update(key).digest() : null;
  return {
    seal(secret) {
      if (!k) return `plain.${secret}`;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [kind, ...rest] = sealed.split('.');
      if (kind === 'plain') return rest.join('.');
      if (kind !== 'v1' || rest.length !== 3) throw new Error('Unreadable webhook secret');
      if (!k)
        throw new Error(
          'This webhook secret is sealed: set TANDEM_WEBHOOK_SECRET_KEY to the key it was sealed with',
        );
      const [iv, tag, data] = rest.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
      const decipher = createDecipheriv('aes-256-gcm', k, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
    },
  };
}
