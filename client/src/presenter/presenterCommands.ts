import {
  LIMITS,
  roundTiming,
  type ControlCommand,
  type FacilitatorView,
  type ScreenMode,
} from '@playfield/shared';
import type { ShortcutAction } from './shortcuts.ts';

/** A timer started without a plan runs this long. */
const DEFAULT_TIMER_SECONDS = 5 * 60;

/** The room screen's mode as the console last heard it. */
export function screenModeOf(view: FacilitatorView): ScreenMode {
  return view.clock?.screen ?? 'live';
}

/**
 * The seconds a timer started now should run: what is left of the round's plan (its
 * extensions included), else five minutes.
 */
export function timerSecondsFor(view: FacilitatorView, at: number): number {
  const timing = roundTiming({
    clock: view.clock,
    agenda: view.agenda,
    currentRoundId: view.round?.id ?? null,
    at,
    plannedStartAt: null,
  });
  const left = timing?.remainingMs ?? null;
  if (left === null || left < 1000) return DEFAULT_TIMER_SECONDS;
  return Math.min(LIMITS.timerSeconds, Math.ceil(left / 1000));
}

/**
 * The command a shortcut (or its button) sends in the session as it stands, or null when
 * it means nothing now (no round, the last round, an exercise without that control).
 */
export function commandFor(
  action: Exclude<ShortcutAction, 'help'>,
  view: FacilitatorView,
  at: number,
): ControlCommand | null {
  const { session, round } = view;
  if (session.phase === 'ended') return null;
  const mode = screenModeOf(view);
  switch (action) {
    case 'next':
      if (session.phase === 'lobby')
        return view.agenda.length > 0 ? { type: 'session.start' } : null;
      return round && round.index < round.count - 1 ? { type: 'round.next' } : null;
    case 'back':
      return round && round.index > 0 ? { type: 'round.back' } : null;
    case 'reveal':
      if (!round?.controls.includes('reveal')) return null;
      return { type: round.isRevealed ? 'round.hide' : 'round.reveal' };
    case 'lock':
      if (!round?.controls.includes('open')) return null;
      return { type: round.isOpen ? 'round.lock' : 'round.open' };
    case 'timer': {
      if (session.phase !== 'live') return null;
      const { timer } = view;
      if (!timer) return { type: 'timer.start', seconds: timerSecondsFor(view, at) };
      return { type: timer.endsAt === null ? 'timer.resume' : 'timer.pause' };
    }
    case 'countdown':
      return { type: 'clock.countdown', isShown: !(view.clock?.isCountdownShown ?? false) };
    case 'extend1':
    case 'extend5':
      if (session.phase !== 'live' || !round) return null;
      return { type: 'clock.extend', minutes: action === 'extend1' ? 1 : 5 };
    case 'blank':
      return { type: 'clock.screen', mode: mode === 'blank' ? 'live' : 'blank' };
    case 'freeze':
      return { type: 'clock.screen', mode: mode === 'frozen' ? 'live' : 'frozen' };
    default: {
      const unreachable: never = action;
      throw new Error(`Unknown shortcut ${String(unreachable)}`);
    }
  }
}
