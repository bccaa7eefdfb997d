import { performance } from 'node:perf_hooks';
import type { ItemStatus } from '#domain/backlog/item-rules.ts';
import { itemSla, type LoggedStatus, statusHistory } from '#domain/sla/item-sla.ts';
import { DEFAULT_SLA_POLICY, SEVERITIES, type SlaPolicy } from '#domain/sla/policy.ts';
import { quantile, report } from './bench-kit.ts';

/**
 * SLA clocks (issue 13): both clocks of 10,000 open defects from their logged status history —
 * what a policy change recomputes and what the report reads — in ≤ 100 ms (median of runs). Each
 * run gets a fresh policy object, so the business calendar starts cold (no cached days), as it
 * does per request. Histories: created over the last 90 days, 1–6 status changes each, a third
 * with a waiting-for-customer pause, in Europe/Berlin business hours with holidays and the DST
 * change inside the span.
 */
const DEFECTS = 10_000;
const RUNS = 9;
const HOUR = 3_600_000;
const now = Date.parse('2026-04-15T10:00:00Z');
const STATUSES: ItemStatus[] = ['new', 'ready', 'in_progress', 'ready', 'in_progress'];

let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const defects = Array.from({ length: DEFECTS }, (_, i) => {
  const createdAt = now - Math.floor(rand() * 90 * 24) * HOUR;
  const logged: LoggedStatus[] = [
    { at: createdAt, status: 'new', waiting: false, beforeStatus: null, created: true },
  ];
  let at = createdAt;
  const changes = 1 + Math.floor(rand() * 6);
  for (let c = 0; c < changes && at < now; c++) {
    at += Math.floor(rand() * 72) * HOUR;
    if (at >= now) break;
    const pause = i % 3 === 0 && c === 1;
    logged.push({
      at,
      status: pause ? null : STATUSES[c % STATUSES.length]!,
      waiting: pause ? true : c === 2 && i % 3 === 0 ? false : null,
      beforeStatus: null,
      created: false,
    });
  }
  return { createdAt, logged, severity: SEVERITIES[i % 4]!, type: 'defect' as const };
});

const policyFor = (): SlaPolicy => ({
  ...DEFAULT_SLA_POLICY,
  timeZone: 'Europe/Berlin',
  holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-01'],
});

function run(): { ms: number; cpuMs: number; breached: number } {
  const policy = policyFor();
  const cpu = process.cpuUsage();
  const t = performance.now();
  let breached = 0;
  for (const d of defects) {
    const history = statusHistory(d.createdAt, { status: 'new', waiting: false }, d.logged);
    const c = itemSla(policy, d, history, now);
    if (c.clocks?.breached) breached++;
  }
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, breached };
}

for (let i = 0; i < 3; i++) run(); // warm the JIT
const times: number[] = [];
const cpuTimes: number[] = [];
let breached = 0;
for (let i = 0; i < RUNS; i++) {
  const r = run();
  times.push(r.ms);
  cpuTimes.push(r.cpuMs);
  breached = r.breached;
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const median = quantile(times, 0.5);
const cpuMedian = quantile(cpuTimes, 0.5);
const worst = times[times.length - 1]!;
// The machine may be shared: CPU time is what the computation costs this process; wall time
// includes waiting for a core. Both are printed; the target holds for wall time.
const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
report(`SLA clocks: ${DEFECTS.toLocaleString('en')} open defects, both clocks (median of ${RUNS} runs)`, [
  ['all clocks, cold calendar each run (median wall)', `${median.toFixed(1)} ms`, '≤ 100 ms', median <= 100],
  ['  CPU time of the same runs (median)', `${cpuMedian.toFixed(1)} ms`, 'none (reference)', true],
  ['  slowest run (wall)', `${worst.toFixed(1)} ms (load average ${load})`, 'none (reference)', true],
  [
    'breached now (sanity)',
    `${breached.toLocaleString('en')} of ${DEFECTS.toLocaleString('en')}`,
    'none',
    true,
  ],
]);
