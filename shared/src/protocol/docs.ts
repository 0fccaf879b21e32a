import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import type { Result } from '../result.ts';
import { idSchema } from './schemas.ts';
import type { Ack } from './events.ts';

/**
 * Collaborative documents (personal action plans and session notebooks) are Yjs documents
 * synced over the `/docs` socket.io namespace, which shares the page's connection. The
 * server keeps every document's updates durably and relays them to the other holders.
 */

/** What a holder may do with a document. */
export type DocRights = 'read' | 'edit';

/** A document's identity: whose plan, or which session's notebook. */
export type DocRef =
  | { kind: 'plan'; sessionId: string; participantId: string }
  | { kind: 'notebook'; sessionId: string };

/** The id a document is stored and addressed under (ids never contain dots). */
export function docIdOf(ref: DocRef): string {
  return ref.kind === 'plan'
    ? `plan.${ref.sessionId}.${ref.participantId}`
    : `notebook.${ref.sessionId}`;
}

/** Parses a document id; null for anything malformed. */
export function parseDocId(docId: string): DocRef | null {
  const parts = docId.split('.');
  const valid = (s: string | undefined): s is string => !!s && idSchema.safeParse(s).success;
  if (parts[0] === 'plan' && parts.length === 3 && valid(parts[1]) && valid(parts[2]))
    return { kind: 'plan', sessionId: parts[1], participantId: parts[2] };
  if (parts[0] === 'notebook' && parts.length === 2 && valid(parts[1]))
    return { kind: 'notebook', sessionId: parts[1] };
  return null;
}

export const docIdSchema = z
  .string()
  .max(200)
  .refine((id) => parseDocId(id) !== null, 'Invalid document id');

const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'Invalid token');

/** A Yjs update or state vector as bytes (socket.io carries binary as is). */
const bytes = (max: number) =>
  z
    .custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected binary data')
    .refine((value) => value.byteLength <= max, `At most ${max} bytes`);

/** Who a `/docs` socket speaks for, checked in the handshake. */
export const docCredentialSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('facilitator'), sessionId: idSchema, token: tokenSchema }),
  z.object({ role: z.literal('participant'), resumeToken: tokenSchema }),
  /** A notebook share link's secret. */
  z.object({ role: z.literal('link'), token: tokenSchema }),
]);
export type DocCredential = z.infer<typeof docCredentialSchema>;

export const docHandshakeSchema = z.object({
  protocolVersion: z.number().int(),
  credential: docCredentialSchema,
});

export const docOpenSchema = z.object({
  docId: docIdSchema,
  /** The client's state vector: the server answers with what the client lacks. */
  stateVector: bytes(LIMITS.docUpdateBytes),
});
export const docUpdateSchema = z.object({
  docId: docIdSchema,
  update: bytes(LIMITS.docUpdateBytes),
});
export const docAwarenessSchema = z.object({
  docId: docIdSchema,
  update: bytes(LIMITS.docAwarenessBytes),
});
export const docCloseSchema = z.object({ docId: docIdSchema });

/** The answer to `doc.open`. */
export interface DocOpened {
  rights: DocRights;
  /** Everything the client's state vector said it lacks. */
  update: Uint8Array;
  /** The server's state vector, so the client sends back what the server lacks. */
  stateVector: Uint8Array;
  /** Awareness states of the other holders (names, colours, where they are). */
  awareness: Uint8Array | null;
  /** Something the holder must be told, e.g. that the document is closed to edits. */
  notice: string | null;
}

export interface DocClientToServerEvents {
  'doc.open': (payload: z.infer<typeof docOpenSchema>, ack: Ack<DocOpened>) => void;
  /** An edit. Acknowledged once it is stored durably. */
  'doc.update': (payload: z.infer<typeof docUpdateSchema>, ack: Ack<{ bytes: number }>) => void;
  'doc.awareness': (payload: z.infer<typeof docAwarenessSchema>, ack: Ack<null>) => void;
  'doc.close': (payload: z.infer<typeof docCloseSchema>, ack: Ack<null>) => void;
}

export interface DocServerToClientEvents {
  'doc.update': (message: { docId: string; update: Uint8Array }) => void;
  'doc.awareness': (message: { docId: string; update: Uint8Array }) => void;
  /** Access ended (a share link was revoked): the client must drop the document. */
  'doc.revoked': (message: { docId: string; message: string }) => void;
}

/** The result type of each doc event's ack, for handler maps. */
export type DocAckOf<E extends keyof DocClientToServerEvents> = Parameters<
  DocClientToServerEvents[E]
>[1] extends (result: Result<infer T>) => void
  ? T
  : never;
