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

/** Events after which a notebook may need new results: a round ended, or the agenda changed. */
const TRIGGERS = new Set<SessionEvent['type']>([
  'session.started',
  'session.ended',
  'round.entered',
  'round.locked',
  'round.revealed',
  'agenda.added',
  'agenda.updated',
  'agenda.removed',
  'agenda.moved',
  // The Q&A's block follows moderation (votes are caught up at the next of these).
  'qa.approved',
  'qa.hidden',
  'qa.merged',
  'qa.answered',
  'qa.pinned',
]);

/** A burst of commands (next, next, next) writes the notebook once. */
const DEBOUNCE_MS = 250;

/**
 * Writes each session's results into its notebook as rounds end: the round's title and
 * exercise, its summary (charts and tables), next to the notes people write. Writing is
 * idempotent, so a notebook is also brought up to date whenever it is opened, which
 * repairs anything a crash between a round's end and its write left out.
 */
export class NotebookWriter {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly hub: DocumentHub,
    private readonly manager: () => SessionManager,
    private readonly now: () => number = Date.now,
  ) {}

  /** Called after a session's events are stored. */
  committed(sessionId: string, events: readonly SessionEvent[]): void {
    if (!events.some((e) => TRIGGERS.has(e.type)) || this.timers.has(sessionId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(sessionId);
      this.sync(sessionId).catch((error: unknown) => reportFault(`notebook: ${sessionId}`, error));
    }, DEBOUNCE_MS);
    timer.unref();
    this.timers.set(sessionId, timer);
  }

  /** Writes the session's header, agenda and every ended round's results into its notebook. */
  async sync(sessionId: string): Promise<void> {
    // One write at a time per notebook, so two syncs do not add the same round twice.
    const previous = this.writing.get(sessionId) ?? Promise.resolve();
    const next = previous.then(() => this.write(sessionId));
    this.writing.set(sessionId, next);
    try {
      await next;
    } finally {
      if (this.writing.get(sessionId) === next) this.writing.delete(sessionId);
    }
  }

  private async write(sessionId: string): Promise<void> {
    const session = await this.manager().get(sessionId);
    if (!session) return;
    const state = session.state;
    const at = this.now();
    const results = startedRounds(state).flatMap((round) => {
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
    const qa = qaResults(state);
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

  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
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
