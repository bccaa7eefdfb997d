import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { ReviewResults } from '#contracts/reviews.ts';
import { startBenchServer, verdict } from './sprints-harness.ts';

/**
 * A review with customers: 200 respondents open their personal links at once and each answers
 * all 10 increments, over HTTP against the real server on PostgreSQL, while the PO watches the
 * live results stream. Measured: every answer stored (200 × 10, none lost), each answer's p99
 * (≤ 50 ms), how soon the PO's stream reflects an answer (p95 ≤ 1 s), and the results of the
 * full 200 × 10 review (p99 ≤ 25 ms).
 *
 * Respondents are people on phones: each waits THINK_MS (random, 200–800 ms) before each tap,
 * and they all start at the same moment. BURST=1 drops the think time (every respondent fires
 * its ten answers back to back: 200 in flight at once), to show the server's worst case.
 */
const RESPONDENTS = 200;
const INCREMENTS = 10;
const burst = process.env.BURST === '1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

const server = await startBenchServer('reviews');
let ok = false;
let closeStream: () => void = () => undefined;
try {
  const owner = await server.user('Olive Owner');
  const headers = { 'content-type': 'application/json', origin: server.url, cookie: owner.cookie };
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const product = await api('POST', '/api/v1/products', { name: 'VIP Meetings', key: 'VIP' });
  const pid = product.id as string;
  const db = server.pool;
  const vip = await api('POST', `/api/v1/products/${pid}/segments`, { name: 'VIP members' });
  const sec = await api('POST', `/api/v1/products/${pid}/segments`, { name: 'Secretariat' });
  // 200 stakeholders (three in four VIP members, the rest Secretariat), arranged directly.
  await db.query(
    `with u as (
       insert into users (email, name, password_hash, workspace_role)
       select 'vip' || n || '@example.test', 'Guest ' || n, 'x', 'member' from generate_series(1, $2) n
       returning id, substring(email from 'vip(d+)@')::int as n),
     m as (insert into product_members (product_id, user_id, role) select $1, id, 'stakeholder' from u returning user_id)
     insert into member_segments (product_id, user_id, segment_id)
     select $1, u.id, case when u.n % 4 = 0 then $4::uuid else $3::uuid end from u`,
    [pid, RESPONDENTS, vip.id, sec.id],
  );
  const sprint = await api('POST', `/api/v1/products/${pid}/sprints`, {
    name: 'Sprint 12',
    goal: 'Guests check in fast',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
  });
  await db.query(
    `with i as (
       insert into items (product_id, number, type, title, category, status)
       select $1, n, 'story', 'Increment ' || n, 'feature', 'accepted' from generate_series(1, $3) n
       returning id, product_id, number),
     o as (insert into item_order (item_id, product_id, rank)
           select id, product_id, 'r' || lpad(number::text, 6, '0') from i)
     insert into sprint_items (sprint_id, item_id, product_id, open, review) select $2, id, product_id, false, 'accepted' from i`,
    [pid, sprint.id, INCREMENTS],
  );
  const review = await api('POST', `/api/v1/sprints/${sprint.id}/review`, {});
  const itemIds = (review.increments as Array<{ itemId: string }>).map((i) => i.itemId);
  const { invitations } = await api('POST', `/api/v1/reviews/${review.id}/invitations`, {});
  if (invitations.length !== RESPONDENTS) throw new Error(`invited ${invitations.length}`);

  // The PO's live results: the time each push arrived and how many answers it counted.
  const pushes: Array<{ at: number; total: number }> = [];
  await new Promise<void>((resolve, reject) => {
    const req = http.get(
      `${server.url}/api/v1/reviews/${review.id}/results/stream`,
      { headers: { cookie: owner.cookie }, agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buf += chunk;
          let i = buf.indexOf('\n\n');
          while (i >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (data && block.includes('event: results')) {
              const r = JSON.parse(data.slice(6)) as ReviewResults;
              pushes.push({ at, total: r.increments.reduce((s, x) => s + x.responses, 0) });
              resolve();
            }
            i = buf.indexOf('\n\n');
          }
        });
        closeStream = () => req.destroy();
      },
    );
    req.on('error', reject);
  });

  const moods = ['happy', 'neutral', 'sad'] as const;
  // A baseline: one person changing one answer 50 times in a row (the same row: it still counts once).
  const solo: number[] = [];
  {
    const token = invitations[0].url.slice(invitations[0].url.lastIndexOf('/') + 1);
    for (let n = 0; n < 60; n++) {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/feedback/${token}/increments/${itemIds[0]}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', origin: server.url },
        body: JSON.stringify({ mood: moods[n % 3], rating: 1 + (n % 5) }),
      });
      await res.arrayBuffer();
      if (n >= 10) solo.push(performance.now() - t0);
    }
  }

  // Every answer, from a worker thread (the phones): when it was sent and when it was answered.
  const started = performance.now();
  const tokens = invitations.map((inv: { url: string }) => inv.url.slice(inv.url.lastIndexOf('/') + 1));
  const { answers: raw, failed } = await new Promise<{
    answers: Array<{ sent: number; ms: number; done: number }>;
    failed: string;
  }>((resolve, reject) => {
    const worker = new Worker(new URL('./reviews-respondents.ts', import.meta.url), {
      workerData: { url: server.url, tokens, itemIds, burst },
      execArgv: ['--import', 'tsx'],
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (failed) throw new Error(failed);
  // Absolute times → this thread's clock; the rank of each answer among those finished.
  const origin = performance.timeOrigin;
  const byDone = [...raw].sort((a, b) => a.done - b.done);
  const answers = byDone.map((a, n) => ({ sent: a.sent - origin, ms: a.ms, rank: n + 1 }));
  const wall = performance.now() - started;
  // Wait for the stream to show the last answer (or give up after 5 s).
  const deadline = Date.now() + 5000;
  while ((pushes.at(-1)?.total ?? 0) < RESPONDENTS * INCREMENTS && Date.now() < deadline) await sleep(10);

  const stored = await db.query<{ n: number }>(
    'select count(*)::int as n from review_answers where review_id = $1',
    [review.id],
  );
  const live = answers.map((a) => {
    const p = pushes.find((x) => x.total >= a.rank && x.at >= a.sent);
    return p ? p.at - a.sent : 5000;
  });

  // Results of the full review over HTTP, read one after another: as served (cached until the
  // next answer), and computed afresh each time (the cache dropped before every read).
  const readAll = async (fresh: boolean) => {
    const out: number[] = [];
    for (let n = 0; n < 220; n++) {
      if (fresh) server.services.changes.touched(pid);
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/reviews/${review.id}/results`, { headers });
      await res.arrayBuffer();
      if (n >= 20) out.push(performance.now() - t0);
    }
    return out;
  };
  const reads = await readAll(false);
  const fresh = await readAll(true);

  const ms = answers.map((a) => a.ms);
  console.log(
    `${RESPONDENTS} respondents × ${INCREMENTS} increments${burst ? ' (burst, no think time)' : ' (think time 200–800 ms)'}: ` +
      `${answers.length} answers in ${(wall / 1000).toFixed(1)} s; answer p50 ${pct(ms, 0.5).toFixed(1)} / p90 ${pct(ms, 0.9).toFixed(1)} / p95 ${pct(ms, 0.95).toFixed(1)} ms; ` +
      `one answer alone p50 ${pct(solo, 0.5).toFixed(1)} ms; ${pushes.length} pushes on the PO's stream; live p50 ${pct(live, 0.5).toFixed(0)} ms; results p50 ${pct(reads, 0.5).toFixed(1)} ms as served, ` +
      `${pct(fresh, 0.5).toFixed(1)} ms computed afresh`,
  );
  const counted = stored.rows[0]!.n === RESPONDENTS * INCREMENTS;
  console.log(
    `${counted ? 'PASS' : 'FAIL'}  answers stored: ${stored.rows[0]!.n} (target ${RESPONDENTS * INCREMENTS}, none lost)`,
  );
  const a = verdict('each answer p99', pct(ms, 0.99), 50);
  const l = verdict('PO’s live results reflect an answer p95', pct(live, 0.95), 1000);
  verdict(
    `results of a ${RESPONDENTS} × ${INCREMENTS} review p99, as served (cached until an answer)`,
    pct(reads, 0.99),
    25,
  );
  const r = verdict(
    `results of a ${RESPONDENTS} × ${INCREMENTS} review p99, computed afresh`,
    pct(fresh, 0.99),
    25,
  );
  ok = counted && a && l && r;
} finally {
  closeStream();
  await server.stop();
}
process.exit(ok ? 0 : 1);
