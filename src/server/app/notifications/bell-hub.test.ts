import { describe, expect, it } from 'vitest';
import type { Store } from '#app/store.ts';
import { FakeListenBridge } from '#testing/fake-listen.ts';
import { BellHub, NOTICES_CHANNEL, wakeBells } from './notifications.ts';

function setup() {
  const bridge = new FakeListenBridge();
  const hub = new BellHub({ listen: bridge } as unknown as Store);
  return { bridge, hub };
}

describe('bell hub', () => {
  it('rings only the bells of the people named in a NOTIFY, and listens only while a bell is open', () => {
    const { bridge, hub } = setup();
    expect(bridge.channels()).toEqual([]);
    const rang: string[] = [];
    const offA = hub.subscribe('a', () => rang.push('a'));
    const offB = hub.subscribe('b', () => rang.push('b'));
    expect(bridge.channels()).toEqual([NOTICES_CHANNEL]);
    bridge.setLive(true);
    bridge.notify(NOTICES_CHANNEL, 'a,c');
    expect(rang).toEqual(['a']);
    bridge.notify(NOTICES_CHANNEL, 'b');
    expect(rang).toEqual(['a', 'b']);
    offA();
    bridge.notify(NOTICES_CHANNEL, 'a,b');
    expect(rang).toEqual(['a', 'b', 'b']);
    offB();
    expect(bridge.channels()).toEqual([]);
  });

  it('rings every open bell when the channel is heard again after a loss', () => {
    const { bridge, hub } = setup();
    const rang: string[] = [];
    hub.subscribe('a', () => rang.push('a'));
    hub.subscribe('b', () => rang.push('b'));
    bridge.setLive(true);
    bridge.setLive(false);
    expect(rang).toEqual([]);
    bridge.setLive(true);
    expect(rang.sort()).toEqual(['a', 'b']);
  });

  it('wakes many people in payloads that fit a NOTIFY', async () => {
    const sent: string[] = [];
    const ids = Array.from(
      { length: 400 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    await wakeBells({ events: { notify: async (_c, p) => void sent.push(p) } }, [...ids, ids[0]!]);
    expect(sent).toHaveLength(3);
    expect(sent.every((p) => Buffer.byteLength(p) < 8000)).toBe(true);
    expect(sent.join(',').split(',')).toEqual(ids);
  });
});
