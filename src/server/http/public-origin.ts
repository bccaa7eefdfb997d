import type { FastifyRequest } from 'fastify';

/** The origin links and redirect URIs are built on: TANDEM_BASE_URL, else where the request came to. */
export const originOf = (req: FastifyRequest) => req.server.publicOrigin ?? `${req.protocol}://${req.host}`;

/** Cookies are Secure when Tandem is reached over https. */
export const secureCookies = (req: FastifyRequest) =>
  req.protocol === 'https' || req.server.publicOrigin?.startsWith('https:') === true;
