import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Warm start: `npm start` on a data folder that already holds the demo workspace, from the
 * command until the server says it is running. The web build is current, so it is not redone.
 * Target: median ≤ 3 s over 5 starts (the first, cold start, builds the database and is shown
 * for information).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-start-'));
const RUNS = 5;

function startOnce(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child: ChildProcess = spawn('npm', ['start', '--silent'], {
      cwd: root,
      env: {
        ...process.env,
        TANDEM_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        TANDEM_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('is running at')) return;
      const ms = performance.now() - started;
      clearTimeout(timer);
      child.once('exit', () => resolve(ms));
      process.kill(-child.pid!, 'SIGINT');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
  });
}

try {
  const cold = await startOnce();
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i += 1) warm.push(await startOnce());
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(RUNS / 2)]!;
  const ok = median <= 3000;
  console.log(
    `${'INFO'.padEnd(5)} cold start (new database, demo workspace)   ${(cold / 1000).toFixed(2)} s`,
  );
  console.log(
    `${(ok ? 'PASS' : 'MISS').padEnd(5)} warm start, median of ${RUNS}               ${(median / 1000).toFixed(2)} s (min ${(warm[0]! / 1000).toFixed(2)}, max ${(warm[RUNS - 1]! / 1000).toFixed(2)})   target <= 3 s`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
