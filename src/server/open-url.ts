/**
 * The address to tell a person: TANDEM_BASE_URL when set; otherwise `localhost` for a server on
 * every interface (0.0.0.0, ::), never one interface's address (Fastify's first pick may be a
 * container's internal one); a host set on purpose is shown as it is.
 */
export function openUrl(baseUrl: string | undefined, host: string, port: number): string {
  if (baseUrl) return baseUrl;
  const everywhere = host === '0.0.0.0' || host === '::' || host === '';
  const shown = everywhere ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}
