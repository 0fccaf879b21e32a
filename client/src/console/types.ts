import type { ControlCommand } from '@playfield/shared';
import type { Connection } from '../realtime/connection.ts';

/** Sends a session command; true when the server accepted it (a refusal shows as the console's error). */
export type Control = (command: ControlCommand) => Promise<boolean>;

/** Sends an action in the current round as the facilitator. */
export type Act = (action: unknown) => ReturnType<Connection['act']> | undefined;
