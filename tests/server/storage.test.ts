import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, FacilitatorView, ViewMessage } from '@playfield/shared';
import { loadConfig, startPlayfield } from '../../server/src/index.ts';
import type { Kysely } from 'kysely';
import { Repository, type SessionRow } from '../../server/src/store/repository.ts';
import type { Database } from '../../server/src/store/schema.ts';
import { STORAGE_BACKENDS, type OpenedStorage } from './databases.ts';

/**
 * The same storage cases on every backend: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL points at a server (`.ci/run` starts one). Each PostgreSQL run
 * gets a fresh database so runs never see each other's rows.
 */
/** Overwrites the stored snapshot of session s1 behind the repository's back. */
async function overwriteSnapshot(repository: Repository, state: string): Promise<void> {
  const { db } = repository as unknown as { db: Kysely<Database> };
  await db.updateTable('snapshots').set({ state }).where('session_id', '=', 's1').execute();
}

function sessionRow(id: string, code: string, createdAt: number): SessionRow {
  return {
    id,
    code,
    title: `Session ${id}`,
    facilitator_token_hash: 'hash-f',
    screen_key_hash: 'hash-s',
    phase: 'lobby',
    created_at: createdAt,
    ended_at: null,
    participant_count: 0,
    round_count: 0,
    last_seq: 1,
  };
}

function created(id: string, code: string, at: number): EventEnvelope {
  return {
    seq: 1,
    at,
    event: {
      type: 'session.created',
      sessionId: id,
      code,
      title: `Session ${id}`,
      seed: 'seed',
      agenda: [],
    },
  };
}

describe.each(STORAGE_BACKENDS)('storage on $name', (backend) => {
  let env: OpenedStorage;
  let repository: Repository;

  beforeAll(async () => {
    env = await backend.open();
    repository = await Repository.open(env);
  });

  afterAll(async () => {
    await repository.close();
    await env.cleanup();
  });

  it('stores a session with its first event and finds it by id and by code', async () => {
    const at = 1_760_000_000_123; // beyond 32 bits: timestamps must come back as exact numbers
    await repository.createSession(sessionRow('s1', 'ABCDEF', at), created('s1', 'ABCDEF', at));
    expect(await repository.getSession('s1')).toMatchObject({
      code: 'ABCDEF',
      created_at: at,
      ended_at: null,
    });
    expect((await repository.getSessionByCode('ABCDEF'))?.id).toBe('s1');
    expect(await repository.getSession('nope')).toBeUndefined();
    const log = await repository.loadLog('s1');
    expect(log.snapshot).toBeNull();
    expect(log.events).toEqual([created('s1', 'ABCDEF', at)]);
  });

  it('refuses a second session with the same join code', async () => {
    await expect(
      repository.createSession(sessionRow('s2', 'ABCDEF', 1), created('s2', 'ABCDEF', 1)),
    ).rejects.toThrow();
    expect(await repository.getSession('s2')).toBeUndefined();
  });

  it('appends events, the summary row and a participant token in one transaction', async () => {
    const events: EventEnvelope[] = [
      {
        seq: 2,
        at: 1_760_000_000_500,
        event: { type: 'participant.joined', participantId: 'p1', name: 'Ana' },
      },
      { seq: 3, at: 1_760_000_000_600, event: { type: 'session.started' } },
    ];
    await repository.append(
      's1',
      events,
      {
        title: 'Session s1',
        phase: 'live',
        ended_at: null,
        participant_count: 1,
        round_count: 0,
        last_seq: 3,
      },
      [{ tokenHash: 'token-hash-1', participantId: 'p1' }],
    );
    expect(await repository.findParticipantToken('token-hash-1')).toEqual({
      sessionId: 's1',
      participantId: 'p1',
    });
    expect(await repository.getSession('s1')).toMatchObject({
      phase: 'live',
      participant_count: 1,
      last_seq: 3,
    });
    expect((await repository.loadLog('s1')).events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('stores nothing of an append whose events clash with the log', async () => {
    const clash: EventEnvelope[] = [{ seq: 3, at: 1, event: { type: 'session.ended' } }];
    await expect(
      repository.append(
        's1',
        clash,
        {
          title: 'x',
          phase: 'ended',
          ended_at: 1,
          participant_count: 9,
          round_count: 9,
          last_seq: 3,
        },
        [{ tokenHash: 'token-hash-2', participantId: 'p2' }],
      ),
    ).rejects.toThrow();
    expect(await repository.getSession('s1')).toMatchObject({
      phase: 'live',
      participant_count: 1,
    });
    expect(await repository.findParticipantToken('token-hash-2')).toBeUndefined();
  });

  it('returns the latest snapshot and only the events after it', async () => {
    const log = await repository.loadLog('s1');
    const state = {
      id: 's1',
      seq: 2,
      phase: 'live',
      agenda: [],
      rounds: {},
      participants: {},
      marker: 'snapshot',
    } as unknown as Parameters<Repository['saveSnapshot']>[0];
    await repository.saveSnapshot(state);
    await repository.saveSnapshot({ ...state, seq: 3 });
    const after = await repository.loadLog('s1');
    expect(after.snapshot).toMatchObject({ seq: 3, marker: 'snapshot' });
    expect(after.events).toEqual([]);
    expect(log.events).toHaveLength(3);
    expect(await repository.loadEvents('s1')).toHaveLength(3);
  });

  it('leaves out a snapshot that does not read back and returns the whole log', async () => {
    const state = {
      id: 's1',
      seq: 3,
      phase: 'live',
      agenda: [],
      rounds: {},
      participants: {},
    } as unknown as Parameters<Repository['saveSnapshot']>[0];
    await repository.saveSnapshot(state);
    expect((await repository.loadLog('s1')).snapshot).not.toBeNull();
    // A torn write, or a snapshot whose shape no longer folds: the log is the truth.
    for (const broken of ['{"id":"s1","seq":3,"phase":"li', JSON.stringify({ id: 's1', seq: 3 })]) {
      await overwriteSnapshot(repository, broken);
      const log = await repository.loadLog('s1');
      expect(log.snapshot).toBeNull();
      expect(log.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    }
  });

  it('lists sessions newest first', async () => {
    await repository.createSession(
      sessionRow('s3', 'GHJKMN', 1_770_000_000_000),
      created('s3', 'GHJKMN', 1),
    );
    expect((await repository.getSessions(['s1', 's3', 'missing'])).map((r) => r.id)).toEqual([
      's3',
      's1',
    ]);
    expect(await repository.getSessions([])).toEqual([]);
  });

  it('deletes sessions never used past their retention, and nothing else', async () => {
    const old = 1_700_000_000_000;
    const rows: [string, string, number][] = [
      ['u1', 'PQRSTU', old],
      ['u2', 'PQRSTV', old],
      ['u3', 'PQRSTW', old],
      ['u4', 'PQRSTX', Date.now()],
    ];
    for (const [id, code, at] of rows)
      await repository.createSession(sessionRow(id, code, at), created(id, code, at));
    // u2 had someone join; u3 is live in memory; u4 is recent.
    await repository.append('u2', [], {
      title: 'u2',
      phase: 'lobby',
      ended_at: null,
      participant_count: 1,
      round_count: 0,
      last_seq: 1,
    });
    expect(await repository.deleteUnusedSessions(old + 1, ['u3'])).toBe(1);
    expect(await repository.getSession('u1')).toBeUndefined();
    expect(await repository.loadEvents('u1')).toEqual([]);
    for (const id of ['u2', 'u3', 'u4']) expect(await repository.getSession(id)).toBeDefined();
    // Sessions from the earlier cases (used, or with a notebook) are untouched.
    expect(await repository.getSession('s1')).toBeDefined();
  });

  it('runs a live session and brings it back after a restart', async () => {
    const store = await backend.open();
    const config = { ...loadConfig({}), port: 0, host: '127.0.0.1', clientDir: null, ...store };
    let server = await startPlayfield(config);
    const post = async <T>(route: string, body: unknown): Promise<T> => {
      const response = await fetch(`${server.url}/api${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.ok).toBe(true);
      return (await response.json()) as T;
    };
    const poll = {
      question: 'Ready?',
      options: ['Yes', 'No'],
      isMultipleChoice: false,
      isAnonymous: true,
    };
    const session = await post<{ sessionId: string; code: string; facilitatorToken: string }>(
      '/sessions',
      {
        title: 'Storage run',
        agenda: [{ kind: 'poll', title: 'Q', config: poll }],
      },
    );
    const seat = await post<{ resumeToken: string }>('/join', {
      code: session.code,
      name: 'Ana',
      deviceId: 'device-0123456789abcdef',
    });

    const facilitator = () =>
      io(server.url, {
        transports: ['websocket'],
        reconnection: false,
        auth: {
          protocolVersion: 1,
          credential: {
            role: 'facilitator',
            sessionId: session.sessionId,
            token: session.facilitatorToken,
          },
        },
      });
    const viewWhere = (
      socket: ReturnType<typeof io>,
      isWanted: (view: FacilitatorView) => boolean,
    ) =>
      new Promise<FacilitatorView>((resolve) => {
        const listener = (m: ViewMessage<FacilitatorView>) => {
          if (!isWanted(m.view)) return;
          socket.off('view.facilitator', listener);
          resolve(m.view);
        };
        socket.on('view.facilitator', listener);
      });

    const console1 = facilitator();
    const started = viewWhere(console1, (v) => v.round !== null);
    expect(await console1.emitWithAck('session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    const roundId = (await started).round?.id;
    const phone = io(server.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: {
        protocolVersion: 1,
        credential: { role: 'participant', resumeToken: seat.resumeToken },
      },
    });
    await new Promise((resolve) => phone.once('view.public', resolve));
    expect(
      await phone.emitWithAck('round.act', { roundId, action: { type: 'answer', choices: [1] } }),
    ).toMatchObject({
      ok: true,
    });
    console1.close();
    phone.close();
    await server.close();

    server = await startPlayfield(config);
    const console2 = facilitator();
    const recovered = await viewWhere(console2, () => true);
    console2.close();
    await server.close();
    await store.cleanup();

    expect(recovered.session.phase).toBe('live');
    expect(recovered.roster.map((p) => p.name)).toEqual(['Ana']);
    expect(recovered.round?.kind === 'poll' && recovered.round.view.results.counts).toEqual([0, 1]);
  });
});
