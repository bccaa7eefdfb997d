import { z } from 'zod';
import { ErrorBody } from '#contracts/common.ts';
import type { AnyRoute } from './route.ts';

type JsonSchema = Record<string, unknown>;
const toSchema = (s: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** OpenAPI 3.1, generated from the same zod schemas the server validates with. */
export function buildOpenApi(routes: readonly AnyRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorRef = { $ref: '#/components/schemas/Error' };
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    if (r.params) {
      const props = (toSchema(r.params, 'input').properties ?? {}) as Record<string, JsonSchema>;
      for (const [name, schema] of Object.entries(props))
        parameters.push({ name, in: 'path', required: true, schema });
    }
    if (r.query) {
      const js = toSchema(r.query, 'input');
      const required = new Set((js.required as string[] | undefined) ?? []);
      for (const [name, schema] of Object.entries((js.properties ?? {}) as Record<string, JsonSchema>)) {
        parameters.push({ name, in: 'query', required: required.has(name), schema });
      }
    }
    for (const [name, description] of Object.entries(r.headers ?? {})) {
      parameters.push({
        name,
        in: 'header',
        required: name === 'If-Match',
        description,
        schema: { type: 'string' },
      });
    }
    if (r.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'A retried create with the same key returns the first result.',
        schema: { type: 'string' },
      });
    }
    const status = String(r.status ?? 200);
    const access =
      r.access.kind === 'product'
        ? `Product roles: ${r.access.roles.join(', ')}`
        : r.access.kind === 'public'
          ? 'Public'
          : r.access.kind === 'admin'
            ? 'Workspace admins'
            : 'Any signed-in user';
    const op: Record<string, unknown> = {
      summary: r.summary,
      description: `Access: ${access}.`,
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${path.replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters,
      responses: {
        [status]:
          status === '204'
            ? { description: 'Done' }
            : {
                description: 'Success',
                content: r.response
                  ? { 'application/json': { schema: toSchema(r.response, 'output') } }
                  : undefined,
              },
        default: { description: 'Error', content: { 'application/json': { schema: errorRef } } },
      },
    };
    if (r.body)
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(r.body, 'input') } },
      };
    if (r.access.kind !== 'public') op.security = [{ session: [] }, { bearer: [] }];
    paths[path] ??= {};
    paths[path][r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem API',
      version: '1',
      description: 'Errors are always {"error": {"code", "message", "fields"?}}.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: toSchema(ErrorBody, 'output') },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'tandem_session' },
        bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token from your profile' },
      },
    },
  };
}
