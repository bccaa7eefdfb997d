import { describe, expect, it } from 'vitest';
import type { Store } from '#app/store.ts';
import type { ReviewResults } from '#contracts/reviews.ts';
import { FakeListenBridge } from '#testing/fake-listen.ts';
import { REVIEWS_CHANNEL, ReviewResultsHub } from './results-hub.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits (up to 2 s) for `pred`; the machine may be slow, the assertion is about what, not when. */
async function until(pred: () => boolean) {
  for (let i = 0; i < 200 && !pred(); i++) await sleep(10);
}

function hubOn(bridge: FakeListenBridge, intervalMs = 40) {
  let loads = 0;
  const hub = new ReviewResultsHub(
    async () => ({ reviewId: 'r1', answered: ++loads }) as unknown as ReviewResults,
    { listen: bridge } as unknown as Store,
    intervalMs,
  );
  const got: number[] = [];
  const off = hub.subscribe('r1', (r) => got.push(r.answered));
  return { hub, got, off, loads: () => loads };
}

describe('review results hub', () => {
  it('sends the current results, then coalesces a burst of changes into a few pushes', async () => {
    const bridge = new FakeListenBridge();
    const { hub, got, loads } = hubOn(bridge);
    await until(() => got.length === 1);
    expect(got).toEqual([1]);
    expect(bridge.channels()).toEqual([REVIEWS_CHANNEL]);
    bridge.setLive(true);
    // 200 answers within ~100 ms: at most one load per 40 ms, and the last change is always shown.
    for (let n = 0; n < 200; n++) {
      bridge.notify(REVIEWS_CHANNEL, 'r1');
      if (n % 50 === 0) await sleep(25);
    }
    await sleep(150);
    await until(() => got.at(-1) === loads());
    expect(loads()).toBeLessThanOrEqual(8);
    expect(got.at(-1)).toBe(loads());
    // A local commit while the channel is heard is not pushed twice.
    const before = loads();
    hub.afterCommit('r1');
    await sleep(60);
    expect(loads()).toBe(before);
  });

  it('pushes locally while the channel is not heard, and stops listening with the last stream', async () => {
    const bridge = new FakeListenBridge();
    const { hub, got, off } = hubOn(bridge);
    await until(() => got.length === 1);
    hub.afterCommit('r1');
    await until(() => got.length === 2);
    expect(got).toEqual([1, 2]);
    off();
    expect(bridge.channels()).toEqual([]);
  });
});
