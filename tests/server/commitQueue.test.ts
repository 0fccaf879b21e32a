/**
 * SQLite's commit queue: the live sessions' batches of one turn share one transaction; an
 * append resolves (and its actions are acknowledged) only once that transaction committed;
 * a failed commit refuses only the appends in it; and one session's refused rows are rolled
 * back alone while the other sessions' batches in the same transaction are stored.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope } from '@playfield/shared';
import {
  Repository,
  type SessionRow,
  type SessionSummaryColumns,
} from '../../server/src/store/repository.ts';
import type { Database } from '../../server/src/store/schema.ts';

let dataDir: string;
let repository: Repository;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playfield-commits-'));
  repository = await Repository.open({ dataDir, databaseUrl: null });
  for (const id of ['s1', 's2', 's3']) {
    await repository.createSession(sessionRow(id), {
      seq: 1,
      at: 1,
      event: {
        type: 'session.created',
        sessionId: id,
        code: `CODE${id.toUpperCase()}`,
        title: id,
        seed: 'seed',
        agenda: [],
      },
    });
  }
});

afterEach(async () => {
  vi.restoreAllMocks();
  await repository.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function sessionRow(id: string): SessionRow {
  return {
    id,
    code: `CODE${id.toUpperCase()}`,
    title: id,
    facilitator_token_hash: 'hash-f',
    screen_key_hash: 'hash-s',
    phase: 'lobby',
    created_at: 1,
    ended_at: null,
    participant_count: 0,
    round_count: 0,
    last_seq: 1,
  };
}

const joined = (seq: number, participantId: string): EventEnvelope => ({
  seq,
  at: seq,
  event: { type: 'participant.joined', participantId, name: participantId },
});

const summary = (id: string, lastSeq: number): SessionSummaryColumns => ({
  title: id,
  phase: 'lobby',
  ended_at: null,
  participant_count: lastSeq - 1,
  round_count: 0,
  last_seq: lastSeq,
});

/** Reads the file from another connection, as a restarted server would. */
function storedSeqs(id: string): number[] {
  const file = new SQLite(path.join(dataDir, 'playfield.db'), { readonly: true });
  try {
    const rows = file
      .prepare('select seq from events where session_id = ? order by seq')
      .all(id) as { seq: number }[];
    return rows.map((row) => row.seq);
  } finally {
    file.close();
  }
}

const dbOf = (repo: Repository) => (repo as unknown as { db: Kysely<Database> }).db;

describe('the live sessions of one turn', () => {
  it('share one transaction, and each append resolves only once it is committed', async () => {
    const transactions = vi.spyOn(dbOf(repository), 'transaction');
    const seenAtAck = new Map<string, number[]>();
    const appends = ['s1', 's2', 's3'].map((id) =>
      repository
        .append(id, [joined(2, `${id}-p1`), joined(3, `${id}-p2`)], summary(id, 3))
        .then(() => seenAtAck.set(id, storedSeqs(id))),
    );
    await Promise.all(appends);
    expect(transactions).toHaveBeenCalledTimes(1);
    // When each append resolved (the ack), its events were already in the file.
    for (const id of ['s1', 's2', 's3']) expect(seenAtAck.get(id)).toEqual([1, 2, 3]);
  });

  it("roll back one session's refused rows alone and store the others'", async () => {
    const [s1, clash, s3] = await Promise.allSettled([
      repository.append('s1', [joined(2, 'a')], summary('s1', 2)),
      // Seq 1 is already in s2's log: the database refuses the row.
      repository.append('s2', [joined(2, 'b'), joined(1, 'c')], summary('s2', 2)),
      repository.append('s3', [joined(2, 'd')], summary('s3', 2)),
    ]);
    expect(s1.status).toBe('fulfilled');
    expect(s3.status).toBe('fulfilled');
    expect(clash.status).toBe('rejected');
    expect(storedSeqs('s1')).toEqual([1, 2]);
    expect(storedSeqs('s3')).toEqual([1, 2]);
    // Nothing of s2's part: neither its good event nor its summary row.
    expect(storedSeqs('s2')).toEqual([1]);
    expect((await repository.getSession('s2'))?.last_seq).toBe(1);
    expect((await repository.getSession('s3'))?.last_seq).toBe(2);
  });

  it('are all refused when their commit fails, and the next turn is stored', async () => {
    const db = dbOf(repository);
    const real = db.transaction.bind(db);
    vi.spyOn(db, 'transaction').mockImplementationOnce(() => {
      const builder = real();
      return Object.assign(Object.create(builder) as typeof builder, {
        execute: () => Promise.reject(new Error('disk I/O error on commit')),
      });
    });
    const failed = await Promise.allSettled([
      repository.append('s1', [joined(2, 'a')], summary('s1', 2)),
      repository.append('s2', [joined(2, 'b')], summary('s2', 2)),
    ]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(storedSeqs('s1')).toEqual([1]);
    expect(storedSeqs('s2')).toEqual([1]);

    // The next turn's appends have a transaction of their own, which commits.
    await Promise.all([
      repository.append('s1', [joined(2, 'a')], summary('s1', 2)),
      repository.append('s3', [joined(2, 'd')], summary('s3', 2)),
    ]);
    expect(storedSeqs('s1')).toEqual([1, 2]);
    expect(storedSeqs('s3')).toEqual([1, 2]);
  });
});
