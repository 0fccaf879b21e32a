import type { Request, RequestHandler, Response } from 'express';
import * as Y from 'yjs';
import {
  cleanText,
  docIdOf,
  fail,
  idSchema,
  IMPORT_SESSION_HEADER,
  LIMITS,
  notebookArchiveSchema,
  ok,
  type AppError,
  type CreatedSession,
  type EventEnvelope,
  type Result,
} from '@playfield/shared';
import { notebookText } from '@playfield/shared/notebooks/notebook';
import { wholeNotebookProblem } from '@playfield/shared/notebooks/validate';
import type { StorageQuota } from '../../security/storageQuota.ts';
import { deriveScreenKey, hashToken, newId, newJoinCode, newToken } from '../../security/tokens.ts';
import type { SessionManager } from '../../sessions/sessionManager.ts';
import { bearer, parse, perMinute, send, sendError as sendErrorNow } from '../respond.ts';

/** An archive holds the Yjs state in base64 (4/3 of a full notebook) plus a readable copy. */
export const MAX_ARCHIVE_BYTES = Math.ceil(LIMITS.notebookDocBytes * 1.5);
/**
 * Deepest nesting of arrays and objects an archive may have. A real one is a few levels
 * deep; a body of 12 MB of `[` would make `JSON.parse` build millions of arrays (gigabytes).
 */
export const MAX_ARCHIVE_DEPTH = 64;
/** Archives read and checked at once, server-wide and per address: each costs tens of MB. */
const IMPORTS_AT_ONCE = 2;
const IMPORTS_AT_ONCE_PER_ADDRESS = 1;
/** Below this much quota left, an import is refused before its body is read. */
const SMALLEST_IMPORT_BYTES = 1024;

/** What an import reads: the readable `notebook` copy is left out, so it is never walked. */
const importedArchiveSchema = notebookArchiveSchema.omit({ notebook: true });
/** Imported titles are cleaned like typed ones; the length is cut after cleaning. */
const importedTitleSchema = cleanText(LIMITS.titleLength * 4);

/**
 * Tracks the nesting depth of JSON text chunk by chunk, outside strings, so a body nested
 * too deeply is refused while it streams in, before anything parses it.
 */
class NestingScanner {
  private depth = 0;
  private isInString = false;
  private isEscaped = false;

  /** False once the text so far nests deeper than `max`. */
  scan(chunk: Buffer, max: number): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.isInString) {
        if (this.isEscaped) this.isEscaped = false;
        else if (byte === 0x5c) this.isEscaped = true;
        else if (byte === 0x22) this.isInString = false;
      } else if (byte === 0x22) this.isInString = true;
      else if (byte === 0x5b || byte === 0x7b) {
        if (++this.depth > max) return false;
      } else if (byte === 0x5d || byte === 0x7d) this.depth--;
    }
    return true;
  }
}

/**
 * Reads a JSON body of at most `maxBytes` and `maxDepth` levels of nesting. A refused body
 * is discarded as it arrives (never buffered); when the caller cannot know its length
 * (chunked), the connection is closed after the answer.
 */
function readArchiveBody(req: Request, res: Response): Promise<Result<Buffer>> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const scanner = new NestingScanner();
    let size = 0;
    let isDone = false;
    const finish = (result: Result<Buffer>) => {
      if (isDone) return;
      isDone = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      chunks.length = 0;
      if (result.ok) return resolve(result);
      if (req.headers['content-length'] === undefined) {
        // A chunked body has no end we know of: answer now and close.
        res.set('Connection', 'close');
        return resolve(result);
      }
      // Discard the rest (bounded by its declared length) without keeping it, then answer:
      // a client still sending would not read an answer that came before its last byte.
      afterBody(req, () => resolve(result));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ARCHIVE_BYTES)
        return finish(fail('TOO_LARGE', 'This file is too large to be a notebook archive'));
      if (!scanner.scan(chunk, MAX_ARCHIVE_DEPTH))
        return finish(fail('BAD_REQUEST', 'This file is not a Playfield notebook archive'));
      chunks.push(chunk);
    };
    const onEnd = () => finish(ok(Buffer.concat(chunks, size)));
    const onError = () => finish(fail('BAD_REQUEST', 'The upload was interrupted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** Calls `then` once the request's body has been read to its end, keeping none of it. */
function afterBody(req: Request, then: () => void): void {
  if (req.complete) return then();
  req.on('error', () => undefined);
  req.once('end', then);
  req.once('close', then);
  req.resume();
}

/** Decodes and checks an archive's Yjs state: a complete, readable notebook within size. */
function readableState(base64: string): Result<{ update: Uint8Array; searchText: string }> {
  const state = Buffer.from(base64, 'base64');
  if (state.byteLength > LIMITS.notebookDocBytes)
    return fail('TOO_LARGE', 'This notebook is larger than a notebook may grow');
  const unreadable = fail('BAD_REQUEST', 'This archive does not hold a readable notebook');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    // An update that refers to edits it does not contain stays pending: nothing to read.
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) return unreadable;
    // The same schema every edit meets: what is imported is what an editor could have written.
    const problem = wholeNotebookProblem(doc);
    if (problem) return fail('BAD_REQUEST', `This archive's notebook is malformed: ${problem}`);
    // Store the state as this server encodes it, so what is kept is exactly what was read.
    return ok({ update: Y.encodeStateAsUpdate(doc), searchText: notebookText(doc) });
  } catch {
    return unreadable;
  } finally {
    doc.destroy();
  }
}

/**
 * `POST /api/notebooks/import`: a notebook exported from this or another server becomes a
 * new, ended session of its own. Everything that costs little is checked before the body
 * is read (rate, declared size, the facilitator's credential, imports in progress), the
 * body is capped and its nesting bounded while it streams in, and the session, its log and
 * its notebook are stored in one transaction: a refused import stores nothing.
 */
export function notebookImport(options: {
  manager: SessionManager;
  quota: StorageQuota;
}): RequestHandler {
  const { manager, quota } = options;
  const imports = perMinute(10);
  const inFlight = new Map<string, number>();
  let inFlightTotal = 0;
  const unauthorized: AppError = {
    code: 'UNAUTHORIZED',
    message: 'Import from a browser where you run a session on this server',
  };

  const store = async (
    title: string,
    state: { update: Uint8Array; searchText: string },
  ): Promise<CreatedSession> => {
    const repository = manager.repository;
    const facilitatorToken = newToken();
    const screenKey = deriveScreenKey(facilitatorToken);
    const sessionId = newId();
    const at = Date.now();
    for (let attempt = 0; ; attempt++) {
      const code = newJoinCode();
      if (await repository.getSessionByCode(code)) continue;
      const events: EventEnvelope[] = [
        {
          seq: 1,
          at,
          event: { type: 'session.created', sessionId, code, title, seed: newToken(), agenda: [] },
        },
        { seq: 2, at, event: { type: 'session.ended' } },
      ];
      const docId = docIdOf({ kind: 'notebook', sessionId });
      try {
        await repository.importNotebook(
          {
            id: sessionId,
            code,
            title,
            facilitator_token_hash: hashToken(facilitatorToken),
            screen_key_hash: hashToken(screenKey),
            phase: 'ended',
            created_at: at,
            ended_at: at,
            participant_count: 0,
            round_count: 0,
            last_seq: events.length,
          },
          events,
          {
            row: {
              id: docId,
              kind: 'notebook',
              session_id: sessionId,
              participant_id: null,
              created_at: at,
              updated_at: at,
              is_shared: 0,
              is_finished: 0,
              search_text: state.searchText,
            },
            update: state.update,
          },
        );
        return { sessionId, code, facilitatorToken, screenKey };
      } catch (error) {
        // Two sessions drew the same code at once: draw again.
        if (attempt >= 5) throw error;
      }
    }
  };

  return async (req, res) => {
    // Refusals decided from the headers: the client is still sending a body it declared
    // (at most MAX_ARCHIVE_BYTES), so it is read to its end and thrown away, then answered.
    const sendError = (response: Response, error: AppError) => {
      // A chunked body has no declared end: answer now and close instead.
      if (req.headers['content-length'] === undefined) {
        response.set('Connection', 'close');
        return sendErrorNow(response, error);
      }
      afterBody(req, () => {
        if (!response.headersSent) sendErrorNow(response, error);
      });
    };
    const address = `a:${req.ip ?? 'unknown'}`;
    // Everything here is decided from the headers: the body is not read until it passes.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_ARCHIVE_BYTES) {
      // Reading on would waste the bandwidth: answer and close.
      res.set('Connection', 'close');
      return sendErrorNow(res, {
        code: 'TOO_LARGE',
        message: 'This file is too large to be a notebook archive',
      });
    }
    // The credential first: a stranger's flood must not use up an office's imports.
    const sessionId = idSchema.safeParse(req.get(IMPORT_SESSION_HEADER));
    const token = bearer(req);
    if (!sessionId.success || !token) return sendError(res, unauthorized);
    if (!(await manager.authorizeFacilitator(sessionId.data, token)))
      return sendError(res, unauthorized);
    if (!imports.take(address))
      return sendError(res, { code: 'RATE_LIMITED', message: 'Too many imports: wait a minute' });
    if (quota.remaining(address) < Math.max(declared, SMALLEST_IMPORT_BYTES))
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'This network has stored too much today: try again tomorrow',
      });
    if (!req.is('application/json'))
      return sendError(res, { code: 'BAD_REQUEST', message: 'Send the archive as JSON' });
    const mine = inFlight.get(address) ?? 0;
    if (inFlightTotal >= IMPORTS_AT_ONCE || mine >= IMPORTS_AT_ONCE_PER_ADDRESS)
      return sendError(res, {
        code: 'RATE_LIMITED',
        message: 'Another import is in progress: try again in a moment',
      });
    inFlightTotal++;
    inFlight.set(address, mine + 1);
    try {
      const body = await readArchiveBody(req, res);
      if (!body.ok) return send(res, body);
      let json: unknown;
      try {
        json = JSON.parse(body.data.toString('utf8'));
      } catch {
        return sendError(res, { code: 'BAD_REQUEST', message: 'Malformed JSON' });
      }
      const archive = parse(importedArchiveSchema, json);
      if (!archive.ok) return send(res, archive);
      const state = readableState(archive.data.yjs);
      if (!state.ok) return send(res, state);
      const cleaned = importedTitleSchema.safeParse(archive.data.title);
      const title =
        (cleaned.success ? cleaned.data.slice(0, LIMITS.titleLength).trim() : '') ||
        'Imported notebook';
      // Stored as base64, beside a session row and two events.
      const bytes = Math.ceil((state.data.update.byteLength * 4) / 3) + SMALLEST_IMPORT_BYTES;
      if (!quota.charge(address, bytes))
        return sendError(res, {
          code: 'RATE_LIMITED',
          message: 'This network has stored too much today: try again tomorrow',
        });
      try {
        send(res, ok(await store(title, state.data)), 201);
      } catch (error) {
        quota.refund(address, bytes);
        throw error;
      }
    } finally {
      inFlightTotal--;
      const left = (inFlight.get(address) ?? 1) - 1;
      if (left > 0) inFlight.set(address, left);
      else inFlight.delete(address);
    }
  };
}
