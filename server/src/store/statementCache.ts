import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * Texts kept prepared at most. A multi-row insert has one text per row count, so the set
 * is bounded but can be a few hundred; past this the cache starts again empty.
 */
const MAX_STATEMENTS = 500;

/**
 * The SQLite file as Kysely's dialect uses it, with each write statement prepared once and
 * reused. Kysely prepares every query it runs afresh, and SQLite's compile of even a one-row
 * insert costs more than running it: on a live session's hot path (a transaction of an insert
 * and an update per batch of actions) preparing was a tenth of the server's CPU. Only
 * statements that return no rows are kept: a write runs to its end in one synchronous call,
 * so a kept statement is never in use when it is handed out again, whereas a select may be
 * streamed, and one left half-read must stay free to be collected with its reader.
 */
export function withStatementCache(file: SQLite.Database): SqliteDatabase {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => file.close(),
    prepare(sql) {
      const cached = prepared.get(sql);
      if (cached && !cached.busy) return cached;
      const statement = file.prepare(sql);
      if (!cached && !statement.reader) {
        if (prepared.size >= MAX_STATEMENTS) prepared.clear();
        prepared.set(sql, statement);
      }
      return statement;
    },
  };
}
