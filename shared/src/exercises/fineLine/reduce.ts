/** What the facilitator and the participants do to a Fine Line round. */
import type { RoundContext } from '../types.ts';
import { dict, own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import { copyRecord, withEntry, withoutEntry } from '../records.ts';
import { advanceQueue } from './queue.ts';
import {
  MOOD_INTERVAL_MS,
  type FineLineFacilitatorAction,
  type FineLineParticipantAction,
  type FineLineState,
} from './model.ts';
import {
  changePolicy,
  currentRun,
  newRun,
  replaceRun,
  sampleMoods,
  seatShoppers,
  shopperStatus,
} from './runs.ts';

export function reduceFacilitator(
  state: FineLineState,
  action: FineLineFacilitatorAction,
  ctx: RoundContext,
): Result<FineLineState> {
  const run = currentRun(state);
  switch (action.type) {
    case 'start':
      if (state.status !== 'ready') return fail('CONFLICT', 'This run has already started');
      return ok(seatShoppers({ ...state, status: 'running' }, ctx.roster));
    case 'pause':
      if (state.status !== 'running') return fail('CONFLICT', 'The store is not running');
      return ok({ ...state, status: 'paused' });
    case 'resume':
      if (state.status !== 'paused') return fail('CONFLICT', 'The store is not paused');
      return ok({ ...state, status: 'running' });
    case 'speed':
      return ok({ ...state, speed: action.speed });
    case 'tick': {
      if (state.status !== 'running') return fail('CONFLICT', 'The store is not running');
      const toClock = Math.min(action.toClock, state.config.durationMinutes);
      if (toClock <= run.queue.clock) return fail('CONFLICT', 'The clock only moves forward');
      const advanced = sampleMoods(
        { ...run, queue: advanceQueue(run.queue, toClock) },
        run.queue.clock,
        state.shoppers,
      );
      const next = seatShoppers(replaceRun(state, advanced), ctx.roster);
      return ok(toClock >= state.config.durationMinutes ? { ...next, status: 'finished' } : next);
    }
    case 'policy':
      // As for the management team: a finished run's policy is history, not a setting.
      if (state.status === 'finished') return fail('CONFLICT', 'This run is over');
      return ok(changePolicy(state, action.policy));
    case 'replay': {
      if (state.status === 'running')
        return fail('CONFLICT', 'Pause or finish this run before replaying');
      if (state.runs.length >= 6)
        return fail('CONFLICT', 'Compare at most 6 policies in one round');
      const replay = newRun(state.config, run.id + 1, action.label, action.policy);
      return ok({ ...state, status: 'ready', runs: [...state.runs, replay], shoppers: dict() });
    }
    case 'manager': {
      if (!own(ctx.roster, action.participantId)) return fail('NOT_FOUND', 'No such participant');
      const others = state.managers.filter((id) => id !== action.participantId);
      const shoppers = action.isManager
        ? withoutEntry(state.shoppers, action.participantId)
        : copyRecord(state.shoppers);
      return ok({
        ...state,
        managers: action.isManager ? [...others, action.participantId] : others,
        shoppers,
      });
    }
    case 'finish':
      if (state.status === 'finished') return fail('CONFLICT', 'This run is over');
      return ok({ ...state, status: 'finished' });
    default: {
      const unreachable: never = action;
      throw new Error(`Unhandled action ${JSON.stringify(unreachable)}`);
    }
  }
}

export function reduceParticipant(
  state: FineLineState,
  action: FineLineParticipantAction,
  participantId: string,
  ctx: RoundContext,
): Result<FineLineState> {
  if (action.type === 'policy') {
    if (!state.managers.includes(participantId))
      return fail('FORBIDDEN', 'Only the management team sets the policy');
    if (state.status === 'finished') return fail('CONFLICT', 'This run is over');
    return ok(changePolicy(state, action.policy));
  }
  if (state.status === 'finished') return fail('CONFLICT', 'This run is over');
  const shopper = own(state.shoppers, participantId);
  const status = shopper && shopperStatus(currentRun(state).queue, shopper.customerIndex);
  if (!shopper || !status || (status.kind !== 'waiting' && status.kind !== 'atRegister')) {
    return fail('CONFLICT', 'You are not in line right now');
  }
  if (ctx.at - shopper.moodAt < MOOD_INTERVAL_MS)
    return fail('RATE_LIMITED', 'Mood noted: move the slider again in a moment');
  return ok({
    ...state,
    shoppers: withEntry(
      state.shoppers,
      participantId,
      {
        ...shopper,
        mood: action.value,
        moodAt: ctx.at,
      },
      ctx.draft,
    ),
  });
}
