import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The respondents of reviews.bench.ts, in a worker thread of their own: phones are not the
 * server, so their HTTP clients must not share the server's one thread. Times are absolute
 * (timeOrigin + now) so the main thread can compare them with its stream's arrival times.
 */
interface Input {
  url: string;
  tokens: string[];
  itemIds: string[];
  burst: boolean;
}
const { url, tokens, itemIds, burst } = workerData as Input;
const at = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const moods = ['happy', 'neutral', 'sad'] as const;
const answers: Array<{ sent: number; ms: number; done: number }> = [];
let failed = '';

await Promise.all(
  tokens.map(async (token, k) => {
    const form = await fetch(`${url}/api/v1/feedback/${token}`);
    if (!form.ok) failed = `form ${form.status}`;
    await form.arrayBuffer();
    for (let n = 0; n < itemIds.length; n++) {
      if (!burst) await sleep(200 + Math.random() * 600);
      const sent = at();
      const res = await fetch(`${url}/api/v1/feedback/${token}/increments/${itemIds[n]}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({
          mood: moods[(k + n) % 3],
          rating: 1 + ((k * 7 + n) % 5),
          ...(k % 10 === 0 ? { comment: `Comment from guest ${k} on increment ${n + 1}` } : {}),
        }),
      });
      if (!res.ok) failed = `answer ${res.status} ${await res.text()}`;
      else await res.arrayBuffer();
      const done = at();
      answers.push({ sent, ms: done - sent, done });
    }
  }),
);
parentPort?.postMessage({ answers, failed });
