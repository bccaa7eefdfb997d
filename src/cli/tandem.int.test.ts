import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '#testing/harness.ts';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tandem.ts');

/** Runs `tandem start` on every interface, makes a request once it is up, stops it; returns its stdout. */
function runStart(databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'start'], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: '0',
        HOST: '0.0.0.0',
        TANDEM_DEMO: 'off',
        TANDEM_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let asked = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no start within 30 s:\n${out}\n${err}`));
    }, 30_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', async (d) => {
      out += d;
      const url = /Tandem is running at (\S+)/.exec(out)?.[1];
      if (!url || asked) return;
      asked = true;
      await fetch(`${url}/api/health`).catch(() => undefined);
      child.kill('SIGINT');
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe('tandem start on the console', () => {
  it('prints one line with an address one can open, and no line per request or per interface', async () => {
    const { url } = await freshDatabase();
    const out = await runStart(url);
    const lines = out.split('\n').filter(Boolean);
    const running = lines.filter((l) => l.includes('running at') || l.includes('listening at'));
    expect(running).toEqual([expect.stringMatching(/^Tandem is running at http:\/\/localhost:\d+$/)]);
    expect(out).not.toMatch(/incoming request|request completed/);
  }, 40_000);
});
