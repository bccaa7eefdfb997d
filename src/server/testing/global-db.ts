import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbedded } from '#db/embedded.ts';
import { migrate } from '#db/migrate.ts';
import { createPool } from '#db/pool.ts';

export const DEFAULT_TEST_PG = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Prepares one migrated template database per run; each test file clones it (CREATE DATABASE …
 * TEMPLATE), which takes milliseconds. Both servers are required: if one cannot be reached the run
 * fails, it never skips.
 */
export async function prepareTemplate(kind: 'embedded' | 'postgres') {
  let embedded: EmbeddedDatabase | null = null;
  let dir: string | null = null;
  let serverUrl: string;
  if (kind === 'embedded') {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-test-'));
    embedded = await startEmbedded(dir, () => undefined);
    serverUrl = embedded.url;
  } else {
    serverUrl = process.env.TANDEM_TEST_PG_URL ?? DEFAULT_TEST_PG;
    const probe = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
    try {
      await probe.connect();
    } catch (err) {
      throw new Error(
        `PostgreSQL tests need a server at ${serverUrl} (set TANDEM_TEST_PG_URL): ${(err as Error).message}`,
      );
    }
    await probe.end();
  }
  const prefix = `tandem_t${randomBytes(4).toString('hex')}`;
  const template = `${prefix}_tpl`;
  const admin = new pg.Client(serverUrl);
  await admin.connect();
  await admin.query(`create database ${template}`);
  const tplUrl = withDatabase(serverUrl, template);
  const pool = createPool(tplUrl, 2);
  await migrate(pool);
  // The queue's schema too, as every started Tandem has it before serving requests (main.ts): use
  // cases that queue a job directly (a webhook test event, a re-send) need it.
  await runMigrations({ pgPool: pool, logger: new Logger(() => () => undefined) });
  await pool.end();
  return {
    serverUrl,
    template,
    prefix,
    async teardown() {
      const dbs = await admin.query<{ datname: string }>(
        'select datname from pg_database where datname like $1',
        [`${prefix}%`],
      );
      for (const { datname } of dbs.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
      await embedded?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
