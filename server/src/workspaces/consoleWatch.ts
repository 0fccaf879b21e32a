import type { AppError } from '@playfield/shared';
import { reportFault } from '../faults/faults.ts';
import { rooms } from '../realtime/socketIo.ts';
import type { PlayfieldServer } from '../realtime/socketServer.ts';
import type { ConsoleAccess, ConsoleMember } from './consoleAccess.ts';

/** The room of every console a signed-in member opened (on every process of a cluster). */
export const memberRoom = (accountId: string) => `m:${accountId}`;

/** What a member's console says when it may no longer run the session. */
export const CONSOLE_REVOKED: AppError = {
  code: 'FORBIDDEN',
  message:
    'You can no longer run this console: you left the workspace, your role changed, or the session left its library',
};

/**
 * Keeps members' open consoles in step with the workspaces: on a change of access each
 * console concerned is checked again. One still allowed is sent what it may do now (a
 * facilitator made producer loses the agenda's editing at once); one no longer allowed
 * leaves the session's rooms, so no view reaches it any more, and is told why (its
 * commands were already refused one by one: `ConsoleAccess.authorise`).
 */
export function watchMemberConsoles(io: PlayfieldServer, consoles: ConsoleAccess): void {
  consoles.onChange(async (change) => {
    const sockets = await io
      .in(
        'accountId' in change
          ? memberRoom(change.accountId)
          : [rooms.facilitator(change.sessionId), rooms.facilitatorPatches(change.sessionId)],
      )
      .fetchSockets();
    await Promise.all(
      sockets.map(async (socket) => {
        const member = socket.data.member;
        if (!member) return;
        const { sessionId } = socket.data;
        const access = await consoles.access(member, sessionId);
        if (access.ok) {
          socket.emit('console.access', access.data);
          return;
        }
        socket.leave(rooms.facilitator(sessionId));
        socket.leave(rooms.facilitatorPatches(sessionId));
        socket.emit('console.revoked', CONSOLE_REVOKED);
      }),
    );
  });
}

/**
 * Cluster: a session's new owner (the last one died) sends every socket attached to it its
 * views again. A member's console is checked first: one revoked meanwhile left the
 * session's rooms and gets no view from the new owner either. A fault is reported here.
 */
export function sendIfStillAllowed(
  consoles: ConsoleAccess | null,
  member: ConsoleMember | null | undefined,
  sessionId: string,
  send: () => void,
): void {
  if (!member || !consoles) return send();
  void consoles
    .access(member, sessionId)
    .then((access) => {
      if (access.ok) send();
    })
    .catch((error: unknown) => reportFault('consoles: views of an attached console', error));
}
