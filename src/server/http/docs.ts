import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';

// Self-hosted docs: nothing loaded from the internet, none of the vendor's AI or client buttons.
const DOCS_CONFIG = {
  url: '/api/openapi.json',
  title: 'Tandem API',
  withDefaultFonts: false,
  hideClientButton: true,
  telemetry: false,
  showDeveloperTools: 'never',
  mcp: { disabled: true },
  agent: { disabled: true },
} as const;

/**
 * The API reference at /api/docs (Scalar). Scalar's own page starts itself with an inline
 * script, which the Content-Security-Policy forbids; so the page here loads Scalar's bundle
 * (served by its plugin under /api/docs/vendor) and a start-up script from a file.
 */
export async function registerApiDocs(app: FastifyInstance) {
  await app.register(scalar, { routePrefix: '/api/docs/vendor', configuration: DOCS_CONFIG });
  const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Tandem API</title>
  </head>
  <body>
    <div id="app"></div>
    <script id="docs-config" type="application/json">${JSON.stringify({ _integration: 'fastify', ...DOCS_CONFIG })}</script>
    <script src="/api/docs/prelude.js"></script>
    <script src="/api/docs/vendor/js/scalar.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;
  // Reads its configuration from the page's JSON data block (data, not script: the CSP allows it).
  const start =
    "Scalar.createApiReference('#app', JSON.parse(document.getElementById('docs-config').textContent));\n";
  // Scalar bundles zod, whose probe for eval is itself a CSP violation: turn the probe off first.
  const prelude =
    'globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });\n';
  const html = (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
  app.get('/api/docs', html);
  app.get('/api/docs/', html);
  app.get('/api/docs/prelude.js', (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(prelude),
  );
  app.get('/api/docs/start.js', (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(start),
  );
}
