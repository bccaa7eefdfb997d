import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** Starts the embedded server in a child process, writes a row, then the child is SIGKILLed. */
function killedRun(dataDir: string): Promise<void> {
  const script = `
    import { startEmbedded } from ${JSON.stringify(path.join(here, 'embedded.ts'))};
    import pg from 'pg';
    const db = await startEmbedded(${JSON.stringify(dataDir)}, () => {});
    const c = new pg.Client(db.url); await c.connect();
    await c.query('create table if not exists t (v int)'); await c.query('insert into t values (42)');
    await c.end(); console.log('READY');`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      if (String(d).includes('READY')) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code) => code !== null && code !== 0 && reject(new Error(err)));
  });
}

describe('embedded PostgreSQL', () => {
  it('recovers after the app was SIGKILLed, stopping the orphaned server and keeping acknowledged rows', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-emb-'));
    dirs.push(dataDir);
    await killedRun(dataDir);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    const db = await startEmbedded(dataDir, () => undefined);
    try {
      const c = new pg.Client(db.url);
      await c.connect();
      expect((await c.query('select v from t')).rows).toEqual([{ v: 42 }]);
      await c.end();
    } finally {
      await db.stop();
    }
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 60_000);

  it('keeps a random password in the data folder, readable only by its owner', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-emb-'));
    dirs.push(dataDir);
    const db = await startEmbedded(dataDir, () => undefined);
    await db.stop();
    const { stat, readFile } = await import('node:fs/promises');
    const file = path.join(dataDir, 'pg-password');
    expect((await stat(file)).mode & 0o077).toBe(0);
    expect((await readFile(file, 'utf8')).trim().length).toBeGreaterThanOrEqual(32);
  }, 60_000);
});
