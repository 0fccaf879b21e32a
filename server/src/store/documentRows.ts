import type { Transaction } from 'kysely';
import type { DocumentRowUpdate } from './repository.ts';
import type { Database } from './schema.ts';

/** Updates to one document, with its row's columns, stored together (see `append`). */
export interface DocumentWrite {
  row: DocumentRowUpdate;
  updates: { seq: number; data: Uint8Array }[];
}

/**
 * Appends updates to a document (creating its row on first write) and refreshes the row's
 * columns, inside the caller's transaction.
 */
export async function writeDocument(trx: Transaction<Database>, { row, updates }: DocumentWrite) {
  const encoded = updates.map((u) => ({
    doc_id: row.id,
    seq: u.seq,
    data: Buffer.from(u.data).toString('base64'),
  }));
  const bytes = encoded.reduce((sum, u) => sum + u.data.length, 0);
  await trx
    .insertInto('documents')
    .values({ search_text: '', ...row, stored_bytes: 0, update_count: 0 })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  if (encoded.length > 0) await trx.insertInto('document_updates').values(encoded).execute();
  await trx
    .updateTable('documents')
    .set((eb) => ({
      updated_at: row.updated_at,
      is_shared: row.is_shared,
      is_finished: row.is_finished,
      ...(row.search_text === undefined ? {} : { search_text: row.search_text }),
      stored_bytes: eb('stored_bytes', '+', bytes),
      update_count: eb('update_count', '+', encoded.length),
    }))
    .where('id', '=', row.id)
    .execute();
}
