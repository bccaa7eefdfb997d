import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('embedded PostgreSQL and a postmaster.pid left behind', () => {
  it('starts when the recorded pid now belongs to another live program of the same user', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-pid-'));
    dirs.push(dataDir);
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    const first = await startEmbedded(dataDir, () => undefined);
    const lines = (await readFile(pidFile, 'utf8')).split('\n');
    await first.stop();
    // What a killed server leaves behind once its pid has been handed to someone else.
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await writeFile(pidFile, [String(other.pid), ...lines.slice(1)].join('\n'));
      const db = await startEmbedded(dataDir, () => undefined);
      try {
        const c = new pg.Client(db.url);
        await c.connect();
        expect((await c.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
        await c.end();
      } finally {
        await db.stop();
      }
      expect(other.exitCode).toBeNull(); // the other program was left alone
    } finally {
      other.kill();
    }
  }, 60_000);
});
