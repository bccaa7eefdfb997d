import type pg from 'pg';

/**
 * LISTEN on one channel over a dedicated connection: the bridge that fans a change committed by
 * any Tandem instance out to this instance's live streams. Returns a function that stops it.
 */
export async function listenOn(
  pool: pg.Pool,
  channel: string,
  onMessage: (payload: string) => void,
  onLost: () => void,
): Promise<() => Promise<void>> {
  const client = await pool.connect();
  let released = false;
  const release = (err?: Error) => {
    if (released) return;
    released = true;
    client.release(err);
  };
  client.on('notification', (m) => {
    if (m.channel === channel && m.payload) onMessage(m.payload);
  });
  client.on('error', (err) => {
    release(err);
    onLost();
  });
  await client.query(`listen ${channel}`);
  return async () => {
    if (released) return;
    await client.query(`unlisten ${channel}`).catch(() => undefined);
    release();
  };
}
