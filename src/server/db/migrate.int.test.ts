import { describe, expect, it } from 'vitest';
import { freshDatabase } from '#testing/harness.ts';
import { migrate } from './migrate.ts';

describe('migrations', () => {
  it('apply once even when two instances start at the same moment', async () => {
    const { pool } = await freshDatabase();
    // The clone already ran every migration: forget them and drop the schema to start from empty.
    await pool.query('drop schema public cascade; create schema public');
    const [a, b] = await Promise.all([migrate(pool), migrate(pool)]);
    expect(a.applied.length + b.applied.length).toBeGreaterThan(0);
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
    const rows = await pool.query('select name from schema_migrations order by name');
    expect(rows.rows.length).toBe(a.applied.length + b.applied.length);
    expect((await migrate(pool)).applied).toEqual([]);
  });
});
