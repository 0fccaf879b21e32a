import type { AppError } from '@playfield/shared';

/**
 * The failures of the link itself, as opposed to the server refusing an action. A phone
 * shows these once, for every exercise, beside the connection state, and clears them when
 * the link is back; an exercise never shows them as its own error.
 */
export const NO_ANSWER: AppError = {
  code: 'INTERNAL',
  message: 'No answer from the server: check your connection, then try again',
};

/** Sent instead of an action while the socket is down: nothing is queued to arrive late. */
export const OFFLINE: AppError = {
  code: 'UNAVAILABLE',
  message: 'Not connected: reconnecting. Try again once the connection is back.',
};

/** Whether an error came from the link (no answer, offline) rather than from the server. */
export function isConnectionFailure(error: AppError): boolean {
  return (
    (error.code === NO_ANSWER.code && error.message === NO_ANSWER.message) ||
    (error.code === OFFLINE.code && error.message === OFFLINE.message)
  );
}
