import { describe, expect, it } from 'vitest';
import { FakeListenBridge } from '#testing/fake-listen.ts';
import { ActivityHub } from './activity-hub.ts';
import { CHANGES_CHANNEL, ChangeFeed } from './change-feed.ts';
import type { EventRecord } from './ports.ts';
import type { Store } from './store.ts';

/** A product's event log in memory, behind the two reads the hub makes. */
function setup() {
  const log: EventRecord[] = [];
  const add = (n: number) => {
    for (let i = 0; i < n; i += 1)
      log.push({ id: log.length + 1, productId: 'p1', type: `e${log.length + 1}` } as EventRecord);
  };
  const store = {
    read: {
      events: {
        latestId: async () => log.at(-1)?.id ?? 0,
        after: async (_p: string, afterId: number, limit: number) =>
          log.filter((e) => e.id > afterId).slice(0, limit),
      },
    },
  };
  const bridge = new FakeListenBridge();
  const hub = new ActivityHub(
    store as unknown as Store,
    new ChangeFeed({ ...store, listen: bridge } as unknown as Store),
  );
  return { log, add, bridge, hub };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('activity hub', () => {
  it('hands new events to every stream, including ones that joined at the same moment', async () => {
    const { add, bridge, hub } = setup();
    add(2);
    const a: string[] = [];
    const b: string[] = [];
    await Promise.all([
      hub.subscribe('p1', (es) => a.push(...es.map((e) => e.type))),
      hub.subscribe('p1', (es) => b.push(...es.map((e) => e.type))),
    ]);
    add(1);
    bridge.notify(CHANGES_CHANNEL, 'p1');
    await settle();
    expect(a).toEqual(['e3']);
    expect(b).toEqual(['e3']);
  });

  it('replays what a stream missed after its last event id, then goes on live', async () => {
    const { add, bridge, hub } = setup();
    add(5);
    const got: string[] = [];
    await hub.subscribe('p1', (es) => got.push(...es.map((e) => e.type)), 3);
    expect(got).toEqual(['e4', 'e5']);
    add(1);
    bridge.notify(CHANGES_CHANNEL, 'p1');
    await settle();
    expect(got).toEqual(['e4', 'e5', 'e6']);
  });

  it('catches up every stream when the connection comes back', async () => {
    const { add, bridge, hub } = setup();
    const got: string[] = [];
    await hub.subscribe('p1', (es) => got.push(...es.map((e) => e.type)));
    bridge.setLive(true);
    bridge.setLive(false);
    add(2); // committed while this instance could not hear
    bridge.setLive(true);
    await settle();
    expect(got).toEqual(['e1', 'e2']);
  });
});
