import type { AppError, ErrorCode } from './protocol/errors.ts';

/** The outcome of anything that can be refused: the value, or a typed error. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

/** A successful result. */
export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

/** A refused result with a code and a message a person can read. */
export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
