import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpTransport, type Resolve } from '#jobs/webhook-transport.ts';
import { startReceiver } from '#testing/webhook-receiver.ts';

/**
 * No SSRF into the host's network: the transport refuses loopback, private, link-local and
 * unique-local targets, written as addresses or reached through a name, judged on what the name
 * resolves to at send time (DNS rebinding), unless TANDEM_WEBHOOK_ALLOW_PRIVATE allows them. The
 * receiver is real and listens on 127.0.0.1: a refusal shows as nothing received.
 */
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const post = (url: string, resolve?: Resolve, allowPrivate = false) =>
  httpTransport({ allowPrivate }, resolve).post({ url, headers: {}, body: '{}', timeoutMs: 2_000 });
const portOf = (url: string) => new URL(url).port;

describe('the webhook transport', () => {
  it('refuses addresses inside the host network, v4 and v6, and sends nothing', async () => {
    const port = portOf(receiver.url('/'));
    for (const host of [
      '127.0.0.1',
      '[::1]',
      '[::ffff:127.0.0.1]',
      '10.1.2.3',
      '169.254.169.254',
      '[fd00::1]',
      '[fe80::1]',
      'localhost',
    ]) {
      const r = await post(`http://${host}:${port}/x`);
      expect(r.kind, host).toBe('refused');
    }
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a name that resolves to loopback at send time, though it was public when saved (rebinding)', async () => {
    const port = portOf(receiver.url('/'));
    let calls = 0;
    const rebinding: Resolve = async () => {
      calls += 1;
      return calls === 1 ? [{ address: '93.184.215.14', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    };
    const transport = httpTransport({ allowPrivate: false }, rebinding);
    expect(await transport.checkUrl(`http://hooks.example.test:${port}/r`)).toBeNull();
    const r = await transport.post({
      url: `http://hooks.example.test:${port}/r`,
      headers: {},
      body: '{}',
      timeoutMs: 2_000,
    });
    expect(r).toMatchObject({
      kind: 'refused',
      message: expect.stringContaining('127.0.0.1 is a loopback address'),
    });
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a name with any private address among its answers, and says so before saving', async () => {
    const mixed: Resolve = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: 'fc00::5', family: 6 },
    ];
    const transport = httpTransport({ allowPrivate: false }, mixed);
    expect(await transport.checkUrl('https://hooks.example.test/x')).toMatch(/unique-local/);
  });

  it('delivers to such names and addresses when the admin allows private targets', async () => {
    const port = portOf(receiver.url('/'));
    const loopback: Resolve = async () => [{ address: '127.0.0.1', family: 4 }];
    const r = await post(`http://receiver.example.test:${port}/allowed`, loopback, true);
    expect(r).toMatchObject({ kind: 'response', status: 200 });
    expect(receiver.received.map((x) => x.path)).toEqual(['/allowed']);
  });

  it('reports a timeout as a transient error', async () => {
    receiver.answerWith(() => ({ status: 200, delayMs: 1_500 }));
    const r = await httpTransport({ allowPrivate: true }).post({
      url: receiver.url('/slow'),
      headers: {},
      body: '{}',
      timeoutMs: 300,
    });
    expect(r).toMatchObject({ kind: 'error', message: 'No answer within 0.3 s' });
    receiver.answerWith(() => ({ status: 200 }));
  });
});
