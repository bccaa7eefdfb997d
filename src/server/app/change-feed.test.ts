import { describe, expect, it } from 'vitest';
import { FakeListenBridge } from '#testing/fake-listen.ts';
import { CHANGES_CHANNEL, ChangeFeed } from './change-feed.ts';
import type { Store } from './store.ts';
import { TopicCache } from './topic-cache.ts';

function feedOn(bridge: FakeListenBridge) {
  const feed = new ChangeFeed({ listen: bridge } as unknown as Store);
  const heard: string[] = [];
  feed.subscribe((p) => heard.push(p));
  return { feed, heard };
}

describe('change feed', () => {
  it('listens once, when first asked whether it is live, and is live only while heard', () => {
    const bridge = new FakeListenBridge();
    const { feed } = feedOn(bridge);
    expect(bridge.channels()).toEqual([]);
    expect(feed.live).toBe(false);
    expect(feed.live).toBe(false);
    expect(bridge.channels()).toEqual([CHANGES_CHANNEL]);
    bridge.setLive(true);
    expect(feed.live).toBe(true);
  });

  it("hands on other instances' changes and this instance's own writes", () => {
    const bridge = new FakeListenBridge();
    const { feed, heard } = feedOn(bridge);
    void feed.live;
    bridge.notify(CHANGES_CHANNEL, 'p1');
    bridge.notify('tandem_poker', 'not a product');
    feed.touched('p2');
    expect(heard).toEqual(['p1', 'p2']);
  });

  it('says everything may have changed when the connection is lost and when it is back', () => {
    const bridge = new FakeListenBridge();
    const { feed, heard } = feedOn(bridge);
    void feed.live;
    bridge.setLive(true);
    heard.length = 0;
    bridge.setLive(false);
    expect(feed.live).toBe(false);
    expect(heard).toEqual(['*']);
    bridge.setLive(true);
    expect(feed.live).toBe(true);
    expect(heard).toEqual(['*', '*']);
  });

  it('keeps caches from serving from memory while the connection is down', async () => {
    const bridge = new FakeListenBridge();
    const { feed } = feedOn(bridge);
    const cache = new TopicCache<number>(feed, { maxAgeMs: 60_000, maxEntries: 10 });
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('p1', 'k', load);
    bridge.setLive(true);
    expect(await cache.get('p1', 'k', load)).toBe(2);
    expect(await cache.get('p1', 'k', load)).toBe(2);
    bridge.setLive(false);
    expect(await cache.get('p1', 'k', load)).toBe(3);
    expect(await cache.get('p1', 'k', load)).toBe(4);
    bridge.setLive(true);
    expect(await cache.get('p1', 'k', load)).toBe(5);
    expect(await cache.get('p1', 'k', load)).toBe(5);
  });

  it('closes the bridge at shutdown', async () => {
    const bridge = new FakeListenBridge();
    const { feed } = feedOn(bridge);
    void feed.live;
    bridge.setLive(true);
    await feed.close();
    expect(bridge.closed).toBe(true);
    expect(feed.live).toBe(false);
  });
});
