import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allJobs, allTasks } from '#capabilities/index.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { startReceiver } from '#testing/webhook-receiver.ts';

/**
 * The one unavoidable window (issue 12): a worker sent a webhook and died (SIGKILL) before it
 * recorded the answer. Another worker frees the dead one's job and sends again, with the SAME
 * webhook-id and body, so the receiver recognises the repeat; the delivery ends sent, once.
 */
const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../testing/webhook-worker.ts');
let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let survivor: Reactions | undefined;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await createTestApp({ webhooks: { allowPrivate: true } });
});
afterAll(async () => {
  await survivor?.stop();
  await receiver?.close();
});

const until = async (check: () => boolean | Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
};

it('re-sends with the same webhook-id after a worker dies mid-send', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, TEST_DATABASE_URL: t.pool.options.connectionString! },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
  });
  const po = await t.user('Olive Owner');
  const product = await t.product(po, 'Crash product', 'CRS');
  const hook = await t.call(po, {
    method: 'POST',
    url: `/api/v1/products/${product.id}/webhooks`,
    payload: { url: receiver.url('/crash'), events: ['item.created'] },
  });
  receiver.trust('/crash', hook.json().secret);
  // The first request is answered only after the worker is dead: the send happened, the record not.
  receiver.answerWith(() => ({ status: 200, delayMs: receiver.received.length === 1 ? 5_000 : 0 }));
  await t.call(po, {
    method: 'POST',
    url: `/api/v1/products/${product.id}/items`,
    payload: { type: 'story', title: 'Sent, then the lights went out', problem: 'Crash window' },
  });
  await until(() => receiver.received.length === 1);
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;

  survivor = await startReactions({
    store: t.store,
    databaseUrl: t.pool.options.connectionString!,
    log: createLogger('silent'),
    subscribers: allJobs,
    tasks: allTasks(t.services),
    pollInterval: 200,
    heartbeatMs: 300,
    silentAfterMs: 1_000,
  });
  await until(async () => {
    const r = await t.pool.query<{ status: string }>(`select status from webhook_deliveries`);
    return r.rows[0]?.status === 'sent';
  });
  const [first, second] = receiver.received;
  console.log(
    `crash window: ${receiver.received.length} requests, ids ${receiver.received.map((r) => r.id).join(', ')}`,
  );
  expect(receiver.received).toHaveLength(2);
  expect(second!.id).toBe(first!.id);
  expect(second!.body).toBe(first!.body);
  expect([first!.error, second!.error]).toEqual([null, null]);
  // The repeat is recorded as the crash window: the first attempt was cut short in flight.
  const rows = await t.pool.query(
    `select id, status, attempts, interrupted, in_flight from webhook_deliveries`,
  );
  expect(rows.rows).toEqual([
    { id: first!.id, status: 'sent', attempts: 1, interrupted: 1, in_flight: false },
  ]);
});
