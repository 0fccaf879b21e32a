import {
  controlCommandSchema,
  dealSeats,
  facilitatorView,
  participantOwnView,
  participantPublicView,
  replay,
  screenView,
  sessionResults,
  teamActPayloadSchema,
  teamIdOf,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { describe, expect, it } from 'vitest';
import {
  FACILITATOR,
  SYSTEM,
  T0,
  answer,
  join,
  liveSession,
  mustRun,
  participant,
  pollRound,
  recordedSession,
  refusal,
  run,
} from './sessionHarness.ts';

const NAMES = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus'];
const NOBODY = new Set<string>();

const form = (count: number, isRandom = true): SessionCommand => ({
  type: 'teams.form',
  count,
  isRandom,
});

/** Seats per table, in table order. */
function sizes(state: SessionState): number[] {
  const view = facilitatorView(state, NOBODY, T0);
  return view.teams?.teams.map((t) => t.size) ?? [];
}

/** The seats at each table, from the assignments. */
function members(state: SessionState, ids: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const id of ids) {
    const team = teamIdOf(state.teams, id);
    if (team !== null) (out[team] ??= []).push(id);
  }
  return out;
}

describe('forming tables at random', () => {
  it('deals everyone into N tables whose sizes differ by one at most', () => {
    const { state, ids } = liveSession(NAMES);
    const next = mustRun(state, form(3), FACILITATOR);
    expect(sizes(next)).toEqual([3, 2, 2]);
    expect(next.teams?.list.map((t) => t.name)).toEqual(['Table 1', 'Table 2', 'Table 3']);
    expect(Object.values(members(next, ids)).flat().sort()).toEqual([...ids].sort());
  });

  it('is the same for the same seed and counter, and different the next time', () => {
    const seats = NAMES.map((_, i) => `p${i}`);
    expect(dealSeats('seed', 0, seats, 3)).toEqual(dealSeats('seed', 0, seats, 3));
    expect(dealSeats('seed', 1, seats, 3)).not.toEqual(dealSeats('seed', 0, seats, 3));
    expect(dealSeats('other', 0, seats, 3)).not.toEqual(dealSeats('seed', 0, seats, 3));

    const { state, ids } = liveSession(NAMES);
    const once = mustRun(state, form(3), FACILITATOR);
    const twice = mustRun(once, form(3), FACILITATOR);
    expect(once.teams?.formed).toBe(1);
    expect(twice.teams?.formed).toBe(2);
    // New ids each forming, so a stale move aimed at an old table cannot land on a new one.
    expect(twice.teams?.list.map((t) => t.id)).not.toEqual(once.teams?.list.map((t) => t.id));
    expect(
      Object.values(members(twice, ids))
        .map((m) => m.length)
        .sort(),
    ).toEqual([2, 2, 3]);
  });

  it('leaves people out of tables that left, and refuses counts outside 2 to 20', () => {
    const session = liveSession(NAMES.slice(0, 5));
    const ids = session.ids;
    let state = session.state;
    state = mustRun(state, { type: 'participant.leave' }, participant(ids[0] as string));
    state = mustRun(state, form(2), FACILITATOR);
    expect(teamIdOf(state.teams, ids[0] as string)).toBeNull();
    expect(sizes(state)).toEqual([2, 2]);
    for (const count of [1, 21, 2.5]) {
      expect(controlCommandSchema.safeParse(form(count)).success).toBe(false);
    }
  });
});

describe('latecomers', () => {
  it('join the smallest table (the first one on ties) without a pass over the room', () => {
    let { state } = liveSession(NAMES.slice(0, 5));
    state = mustRun(state, form(3), FACILITATOR);
    expect(sizes(state)).toEqual([2, 2, 1]);
    const step = run(state, { type: 'participant.join', name: 'Late' }, SYSTEM);
    expect(step.result.ok && step.result.data.map((e) => e.type)).toEqual([
      'participant.joined',
      'teams.assigned',
    ]);
    expect(sizes(step.state)).toEqual([2, 2, 2]);
    const later = join(step.state, 'Later');
    expect(sizes(later.state)).toEqual([3, 2, 2]);
    expect(participantOwnView(later.state, later.id, T0)?.teamId).toBe(
      later.state.teams?.list[0]?.id,
    );
  });

  it('wait for their own pick when people choose their table', () => {
    let { state } = liveSession(['Ana']);
    state = mustRun(state, form(2, false), FACILITATOR);
    state = mustRun(state, { type: 'teams.settings', isChoosing: true }, FACILITATOR);
    const late = join(state, 'Late');
    expect(teamIdOf(late.state.teams, late.id)).toBeNull();
    expect(participantOwnView(late.state, late.id, T0)).not.toHaveProperty('teamId');
  });

  it('are not placed in sessions without tables', () => {
    const { state } = liveSession(['Ana']);
    const step = run(state, { type: 'participant.join', name: 'Late' }, SYSTEM);
    expect(step.envelopes.map((e) => e.event.type)).toEqual(['participant.joined']);
    expect(step.state.teams).toBeUndefined();
  });
});

describe('by hand', () => {
  it('moves a seat between tables and keeps the head counts right', () => {
    const session = liveSession(['Ana', 'Ben', 'Cleo', 'Dev']);
    const ids = session.ids;
    let state = session.state;
    state = mustRun(state, form(2, false), FACILITATOR);
    const [t1, t2] = state.teams?.list.map((t) => t.id) ?? [];
    const [ana, ben] = ids as [string, string];
    state = mustRun(
      state,
      { type: 'teams.move', participantId: ana, teamId: t1 ?? '' },
      FACILITATOR,
    );
    state = mustRun(
      state,
      { type: 'teams.move', participantId: ben, teamId: t1 ?? '' },
      FACILITATOR,
    );
    expect(sizes(state)).toEqual([2, 0]);
    state = mustRun(
      state,
      { type: 'teams.move', participantId: ana, teamId: t2 ?? '' },
      FACILITATOR,
    );
    expect(sizes(state)).toEqual([1, 1]);
    state = mustRun(state, { type: 'teams.move', participantId: ana, teamId: null }, FACILITATOR);
    expect(sizes(state)).toEqual([1, 0]);
    // Moving a seat where it already sits changes nothing and logs nothing.
    const same = run(
      state,
      { type: 'teams.move', participantId: ben, teamId: t1 ?? '' },
      FACILITATOR,
    );
    expect(same.envelopes).toEqual([]);
    expect(
      refusal(state, { type: 'teams.move', participantId: 'nobody', teamId: t1 ?? '' }, FACILITATOR)
        .code,
    ).toBe('NOT_FOUND');
    expect(
      refusal(state, { type: 'teams.move', participantId: ben, teamId: 'tzz' }, FACILITATOR).code,
    ).toBe('NOT_FOUND');
  });

  it('renames, adds and removes tables; a removed table’s people go to the smallest ones', () => {
    const session = liveSession(NAMES.slice(0, 6));
    const ids = session.ids;
    let state = session.state;
    state = mustRun(state, form(3), FACILITATOR);
    const [t1, t2, t3] = state.teams?.list.map((t) => t.id) ?? [];
    // What the socket layer does to every command: the schema cleans the name.
    const rename = controlCommandSchema.parse({
      type: 'teams.rename',
      teamId: t2,
      name: '  Blue\u200B team ',
    });
    state = mustRun(state, rename, FACILITATOR);
    expect(state.teams?.list[1]?.name).toBe('Blue team');
    expect(
      refusal(state, { type: 'teams.rename', teamId: t1 ?? '', name: 'blue TEAM' }, FACILITATOR)
        .code,
    ).toBe('CONFLICT');
    state = mustRun(state, { type: 'teams.add' }, FACILITATOR);
    expect(state.teams?.list.map((t) => t.name)).toEqual([
      'Table 1',
      'Blue team',
      'Table 3',
      'Table 4',
    ]);
    expect(sizes(state)).toEqual([2, 2, 2, 0]);
    const leaving = members(state, ids)[t3 ?? ''] ?? [];
    state = mustRun(state, { type: 'teams.remove', teamId: t3 ?? '' }, FACILITATOR);
    expect(state.teams?.list.map((t) => t.id)).not.toContain(t3);
    expect(sizes(state)).toEqual([2, 2, 2]);
    const table4 = state.teams?.list[2]?.id;
    // Each goes to the smallest table at that moment: table 4 was empty, then 1 of 3.
    expect(leaving.map((id) => teamIdOf(state.teams, id))).toEqual([table4, table4]);
    expect(Object.values(members(state, ids)).flat()).toHaveLength(6);
  });

  it('refuses to remove the last table and clears them all', () => {
    let { state } = liveSession(['Ana', 'Ben']);
    state = mustRun(state, form(2), FACILITATOR);
    state = mustRun(
      state,
      { type: 'teams.remove', teamId: state.teams?.list[0]?.id ?? '' },
      FACILITATOR,
    );
    expect(sizes(state)).toEqual([2]);
    expect(
      refusal(state, { type: 'teams.remove', teamId: state.teams?.list[0]?.id ?? '' }, FACILITATOR)
        .code,
    ).toBe('CONFLICT');
    state = mustRun(state, { type: 'teams.clear' }, FACILITATOR);
    expect(facilitatorView(state, NOBODY, T0).teams).toBeUndefined();
    expect(state.teams?.formed).toBe(1);
  });

  it('counts a table’s people who are still in: leaving or removal lowers the count', () => {
    const session = liveSession(['Ana', 'Ben', 'Cleo']);
    const ids = session.ids;
    let state = session.state;
    state = mustRun(state, form(2), FACILITATOR);
    const before = sizes(state);
    const [ana, ben] = ids as [string, string];
    state = mustRun(state, { type: 'participant.leave' }, participant(ana));
    state = mustRun(state, { type: 'participants.remove', participantIds: [ben] }, FACILITATOR);
    expect(sizes(state).reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0) - 2);
    // They keep their tag, so answers they gave still count for their table.
    expect(teamIdOf(state.teams, ana)).not.toBeNull();
  });
});

describe('participants choosing their table', () => {
  it('lets a participant pick only when the facilitator allows it', () => {
    const session = liveSession(['Ana', 'Ben']);
    const ids = session.ids;
    let state = session.state;
    const ana = ids[0] as string;
    state = mustRun(state, form(3, false), FACILITATOR);
    const t2 = state.teams?.list[1]?.id ?? '';
    expect(refusal(state, { type: 'teams.pick', teamId: t2 }, participant(ana)).code).toBe(
      'FORBIDDEN',
    );
    state = mustRun(state, { type: 'teams.settings', isChoosing: true }, FACILITATOR);
    expect(participantPublicView(state, T0).teams).toEqual({
      isChoosing: true,
      teams: [
        { id: state.teams?.list[0]?.id, name: 'Table 1', size: 0 },
        { id: t2, name: 'Table 2', size: 0 },
        { id: state.teams?.list[2]?.id, name: 'Table 3', size: 0 },
      ],
    });
    state = mustRun(state, { type: 'teams.pick', teamId: t2 }, participant(ana));
    expect(participantOwnView(state, ana, T0)?.teamId).toBe(t2);
    expect(participantPublicView(state, T0).teams?.teams[1]?.size).toBe(1);
    expect(refusal(state, { type: 'teams.pick', teamId: 'tzz' }, participant(ana)).code).toBe(
      'NOT_FOUND',
    );
    state = mustRun(state, { type: 'teams.settings', isChoosing: false }, FACILITATOR);
    expect(refusal(state, { type: 'teams.pick', teamId: t2 }, participant(ana)).code).toBe(
      'FORBIDDEN',
    );
  });

  it('keeps the facilitator’s commands to the facilitator and picks to seats', () => {
    const session = liveSession(['Ana']);
    const ids = session.ids;
    let state = session.state;
    state = mustRun(state, form(2, false), FACILITATOR);
    const ana = participant(ids[0] as string);
    for (const command of [
      form(2),
      { type: 'teams.add' },
      { type: 'teams.move', participantId: ids[0] as string, teamId: null },
      { type: 'teams.settings', isChoosing: true },
      { type: 'teams.clear' },
    ] satisfies SessionCommand[]) {
      expect(refusal(state, command, ana).code).toBe('FORBIDDEN');
    }
    expect(
      refusal(state, { type: 'teams.pick', teamId: state.teams?.list[0]?.id ?? '' }, FACILITATOR)
        .code,
    ).toBe('FORBIDDEN');
  });

  it('refuses crafted ids and names at the schema', () => {
    for (const teamId of ['__proto__', 'constructor', 't', 'x1', 't'.padEnd(20, '1')]) {
      expect(teamActPayloadSchema.safeParse({ type: 'teams.pick', teamId }).success).toBe(false);
    }
    expect(
      controlCommandSchema.safeParse({ type: 'teams.rename', teamId: 't1', name: 'x'.repeat(41) })
        .success,
    ).toBe(false);
    expect(
      controlCommandSchema.safeParse({ type: 'teams.rename', teamId: 't1', name: '\u200B ' })
        .success,
    ).toBe(false);
    expect(
      controlCommandSchema.safeParse({
        type: 'teams.move',
        participantId: '__proto__',
        teamId: 't1',
      }).success,
    ).toBe(false);
  });
});

describe('views', () => {
  it('shows each seat’s table on the console and the tables with members on the screen', () => {
    const session = liveSession(['Ana', 'Ben', 'Cleo']);
    const ids = session.ids;
    let state = session.state;
    state = mustRun(state, form(2), FACILITATOR);
    const console = facilitatorView(state, NOBODY, T0);
    expect(console.roster.map((r) => r.teamId)).toEqual(ids.map((id) => teamIdOf(state.teams, id)));
    // The room screen lists them in the lobby only: not while a round is on.
    expect(screenView(state, NOBODY, T0)).not.toHaveProperty('teams');
    const lobby = { ...state, phase: 'lobby' as const, currentRoundId: null };
    const screen = screenView(lobby, NOBODY, T0);
    expect(screen.teams?.map((t) => [t.name, t.size, t.members.length])).toEqual([
      ['Table 1', 2, 2],
      ['Table 2', 1, 1],
    ]);
    // The public view is the same for every phone: tables and counts, nobody's seat.
    expect(JSON.stringify(participantPublicView(state, T0))).not.toMatch(/"Ana"|"Ben"|"Cleo"/);
  });

  it('leaves views as they were for sessions without tables', () => {
    const { state, ids } = liveSession(['Ana']);
    expect(facilitatorView(state, NOBODY, T0)).not.toHaveProperty('teams');
    expect(facilitatorView(state, NOBODY, T0).roster[0]).not.toHaveProperty('teamId');
    expect(participantPublicView(state, T0)).not.toHaveProperty('teams');
    expect(screenView(state, NOBODY, T0)).not.toHaveProperty('teams');
    expect(participantOwnView(state, ids[0] as string, T0)).not.toHaveProperty('teamId');
  });

  it('gives the console a poll’s counts per table, without names', () => {
    const session = liveSession(['Ana', 'Ben', 'Cleo', 'Dev']);
    const ids = session.ids;
    let state = session.state;
    state = mustRun(state, form(2, false), FACILITATOR);
    const [t1, t2] = state.teams?.list.map((t) => t.id) ?? [];
    const seat = [t1, t1, t2, null];
    ids.forEach((id, i) => {
      state = mustRun(
        state,
        { type: 'teams.move', participantId: id, teamId: seat[i] ?? null },
        FACILITATOR,
      );
    });
    const choices = [[0], [1], [1], [2]];
    ids.forEach((id, i) => {
      state = mustRun(state, answer('r1', choices[i] ?? []), participant(id));
    });
    const byTeam = facilitatorView(state, NOBODY, T0).roundByTeam;
    expect(byTeam?.blocks).toEqual([
      {
        type: 'table',
        columns: ['Table', 'Phone', 'Chat', 'Email', 'Answered', 'Options chosen'],
        rows: [
          ['Table 1', '1', '1', '0', '2', '2'],
          ['Table 2', '0', '1', '0', '1', '1'],
          ['No table', '0', '0', '1', '1', '1'],
        ],
      },
    ]);
    expect(JSON.stringify(byTeam)).not.toMatch(/Ana|Ben|Cleo|Dev/);
  });
});

describe('replay', () => {
  it('rebuilds the same tables from the log, latecomers and picks included', () => {
    const session = recordedSession([pollRound('r1')], NAMES.slice(0, 5));
    session.must(form(2), FACILITATOR);
    session.must({ type: 'participant.join', name: 'Late' }, SYSTEM);
    const [, t2] = session.state.teams?.list.map((t) => t.id) ?? [];
    session.must({ type: 'teams.add', name: 'Window' }, FACILITATOR);
    session.must({ type: 'teams.settings', isChoosing: true }, FACILITATOR);
    session.must({ type: 'teams.pick', teamId: t2 ?? '' }, participant(session.ids[0] as string));
    session.must(
      { type: 'teams.remove', teamId: session.state.teams?.list[0]?.id ?? '' },
      FACILITATOR,
    );
    session.must(answer('r1', [1]), participant(session.ids[1] as string));
    const rebuilt = replay(session.log);
    expect(rebuilt).toEqual(session.state);
    expect(sessionResults(rebuilt, T0)).toEqual(sessionResults(session.state, T0));
    // A snapshot round-trips through JSON and goes on the same way.
    const snapshot = JSON.parse(JSON.stringify(session.state)) as SessionState;
    const late = join(snapshot, 'Later');
    const fresh = join(session.state, 'Later');
    expect(late.state.teams?.sizes).toEqual(fresh.state.teams?.sizes);
  });

  it('replays old logs (no tables) without a teams field', () => {
    const session = recordedSession([pollRound('r1')], ['Ana']);
    expect(replay(session.log).teams).toBeUndefined();
  });
});
