/** Shared helpers for the `/docs` socket tests: waits, and counting and comparing stored notebook updates. */
import type * as Y from 'yjs';
import { docIdOf, type CreatedSession, type JoinedSeat } from '@playfield/shared';
import { TestDocClient } from './docClient.ts';

export const clients: TestDocClient[] = [];

export async function docClient(
  url: string,
  credential: Parameters<typeof TestDocClient.connect>[1],
) {
  const client = await TestDocClient.connect(url, credential);
  clients.push(client);
  return client;
}

export async function openOk(client: TestDocClient, docId: string): Promise<Y.Doc> {
  const opened = await client.open(docId);
  if (!opened.ok) throw new Error(`open ${docId}: ${opened.error.message}`);
  return opened.data.doc;
}

/** Resolves once `predicate` holds for the doc, checking after every change. */
export function until(doc: Y.Doc, predicate: () => boolean): Promise<void> {
  if (predicate()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Document never reached the state')), 5000);
    const check = () => {
      if (!predicate()) return;
      clearTimeout(timer);
      doc.off('update', check);
      resolve();
    };
    doc.on('update', check);
  });
}

export const planOf = (session: CreatedSession, seat: JoinedSeat) =>
  docIdOf({ kind: 'plan', sessionId: session.sessionId, participantId: seat.participantId });

export const facilitatorDocs = (session: CreatedSession) =>
  ({ role: 'facilitator', sessionId: session.sessionId, token: session.facilitatorToken }) as const;
export const seatDocs = (seat: JoinedSeat) =>
  ({ role: 'participant', resumeToken: seat.resumeToken }) as const;
