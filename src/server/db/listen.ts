import type pg from 'pg';
import type { ListenBridge } from '#app/ports.ts';

interface Subscriber {
  onMessage: (payload: string) => void;
  onLive: ((live: boolean) => void) | undefined;
  live: boolean;
}

export interface ListenOptions {
  /** First reconnect delay; it doubles on each failed attempt up to `maxDelayMs`. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

// LISTEN takes an identifier, not a parameter: only plain lower-case names are accepted.
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The instance's one LISTEN connection. Every channel anyone listens to (the change feed's
 * `tandem_events`, poker's `tandem_poker`) shares it; a NOTIFY is handed to that channel's
 * subscribers. The connection is taken from the pool on the first subscription and given back
 * (destroyed, so no pooled client keeps listening) when the last one leaves.
 *
 * When the connection is lost, every subscriber hears `onLive(false)`: messages sent meanwhile are
 * missed, so caches must stop serving from memory. The bridge reconnects by itself with back-off
 * and says `onLive(true)` once the channel is heard again.
 */
export class PgListenBridge implements ListenBridge {
  readonly #channels = new Map<string, Set<Subscriber>>();
  /** Channels LISTENed on the current connection, each with a token for its LISTEN in flight. */
  readonly #listened = new Map<string, object>();
  /** Channels whose LISTEN has completed on the current connection. */
  readonly #heard = new Set<string>();
  /** The connection attempt under way; a newer one (or going idle) makes an older one give up. */
  #connecting: object | null = null;
  #client: pg.PoolClient | null = null;
  #pid: number | null = null;
  #state: 'idle' | 'connecting' | 'up' | 'waiting' | 'closed' = 'idle';
  #timer: NodeJS.Timeout | null = null;
  #attempt = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: ListenOptions = {},
  ) {}

  listen(
    channel: string,
    onMessage: (payload: string) => void,
    onLive?: (live: boolean) => void,
  ): () => void {
    if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    if (this.#state === 'closed') return () => undefined;
    const sub: Subscriber = { onMessage, onLive, live: false };
    const subs = this.#channels.get(channel) ?? new Set();
    subs.add(sub);
    this.#channels.set(channel, subs);
    if (this.#state === 'idle') void this.#connect();
    else if (this.#state === 'up' && this.#client) {
      // A LISTEN in flight marks its channel's subscribers live when it completes.
      if (this.#heard.has(channel)) this.#setLive(sub, true);
      else if (!this.#listened.has(channel)) void this.#listenOn(this.#client, channel);
    }
    return () => this.#unsubscribe(channel, sub);
  }

  /** Stops for good (at shutdown): the pool cannot end while the connection is held. */
  async close(): Promise<void> {
    this.#state = 'closed';
    this.#channels.clear();
    this.#connecting = null;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#drop(true);
  }

  /** The PostgreSQL backend of the LISTEN connection while it is up (tests terminate it). */
  get backendPid(): number | null {
    return this.#state === 'up' ? this.#pid : null;
  }

  async #connect() {
    this.#state = 'connecting';
    const attempt = {};
    this.#connecting = attempt;
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch {
      if (this.#connecting === attempt) this.#retry();
      return;
    }
    if (this.#connecting !== attempt) {
      client.release(true);
      return;
    }
    this.#connecting = null;
    this.#client = client;
    client.on('notification', (m) => {
      if (!m.payload) return;
      for (const sub of this.#channels.get(m.channel) ?? []) {
        try {
          sub.onMessage(m.payload);
        } catch {
          // One subscriber's failure must not stop the others.
        }
      }
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    try {
      const r = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      this.#pid = r.rows[0]?.pid ?? null;
    } catch {
      this.#lost(client);
      return;
    }
    if (this.#client !== client) return;
    this.#state = 'up';
    await Promise.all([...this.#channels.keys()].map((channel) => this.#listenOn(client, channel)));
  }

  async #listenOn(client: pg.PoolClient, channel: string) {
    const token = {};
    this.#listened.set(channel, token);
    try {
      await client.query(`listen ${channel}`);
    } catch {
      this.#lost(client);
      return;
    }
    // Unsubscribed (or lost, or listened again) meanwhile: this LISTEN no longer counts.
    if (this.#client !== client || this.#listened.get(channel) !== token) return;
    this.#attempt = 0;
    this.#heard.add(channel);
    for (const sub of this.#channels.get(channel) ?? []) this.#setLive(sub, true);
  }

  #unsubscribe(channel: string, sub: Subscriber) {
    const subs = this.#channels.get(channel);
    if (!subs?.delete(sub) || subs.size > 0) return;
    this.#channels.delete(channel);
    if (this.#channels.size === 0) {
      // Nobody listens any more: give the connection back (and stop any pending reconnect).
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      this.#connecting = null;
      this.#drop(true);
      if (this.#state !== 'closed') this.#state = 'idle';
      return;
    }
    const client = this.#client;
    if (client && this.#listened.delete(channel)) {
      this.#heard.delete(channel);
      client.query(`unlisten ${channel}`).catch(() => this.#lost(client));
    }
  }

  #lost(client: pg.PoolClient) {
    if (this.#client !== client) return;
    this.#drop(new Error('LISTEN connection lost'));
    for (const subs of this.#channels.values()) for (const sub of subs) this.#setLive(sub, false);
    this.#retry();
  }

  /** Forgets the current connection; `destroy` makes the pool close it rather than reuse it. */
  #drop(destroy: true | Error) {
    const client = this.#client;
    this.#client = null;
    this.#pid = null;
    this.#listened.clear();
    this.#heard.clear();
    if (!client) return;
    client.removeAllListeners('notification');
    // A late error from a dropped connection must not crash the process.
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    client.release(destroy);
  }

  #retry() {
    if (this.#state === 'closed') return;
    if (this.#channels.size === 0) {
      this.#state = 'idle';
      return;
    }
    this.#state = 'waiting';
    const min = this.options.minDelayMs ?? 100;
    const max = this.options.maxDelayMs ?? 5000;
    const delay = Math.min(max, min * 2 ** this.#attempt) * (0.75 + Math.random() / 2);
    this.#attempt += 1;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#state === 'waiting') void this.#connect();
    }, delay);
    this.#timer.unref();
  }

  #setLive(sub: Subscriber, live: boolean) {
    if (sub.live === live) return;
    sub.live = live;
    try {
      sub.onLive?.(live);
    } catch {
      // As for messages: a failing subscriber must not stop the others.
    }
  }
}
