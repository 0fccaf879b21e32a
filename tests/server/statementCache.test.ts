import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../server/src/store/statementCache.ts';

interface Db {
  notes: { id: Generated<number>; text: string };
}

const opened: { file: SQLite.Database; dir: string }[] = [];

function open(): { file: SQLite.Database; cached: ReturnType<typeof withStatementCache> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statements-'));
  const file = new SQLite(path.join(dir, 'test.db'));
  file.exec('create table notes (id integer primary key, text text not null)');
  opened.push({ file, dir });
  return { file, cached: withStatementCache(file) };
}

afterEach(() => {
  for (const { file, dir } of opened.splice(0)) {
    if (file.open) file.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('SQLite statement cache', () => {
  it('hands the same write statement out again, and a fresh select each time', () => {
    const { cached } = open();
    const insert = 'insert into notes (text) values (?)';
    expect(cached.prepare(insert)).toBe(cached.prepare(insert));
    const select = 'select text from notes';
    expect(cached.prepare(select)).not.toBe(cached.prepare(select));
  });

  it('stores and reads back through Kysely exactly as the uncached file does', async () => {
    const { cached } = open();
    const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: cached }) });
    for (let i = 1; i <= 5; i++) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('notes')
          .values({ text: `note ${i}` })
          .execute();
        await trx
          .updateTable('notes')
          .set({ text: `note ${i}!` })
          .where('id', '=', i)
          .execute();
      });
    }
    const rows = await db.selectFrom('notes').select(['id', 'text']).orderBy('id').execute();
    expect(rows.map((r) => r.text)).toEqual([
      'note 1!',
      'note 2!',
      'note 3!',
      'note 4!',
      'note 5!',
    ]);
  });
});
