import { guard, reportFault } from '../faults/faults.ts';
import type { DocumentHub } from '../docs/documentHub.ts';
import type { PlanService } from '../docs/planService.ts';
import type { LiveSession } from '../sessions/liveSession.ts';
import { RehearsalRunner } from './runner.ts';

/** One simulated action, from when it was sent to when it was acknowledged (the bench). */
export interface AckSample {
  sentAt: number;
  ackedAt: number;
  seq: number;
}

/**
 * The rehearsals running in this process: one runner per live rehearsal in memory. Built
 * before the session manager, which tells it of every session it loads (`loaded`): a
 * rehearsal's runner starts then (after creation, and after a restart when anyone opens it
 * again) and stops when the rehearsal ends or its session leaves memory.
 */
export class RehearsalRunners {
  private readonly runners = new Map<string, RehearsalRunner>();
  private readonly ackListeners = new Set<(sample: AckSample) => void>();
  private isClosed = false;

  constructor(
    private readonly hub: DocumentHub,
    private readonly plans: PlanService,
    private readonly now: () => number = Date.now,
  ) {}

  /** A session was loaded into memory: a live rehearsal's simulated room starts. */
  loaded(session: LiveSession, isCurrent: () => boolean): void {
    if (this.isClosed || !session.state.rehearsal || session.state.phase === 'ended') return;
    this.runners.get(session.id)?.stop();
    const runner = new RehearsalRunner(session, {
      hub: this.hub,
      plans: this.plans,
      now: this.now,
      isCurrent,
      observe: (sample) => {
        for (const listener of this.ackListeners) listener(sample);
      },
    });
    this.runners.set(session.id, runner);
    runner.start().catch((error: unknown) => {
      reportFault(`rehearsal ${session.id}: start`, error);
    });
  }

  /** The runner of a session, for tests and the bench. */
  runnerOf(sessionId: string): RehearsalRunner | undefined {
    return this.runners.get(sessionId);
  }

  /** Tells `listener` of every simulated action acknowledged (the bench times them). */
  observeAcks(listener: (sample: AckSample) => void): () => void {
    this.ackListeners.add(listener);
    return () => this.ackListeners.delete(listener);
  }

  close(): void {
    this.isClosed = true;
    for (const runner of this.runners.values()) guard('rehearsal: stop', () => runner.stop());
    this.runners.clear();
  }
}
