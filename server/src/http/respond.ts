import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { describeIssues, HTTP_STATUS, type AppError, type Result } from '@playfield/shared';
import { RateLimiter } from '../security/rateLimiter.ts';

/** Sends a Result as JSON with the status its error code maps to. */
export function send<T>(res: Response, result: Result<T>, okStatus = 200): void {
  if (result.ok) res.status(okStatus).json(result.data);
  else res.status(HTTP_STATUS[result.error.code]).json({ error: result.error });
}

export function sendError(res: Response, error: AppError): void {
  res.status(HTTP_STATUS[error.code]).json({ error });
}

/** Parses a body or parameter with its schema into a Result with a readable message. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): Result<T> {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, error: { code: 'BAD_REQUEST', message: describeIssues(parsed.error) } };
}

/** The token of an `Authorization: Bearer …` header. */
export function bearer(req: Request): string | null {
  const header = req.get('authorization') ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

/** A limiter of `count` per minute per key. */
export const perMinute = (count: number) => new RateLimiter(count / 60, count);

/** Responses that must never be cached: every API answer may carry a secret. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
