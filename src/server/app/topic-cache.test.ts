import { describe, expect, it } from 'vitest';
import type { ChangeFeed } from './change-feed.ts';
import { TopicCache } from './topic-cache.ts';

function fakeFeed(live = true) {
  const listeners = new Set<(p: string) => void>();
  const feed = {
    live,
    subscribe: (fn: (p: string) => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    touched: (p: string) => {
      for (const fn of listeners) fn(p);
    },
  };
  return feed as unknown as ChangeFeed & { live: boolean };
}

describe('topic cache', () => {
  it('serves a page again until its product changes', async () => {
    const feed = fakeFeed();
    const cache = new TopicCache<number>(feed, { maxAgeMs: 60_000, maxEntries: 100 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('p1', 'k', load)).toBe(1);
    expect(await cache.get('p1', 'k', load)).toBe(1);
    feed.touched('p2');
    expect(await cache.get('p1', 'k', load)).toBe(1);
    feed.touched('p1');
    expect(await cache.get('p1', 'k', load)).toBe(2);
  });

  it('does not keep what a read saw if the product changed while it ran', async () => {
    const feed = fakeFeed();
    const cache = new TopicCache<string>(feed, { maxAgeMs: 60_000, maxEntries: 100 });
    const stale = cache.get('p1', 'k', async () => {
      feed.touched('p1'); // a write commits while this read is in flight
      return 'before the write';
    });
    expect(await stale).toBe('before the write');
    expect(await cache.get('p1', 'k', async () => 'after the write')).toBe('after the write');
  });

  it('bypasses itself while the change feed is down, and expires old pages', async () => {
    const feed = fakeFeed(false);
    let t = 0;
    const cache = new TopicCache<number>(feed, { maxAgeMs: 1000, maxEntries: 100, now: () => t });
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('p', 'k', load);
    await cache.get('p', 'k', load);
    expect(loads).toBe(2);
    feed.live = true;
    await cache.get('p', 'k', load);
    await cache.get('p', 'k', load);
    expect(loads).toBe(3);
    t = 2000;
    await cache.get('p', 'k', load);
    expect(loads).toBe(4);
  });

  it('runs identical concurrent reads once (single flight)', async () => {
    const feed = fakeFeed();
    const cache = new TopicCache<number>(feed, { maxAgeMs: 60_000, maxEntries: 100 });
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const load = async () => {
      loads += 1;
      await gate;
      return loads;
    };
    const reads = Array.from({ length: 20 }, () => cache.get('p1', 'search', load));
    const other = cache.get('p1', 'another search', load);
    release();
    expect(await Promise.all(reads)).toEqual(Array(20).fill(2));
    expect(await other).toBe(2);
    expect(loads).toBe(2);
  });

  it('does not join a read that started before a change, and forgets a failed one', async () => {
    const feed = fakeFeed();
    const cache = new TopicCache<string>(feed, { maxAgeMs: 60_000, maxEntries: 100 });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const before = cache.get('p1', 'k', async () => {
      await gate;
      return 'before the write';
    });
    feed.touched('p1');
    const after = cache.get('p1', 'k', async () => 'after the write');
    release();
    expect(await before).toBe('before the write');
    expect(await after).toBe('after the write');

    const failing = cache.get('p2', 'k', async () => {
      throw new Error('database gone');
    });
    const joined = cache.get('p2', 'k', async () => 'never asked');
    await expect(failing).rejects.toThrow('database gone');
    await expect(joined).rejects.toThrow('database gone');
    expect(await cache.get('p2', 'k', async () => 'retried')).toBe('retried');
  });
});
