import pg from 'pg';
import {
  replay,
  type EventEnvelope,
  type SessionEvent,
  type SessionState,
} from '@playfield/shared';
import { reportFault } from '../faults/faults.ts';

/** Every cluster process names its PostgreSQL connections with this prefix and its id. */
export const APPLICATION_PREFIX = 'playfield-cluster:';

/**
 * The fence in PostgreSQL. `cluster_owners` holds, per session or document, the process that
 * holds its lease and the lease's fencing number; a trigger on every table an owner writes
 * (events, snapshots, document updates) refuses the row unless the writing connection is
 * that process. The owner row is read FOR SHARE inside the writer's own transaction, so a
 * new owner's claim waits for an old owner's write in flight to commit, and then loads the
 * log with that write in it; a write that starts after the claim sees the new owner and is
 * refused. A claim only ever raises the fence, so an old owner that wakes up cannot take
 * the row back. Items nobody has claimed yet (a session being created, an import) and
 * connections of processes outside a cluster are not checked.
 */
const SETUP = `
CREATE TABLE IF NOT EXISTS cluster_owners (
  item_id text PRIMARY KEY,
  owner text NOT NULL,
  fence bigint NOT NULL
);
CREATE OR REPLACE FUNCTION playfield_fence_check() RETURNS trigger AS $$
DECLARE
  writer text := current_setting('application_name');
  holder text;
BEGIN
  IF writer NOT LIKE '${APPLICATION_PREFIX}%' THEN
    RETURN NEW;
  END IF;
  SELECT owner INTO holder FROM cluster_owners
    WHERE item_id = to_jsonb(NEW) ->> TG_ARGV[0] FOR SHARE;
  IF holder IS NOT NULL AND holder <> substr(writer, ${APPLICATION_PREFIX.length + 1}) THEN
    RAISE EXCEPTION 'playfield fence: % is owned by another process', to_jsonb(NEW) ->> TG_ARGV[0]
      USING ERRCODE = 'P0F01';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS playfield_fence ON events;
CREATE TRIGGER playfield_fence BEFORE INSERT OR UPDATE ON events
  FOR EACH ROW EXECUTE FUNCTION playfield_fence_check('session_id');
DROP TRIGGER IF EXISTS playfield_fence ON snapshots;
CREATE TRIGGER playfield_fence BEFORE INSERT OR UPDATE ON snapshots
  FOR EACH ROW EXECUTE FUNCTION playfield_fence_check('session_id');
DROP TRIGGER IF EXISTS playfield_fence ON document_updates;
CREATE TRIGGER playfield_fence BEFORE INSERT OR UPDATE ON document_updates
  FOR EACH ROW EXECUTE FUNCTION playfield_fence_check('doc_id');
`;

/** The PostgreSQL side of ownership: the fence rows, and reading logs for non-owners. */
export class Fence {
  private readonly pool: pg.Pool;
  private settingUp: Promise<void> | null = null;

  constructor(
    databaseUrl: string,
    private readonly processId: string,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    this.pool.on('error', (error) => reportFault('cluster: idle PostgreSQL connection', error));
  }

  /** The database URL this process's repository connects with: named after the process. */
  static withApplicationName(databaseUrl: string, processId: string): string {
    const url = new URL(databaseUrl);
    url.searchParams.set('application_name', `${APPLICATION_PREFIX}${processId}`);
    return url.toString();
  }

  /**
   * Creates the owners table and the triggers, under an advisory lock so processes starting
   * together do not race. Done before the first claim (the storage's own tables exist by
   * then), so before any write an owner makes.
   */
  private setup(): Promise<void> {
    this.settingUp ??= this.runSetup().catch((error: unknown) => {
      this.settingUp = null;
      throw error;
    });
    return this.settingUp;
  }

  private async runSetup(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(724001)');
      await client.query(SETUP);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Records this process as the item's owner under its lease's fence. False when a greater
   * fence is already recorded: our lease is older than another's, so we are not the owner.
   */
  async claim(item: string, fence: number): Promise<boolean> {
    await this.setup();
    const result = await this.pool.query(
      `INSERT INTO cluster_owners (item_id, owner, fence) VALUES ($1, $2, $3)
       ON CONFLICT (item_id) DO UPDATE SET owner = EXCLUDED.owner, fence = EXCLUDED.fence
       WHERE cluster_owners.fence < EXCLUDED.fence
          OR (cluster_owners.fence = EXCLUDED.fence AND cluster_owners.owner = EXCLUDED.owner)`,
      [item, this.processId, fence],
    );
    return result.rowCount === 1;
  }

  /** The events of a session after a sequence number, folded onto the state given. */
  async catchUp(state: SessionState): Promise<SessionState> {
    const rows = await this.pool.query<{ seq: number; at: string; payload: string }>(
      'SELECT seq, at, payload FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq',
      [state.id, state.seq],
    );
    if (rows.rows.length === 0) return state;
    const envelopes: EventEnvelope[] = rows.rows.map((row) => ({
      seq: Number(row.seq),
      at: Number(row.at),
      event: JSON.parse(row.payload) as SessionEvent,
    }));
    return replay(envelopes, state);
  }

  /** The rows stay: the next owner raises the fence over them. */
  async close(): Promise<void> {
    await this.pool.end();
  }
}
