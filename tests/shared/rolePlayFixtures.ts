/** Shared builders for the role-play's unit tests: the people, roster, config, stepping and score cards. */
import { type Actor, type RoundContext } from '@playfield/shared';
import { rolePlay, type RolePlayState } from '@playfield/shared/exercises/rolePlay/index';
import {
  type RolePlayConfig,
  type RolePlayFacilitatorAction,
  type RolePlayParticipantAction,
} from '@playfield/shared/exercises/rolePlay/model';

export type Action = RolePlayParticipantAction | RolePlayFacilitatorAction;

export const FAC: Actor = { role: 'facilitator' };
export const as = (participantId: string): Actor => ({ role: 'participant', participantId });

/** Twelve people with ids that sort in a known order, and one who left. */
export const PEOPLE = [
  'Ana',
  'Ben',
  'Cai',
  'Dee',
  'Eli',
  'Fay',
  'Gus',
  'Hal',
  'Ivy',
  'Jon',
  'Kim',
  'Lou',
].map((name) => ({ id: `p-${name.toLowerCase()}`, name }));
export const GONE = { id: 'p-zed-left', name: 'Zed' };

export function rosterOf(
  count: number,
  extra: { id: string; name: string; hasLeft: boolean }[] = [],
) {
  const entries = [
    ...PEOPLE.slice(0, count).map((p) => ({ ...p, hasLeft: false })),
    { ...GONE, hasLeft: true },
    ...extra,
  ];
  return Object.fromEntries(entries.map((e) => [e.id, e]));
}

export function ctx(count: number, overrides: Partial<RoundContext> = {}): RoundContext {
  return { isOpen: true, isRevealed: false, roster: rosterOf(count), at: 5000, ...overrides };
}

export function config(overrides: Partial<RolePlayConfig> = {}): RolePlayConfig {
  return { ...rolePlay.defaultConfig(), ...overrides };
}

export function init(overrides: Partial<RolePlayConfig> = {}): RolePlayState {
  return rolePlay.init(config(overrides), 'round-seed');
}

/** Applies actions that must all be accepted. */
export function act(state: RolePlayState, steps: [Actor, Action][], context: RoundContext) {
  return steps.reduce((s, [actor, action]) => {
    const result = rolePlay.reduce(s, action, actor, context);
    if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
    return result.data;
  }, state);
}

/** Who sits where: the group's member ids by slot (customer, provider, observer...). */
export function scorerOf(state: RolePlayState, groupId: string): string {
  const group = state.groups.find((g) => g.id === groupId);
  if (!group) throw new Error(`no group ${groupId}`);
  const member = group.members[group.members.length >= 3 ? 2 : 0];
  if (!member) throw new Error('empty group');
  return member;
}

export const score = (step: string, value: number | null): Action => ({
  type: 'score',
  step,
  value,
});

/** Scores a whole card for a group, step by step, as its scorer. */
export function scoreCard(
  state: RolePlayState,
  groupId: string,
  values: (number | null)[],
  context: RoundContext,
): RolePlayState {
  const scorer = as(scorerOf(state, groupId));
  const steps = state.config.steps.map((s) => s.name);
  return act(
    state,
    values.flatMap((v, i): [Actor, Action][] =>
      v === null ? [] : [[scorer, score(steps[i] ?? '', v)]],
    ),
    context,
  );
}
