import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers on every answer (@fastify/helmet). The Content-Security-Policy allows no
 * inline script (`script-src 'self'`: the web app's theme bootstrap and the API docs' start-up
 * are files), no framing (`frame-ancestors 'none'`, clickjacking), and nothing from other
 * origins. Styles may be inline: React and the docs set them from script, which a nonce cannot
 * cover, and a style cannot run code. HSTS only when Tandem is served over https
 * (TANDEM_BASE_URL https://…): on a plain-http LAN install it would lock browsers out.
 */
export async function registerSecurity(app: FastifyInstance, opts: { baseUrl?: string | undefined }) {
  const https = opts.baseUrl ? new URL(opts.baseUrl).protocol === 'https:' : false;
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'worker-src': ["'self'", 'blob:'],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    // Same-origin requests keep the Referer (the CSRF check falls back to it); invitation
    // links, which carry a token in the path, never leak it to another site.
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
}

/** Hashed build output may be cached for ever; anything else (the HTML shell) is revalidated. */
export function staticCacheControl(filePath: string): string {
  return /[\\/]assets[\\/]/.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}
