import type { AppError } from '@playfield/shared';

/**
 * One place that hears about every fault the server contains: a throw in a handler, a
 * timer or a queue, and the sessions or documents closed to edits because their data
 * makes the code throw. Nothing here ends the process; `/healthz` reports the counts.
 */

/** A fault with a message meant for people: the request, session or document it hit. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
  }
}

/** The typed error a caller may show: an AppFailure's own, otherwise a generic one. */
export function toAppError(error: unknown): AppError {
  return error instanceof AppFailure
    ? error.error
    : { code: 'INTERNAL', message: 'Something went wrong on the server; please try again' };
}

/** Something closed to edits because its data made the code throw. */
export interface QuarantineEntry {
  kind: 'session' | 'document';
  id: string;
  reason: string;
  at: number;
}

const counts = { contained: 0, uncaught: 0 };
const quarantine = new Map<string, QuarantineEntry>();

/** Logs a contained fault with where it happened, and counts it. */
export function reportFault(context: string, error: unknown): void {
  counts.contained++;
  console.error(`[fault] ${context}:`, error);
}

/** Runs a timer's or a queue's body: a throw (or a rejected promise) is reported, never raised. */
export function guard(context: string, run: () => unknown): void {
  try {
    const result = run();
    if (result instanceof Promise)
      result.catch((error: unknown) => {
        reportFault(context, error);
      });
  } catch (error) {
    reportFault(context, error);
  }
}

/** `setTimeout` whose callback runs inside {@link guard}. */
export function guardedTimeout(context: string, run: () => unknown, ms: number): NodeJS.Timeout {
  return setTimeout(() => guard(context, run), ms);
}

/** `setInterval` whose callback runs inside {@link guard}; unref'd so it never holds the process. */
export function guardedInterval(context: string, run: () => unknown, ms: number): NodeJS.Timeout {
  const timer = setInterval(() => guard(context, run), ms);
  timer.unref();
  return timer;
}

/** Closes a session or document to edits and says so in the log and in `/healthz`. */
export function quarantineItem(kind: QuarantineEntry['kind'], id: string, reason: string): void {
  if (quarantine.has(`${kind}:${id}`)) return;
  quarantine.set(`${kind}:${id}`, { kind, id, reason, at: Date.now() });
  console.error(`[quarantine] ${kind} ${id}: ${reason}`);
}

/** Is this session or document quarantined? */
export function quarantined(
  kind: QuarantineEntry['kind'],
  id: string,
): QuarantineEntry | undefined {
  return quarantine.get(`${kind}:${id}`);
}

/**
 * Process-level handlers: a throw that escaped every boundary is logged and counted, and the
 * rooms go on. Installed once by the program (not by tests that embed the server).
 */
export function installProcessHandlers(): void {
  process.on('uncaughtException', (error) => {
    counts.uncaught++;
    console.error('[fault] uncaught exception:', error);
  });
  process.on('unhandledRejection', (reason) => {
    counts.uncaught++;
    console.error('[fault] unhandled rejection:', reason);
  });
}

/** What `/healthz` says about faults: counts and what is quarantined (kinds and reasons, no ids). */
export function faultReport(): {
  contained: number;
  uncaught: number;
  quarantined: { sessions: number; documents: number; reasons: string[] };
} {
  const entries = [...quarantine.values()];
  return {
    ...counts,
    quarantined: {
      sessions: entries.filter((e) => e.kind === 'session').length,
      documents: entries.filter((e) => e.kind === 'document').length,
      reasons: [...new Set(entries.map((e) => e.reason))].slice(0, 10),
    },
  };
}
