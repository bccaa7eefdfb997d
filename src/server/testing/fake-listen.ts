import type { ListenBridge } from '#app/ports.ts';

interface Sub {
  channel: string;
  onMessage: (payload: string) => void;
  onLive: ((live: boolean) => void) | undefined;
}

/** A ListenBridge the test drives: it says when the channel is heard, lost, and what arrives. */
export class FakeListenBridge implements ListenBridge {
  readonly subs = new Set<Sub>();
  live = false;
  closed = false;

  listen(channel: string, onMessage: (payload: string) => void, onLive?: (live: boolean) => void) {
    const sub = { channel, onMessage, onLive };
    this.subs.add(sub);
    if (this.live) onLive?.(true);
    return () => {
      this.subs.delete(sub);
    };
  }

  async close() {
    this.closed = true;
    this.subs.clear();
  }

  /** The connection is up (true) or lost (false). */
  setLive(live: boolean) {
    this.live = live;
    for (const s of [...this.subs]) s.onLive?.(live);
  }

  notify(channel: string, payload: string) {
    for (const s of [...this.subs]) if (s.channel === channel) s.onMessage(payload);
  }

  channels(): string[] {
    return [...this.subs].map((s) => s.channel);
  }
}
