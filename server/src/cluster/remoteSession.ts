import type {
  CommandActor,
  Result,
  SessionCommand,
  SessionEvent,
  SessionState,
} from '@playfield/shared';
import type { LiveSession } from '../sessions/liveSession.ts';

/** What a command may carry beside itself (a chosen id, a seat's token), as the owner takes it. */
export type CommandOptions = NonNullable<Parameters<LiveSession['execute']>[2]>;

/** How a remote session forwards a command to its owner. */
export type Forward = (
  session: RemoteSession,
  command: SessionCommand,
  actor: CommandActor,
  options: CommandOptions,
) => Promise<Result<{ seq: number; events: SessionEvent[] }>>;

/**
 * A session another process owns, as this process sees it: a state read from PostgreSQL's
 * log (caught up on every `get`, so it holds every acknowledged event up to then) for the
 * HTTP reads and handshakes served here, and commands forwarded to the owner. It never
 * writes, never sends views (the owner's reach every socket through the adapter) and is
 * never kept as a live session.
 */
export class RemoteSession {
  constructor(
    public state: SessionState,
    /** The process that holds the lease. */
    public owner: string,
    private readonly forward: Forward,
  ) {}

  get id(): string {
    return this.state.id;
  }

  /** Runs the command on the owner; resolves once the owner stored it (or refused it). */
  execute(
    command: SessionCommand,
    actor: CommandActor,
    options: CommandOptions = {},
  ): Promise<Result<{ seq: number; events: SessionEvent[] }>> {
    return this.forward(this, command, actor, options);
  }
}
