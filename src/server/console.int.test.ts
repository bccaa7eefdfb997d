import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '#testing/harness.ts';
import { loadConfig } from './config.ts';
import { createLogger, type LogOutput } from './logger.ts';
import { startTandem } from './main.ts';

function sink(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

/** Starts Tandem on every interface, makes a few requests, stops; returns what it logged. */
async function consoleOf(level: string, output: LogOutput): Promise<string[]> {
  const { url } = await freshDatabase();
  const out = sink();
  const log = createLogger(level, { ...output, destination: out.destination });
  const config = loadConfig({ PORT: '0', HOST: '0.0.0.0', DATABASE_URL: url, TANDEM_DEMO: 'off' });
  const running = await startTandem(config, log);
  try {
    expect(running.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
    expect((await fetch(`${running.url}/api/v1/nothing-here`)).status).toBe(404);
    log.info({ password: 'hunter2-secret' }, 'a line with a secret');
  } finally {
    await running.stop();
  }
  return out.lines;
}

describe('the console', () => {
  it('keeps requests and the per-interface listening lines out of info, at an address one can open (JSON off a terminal)', async () => {
    const lines = (await consoleOf('info', { pretty: false })).map(
      (l) => JSON.parse(l) as { level: number; msg: string },
    );
    expect(lines.filter((l) => /request|Server listening/.test(l.msg))).toEqual([]);
    expect(lines.map((l) => l.msg)).toContain('a line with a secret');
    expect(JSON.stringify(lines)).not.toContain('hunter2-secret');
  });

  it('logs each request at debug', async () => {
    const lines = (await consoleOf('debug', { pretty: false })).map(
      (l) => JSON.parse(l) as { level: number; msg: string },
    );
    const requests = lines.filter((l) => l.msg === 'incoming request' || l.msg === 'request completed');
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(new Set(requests.map((l) => l.level))).toEqual(new Set([20]));
  });

  it('writes readable lines at a terminal, secrets still redacted', async () => {
    const lines = await consoleOf('info', { pretty: true });
    expect(lines.some((l) => l.startsWith('{'))).toBe(false);
    expect(lines.filter((l) => l.includes('a line with a secret'))).toEqual([
      expect.stringMatching(/^\[\d\d:\d\d:\d\d\] INFO: a line with a secret \{"password":"\[redacted\]"\}$/),
    ]);
    const secret = lines.find((l) => l.includes('a line with a secret'));
    expect(secret).toContain('[redacted]');
    expect(secret).not.toContain('hunter2-secret');
  });
});
