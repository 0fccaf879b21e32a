/**
 * The printable facilitator guide (Markdown and PDF) and the privacy of facilitator notes
 * over the wire: the guide is the facilitator's alone, and no phone or screen payload
 * (join, resume, views) ever carries a round's notes.
 */
import { extractText } from 'unpdf';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_WORKSHOPS, type RoundSpec } from '@playfield/shared';
import { guideDocument } from '../../server/src/exports/guide.ts';
import { renderMarkdown } from '../../server/src/exports/markdown.ts';
import {
  emitAck,
  facilitatorOf,
  nextView,
  participantOf,
  pollRound,
  receivedViews,
  requestJson,
  screenOf,
  startTestServer,
  type TestServer,
} from './harness.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SECRET = 'SECRET-SCRIPT: ask who has waited longest';

const agenda = [
  {
    kind: 'content',
    title: 'Welcome',
    config: { layout: 'quote', body: 'Listen first.', attribution: 'A. Trainer' },
    notes: `${SECRET}\n\nThen open the poll.`,
    minutes: 10,
  },
  { ...pollRound(), notes: 'Poll script: reveal after two minutes', minutes: 15 },
  { kind: 'content', title: 'Break', config: { layout: 'break' }, minutes: 15 },
];

async function pdfText(url: string, token: string): Promise<string> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const { text } = await extractText(new Uint8Array(await response.arrayBuffer()));
  return text.join(' ').replace(/\s+/g, ' ');
}

describe('guideDocument', () => {
  it('lists the agenda with planned times from the start, each slide as text and each script', () => {
    const workshop = BUILT_IN_WORKSHOPS[0];
    if (!workshop) throw new Error('no workshop');
    const doc = guideDocument({
      title: workshop.title,
      plannedStart: '09:00',
      agenda: workshop.agenda.map((r, i) => ({ ...r, id: `r${i}` }) as RoundSpec),
      date: '2026-12-05',
    });
    expect(doc.title).toBe('Facilitator guide: The Service Pro');
    const [overview, first] = doc.sections;
    expect(overview?.blocks[1]).toMatchObject({
      type: 'table',
      columns: ['Time', 'Round', 'Kind', 'Minutes'],
    });
    const table = overview?.blocks[1];
    const rows = table?.type === 'table' ? table.rows : [];
    expect(rows[0]).toEqual(['09:00–09:10', 'The Service Pro', 'Content slide', '10']);
    expect(rows.at(-1)?.[0]).toBe('15:49–16:14');
    expect(first?.heading).toBe('1. The Service Pro (09:00–09:10, 10 min)');
    const md = renderMarkdown(doc);
    expect(md).toContain('Jan Carlzon, SAS');
    expect(md).toContain('An individual without information cannot take responsibility');
    expect(md).toContain('Facilitator notes:');
    expect(md).toContain('Time: 60 minutes');
    expect(md).toContain('**Planned end:** 16:14');
  });

  it('counts offsets from the start when the day has no planned start', () => {
    const doc = guideDocument({
      title: 'Day',
      agenda: [
        { id: 'a', kind: 'poll', title: 'One', config: pollRound().config, minutes: 20 },
        { id: 'b', kind: 'poll', title: 'Two', config: pollRound().config },
      ] as RoundSpec[],
      date: '2026-12-05',
    });
    const table = doc.sections[0]?.blocks[1];
    expect(table?.type === 'table' ? table.rows.map((r) => r[0]) : []).toEqual([
      '+0 min',
      '+20 min',
    ]);
    expect(renderMarkdown(doc)).toContain('No notes for this round.');
  });
});

describe('GET /api/sessions/:id/guide/:format', () => {
  it('gives the facilitator the guide as Markdown and PDF; anyone else is FORBIDDEN', async () => {
    server = await startTestServer();
    const session = await server.createSession({
      title: 'Service day',
      agenda: agenda,
      plannedStart: '08:30',
    });
    const base = `${server.url}/api/sessions/${session.sessionId}/guide`;
    const md = await requestJson(`${base}/md`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('cache-control')).toBe('no-store');
    const text = String(md.body);
    expect(text).toContain('# Facilitator guide: Service day');
    expect(text).toContain('| 08:30–08:40 | Welcome | Content slide | 10 |');
    expect(text).toContain('| 08:55–09:10 | Break | Content slide | 15 |');
    expect(text).toContain('SECRET-SCRIPT: ask who has waited longest');
    expect(text).toContain('Listen first.');

    const pdf = await pdfText(`${base}/pdf`, session.facilitatorToken);
    expect(pdf).toContain('Facilitator guide: Service day');
    expect(pdf).toContain('SECRET-SCRIPT: ask who has waited longest');
    expect(pdf).toContain('Poll script: reveal after two minutes');
    expect(pdf).toContain('08:40–08:55');

    const seat = await server.join(session.code, 'Ana');
    for (const headers of [
      { authorization: `Bearer ${seat.resumeToken}` },
      { authorization: `Bearer ${'x'.repeat(32)}` },
      {},
    ]) {
      const refused = await requestJson(`${base}/md`, { headers });
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toContain('SECRET');
    }
    const wrongFormat = await requestJson(`${base}/docx`, {
      headers: { authorization: `Bearer ${session.facilitatorToken}` },
    });
    expect(wrongFormat.status).toBe(404);
  });
});

describe('facilitator notes over the wire', () => {
  it('reach the console, never a join, resume or view of a phone or the screen', async () => {
    server = await startTestServer();
    const session = await server.createSession({ agenda: agenda, plannedStart: '09:00' });
    const lookup = await requestJson(`${server.url}/api/join/${session.code}`);
    const seat = await server.join(session.code, 'Ana');
    const facilitator = await server.connect(facilitatorOf(session));
    const screen = await server.connect(screenOf(session));
    const phone = await server.connect(participantOf(seat));
    const console = await nextView(facilitator, 'view.facilitator');
    expect(JSON.stringify(console)).toContain(SECRET);
    await emitAck(facilitator, 'session.control', { type: 'session.start' });
    const roundId = (await nextView(facilitator, 'view.facilitator', (m) => !!m.view.round)).view
      .round?.id;
    // Notes edited live reach the console only.
    await emitAck(facilitator, 'session.control', {
      type: 'agenda.update',
      roundId: roundId ?? '',
      notes: `${SECRET} (edited)`,
      minutes: 12,
    });
    await nextView(facilitator, 'view.facilitator', (m) =>
      JSON.stringify(m.view).includes('(edited)'),
    );
    await emitAck(facilitator, 'session.control', { type: 'round.next' });
    await nextView(screen, 'view.screen', (m) => m.view.round?.index === 1);
    // A phone that comes back (resume) is sent its views again.
    phone.disconnect();
    const again = await server.connect(participantOf(seat));
    await nextView(again, 'view.public', (m) => m.view.round?.index === 1);
    for (const payload of [
      JSON.stringify(lookup.body),
      JSON.stringify(seat),
      JSON.stringify(receivedViews(screen)),
      JSON.stringify(receivedViews(phone)),
      JSON.stringify(receivedViews(again)),
    ])
      expect(payload).not.toContain('SECRET-SCRIPT');
  });
});
