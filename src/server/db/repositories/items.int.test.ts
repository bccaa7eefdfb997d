import { beforeAll, describe, expect, it } from 'vitest';
import { RankTaken } from '#app/items/ports.ts';
import { createRepos } from '#capabilities/index.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';

let t: TestApp;
let productId: string;

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.user('Olive Owner');
  productId = (await t.product(owner, 'Rank product', 'RANK')).id;
});

const newItem = (number: number, rank: string, createdBy: string) => ({
  type: 'enabler' as const,
  title: `Item ${number}`,
  problem: '',
  description: '',
  acceptanceCriteria: [],
  category: 'enabler' as const,
  labels: [],
  assigneeId: null,
  status: 'new' as const,
  businessValue: null,
  timeCriticality: null,
  riskReduction: null,
  size: null,
  releaseCritical: false,
  published: false,
  releaseId: null,
  productId,
  number,
  rank,
  externalId: null,
  createdBy,
});

describe('the items repository', () => {
  it('names a taken order key RankTaken (no PostgreSQL code reaches the use cases)', async () => {
    const repos = createRepos(t.pool);
    const by = (await t.pool.query<{ id: string }>('select id from users limit 1')).rows[0]!.id;
    const first = await repos.items.insert(newItem(1001, 'a0', by));
    expect(first.rank).toBe('a0');
    await expect(repos.items.insert(newItem(1002, 'a0', by))).rejects.toBeInstanceOf(RankTaken);
    await expect(repos.items.insertMany([newItem(1003, 'a0', by)])).rejects.toBeInstanceOf(RankTaken);
    // The failed inserts left nothing behind.
    expect((await repos.items.all(productId)).map((i) => i.number)).toEqual([1001]);
  });
});
