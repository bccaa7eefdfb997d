/**
 * Release scope (issue 11): the exact choice for 200 candidates without dependencies (dynamic
 * programming) ≤ 50 ms, and for 40 candidates with `blocks` dependencies (branch and bound) ≤ 500
 * ms; pure domain timing, median of several runs on generated, seeded candidates.
 */
import { chooseScope, type ScopeCandidate } from '#domain/insight/release-scope.ts';
import { report } from './bench-kit.ts';

const RUNS = 15;
const SIZES = [1, 2, 3, 5, 8, 13];

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` candidates; `dependent` of them blocked by one or two earlier ones; a few release-critical. */
function candidates(n: number, dependent: number, seed: number): ScopeCandidate[] {
  const r = rng(seed);
  const out: ScopeCandidate[] = [];
  for (let i = 0; i < n; i++) {
    const blockedBy: string[] = [];
    if (i >= n - dependent && i > 0) {
      blockedBy.push(`c${Math.floor(r() * i)}`);
      if (r() < 0.4 && i > 1) blockedBy.push(`c${Math.floor(r() * i)}`);
    }
    out.push({
      id: `c${i}`,
      key: `SC-${i + 1}`,
      title: `Candidate ${i + 1}`,
      size: SIZES[Math.floor(r() * SIZES.length)]!,
      costOfDelay: 3 + Math.floor(r() * 58),
      votes: Math.floor(r() * 30),
      releaseCritical: r() < 0.03,
      blockedBy: [...new Set(blockedBy)],
    });
  }
  return out;
}

function time(make: (run: number) => ScopeCandidate[]): { median: number; optimal: boolean; method: string } {
  const ms: number[] = [];
  let optimal = true;
  let method = '';
  // One warm-up run, then the measured ones.
  for (let run = -1; run < RUNS; run++) {
    const cands = make(run + 100);
    const capacity = Math.round(cands.reduce((s, c) => s + (c.size ?? 0), 0) * 0.4);
    const t0 = performance.now();
    const res = chooseScope(cands, capacity, 'costOfDelay');
    const t1 = performance.now();
    if (run >= 0) {
      ms.push(t1 - t0);
      optimal &&= res.optimal;
      method = res.method;
    }
  }
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, optimal, method };
}

const flat = time((s) => candidates(200, 0, s));
const deps = time((s) => candidates(40, 40, s));
const mixed = time((s) => candidates(200, 40, s));
const f = (x: { median: number; optimal: boolean; method: string }) =>
  `${x.median.toFixed(2)} ms median (${x.method}${x.optimal ? ', optimal' : ', gap reported'})`;
report(`Release scope, median of ${RUNS} runs`, [
  ['200 candidates, no dependencies', f(flat), '≤ 50 ms', flat.median <= 50],
  ['40 candidates, all with dependencies', f(deps), '≤ 500 ms', deps.median <= 500],
  ['200 candidates, 40 of them with dependencies', f(mixed), '≤ 500 ms', mixed.median <= 500],
]);
