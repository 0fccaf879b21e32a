import { afterEach, describe, expect, it } from 'vitest';
import { docIdOf, own, replay, sessionResults, type RoundSpec } from '@playfield/shared';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/index';
import {
  agendaFileOf,
  AGENDA_FILE_FORMAT,
  parseAgendaFile,
} from '@playfield/shared/lifecycle/agendaFile';
import { BUILT_IN_WORKSHOPS } from '@playfield/shared';
import {
  connectRefused,
  disconnected,
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
  pollRound,
  postJson,
  requestJson,
} from './harness.ts';
import { BACKENDS, bearer, startLifecycleServer, type LifecycleServer } from './lifecycleKit.ts';
import { PROTOCOL_VERSION } from '@playfield/shared/protocol/version';

let server: LifecycleServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const ANA_NOTE = 'Ana Lopez: our hold music drives people away';
const ANA_QUESTION = 'Can I, Ana, bring my team next time?';

describe.each(BACKENDS)('a participant deleting their data on %s', (backend) => {
  it('renames the seat, erases what they wrote and their plan, and the log still replays', async () => {
    server = await startLifecycleServer(backend);
    const live = server;
    const session = await live.createSession({
      title: 'Listening day',
      agenda: [
        {
          kind: 'brainstorm',
          title: 'Worst nightmare',
          config: {
            prompt: 'What could a competitor do that would be your worst nightmare?',
            isAnonymous: false,
            maxNotesPerPerson: 3,
            noteLength: 200,
            tags: [],
            dotsPerPerson: 3,
            maxDotsPerItem: 2,
          },
        },
        pollRound({}, 'First contact'),
        { kind: 'actionPlan', ...actionPlanPresets.personalActionPlan },
      ],
    });
    const ana = await live.join(session.code, 'Ana Lopez');
    const ben = await live.join(session.code, 'Ben');
    const facilitator = await live.connect(facilitatorOf(session));
    const anaPhone = await live.connect(participantOf(ana));
    const benPhone = await live.connect(participantOf(ben));
    expect(await emitAck(facilitator, 'session.control', { type: 'session.start' })).toMatchObject({
      ok: true,
    });
    const agenda = live.playfield.manager.peek(session.sessionId)?.state.agenda ?? [];
    const [brainstorm, poll] = agenda as [RoundSpec, RoundSpec];
    for (const [phone, text] of [
      [anaPhone, ANA_NOTE],
      [benPhone, 'Ben: shorter forms'],
    ] as const)
      expect(
        await emitAck(phone, 'round.act', {
          roundId: brainstorm.id,
          action: { type: 'addNote', text, tag: null },
        }),
      ).toMatchObject({ ok: true });
    expect(
      await emitAck(anaPhone, 'qa.act', { type: 'qa.ask', text: ANA_QUESTION, isAnonymous: false }),
    ).toMatchObject({ ok: true });
    expect(await emitAck(facilitator, 'session.control', { type: 'round.next' })).toMatchObject({
      ok: true,
    });
    for (const [phone, choice] of [
      [anaPhone, 0],
      [benPhone, 2],
    ] as const)
      expect(
        await emitAck(phone, 'round.act', {
          roundId: poll.id,
          action: { type: 'answer', choices: [choice] },
        }),
      ).toMatchObject({ ok: true });
    expect(await emitAck(facilitator, 'session.control', { type: 'prompt.send' })).toMatchObject({
      ok: true,
    });
    expect(
      await emitAck(anaPhone, 'plan.answer', { roundId: poll.id, text: 'Call Mrs Diaz back' }),
    ).toMatchObject({ ok: true });
    await live.playfield.manager.peek(session.sessionId)?.snapshot();
    const planId = docIdOf({
      kind: 'plan',
      sessionId: session.sessionId,
      participantId: ana.participantId,
    });
    const before = await live.store.count(session.sessionId);
    const resultsBefore = sessionResults(
      live.playfield.manager.peek(session.sessionId)!.state,
      0,
    ).map((r) => r.roundId);

    // Someone else's key cannot erase Ana: the facilitator's key is no seat.
    expect(
      await postJson(
        `${live.url}/api/participant/delete-my-data`,
        {},
        bearer(session.facilitatorToken),
      ),
    ).toMatchObject({ status: 401 });
    expect(await postJson(`${live.url}/api/participant/delete-my-data`, {})).toMatchObject({
      status: 401,
    });

    // The console's transport is closed (not the socket), so a browser reconnects at once.
    const dropped = disconnected(facilitator);
    const erased = await postJson(
      `${live.url}/api/participant/delete-my-data`,
      {},
      bearer(ana.resumeToken),
    );
    expect(erased).toMatchObject({
      status: 200,
      body: { plan: true, name: true, resumeToken: true },
    });
    expect((erased.body as { events: number }).events).toBeGreaterThanOrEqual(3);

    // Storage: nothing names Ana or repeats what she typed; Ben's words stay.
    const payloads = (await live.store.eventPayloads(session.sessionId)).map((e) => e.payload);
    const log = payloads.join('\n');
    expect(log).not.toContain('Ana');
    expect(log).not.toContain('hold music');
    expect(log).toContain('Ben: shorter forms');
    expect(log).toContain('Deleted participant');
    const after = await live.store.count(session.sessionId);
    expect(after.snapshots).toBe(0);
    expect(after.participant_tokens).toBe(before.participant_tokens - 1);
    expect(after.events).toBeGreaterThanOrEqual(before.events);
    expect(await live.playfield.manager.repository.getDocument(planId)).toBeUndefined();

    // The log replays after the redaction: the same rounds, the same counts.
    const replayed = replay(
      await live.playfield.manager.repository.loadEvents(session.sessionId),
      null,
    );
    const seat = own(replayed.participants, ana.participantId);
    expect(seat?.name).toBe('Deleted participant');
    expect(sessionResults(replayed, 0).map((r) => r.roundId)).toEqual(resultsBefore);
    expect(JSON.stringify(replayed)).not.toContain('Ana');

    // The live session was rebuilt from it: the console reconnects to the new names.
    expect(await dropped).toBe('transport close');
    const reconnected = await live.connect(facilitatorOf(session));
    const view = await nextView(reconnected, 'view.facilitator', () => true);
    expect(JSON.stringify(view.view)).toContain('Deleted participant');
    expect(JSON.stringify(view.view)).not.toContain('Ana');
    // Her resume link opens nothing any more.
    const refused = await connectRefused(live.url, {
      protocolVersion: PROTOCOL_VERSION,
      credential: participantOf(ana),
    });
    expect(refused.data?.code).toBe('UNAUTHORIZED');
    expect(
      await postJson(`${live.url}/api/participant/delete-my-data`, {}, bearer(ana.resumeToken)),
    ).toMatchObject({ status: 401 });
  });
});

describe('agenda files', () => {
  it('exports a session and a built-in workshop, and an import gives the same agenda back', async () => {
    server = await startLifecycleServer('sqlite');
    const live = server;
    const workshop = BUILT_IN_WORKSHOPS[0]!;
    const file = await requestJson(`${live.url}/api/workshops/${workshop.id}/agenda-file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.json"/);
    expect(file.body).toMatchObject({
      format: AGENDA_FILE_FORMAT,
      version: 1,
      title: workshop.title,
    });

    const checked = await postJson(`${live.url}/api/agenda-files/check`, file.body);
    expect(checked.status).toBe(200);
    const imported = checked.body as { title: string; plannedStart: string; agenda: unknown[] };
    expect(imported.agenda).toEqual(JSON.parse(JSON.stringify(workshop.agenda)));

    // A session made from the import exports the same agenda again.
    const session = await live.createSession(imported as never);
    const again = await requestJson(`${live.url}/api/sessions/${session.sessionId}/agenda-file`, {
      headers: bearer(session.facilitatorToken),
    });
    expect(again.status).toBe(200);
    const { exportedAt: _a, ...first } = file.body as Record<string, unknown>;
    const { exportedAt: _b, ...second } = again.body as Record<string, unknown>;
    expect(second).toEqual(first);
    // Only the facilitator exports a session's agenda.
    expect(
      await requestJson(`${live.url}/api/sessions/${session.sessionId}/agenda-file`, {
        headers: bearer(session.screenKey),
      }),
    ).toMatchObject({ status: 403 });
  });

  it.each([
    [
      { format: 'something-else', version: 1, title: 'X', rounds: [] },
      /not a Playfield agenda file/,
    ],
    [{ format: AGENDA_FILE_FORMAT, version: 2, title: 'X', rounds: [] }, /version is not 1/],
    [{ format: AGENDA_FILE_FORMAT, version: 1, title: 'X' }, /rounds/],
    [
      {
        format: AGENDA_FILE_FORMAT,
        version: 1,
        title: 'X',
        rounds: [pollRound(), pollRound({ options: ['Only one'] }, 'Vote on channels')],
      },
      /^Round 2 \(“Vote on channels”\): .*options/,
    ],
    [
      {
        format: AGENDA_FILE_FORMAT,
        version: 1,
        title: 'X',
        rounds: [{ kind: 'poll', config: {} }],
      },
      /^Round 1: title/,
    ],
    [
      {
        format: AGENDA_FILE_FORMAT,
        version: 1,
        title: 'X',
        rounds: [{ kind: 'teleport', title: 'Beam', config: {} }],
      },
      /^Round 1 \(“Beam”\): Unknown exercise "teleport"/,
    ],
  ])('refuses a malformed file and names what is wrong (%#)', async (body, message) => {
    server ??= await startLifecycleServer('sqlite');
    const refused = await postJson(`${server.url}/api/agenda-files/check`, body);
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    expect((refused.body as { error: { message: string } }).error.message).toMatch(message);
    expect(parseAgendaFile(body)).toMatchObject({ ok: false });
  });

  it('leaves uploaded images out of a file: an image slide becomes a title slide', () => {
    const file = agendaFileOf(
      'Day',
      [
        {
          kind: 'content',
          title: 'Our counter',
          config: {
            layout: 'image',
            heading: '',
            body: '',
            attribution: '',
            bigNumber: '',
            caption: 'Opening time',
            imageId: 'a'.repeat(43),
            imageAlt: 'The counter',
            left: '',
            right: '',
            backAt: '',
            phoneMode: 'compact',
          },
        },
      ],
      '2026-12-05T00:00:00.000Z',
    );
    expect(JSON.stringify(file)).not.toContain('a'.repeat(43));
    expect(file.rounds[0]?.config).toMatchObject({ layout: 'title', heading: 'Opening time' });
    expect(parseAgendaFile(file)).toMatchObject({ ok: true });
  });
});
