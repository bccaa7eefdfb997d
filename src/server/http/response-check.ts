import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorBody } from '#contracts/common.ts';
import type { AnyRoute } from './route.ts';

/**
 * Under tests (and with TANDEM_CHECK_RESPONSES=1) every JSON body a route sends is read back as the
 * client will read it and checked against what the route declares: its `response` schema for a
 * success, ErrorBody for an error. A mismatch is logged with every issue and answered with a 500
 * naming them, so the test that made the call fails at the response that broke the contract.
 */
export function checkResponses(route: AnyRoute) {
  return async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    // Streams, buffers (CSV) and empty bodies (204) are not JSON documents.
    if (typeof payload !== 'string' || payload === '') return payload;
    if (!String(reply.getHeader('content-type') ?? '').includes('json')) return payload;
    const where = `${route.method} ${route.url} → ${reply.statusCode}`;
    const schema = reply.statusCode >= 400 ? ErrorBody : route.response;
    if (!schema) return mismatch(req, reply, where, ['the route declares no response schema']);
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return mismatch(req, reply, where, ['the body is not JSON']);
    }
    const result = schema.safeParse(body);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      return mismatch(req, reply, where, problems);
    }
    // The schema strips what it does not declare; a field it would strip is a leak (a raw row).
    const extra = undeclared(body, result.data, '');
    return extra.length
      ? mismatch(
          req,
          reply,
          where,
          extra.map((p) => `${p}: not in the schema`),
        )
      : payload;
  };
}

/** Paths present in what was sent but absent from what the schema let through. */
function undeclared(sent: unknown, kept: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(kept))
    return sent.flatMap((v, i) => undeclared(v, kept[i], `${path}[${i}]`));
  if (!isObject(sent) || !isObject(kept)) return [];
  return Object.keys(sent).flatMap((k) => {
    const at = path ? `${path}.${k}` : k;
    return k in kept ? undeclared(sent[k], kept[k], at) : [at];
  });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function mismatch(req: FastifyRequest, reply: FastifyReply, where: string, problems: string[]): string {
  req.log.error({ where, problems }, 'response does not match its declared schema');
  reply.status(500).header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify({
    error: {
      code: 'internal',
      message: `The response does not match its schema (${where}): ${problems.join('; ')}`,
    },
  });
}
