import {
  docIdOf,
  getExercise,
  own,
  QA_NOTEBOOK_ROUND,
  qaSummary,
  roundContext,
  roundElapsedMs,
  toMinutes,
  type RoundSummary,
  type SessionEvent,
  type SessionState,
} from '@playfield/shared';
import {
  initNotebook,
  setNotebookAgenda,
  writeRoundResults,
} from '@playfield/shared/notebooks/notebook';
import { reportFault } from '../faults/faults.ts';
import type { SessionManager } from '../sessions/sessionManager.ts';
import type { DocumentHub } from './documentHub.ts';

/** What a batch of committed events changes in a notebook. */
interface Touched {
  /** Rounds whose results (or minutes) may have changed. */
  rounds: Set<string>;
  /** The Q&A's block. */
  qa: boolean;
}

/**
 * The notebook blocks a committed event touches; null when it touches none (answers, joins:
 * results are written as a round is locked, revealed and left, not per action).
 */
function touchedBy(event: SessionEvent, touched: Touched): boolean {
  switch (event.type) {
    // The header, the agenda and the rounds whose minutes run or stop (the current one is
    // always rewritten, see `NotebookWriter.committed`).
    case 'session.started':
    case 'agenda.added':
    case 'agenda.moved':
      return true;
    case 'session.ended':
      touched.qa = true;
      return true;
    case 'agenda.updated':
      touched.rounds.add(event.round.id);
      return true;
    case 'agenda.removed':
    case 'round.entered':
    case 'round.locked':
    case 'round.revealed':
      touched.rounds.add(event.roundId);
      return true;
    // The Q&A's block follows moderation (votes are caught up at the next of these).
    case 'qa.approved':
    case 'qa.hidden':
    case 'qa.merged':
    case 'qa.answered':
    case 'qa.pinned':
      touched.qa = true;
      return true;
    default:
      return false;
  }
}

/** A burst of commands (next, next, next) writes the notebook once. */
const DEBOUNCE_MS = 250;

/** A session's notebook waiting for its next write: the latest state and what changed. */
interface Pending {
  state: SessionState;
  touched: Touched;
  timer: NodeJS.Timeout;
}

/**
 * Writes each session's results into its notebook as rounds end: the round's title and
 * exercise, its summary (charts and tables), next to the notes people write.
 *
 * A projection of the session log: it is handed each batch of committed events with the
 * state they left, and rewrites only the rounds those events touched (plus the running
 * round, whose minutes run), so a change in one round never summarises the others. Writing
 * is idempotent, so a notebook is also brought up to date in full whenever it is opened
 * (`sync`), which repairs anything a crash between a round's end and its write left out.
 */
export class NotebookWriter {
  private readonly pending = new Map<string, Pending>();
  private readonly writing = new Map<string, Promise<void>>();
  /** The round each session was on at its last write: leaving it stops its minutes. */
  private readonly lastRound = new Map<string, string>();

  constructor(
    private readonly hub: DocumentHub,
    private readonly now: () => number = Date.now,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {}

  /** Called after a session's events are stored, with the state they left. */
  committed(state: SessionState, events: readonly SessionEvent[]): void {
    const sessionId = state.id;
    const waiting = this.pending.get(sessionId);
    const touched = waiting?.touched ?? { rounds: new Set<string>(), qa: false };
    let isTouched = false;
    for (const event of events) if (touchedBy(event, touched)) isTouched = true;
    if (waiting) {
      waiting.state = state;
      return;
    }
    if (!isTouched) return;
    const timer = setTimeout(() => {
      this.pending.delete(sessionId);
      this.enqueue(sessionId, () => this.write(state.id, latest.state, latest.touched)).catch(
        (error: unknown) => reportFault(`notebook: ${sessionId}`, error),
      );
    }, this.debounceMs);
    timer.unref();
    const latest: Pending = { state, touched, timer };
    this.pending.set(sessionId, latest);
  }

  /** Writes what is waiting now instead of after the debounce (tests, shutdown). */
  async flush(): Promise<void> {
    const waiting = [...this.pending.entries()];
    for (const [sessionId, { state, touched, timer }] of waiting) {
      clearTimeout(timer);
      this.pending.delete(sessionId);
      await this.enqueue(sessionId, () => this.write(sessionId, state, touched));
    }
  }

  /**
   * Writes the session's header, agenda and every started round's results into its
   * notebook (when it is opened or exported: repairs what a crash left out).
   */
  async sync(state: SessionState): Promise<void> {
    const rounds = new Set(startedRounds(state).map((r) => r.id));
    await this.enqueue(state.id, () => this.write(state.id, state, { rounds, qa: true }));
  }

  /** One write at a time per notebook, so two writes do not add the same round twice. */
  private async enqueue(sessionId: string, write: () => Promise<void>): Promise<void> {
    const previous = this.writing.get(sessionId) ?? Promise.resolve();
    const next = previous.then(write);
    this.writing.set(sessionId, next);
    try {
      await next;
    } finally {
      if (this.writing.get(sessionId) === next) this.writing.delete(sessionId);
    }
  }

  private async write(sessionId: string, state: SessionState, touched: Touched): Promise<void> {
    const at = this.now();
    const rounds = new Set(touched.rounds);
    const left = this.lastRound.get(sessionId);
    if (left) rounds.add(left);
    if (state.currentRoundId) {
      rounds.add(state.currentRoundId);
      this.lastRound.set(sessionId, state.currentRoundId);
    }
    const results = state.agenda
      .filter((round) => rounds.has(round.id) && own(state.rounds, round.id)?.hasStarted)
      .flatMap((round) => {
        const found = roundSummary(state, round.id, at);
        const summary = found && withMinutes(state, round, found, at);
        return summary
          ? [
              {
                id: round.id,
                blockId: `round-${round.id}`,
                title: round.title,
                kind: round.kind,
                summary,
              },
            ]
          : [];
      });
    const qa = touched.qa ? qaResults(state) : null;
    const result = await this.hub.change(docIdOf({ kind: 'notebook', sessionId }), (doc) => {
      initNotebook(doc, {
        title: state.title,
        sessionId: state.id,
        code: state.code,
        createdAt: state.createdAt,
      });
      // An imported notebook's session has no agenda: keep the one it came with.
      if (state.agenda.length > 0)
        setNotebookAgenda(
          doc,
          state.agenda.map((r) => ({ title: r.title, kind: r.kind })),
        );
      for (const round of results) writeRoundResults(doc, round, at);
      if (qa) writeRoundResults(doc, qa, at);
    });
    if (!result.ok) console.warn(`[notebook] ${sessionId}: ${result.error.message}`);
  }

  /** Brings a session's notebook up to date from the session as it is now (when it is opened). */
  async syncSession(manager: SessionManager, sessionId: string): Promise<void> {
    const session = await manager.get(sessionId);
    if (session) await this.sync(session.state);
  }

  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}

/** A round's results; null (and reported) when its exercise fails to summarise it. */
function roundSummary(state: SessionState, roundId: string, at: number): RoundSummary | null {
  const round = state.agenda.find((r) => r.id === roundId);
  const runtime = own(state.rounds, roundId);
  const exercise = round && getExercise(round.kind);
  if (!runtime || !exercise) return null;
  try {
    return exercise.summary(runtime.state, roundContext(state, runtime, at));
  } catch (error) {
    reportFault(`notebook: summary of round ${roundId}`, error);
    return null;
  }
}

/**
 * A round's results with its planned and actual minutes first (the actual ones include a
 * visit still running, and add up when the room came back to the round).
 */
function withMinutes(
  state: SessionState,
  round: SessionState['agenda'][number],
  summary: RoundSummary,
  at: number,
): RoundSummary {
  const actual = toMinutes(roundElapsedMs(state.clock, round.id, state.currentRoundId, at));
  const planned = round.minutes === undefined ? 'not planned' : String(round.minutes);
  return {
    ...summary,
    blocks: [
      {
        type: 'table',
        columns: ['Planned minutes', 'Actual minutes'],
        rows: [[planned, String(actual)]],
      },
      ...summary.blocks,
    ],
  };
}

/**
 * The session's Q&A as a round-type block (roundId and kind "qa"), so the notebook's
 * schema needs nothing new: its questions with votes and answered marks. Null (and
 * reported, if it failed) when there is nothing to write.
 */
function qaResults(state: SessionState) {
  try {
    const summary = qaSummary(state);
    return summary && { ...QA_NOTEBOOK_ROUND, title: 'Questions from the room', summary };
  } catch (error) {
    reportFault('notebook: summary of the Q&A', error);
    return null;
  }
}

/**
 * Rounds that belong in the notebook: every round the room has been on. The running one
 * is there too, so people can take notes during it; its results are rewritten as it is
 * locked, revealed and left.
 */
function startedRounds(state: SessionState) {
  return state.agenda.filter((round) => own(state.rounds, round.id)?.hasStarted);
}
