/**
 * Three Playfield processes sharing Redis and PostgreSQL: a facilitator, a room screen and
 * six phones spread over them run a poll and a brainstorm; the session's owner is killed
 * mid-round (SIGKILL) and later frozen (SIGSTOP) while a phone acts through it. Every
 * acknowledged action is in the log and the views afterwards, every client resumes within
 * 10 s, and the frozen old owner writes nothing once another holds the session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlCommand, CreatedSession, JoinedSeat, Result } from '@playfield/shared';
import {
  connectTo,
  createSessionAt,
  emitAck,
  facilitatorOf,
  joinAt,
  nextView,
  participantOf,
  pollRound,
  screenOf,
  type TestSocket,
} from '../server/harness.ts';
import {
  hasServices,
  inspect,
  nextMessage,
  SKIP_REASON,
  startProcess,
  until,
  type ClusterProcess,
  type Inspect,
} from './clusterHarness.ts';

if (!hasServices) console.warn(SKIP_REASON);

const NAMES = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eve', 'Femi'];
const RESUME_MS = 10_000;

type Client = {
  name: string;
  credential: Parameters<typeof connectTo>[1];
  socket: TestSocket;
  at: ClusterProcess;
};

describe.skipIf(!hasServices)('three processes, one session owner, no lost action', () => {
  let processes: ClusterProcess[] = [];
  let look: Inspect;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    processes = await Promise.all(['A', 'B', 'C'].map((name) => startProcess(name)));
    look = inspect();
  }, 60_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(processes.map((p) => p.kill()));
    await look?.close();
  });

  async function open(client: Omit<Client, 'socket'>): Promise<Client> {
    const socket = await connectTo(client.at.url, client.credential);
    sockets.push(socket);
    return { ...client, socket };
  }

  const alive = () => processes.filter((p) => p.isRunning());
  const owner = async (sessionId: string) => {
    const pid = await look.ownerPid(sessionId);
    return processes.find((p) => p.pid === pid && p.isRunning()) ?? null;
  };

  /** Sends an action until the cluster takes it (a client's retry); resolves with its seq. */
  async function persist(
    send: () => Promise<Result<{ seq: number }>>,
    deadline = Date.now() + RESUME_MS,
  ): Promise<number> {
    for (;;) {
      const result = await send().catch((error: unknown) => ({
        ok: false as const,
        error: { code: 'INTERNAL' as const, message: String(error) },
      }));
      if (result.ok) return result.data.seq;
      if (Date.now() > deadline) throw new Error(`Not taken in time: ${result.error.message}`);
      // A refused action (the owner is moving) is sent again, as the phone's retry does.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('runs a poll and a brainstorm across processes and survives the owner being killed', async () => {
    const [a, b] = processes as [ClusterProcess, ClusterProcess, ClusterProcess];
    const session: CreatedSession = await createSessionAt(a.url, {
      title: 'Service basics',
      agenda: [
        pollRound({ options: ['Phone', 'Email', 'Chat'] }),
        {
          kind: 'brainstorm',
          title: 'Worst nightmare',
          config: {
            prompt: 'What could a competitor do?',
            isAnonymous: true,
            maxNotesPerPerson: 5,
            noteLength: 200,
            tags: [],
            dotsPerPerson: 3,
            maxDotsPerItem: 2,
          },
        },
      ],
    });
    // Phones join through every process; the first to need the session owns it.
    const seats: JoinedSeat[] = [];
    for (const [i, name] of NAMES.entries())
      seats.push(await joinAt(processes[i % 3]?.url ?? a.url, session.code, name));
    const facilitator = await open({
      name: 'facilitator',
      credential: facilitatorOf(session),
      at: a,
    });
    const screen = await open({ name: 'screen', credential: screenOf(session), at: b });
    const phones = await Promise.all(
      seats.map((seat, i) =>
        open({
          name: NAMES[i] ?? '',
          credential: participantOf(seat),
          at: processes[(i + 1) % 3] ?? a,
        }),
      ),
    );
    const control = (command: ControlCommand) =>
      persist(() => emitAck(facilitator.socket, 'session.control', command));
    await control({ type: 'session.start' });
    const started = await nextView(facilitator.socket, 'view.facilitator', (m) => !!m.view.round);
    const pollId = started.view.round?.id ?? '';
    // Every phone, wherever it is connected, shows the poll: views cross processes.
    await Promise.all(
      phones.map((p) => nextView(p.socket, 'view.public', (m) => m.view.round?.id === pollId)),
    );

    // Half the room answers; then the owner is killed while the other half answers.
    const answers = new Map<string, number>();
    const answer = (phone: Client, choice: number) =>
      emitAck(phone.socket, 'round.act', {
        roundId: pollId,
        action: { type: 'answer', choices: [choice] },
      });
    for (const [i, phone] of phones.slice(0, 3).entries()) {
      const result = await answer(phone, i % 3);
      expect(result.ok).toBe(true);
      answers.set(phone.name, i % 3);
    }
    const victim = await owner(session.sessionId);
    expect(victim).not.toBeNull();
    const viewEvent = (client: Client) =>
      client.name === 'facilitator'
        ? 'view.facilitator'
        : client.name === 'screen'
          ? 'view.screen'
          : 'view.public';
    // Clients of the other processes stay connected: they resume on the new owner's views.
    const clients = [facilitator, screen, ...phones];
    const fresh = clients.map((client) =>
      client.at === victim
        ? null
        : nextMessage(
            client.socket as unknown as Parameters<typeof nextMessage>[0],
            viewEvent(client),
          ),
    );
    const inFlight = phones.slice(3).map(async (phone, i) => {
      const result = await answer(phone, (i + 1) % 3).catch(() => null);
      if (result?.ok) answers.set(phone.name, (i + 1) % 3);
    });
    const killedAt = Date.now();
    await victim?.kill();
    await Promise.all(inFlight);

    // Clients of the dead process reconnect to a live one (what the balancer does); the
    // others are re-attached where they are. Each must get a fresh view within 10 s.
    const survivors = alive();
    const resumed = await Promise.all(
      clients.map(async (client, i) => {
        const waiting = fresh[i];
        if (waiting) await waiting;
        else {
          client.socket.disconnect();
          const moved = await open({ ...client, at: survivors[i % survivors.length] ?? b });
          client.socket = moved.socket;
          client.at = moved.at;
          await nextView(client.socket, viewEvent(client));
        }
        return Date.now() - killedAt;
      }),
    );
    const failover = Math.max(...resumed);
    console.log(`[cluster] every client resumed ${failover} ms after the owner was killed`);
    expect(failover).toBeLessThan(RESUME_MS);
    const heir = await owner(session.sessionId);
    expect(heir).not.toBeNull();
    expect(heir).not.toBe(victim);

    // Those whose answer was cut off send it again, as the phone does; then every answer
    // acknowledged, before or after the kill, is counted.
    for (const [i, phone] of phones.slice(3).entries()) {
      if (answers.has(phone.name)) continue;
      await persist(() => answer(phone, (i + 1) % 3));
      answers.set(phone.name, (i + 1) % 3);
    }
    const expected = [0, 0, 0];
    for (const choice of answers.values()) expected[choice] = (expected[choice] ?? 0) + 1;
    const tallied = await nextView(facilitator.socket, 'view.facilitator', (m) => {
      const round = m.view.round;
      return round?.kind === 'poll' && round.view.results.counts.join() === expected.join();
    });
    expect(tallied.seq).toBeGreaterThan(0);
    const stored = await look.events(session.sessionId);
    expect(stored.map((e) => e.seq)).toEqual(stored.map((_, i) => i + 1));
    const lastAnswers = new Map<string, number>();
    for (const event of stored) {
      if (event.type !== 'round.acted') continue;
      const actor = event.payload.actor as { participantId?: string } | undefined;
      const who = seats.findIndex((s) => s.participantId === actor?.participantId);
      const action = event.payload.action as { type?: string; choices?: number[] } | undefined;
      if (who >= 0 && action?.type === 'answer')
        lastAnswers.set(NAMES[who] ?? '', action.choices?.[0] ?? -1);
    }
    expect(Object.fromEntries(lastAnswers)).toEqual(Object.fromEntries(answers));

    // The brainstorm, on what is left of the cluster: every note acknowledged is on the board.
    await control({ type: 'round.next' });
    const brainstorm = await nextView(
      facilitator.socket,
      'view.facilitator',
      (m) => m.view.round?.kind === 'brainstorm',
    );
    const stormId = brainstorm.view.round?.id ?? '';
    await Promise.all(
      phones.map((p) => nextView(p.socket, 'view.public', (m) => m.view.round?.id === stormId)),
    );
    const notes = await Promise.all(
      phones.map((phone) =>
        persist(() =>
          emitAck(phone.socket, 'round.act', {
            roundId: stormId,
            action: { type: 'addNote', text: `Idea from ${phone.name}`, tag: null },
          }),
        ),
      ),
    );
    expect(notes).toHaveLength(phones.length);
    await nextView(facilitator.socket, 'view.facilitator', (m) => {
      const round = m.view.round;
      return round?.kind === 'brainstorm' && round.view.counts.notes === phones.length;
    });

    // Split brain: the owner freezes; another takes the session; a phone's note reaches the
    // frozen one, which wakes up and must not store it under its old lease.
    const frozen = await owner(session.sessionId);
    expect(frozen).not.toBeNull();
    const before = (await look.events(session.sessionId)).length;
    frozen?.pause();
    await until('another process to take the session', async () => {
      const now = await owner(session.sessionId);
      return now !== null && now !== frozen;
    });
    const taker = await owner(session.sessionId);
    const onFrozen = phones.find((p) => p.at === frozen);
    const late = onFrozen
      ? emitAck(onFrozen.socket, 'round.act', {
          roundId: stormId,
          action: { type: 'addNote', text: 'Sent to a frozen server', tag: null },
        }).catch(() => null)
      : Promise.resolve(null);
    frozen?.resume();
    const lateResult = await late;
    // Whatever the old owner answered, the log and the new owner agree: the note is stored
    // (forwarded to the new owner) exactly when it was acknowledged.
    const after = await look.events(session.sessionId);
    expect(after.map((e) => e.seq)).toEqual(after.map((_, i) => i + 1));
    const lateStored = after.some((e) =>
      JSON.stringify(e.payload).includes('Sent to a frozen server'),
    );
    expect(lateStored).toBe(lateResult?.ok === true);
    const noteCount = phones.length + (lateStored ? 1 : 0);
    expect(after.length).toBe(before + (lateStored ? 1 : 0));
    await nextView(facilitator.socket, 'view.facilitator', (m) => {
      const round = m.view.round;
      return round?.kind === 'brainstorm' && round.view.counts.notes === noteCount;
    });
    // And the session goes on under the new owner.
    await persist(() =>
      emitAck(phones[0]?.socket as TestSocket, 'round.act', {
        roundId: stormId,
        action: { type: 'addNote', text: 'After the split brain', tag: null },
      }),
    );
    expect(await owner(session.sessionId)).toBe(taker);
    await nextView(facilitator.socket, 'view.facilitator', (m) => {
      const round = m.view.round;
      return round?.kind === 'brainstorm' && round.view.counts.notes === noteCount + 1;
    });
    const log = await look.events(session.sessionId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  }, 90_000);
});
