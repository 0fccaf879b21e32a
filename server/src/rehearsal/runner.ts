import {
  createRandom,
  deriveSeed,
  docIdOf,
  isNameTaken,
  own,
  participantOwnView,
  type Random,
  type SessionCommand,
  type SessionState,
} from '@playfield/shared';
import { addPlanAction } from '@playfield/shared/plans/plan';
import { canSimulate, planSentences, simulateNext } from '@playfield/shared/exercises/simulators';
import { performance } from 'node:perf_hooks';
import { guardedTimeout } from '../faults/faults.ts';
import type { DocumentHub } from '../docs/documentHub.ts';
import type { PlanService } from '../docs/planService.ts';
import { newId } from '../security/tokens.ts';
import type { LiveSession } from '../sessions/liveSession.ts';

/** First names for simulated seats; past the list they repeat with a number ("Ana 2"). */
const NAMES = [
  'Ana',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Femi',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kemal',
  'Lena',
  'Maya',
  'Nils',
  'Olga',
  'Pedro',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Umar',
  'Vera',
  'Wes',
  'Ximena',
  'Yusuf',
  'Zoe',
];

/** The name of the n-th simulated seat (0-based). */
export function simulatedName(n: number): string {
  const name = NAMES[n % NAMES.length] ?? 'Guest';
  const round = Math.floor(n / NAMES.length);
  return round === 0 ? name : `${name} ${round + 1}`;
}

const QUESTIONS = [
  'How do we handle a customer who is rude to staff?',
  'Who decides when a refund is above the limit?',
  'Can we try this with the night shift too?',
  'What do we tell customers while we wait for the fix?',
  'How do we measure if this works?',
];

/** While paused, not live, or with nothing to do, the runner looks again this often. */
const IDLE_MS = 500;
/** The shortest wait between ticks; faster paces act several times per tick. */
const MIN_TICK_MS = 50;

export interface RunnerDeps {
  hub: DocumentHub;
  plans: PlanService;
  now: () => number;
  /** Is this session object still the one in memory? False once evicted or dropped. */
  isCurrent: () => boolean;
  /** Told of every accepted action with when it was sent and acknowledged (the bench). */
  observe?: ((sample: { sentAt: number; ackedAt: number; seq: number }) => void) | undefined;
}

/** Counters a test or the bench reads. */
export interface RunnerStats {
  joined: number;
  acted: number;
  refused: number;
  lastRefusal: string | null;
}

/**
 * Runs a rehearsal's simulated seats: joins them through the session's join command, then
 * at the facilitator's pace asks each seat's simulated participant what it does next,
 * given exactly the views its phone would get, and sends that through the session's
 * logged command path as that participant. Plans are written through the document hub's
 * server-edit path. Timers run inside the fault boundary and stop when the session ends,
 * is evicted, or the runner is stopped.
 */
export class RehearsalRunner {
  private timer: NodeJS.Timeout | null = null;
  private isStopped = false;
  private cursor = 0;
  private seats: string[] = [];
  private readonly busy = new Set<string>();
  /** Last accepted action per seat, with the round it was in. */
  private readonly lastActed = new Map<string, { roundId: string; at: number }>();
  private readonly random: Random;
  readonly stats: RunnerStats = { joined: 0, acted: 0, refused: 0, lastRefusal: null };
  private ticks = 0;
  private readonly tickWaiters: { atTick: number; resolve: () => void }[] = [];

  constructor(
    readonly session: LiveSession,
    private readonly deps: RunnerDeps,
  ) {
    this.random = createRandom(deriveSeed(session.state.seed, 'rehearsal'));
  }

  /** Settles once the missing seats have joined and the runner acts (tests and the bench wait on it). */
  ready: Promise<void> = Promise.resolve();

  /** Joins the seats still missing, then starts acting. */
  start(): Promise<void> {
    this.ready = this.joinMissing().then(() => {
      this.refreshSeats();
      this.schedule(0);
    });
    return this.ready;
  }

  stop(): void {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A stopped runner looks no more: nobody waits for its ticks forever.
    for (const waiter of this.tickWaiters.splice(0)) waiter.resolve();
  }

  get isRunning(): boolean {
    return !this.isStopped;
  }

  private get state(): SessionState {
    return this.session.state;
  }

  /** Seats are joined by name, so a restart or a second start joins nobody twice. */
  private async joinMissing(): Promise<void> {
    const wanted = this.state.rehearsal?.seats ?? 0;
    for (let n = 0; n < wanted && !this.isStopped; n++) {
      const name = simulatedName(n);
      if (isNameTaken(this.state, name) || this.state.phase === 'ended') continue;
      const joined = await this.session.execute(
        { type: 'participant.join', name, isSimulated: true },
        { role: 'system' },
      );
      if (joined.ok) this.stats.joined++;
      else this.refuse(joined.error.message);
    }
  }

  private refreshSeats(): void {
    const seats: string[] = [];
    for (const id in this.state.participants) {
      const seat = own(this.state.participants, id);
      if (seat?.isSimulated && !seat.hasLeft) seats.push(id);
    }
    this.seats = seats;
  }

  private schedule(ms: number): void {
    if (this.isStopped) return;
    this.timer = guardedTimeout(`rehearsal ${this.session.id}: tick`, () => this.tick(), ms);
  }

  private shouldStop(): boolean {
    return this.isStopped || this.state.phase === 'ended' || !this.deps.isCurrent();
  }

  /** Resolves once the runner has looked `count` more times, or has stopped (tests wait on it, never on time). */
  afterTicks(count: number): Promise<void> {
    if (this.isStopped) return Promise.resolve();
    return new Promise((resolve) => this.tickWaiters.push({ atTick: this.ticks + count, resolve }));
  }

  private tick(): void {
    this.timer = null;
    this.ticks++;
    for (const waiter of this.tickWaiters.filter((w) => w.atTick <= this.ticks)) {
      this.tickWaiters.splice(this.tickWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (this.shouldStop()) {
      this.stop();
      return;
    }
    const rehearsal = this.state.rehearsal;
    if (!rehearsal || rehearsal.isPaused || this.state.phase !== 'live') {
      this.schedule(IDLE_MS);
      return;
    }
    const perAction = 60_000 / rehearsal.actionsPerMinute;
    const tickMs = Math.max(MIN_TICK_MS, perAction);
    const actions = Math.max(1, Math.round(tickMs / perAction));
    const acted = this.act(actions);
    this.schedule(acted > 0 ? tickMs : Math.max(tickMs, IDLE_MS));
  }

  /**
   * Up to `count` actions from seats that have something to do, taken round-robin. Looks
   * at a bounded number of seats per tick, so a big room costs the same per tick.
   */
  private act(count: number): number {
    if (this.seats.length === 0) this.refreshSeats();
    const n = this.seats.length;
    let acted = 0;
    const now = this.deps.now();
    for (let looked = 0; looked < n && looked < count * 4 + 16 && acted < count; looked++) {
      const participantId = this.seats[this.cursor % n] ?? '';
      this.cursor = (this.cursor + 1) % Math.max(1, n);
      if (this.busy.has(participantId)) continue;
      const seat = own(this.state.participants, participantId);
      if (!seat?.isSimulated || seat.hasLeft) {
        this.seats = this.seats.filter((id) => id !== participantId);
        continue;
      }
      const work = this.next(participantId, now);
      if (!work) continue;
      acted++;
      this.busy.add(participantId);
      void work()
        .catch((error: unknown) => this.refuse(String(error)))
        .finally(() => this.busy.delete(participantId));
    }
    return acted;
  }

  /** What this seat does next, as a function that does it; null when nothing. */
  private next(participantId: string, now: number): (() => Promise<void>) | null {
    const state = this.state;
    const prompt = state.prompt;
    if (prompt && !own(own(state.promptResponses, prompt.roundId), participantId)) {
      const text = this.random.next() < 0.8 ? (planSentences(this.random, 1)[0] ?? null) : null;
      return async () => {
        const answered = await this.deps.plans.answer(this.session, participantId, {
          roundId: prompt.roundId,
          text,
        });
        this.count(answered);
      };
    }
    const qa = this.maybeQa(participantId, now);
    if (qa) return qa;
    const publicView = this.session.publicMessage().view;
    const round = publicView.round;
    // Slides and other rounds without participant actions: nothing to look at per seat.
    if (!round || !canSimulate(round.kind)) return null;
    const ownView = participantOwnView(state, participantId, now);
    if (!ownView?.round || ownView.round.id !== round.id) return null;
    const last = this.lastActed.get(participantId);
    const action = simulateNext({
      kind: round.kind,
      view: round.view,
      own: ownView.round.view,
      controls: { isOpen: round.isOpen, isRevealed: round.isRevealed },
      participantId,
      now,
      sinceLastActionMs: last && last.roundId === round.id ? now - last.at : null,
      random: this.random,
    });
    if (action === null) return null;
    return async () => {
      if (round.kind === 'actionPlan') await this.writePlan(participantId, round.id, round.title);
      const result = await this.send(
        { type: 'round.act', roundId: round.id, action },
        participantId,
      );
      if (result) this.lastActed.set(participantId, { roundId: round.id, at: this.deps.now() });
    };
  }

  /**
   * Now and then a question or an upvote in the Q&A, while it is open: a seat asks at most
   * once and upvotes at most three others' questions, so the Q&A quietens like a room's.
   */
  private maybeQa(participantId: string, now: number): (() => Promise<void>) | null {
    const qa = this.session.publicMessage().view.qa;
    if (!qa?.settings.isOpen || this.random.next() > 0.02) return null;
    const mine = participantOwnView(this.state, participantId, now)?.qa;
    const voted = new Set(mine?.votedIds ?? []);
    const own = new Set(mine?.mineIds ?? []);
    const open = qa.top.filter((q) => !q.isAnswered && !voted.has(q.id) && !own.has(q.id));
    const question = open[this.random.int(Math.max(1, open.length))];
    if (question && voted.size < 3 && this.random.next() < 0.7) {
      return async () => {
        await this.send(
          { type: 'qa.vote', questionId: question.id, isVoting: true },
          participantId,
        );
      };
    }
    if (own.size + (mine?.pending.length ?? 0) > 0) return null;
    const text = QUESTIONS[this.random.int(QUESTIONS.length)] ?? QUESTIONS[0] ?? '';
    return async () => {
      await this.send(
        { type: 'qa.ask', text, isAnonymous: qa.settings.allowAnonymous },
        participantId,
      );
    };
  }

  /** Two or three sentences in the seat's plan, through the hub's server-edit path. */
  private async writePlan(participantId: string, roundId: string, roundTitle: string) {
    const lines = planSentences(this.random, 2 + this.random.int(2));
    const written = await this.deps.hub.change(
      docIdOf({ kind: 'plan', sessionId: this.session.id, participantId }),
      (doc) => {
        for (const text of lines) addPlanAction(doc, { id: newId(), text, roundId, roundTitle });
      },
    );
    if (!written.ok) this.refuse(written.error.message);
  }

  private async send(command: SessionCommand, participantId: string): Promise<boolean> {
    const sentAt = performance.now();
    const result = await this.session.execute(command, { role: 'participant', participantId });
    if (result.ok)
      this.deps.observe?.({ sentAt, ackedAt: performance.now(), seq: result.data.seq });
    return this.count(result);
  }

  private count(result: { ok: true } | { ok: false; error: { message: string } }): boolean {
    if (result.ok) this.stats.acted++;
    else this.refuse(result.error.message);
    return result.ok;
  }

  private refuse(message: string): void {
    this.stats.refused++;
    this.stats.lastRefusal = message;
  }
}
