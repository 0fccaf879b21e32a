/**
 * Every error the server can answer with. The code is for programs, the message for
 * people; clients show the message.
 */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'SESSION_ENDED',
  'RATE_LIMITED',
  'CONFLICT',
  'NAME_TAKEN',
  'ROUND_LOCKED',
  'ROUND_NOT_CURRENT',
  /** The facilitator locked the room: no new joins (seats already taken still work). */
  'ROOM_LOCKED',
  'INVALID_ACTION',
  'PROTOCOL_MISMATCH',
  'TOO_LARGE',
  /** Storage is failing for now: nothing was stored; try again shortly. */
  'UNAVAILABLE',
  /** The session is overloaded: nothing was stored; try again after a short, jittered pause. */
  'BUSY',
  /** The session's or document's stored data made the server fail: closed to edits. */
  'QUARANTINED',
  'INTERNAL',
] as const;

/** A machine-readable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as it travels on the wire. `suggestion` carries e.g. a free display name. */
export interface AppError {
  code: ErrorCode;
  message: string;
  suggestion?: string;
}

/** HTTP status for each error code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SESSION_ENDED: 410,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  NAME_TAKEN: 409,
  ROUND_LOCKED: 409,
  ROUND_NOT_CURRENT: 409,
  ROOM_LOCKED: 423,
  INVALID_ACTION: 422,
  PROTOCOL_MISMATCH: 426,
  TOO_LARGE: 413,
  UNAVAILABLE: 503,
  BUSY: 503,
  QUARANTINED: 423,
  INTERNAL: 500,
};

/** What a join is told while the facilitator has locked the room. */
export const ROOM_LOCKED_MESSAGE = 'This room is closed to new joins: ask the facilitator';

/** What a removed seat is told, on its phone and when it tries to reconnect. */
export const REMOVED_MESSAGE = 'The facilitator removed you from this session';
