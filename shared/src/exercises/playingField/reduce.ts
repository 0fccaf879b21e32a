import { dict, hasOwn, own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import { copyRecord, withEntry, withoutEntry } from '../records.ts';
import type { Actor, RoundContext } from '../types.ts';
import type {
  PlayingFieldFacilitatorAction,
  PlayingFieldParticipantAction,
  PlayingFieldState,
  TestAnswers,
} from './model.ts';
import { fieldResults } from './stats.ts';

type Action = PlayingFieldParticipantAction | PlayingFieldFacilitatorAction;
type FacilitatorAction = PlayingFieldFacilitatorAction;
type ParticipantAction = PlayingFieldParticipantAction;

const FACILITATOR_TYPES: ReadonlySet<Action['type']> = new Set<FacilitatorAction['type']>([
  'phase',
  'test.open',
  'test.close',
  'map.set',
  'map.clear',
  'map.acceptMajority',
]);

function isFacilitatorAction(action: Action): action is FacilitatorAction {
  return FACILITATOR_TYPES.has(action.type);
}

function hasCard(state: PlayingFieldState, cardId: string): boolean {
  return state.config.cards.some((card) => card.id === cardId);
}

const NO_SUCH_CARD = 'That card is not in the deck';

/**
 * Applies one action. The rules, in one place:
 * - Placing (and taking a card back) happens in the "place" phase, while answers are open
 *   (the session's generic lock) and before the reveal: once the room has seen the spread,
 *   moving a card would only measure who saw it.
 * - A test answer counts for the card whose test is open, while answers are open.
 * - The facilitator moves the phases, opens and closes tests (opening one moves the round
 *   to the "test" phase; leaving that phase closes it) and records the map in any phase.
 */
export function reducePlayingField(
  state: PlayingFieldState,
  action: Action,
  actor: Actor,
  ctx: RoundContext,
): Result<PlayingFieldState> {
  if (isFacilitatorAction(action)) {
    if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can do that');
    return reduceFacilitator(state, action);
  }
  if (actor.role !== 'participant') return fail('FORBIDDEN', 'Participants do that themselves');
  return reduceParticipant(state, action, actor.participantId, ctx);
}

function reduceParticipant(
  state: PlayingFieldState,
  action: ParticipantAction,
  participantId: string,
  ctx: RoundContext,
): Result<PlayingFieldState> {
  if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Answers are locked for this round');
  if (!hasCard(state, action.cardId)) return fail('INVALID_ACTION', NO_SUCH_CARD);

  if (action.type === 'test.answer') {
    if (state.phase !== 'test' || state.activeTestCardId !== action.cardId)
      return fail('INVALID_ACTION', 'The test of that card is not open');
    const tests = state.tests.map((test) =>
      test.cardId === action.cardId
        ? {
            ...test,
            answers: withEntry(test.answers, participantId, {
              ...own(test.answers, participantId),
              [action.question]: action.answer,
            }),
          }
        : test,
    );
    return ok({ ...state, tests });
  }

  if (state.phase !== 'place')
    return fail('INVALID_ACTION', 'Placing is over: the room has moved on');
  if (ctx.isRevealed)
    return fail('ROUND_LOCKED', 'The placements are on the screen, so they can no longer change');
  const before = own(state.placements, participantId) ?? dict();
  const mine =
    action.type === 'place'
      ? withEntry(before, action.cardId, action.zone)
      : withoutEntry(before, action.cardId);
  const placements =
    Object.keys(mine).length > 0
      ? withEntry(state.placements, participantId, mine, ctx.draft)
      : withoutEntry(state.placements, participantId, ctx.draft);
  return ok({ ...state, placements });
}

function reduceFacilitator(
  state: PlayingFieldState,
  action: FacilitatorAction,
): Result<PlayingFieldState> {
  switch (action.type) {
    case 'phase':
      return ok({
        ...state,
        phase: action.phase,
        activeTestCardId: action.phase === 'test' ? state.activeTestCardId : null,
      });
    case 'test.open': {
      if (!hasCard(state, action.cardId)) return fail('INVALID_ACTION', NO_SUCH_CARD);
      // A card tested before keeps its tally: people can change their answers.
      const tests = state.tests.some((t) => t.cardId === action.cardId)
        ? state.tests
        : [...state.tests, { cardId: action.cardId, answers: dict<TestAnswers>() }];
      return ok({ ...state, phase: 'test', tests, activeTestCardId: action.cardId });
    }
    case 'test.close':
      if (state.activeTestCardId === null) return fail('INVALID_ACTION', 'No test is open');
      return ok({ ...state, activeTestCardId: null });
    case 'map.set':
      if (!hasCard(state, action.cardId)) return fail('INVALID_ACTION', NO_SUCH_CARD);
      return ok({
        ...state,
        map: withEntry(state.map, action.cardId, {
          zone: action.zone,
          guideline: action.guideline,
        }),
      });
    case 'map.clear': {
      if (!hasCard(state, action.cardId)) return fail('INVALID_ACTION', NO_SUCH_CARD);
      if (!hasOwn(state.map, action.cardId))
        return fail('INVALID_ACTION', 'That card is not on the map yet');
      return ok({ ...state, map: withoutEntry(state.map, action.cardId) });
    }
    case 'map.acceptMajority': {
      const map = copyRecord(state.map);
      let added = 0;
      for (const spread of fieldResults(state).spreads) {
        if (hasOwn(map, spread.cardId) || !spread.majorityZone) continue;
        map[spread.cardId] = { zone: spread.majorityZone, guideline: '' };
        added += 1;
      }
      if (added === 0)
        return fail('INVALID_ACTION', 'Every card the room placed is on the map already');
      return ok({ ...state, map });
    }
    default: {
      const unreachable: never = action;
      throw new Error(`Unhandled action ${JSON.stringify(unreachable)}`);
    }
  }
}
