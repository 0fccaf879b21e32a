import type { Kysely, Migration } from 'kysely';

/**
 * Co-facilitators (migration `0007_event_actors`): who ran the console command behind each
 * event, as JSON (`LoggedActor`: a member's account id and name, or the console's key);
 * null for participants' actions and for every row written before. Recovery never reads it.
 */
export interface EventActorTables {
  events: {
    session_id: string;
    seq: number;
    at: number;
    type: string;
    actor: string | null;
  };
}

/** The body of migration `0007_event_actors`: one nullable column, so old rows need nothing. */
export const eventActorsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('events').addColumn('actor', 'text').execute();
  },
};
