import { EventEmitter } from 'node:events';
import {
  type JobHelpers,
  Logger,
  type ParsedCronItem,
  parseCronItems,
  parseCrontab,
  type Runner,
  type RunnerOptions,
  run,
  runMigrations,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import type { MailTransport } from '#app/mail/sender.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import { toStoredEvent } from '#app/reactions/stored-event.ts';
import type { Store } from '#app/store.ts';
import type { Clock } from '#jobs/clock.ts';
import { MAIL_CRONTAB, mailTasks } from '#jobs/mail.job.ts';
import type { AnySubscriber, QueueTask, ReactionContext } from '#jobs/subscriber.ts';

const DEFAULT_MAX_ATTEMPTS = 10;

export interface ReactionsLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ReactionsOptions {
  store: Store;
  /** The same database the app uses (DATABASE_URL or the embedded server's URL). */
  databaseUrl: string;
  /**
   * The queue's own connections, made by the composition root (db/pool.ts createPool, which
   * survives a lost connection) and ended by it after `stop()`. Without one, graphile-worker makes
   * its own pool from `databaseUrl`.
   */
  queuePool?: RunnerOptions['pgPool'];
  log: ReactionsLog;
  /** Run the worker in this process (the default); false only installs the queue and the list. */
  work?: boolean;
  /** Jobs run at once in this process. */
  concurrency?: number;
  /** How often to look for jobs when no NOTIFY arrived (ms); new jobs wake the worker at once. */
  pollInterval?: number;
  /** How often this process says its workers are alive (ms). */
  heartbeatMs?: number;
  /** After how long without a heartbeat a worker counts as dead and its jobs are unlocked (ms). */
  silentAfterMs?: number;
  /** The reactions to run: every capability's jobs (capabilities/index.ts `allJobs`), or a test's own. */
  subscribers: readonly AnySubscriber[];
  /** Work on the clock (capabilities/index.ts `allClocks`): graphile-worker's cron, one tick per pattern. */
  clocks?: readonly Clock[];
  /** Tasks that are no reaction to one event, by name (capabilities/index.ts `allTasks`). */
  tasks?: Record<string, QueueTask>;
  /** Those tasks run at once in this process (webhook sends mostly wait on the network); default 8. */
  taskConcurrency?: number;
  /**
   * Mail: reactions write their mails with `setup`; with a transport this worker also sends them
   * (`mail-send`) and runs the daily digest. Off when absent.
   */
  mail?: { setup: MailSetup; transport: MailTransport | null };
}

export interface Reactions {
  /** Stops taking jobs, lets running ones finish, closes the worker's connections. */
  stop(): Promise<void>;
}

/**
 * The one entry point for reactions (app process and `tandem worker` alike), called after the
 * app's migrations: installs or upgrades graphile-worker's schema (graphile-worker does this
 * itself, under its own lock), writes which subscriber wants which event types (from then on
 * every appended event enqueues its jobs, see migration 0002), then runs the worker.
 */
export async function startReactions(options: ReactionsOptions): Promise<Reactions> {
  const subs = options.subscribers;
  const logger = graphileLogger(options.log);
  const connection = options.queuePool
    ? { pgPool: options.queuePool }
    : { connectionString: options.databaseUrl };
  await runMigrations({ ...connection, logger });
  await options.store.transaction((r) =>
    r.reactions.syncSubscriptions(
      subs.map((s) => ({
        name: s.name,
        eventTypes: s.eventTypes,
        maxAttempts: s.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      })),
    ),
  );
  if (options.work === false) return { stop: async () => undefined };

  const { store, log } = options;
  const mail = options.mail?.setup ?? MAIL_OFF;
  const transport = mail.enabled ? (options.mail?.transport ?? null) : null;
  const clocks = options.clocks ?? [];
  const taskList: TaskList = Object.fromEntries([
    ...subs.map((s) => [s.name, taskFor(store, s, mail)] as const),
    ...subs.flatMap((s) => (s.timer ? [[s.timer.task, timerTaskFor(store, s.timer, mail)] as const] : [])),
    ...clocks.map((c) => [c.name, async () => void (await c.run(store))] as const),
  ]);
  // Work that waits on the network (webhook and mail sends, the digest) has a pool of its own.
  const otherTasks: TaskList = {
    ...Object.fromEntries(
      Object.entries(options.tasks ?? {}).map(([name, task]) => [name, (p: unknown) => task(p)]),
    ),
    ...(transport ? mailTasks(store, mail, transport) : {}),
  };
  // graphile-worker locks jobs in the name of the worker pool (locked_by = pool id).
  const poolIds = new Set<string>();
  const events = new EventEmitter() as WorkerEvents;
  events.on('pool:create', ({ workerPool }) => {
    poolIds.add(workerPool.id);
    void store.read.reactions.heartbeat([workerPool.id]).catch(() => undefined);
  });
  events.on('job:failed', ({ job, error }) =>
    log.warn(
      { jobId: job.id, task: job.task_identifier, attempts: job.attempts, err: error },
      'reaction failed',
    ),
  );
  const start = (tasks: TaskList, concurrency: number, cron: ParsedCronItem[]): Promise<Runner> =>
    run(
      {
        ...connection,
        logger,
        events,
        taskList: tasks,
        concurrency,
        // Its own small pool: job fetching plus the LISTEN for new jobs. Handlers use the app's.
        maxPoolSize: Math.max(3, concurrency + 1),
        pollInterval: options.pollInterval ?? 2_000,
        noHandleSignals: true,
      },
      undefined,
      // Our schedules only (without a list graphile-worker looks for a ./crontab file).
      cron,
    );
  // Reactions (short transactions) and the other tasks (webhook and mail sends: network I/O that
  // may wait seconds on a slow receiver) run in separate worker pools: graphile-worker fetches
  // only the jobs of a pool's own task list, so a slow receiver never holds up notices, and sends
  // run side by side. The clocks tick in the reactions' pool (no backfill: a missed tick is
  // covered by the next one, the work looks for everything due), the mail digest in the other.
  const clockCron = parseCronItems(
    clocks.map((c) => ({ task: c.name, match: c.pattern, options: { backfillPeriod: 0 } })),
  );
  const runners: Runner[] = [await start(taskList, options.concurrency ?? 2, clockCron)];
  if (Object.keys(otherTasks).length > 0)
    runners.push(
      await start(otherTasks, options.taskConcurrency ?? 8, transport ? parseCrontab(MAIL_CRONTAB) : []),
    );
  // Settles when the worker stops; a rejection (it lost the database for good) must not crash us.
  for (const runner of runners)
    runner.promise.catch((err: unknown) => log.error({ err }, 'reactions worker stopped on an error'));
  // Crash recovery: keep our ids alive, free the jobs of workers that went silent.
  const beat = async () => {
    await store.read.reactions.heartbeat([...poolIds]);
    const freed = await store.read.reactions.releaseSilentWorkers(options.silentAfterMs ?? 60_000);
    if (freed) log.info({ workers: freed }, 'unlocked the jobs of reaction workers that went silent');
  };
  await beat();
  const timer = setInterval(() => {
    beat().catch((err: unknown) => log.warn({ err }, 'reactions heartbeat failed'));
  }, options.heartbeatMs ?? 15_000);
  timer.unref();
  log.info({ subscribers: subs.map((s) => s.name) }, 'reactions worker started');
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await Promise.all(runners.map((r) => r.stop('Tandem is shutting down')));
        transport?.close();
        await store.read.reactions.forgetWorkers([...poolIds]).catch(() => undefined);
      })();
      return stopping;
    },
  };
}

/**
 * One job = one (event, subscriber). The receipt and the handler's effect share a transaction:
 * if a worker dies after it committed but before graphile-worker marked the job done, the job
 * runs again, finds the receipt, and does nothing. A throw rolls both back and graphile-worker
 * retries with exponential back-off until max attempts, then keeps the job as failed.
 */
function taskFor(store: Store, sub: AnySubscriber, mail: MailSetup) {
  return async (payload: unknown, helpers: JobHelpers) => {
    const eventId = Number((payload as { eventId?: unknown } | null)?.eventId);
    if (!Number.isSafeInteger(eventId)) throw new Error(`Job ${helpers.job.id} has no event id`);
    await store.transaction(async (r) => {
      const row = await r.events.byId(eventId);
      if (!row) return; // The event's product was deleted (events cascade): nothing to react to.
      if (!(await r.reactions.claim(eventId, sub.name))) return;
      const event = toStoredEvent(row);
      if (!(sub.eventTypes as readonly string[]).includes(event.type)) return;
      // The check above is what the subscriber's type promises: an event of its own types.
      const handle = sub.handle as (e: StoredEvent, ctx: ReactionContext) => Promise<void>;
      await handle(event, { repos: r, attempt: helpers.job.attempts, mail });
    });
  };
}

/** A timer's job: its run in one transaction; a throw rolls back and graphile-worker retries. */
function timerTaskFor(store: Store, timer: NonNullable<AnySubscriber['timer']>, mail: MailSetup) {
  return async (payload: unknown, helpers: JobHelpers) => {
    await store.transaction((r) => timer.run(payload, { repos: r, attempt: helpers.job.attempts, mail }));
  };
}

function graphileLogger(log: ReactionsLog): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const obj = { ...scope, ...(meta ?? {}) };
    // The embedded server stopping with the app ends connections (57P01): expected, not an error.
    const shutdown = (meta?.error as { code?: string } | undefined)?.code === '57P01';
    if (level === 'error' && !shutdown) log.error(obj, message);
    else if (level === 'warning' || level === 'error') log.warn(obj, message);
    // graphile-worker reports every job at info; Tandem's own lines say what matters.
    else log.debug(obj, message);
  });
}
