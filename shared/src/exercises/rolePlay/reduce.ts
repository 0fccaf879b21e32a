import { dict, own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import { withEntry, withoutEntry } from '../records.ts';
import type { Actor, RoundContext } from '../types.ts';
import { formGroups, placeNewcomers, presentIds, rotateGroup, scorerSlot } from './groups.ts';
import type {
  RolePlayFacilitatorAction,
  RolePlayGroup,
  RolePlayParticipantAction,
  RolePlayScorecard,
  RolePlayState,
} from './model.ts';
import { isBlankScorecard } from './stats.ts';

/** The group a participant is in, with their slot, or null. */
export function groupOf(
  state: RolePlayState,
  participantId: string,
): { group: RolePlayGroup; slot: number } | null {
  for (const group of state.groups) {
    const slot = group.members.indexOf(participantId);
    if (slot >= 0) return { group, slot };
  }
  return null;
}

/** People present who are in no group: newcomers held until they are placed or groups re-form. */
export function waitingIds(state: RolePlayState, ctx: RoundContext): string[] {
  const grouped = new Set(state.groups.flatMap((g) => g.members));
  return presentIds(ctx.roster).filter((id) => !grouped.has(id));
}

/** Ends the play running: its scorecards join the archive, and the next play starts blank. */
function nextPlay(state: RolePlayState, groups: RolePlayGroup[]): RolePlayState {
  const finished = state.groups
    .map((g) => own(state.scorecards, g.id))
    .filter((c): c is RolePlayScorecard => c !== undefined);
  return {
    ...state,
    groups,
    play: state.play + 1,
    scorecards: dict(),
    archive: [...state.archive, ...finished],
  };
}

function reduceFacilitator(
  state: RolePlayState,
  action: RolePlayFacilitatorAction,
  ctx: RoundContext,
): Result<RolePlayState> {
  switch (action.type) {
    case 'form': {
      const present = presentIds(ctx.roster);
      if (present.length < 2) {
        return fail('INVALID_ACTION', 'Groups need at least two people in the session');
      }
      const groups = formGroups(present, state.config.groupSize, state.seed, state.formations);
      return ok({ ...nextPlay(state, groups), formations: state.formations + 1 });
    }
    case 'rotate':
      if (state.groups.length === 0) return fail('INVALID_ACTION', 'Form the groups first');
      return ok(nextPlay(state, state.groups.map(rotateGroup)));
    case 'placeNewcomers': {
      if (state.groups.length === 0) return fail('INVALID_ACTION', 'Form the groups first');
      const waiting = waitingIds(state, ctx);
      if (waiting.length === 0) return fail('INVALID_ACTION', 'Nobody is waiting for a group');
      const isPresent = (id: string) => own(ctx.roster, id)?.hasLeft === false;
      return ok({ ...state, groups: placeNewcomers(state.groups, waiting, isPresent) });
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function reduceParticipant(
  state: RolePlayState,
  action: RolePlayParticipantAction,
  participantId: string,
  ctx: RoundContext,
): Result<RolePlayState> {
  const place = groupOf(state, participantId);
  if (!place) return fail('FORBIDDEN', 'You are not in a group yet');
  const { group, slot } = place;
  if (slot !== scorerSlot(group.members.length)) {
    return fail(
      'FORBIDDEN',
      group.members.length >= 3
        ? 'Only your group’s observer scores the role-play'
        : 'Only your pair’s customer scores the role-play',
    );
  }
  if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Scores are locked for this role-play');
  const card: RolePlayScorecard = own(state.scorecards, group.id) ?? {
    groupId: group.id,
    play: state.play,
    scores: state.config.steps.map(() => null),
    comment: '',
  };
  let next: RolePlayScorecard;
  switch (action.type) {
    case 'score': {
      const index = state.config.steps.findIndex((s) => s.name === action.step);
      if (index < 0) return fail('INVALID_ACTION', `There is no step called “${action.step}”`);
      if (action.value !== null && action.value > state.config.scaleMax) {
        return fail('INVALID_ACTION', `Scores go from 1 to ${state.config.scaleMax}`);
      }
      next = { ...card, scores: card.scores.map((s, i) => (i === index ? action.value : s)) };
      break;
    }
    case 'comment':
      next = { ...card, comment: action.text };
      break;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
  // A card emptied again is dropped, so counts and summaries only see real scorecards.
  const scorecards = isBlankScorecard(next)
    ? withoutEntry(state.scorecards, group.id)
    : withEntry(state.scorecards, group.id, next);
  return ok({ ...state, scorecards });
}

/** Applies one validated action, or refuses it with a typed error and no change. */
export function reduceRolePlay(
  state: RolePlayState,
  action: RolePlayParticipantAction | RolePlayFacilitatorAction,
  actor: Actor,
  ctx: RoundContext,
): Result<RolePlayState> {
  if (action.type === 'score' || action.type === 'comment') {
    if (actor.role !== 'participant') {
      return fail('FORBIDDEN', 'Only a group’s scorer scores the role-play');
    }
    return reduceParticipant(state, action, actor.participantId, ctx);
  }
  if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can do that');
  return reduceFacilitator(state, action, ctx);
}
