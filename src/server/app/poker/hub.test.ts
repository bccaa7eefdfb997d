import { describe, expect, it } from 'vitest';
import type { Store } from '#app/store.ts';
import { FakeListenBridge } from '#testing/fake-listen.ts';
import { POKER_CHANNEL, PokerHub } from './hub.ts';
import type { PokerSnapshot } from './snapshot.ts';

/** A hub whose sessions are a counter: each load returns the next version of the session. */
function hubOn(bridge: FakeListenBridge) {
  let version = 0;
  const hub = new PokerHub(
    async () => ({ session: { title: `v${++version}` } }) as unknown as PokerSnapshot,
    {
      listen: bridge,
    } as unknown as Store,
  );
  const got: string[] = [];
  const off = hub.subscribe('s1', (view) => got.push(view.session.title));
  return { hub, got, off };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('poker hub', () => {
  it('sends the current state, then a state per NOTIFY once the channel is heard', async () => {
    const bridge = new FakeListenBridge();
    const { hub, got } = hubOn(bridge);
    await settle();
    expect(got).toEqual(['v1']);
    expect(bridge.channels()).toEqual([POKER_CHANNEL]);
    bridge.setLive(true);
    // Heard: a local commit waits for its NOTIFY instead of being pushed twice.
    hub.afterCommit('s1');
    await settle();
    expect(got).toEqual(['v1']);
    bridge.notify(POKER_CHANNEL, 's1');
    bridge.notify(POKER_CHANNEL, 'another session');
    await settle();
    expect(got).toEqual(['v1', 'v2']);
  });

  it('pushes local commits while the channel is not heard, and resends every session once back', async () => {
    const bridge = new FakeListenBridge();
    const { hub, got } = hubOn(bridge);
    bridge.setLive(true);
    await settle();
    bridge.setLive(false);
    hub.afterCommit('s1');
    await settle();
    expect(got).toEqual(['v1', 'v2']);
    bridge.setLive(true);
    await settle();
    expect(got).toEqual(['v1', 'v2', 'v3']);
  });

  it('stops listening when the last stream leaves', async () => {
    const bridge = new FakeListenBridge();
    const { off } = hubOn(bridge);
    await settle();
    off();
    expect(bridge.channels()).toEqual([]);
  });
});
