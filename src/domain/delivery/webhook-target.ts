import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may be sent: http(s) only, and never into the host's own network (SSRF). Pure:
 * the caller resolves names; this judges URLs and addresses. An address is public only when
 * ipaddr.js classifies it as global unicast (IPv4-mapped IPv6 judged as the IPv4 inside), so
 * loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16 with the cloud metadata
 * address, fe80::/10), unique-local (fc00::/7), carrier-grade NAT, multicast, unspecified and
 * reserved ranges are all refused.
 */
export function addressRefusal(address: string): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const range = ipaddr.process(address).range();
  return range === 'unicast' ? null : `${address} is a ${RANGE_WORDS[range] ?? range} address`;
}

const RANGE_WORDS: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
};

export interface TargetPolicy {
  /** TANDEM_WEBHOOK_ALLOW_PRIVATE=on: the admin lets webhooks reach private and loopback addresses. */
  allowPrivate: boolean;
}

/**
 * What is wrong with `raw` as a webhook URL, or null. A host given as an address is judged here;
 * a name is judged again at every send, on the addresses it resolves to then (DNS rebinding).
 */
export function webhookUrlProblem(raw: string, policy: TargetPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Must be a full URL such as https://example.com/hooks/tandem';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Only http and https URLs can receive webhooks';
  if (url.username || url.password)
    return 'Put no user name or password in the URL; verify the signature instead';
  if (policy.allowPrivate) return null;
  const host = hostOf(url);
  if (ipaddr.isValid(host)) {
    const refusal = addressRefusal(host);
    return refusal ? `${refusal}; webhooks go to public addresses only` : null;
  }
  if (host === 'localhost' || host.endsWith('.localhost'))
    return 'localhost is a loopback name; webhooks go to public addresses only';
  return null;
}

/** The URL's host without IPv6 brackets or a trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}
