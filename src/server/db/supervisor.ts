import type { EmbeddedDatabase, ServerExit } from './embedded.ts';

/**
 * `running`: the server answers (as far as we know). `restarting`: it died and is being started
 * again. `failed`: it could not be started again within the cap; Tandem should stop so that its
 * service manager (or the person at the terminal) sees it. `stopped`: shut down on purpose.
 */
export type DatabaseState = 'running' | 'restarting' | 'failed' | 'stopped';

export interface SupervisorOptions {
  log: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
  /** Delay before the first attempt after a crash; it doubles with each crash or failed attempt. */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Crashes and failed starts in a row (without `stableMs` of uptime between them) before giving up. */
  maxAttempts?: number;
  /** Up this long after a restart, the server counts as healthy again: the back-off starts over. */
  stableMs?: number;
}

export interface DatabaseSupervisor {
  readonly state: DatabaseState;
  /** The server's process id while it runs. */
  readonly pid: number | null;
  /** Restarts since Tandem started. */
  readonly restarts: number;
  /**
   * Told every change of state. The pool needs nothing (it drops broken clients and connects again),
   * but a LISTEN connection should reconnect at once on `running` instead of waiting out its back-off.
   */
  onChange(fn: (state: DatabaseState) => void): () => void;
  /** Stops supervising and stops the server. */
  stop(): Promise<void>;
}

/** Restarts the embedded server whenever it dies, with back-off and a cap. */
export function superviseEmbedded(db: EmbeddedDatabase, options: SupervisorOptions): DatabaseSupervisor {
  const { log, minDelayMs = 100, maxDelayMs = 5_000, maxAttempts = 10, stableMs = 60_000 } = options;
  const listeners = new Set<(state: DatabaseState) => void>();
  let state: DatabaseState = 'running';
  let restarts = 0;
  /** Crashes and failed attempts since the server last stayed up for `stableMs`. */
  let streak = 0;
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;
  let stableTimer: NodeJS.Timeout | undefined;

  const set = (next: DatabaseState) => {
    if (state === next) return;
    state = next;
    for (const fn of listeners) {
      try {
        fn(next);
      } catch {
        // One listener's failure must not stop the others or the supervisor.
      }
    }
  };

  const schedule = () => {
    if (streak >= maxAttempts) {
      log.error(
        `The embedded database could not be started again after ${streak} attempts; giving up (see the database log above)`,
      );
      set('failed');
      return;
    }
    const delay = Math.min(maxDelayMs, minDelayMs * 2 ** streak);
    streak += 1;
    timer = setTimeout(attempt, delay);
  };

  const attempt = async () => {
    timer = undefined;
    if (state !== 'restarting') return;
    inFlight = true;
    try {
      await db.restart();
      // Died again right after it said it was ready: that attempt failed too.
      if (db.pid === null) throw new Error('it exited right after starting');
    } catch (err) {
      if (state !== 'restarting') return;
      log.warn(`The embedded database did not start yet: ${(err as Error).message.split('\n')[0]}`);
      schedule();
      return;
    } finally {
      inFlight = false;
    }
    if (state !== 'restarting') return;
    restarts += 1;
    log.info(`The embedded database is running again (restart ${restarts})`);
    clearTimeout(stableTimer);
    stableTimer = setTimeout(() => {
      streak = 0;
    }, stableMs);
    stableTimer.unref();
    set('running');
  };

  const unsubscribe = db.onExit((exit: ServerExit) => {
    if (state === 'stopped' || state === 'failed') return;
    clearTimeout(stableTimer);
    const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
    log.warn(`The embedded database stopped unexpectedly (${how}); starting it again`);
    set('restarting');
    // An attempt under way sees the exit itself (no pid) and schedules the next one.
    if (!timer && !inFlight) schedule();
  });

  return {
    get state() {
      return state;
    },
    get restarts() {
      return restarts;
    },
    get pid() {
      return db.pid;
    },
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    async stop() {
      unsubscribe();
      clearTimeout(timer);
      clearTimeout(stableTimer);
      timer = undefined;
      set('stopped');
      listeners.clear();
      await db.stop();
    },
  };
}
