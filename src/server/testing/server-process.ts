import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real `tandem start` as a child process, for the harnesses that SIGKILL it. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export class Server {
  child: ChildProcess | null = null;
  log: string[] = [];
  constructor(
    readonly port: number,
    readonly databaseUrl: string,
    /** More environment: the admin, mail, … */
    readonly env: Record<string, string> = {},
  ) {}

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Started and answering its health check (and not killed since). */
  ready = false;

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/tandem.ts', 'start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATABASE_URL: this.databaseUrl,
        TANDEM_BASE_URL: this.base,
        TANDEM_LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (b: Buffer) => {
      this.log.push(b.toString());
      if (this.log.length > 200) this.log.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`the server exited (${child.exitCode}):\n${this.log.join('')}`);
      try {
        const r = await fetch(`${this.base}/api/health`);
        if (r.ok) {
          this.ready = true;
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the server did not become healthy in 60 s:\n${this.log.join('')}`);
  }

  async kill(): Promise<void> {
    this.ready = false;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }
}
