import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { PokerSession } from '#contracts/poker.ts';
import { startBenchServer, verdict } from './sprints-harness.ts';

/**
 * 50 team members connected to one poker session's SSE stream; each vote is timed from the
 * moment it is sent until every other participant's stream shows it: p95 ≤ 100 ms.
 */
const PARTICIPANTS = 50;
const VOTES = 60;

type Listener = (s: PokerSession, at: number) => void;

function connect(url: string, cookie: string, onState: Listener): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { cookie }, agent: false }, (res) => {
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
          if (data) onState(JSON.parse(data.slice(6)) as PokerSession, at);
          i = buf.indexOf('\n\n');
        }
      });
      resolve(() => req.destroy());
    });
    req.on('error', () => undefined);
  });
}

const server = await startBenchServer('poker');
let ok = false;
const closers: Array<() => void> = [];
try {
  const owner = await server.user('Olive Owner');
  const json = (cookie: string) => ({ 'content-type': 'application/json', origin: server.url, cookie });
  const call = async (cookie: string, path: string, body: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: json(cookie),
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const product = await call(owner.cookie, '/api/v1/products', { name: 'VIP Meetings', key: 'VIP' });
  const team = [];
  for (let k = 0; k < PARTICIPANTS; k++) {
    const u = await server.user(`Team member ${k + 1}`);
    await call(owner.cookie, `/api/v1/products/${product.id}/members`, { userId: u.id, role: 'team' });
    team.push(u);
  }
  const item = await server.pool.query<{ id: string }>(
    `with i as (
       insert into items (product_id, number, type, title, category) values ($1, 1, 'story', 'Guest badges', 'feature')
       returning id, product_id)
     insert into item_order (item_id, product_id, rank) select id, product_id, 'a0' from i returning item_id as id`,
    [product.id],
  );
  const session = await call(team[0]!.cookie, `/api/v1/products/${product.id}/poker`, {
    itemIds: [item.rows[0]!.id],
  });

  // Each participant records when it first sees (round, voter) as voted.
  const seen = team.map(() => new Map<string, number>());
  await Promise.all(
    team.map(async (u, k) => {
      let first: () => void = () => undefined;
      const ready = new Promise<void>((r) => {
        first = r;
      });
      closers.push(
        await connect(`${server.url}/api/v1/poker/${session.id}/stream`, u.cookie, (s, at) => {
          first();
          for (const v of s.voters) {
            const key = `${s.round}:${v.userId}`;
            if (v.hasVoted && !seen[k]!.has(key)) seen[k]!.set(key, at);
          }
        }),
      );
      await ready;
    }),
  );

  const latencies: number[] = [];
  let round = session.round as number;
  for (let n = 0; n < VOTES; n++) {
    const k = n % PARTICIPANTS;
    if (n > 0 && k === 0) {
      const shown = await call(team[1]!.cookie, `/api/v1/poker/${session.id}/reveal`, {});
      const again = await call(team[1]!.cookie, `/api/v1/poker/${session.id}/revote`, {});
      round = again.round;
      void shown;
    }
    const voter = team[k]!;
    const key = `${round}:${voter.id}`;
    const t0 = performance.now();
    await call(voter.cookie, `/api/v1/poker/${session.id}/votes`, { value: ['3', '5', '8'][n % 3] });
    const deadline = Date.now() + 5000;
    while (seen.some((m, j) => j !== k && !m.has(key)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 2));
    for (let j = 0; j < PARTICIPANTS; j++) {
      if (j === k) continue;
      const at = seen[j]!.get(key);
      latencies.push(at === undefined ? 5000 : at - t0);
    }
  }
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  console.log(
    `${VOTES} votes × ${PARTICIPANTS - 1} other streams: p50 ${p(0.5).toFixed(1)} ms, max ${p(1).toFixed(1)} ms`,
  );
  ok = verdict(`poker vote → every other participant's stream p95 (${PARTICIPANTS} connected)`, p(0.95), 100);
} finally {
  for (const c of closers) c();
  await server.stop();
}
process.exit(ok ? 0 : 1);
