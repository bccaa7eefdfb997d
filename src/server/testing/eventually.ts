/**
 * Polls `check` until it gives something truthy (a worker's effect, a delivery row…) and returns
 * it; throws after `ms`. For what happens after a commit, on the queue: never a timed assertion.
 */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  ms = 20_000,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error('timed out waiting');
}
