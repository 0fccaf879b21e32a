/**
 * Storage writes are retried when the failure is one that passes: another process holds
 * SQLite's write lock, PostgreSQL restarted or dropped a connection, a serialisation
 * conflict. Waits are asynchronous, so the event loop (every other room) runs meanwhile.
 */

/** Waits between attempts, in ms: about 6 s in all before the write is given up. */
const BACKOFF_MS = [10, 25, 50, 100, 200, 400, 800, 1600, 2400];

const SQLITE_TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|PROTOCOL)/;
const PG_TRANSIENT = new Set([
  '40001',
  '40P01',
  '53300',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
]);
const NET_TRANSIENT = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

/** Is this error one that a later attempt may not meet? */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (SQLITE_TRANSIENT.test(code) || PG_TRANSIENT.has(code) || NET_TRANSIENT.has(code))
      return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|database is locked/i.test(message);
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `write`, again after a pause while it fails with a transient error. */
export async function retrying<T>(
  write: () => Promise<T>,
  backoff: readonly number[] = BACKOFF_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const pause = backoff[attempt];
      if (pause === undefined || !isTransient(error)) throw error;
      await wait(pause);
    }
  }
}
