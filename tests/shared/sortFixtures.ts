/** Shared builders for the sort exercise's unit tests: the people, config, stepping, placing and the worked example. */
import { type Actor, type RoundContext } from '@playfield/shared';
import {
  sort,
  type SortConfig,
  type SortFacilitatorAction,
  type SortParticipantAction,
  type SortState,
} from '@playfield/shared/exercises/sort/index';
import { exerciseContext } from './sessionHarness.ts';

export type Action = SortParticipantAction | SortFacilitatorAction;

export const ANA = { id: 'p-ana-51c', name: 'Ana Lindqvist' };
export const BEN = { id: 'p-ben-0e2', name: 'Benoît Okafor' };
export const CAI = { id: 'p-cai-7d4', name: 'Cai Moreno' };
export const DEE = { id: 'p-dee-93a', name: 'Dee Hartmann' };
export const PEOPLE = [ANA, BEN, CAI, DEE];
export const FAC: Actor = { role: 'facilitator' };
export const as = (id: string): Actor => ({ role: 'participant', participantId: id });

export const ctx = (overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at: 5000, ...overrides });

/** Three statements: A expects category 0, B expects 1, C has no right answer. */
export function config(overrides: Partial<SortConfig> = {}): SortConfig {
  return {
    prompt: 'Product or service?',
    categories: ['Product', 'Service'],
    items: [
      { text: 'Samples sent out', answer: 0 },
      { text: 'Produced with the customer present', answer: 1 },
      { text: 'Priced per hour', answer: null },
    ],
    ...overrides,
  };
}

export function init(overrides: Partial<SortConfig> = {}): SortState {
  return sort.init(config(overrides), 'seed');
}

export function act(state: SortState, steps: [Actor, Action][], context = ctx()): SortState {
  return steps.reduce((s, [actor, action]) => {
    const result = sort.reduce(s, action, actor, context);
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  }, state);
}

export const place = (item: number, category: number): SortParticipantAction => ({
  type: 'place',
  item,
  category,
});

/** Each person's placements as steps; null leaves a statement unsorted. */
export function sorted(state: SortState, answers: [string, (number | null)[]][]): SortState {
  const steps: [Actor, Action][] = answers.flatMap(([id, cats]) =>
    cats.flatMap((c, item): [Actor, Action][] => (c === null ? [] : [[as(id), place(item, c)]])),
  );
  return act(state, steps);
}

/**
 * The worked example:
 *   Ana [0, 1, 0]  Ben [0, 0, 1]  Cai [1, 1, -]  Dee [0, -, -]
 * Statement A: 3 Product, 1 Service; 3 of 4 as expected, agreement 3/4.
 * Statement B: 1 Product, 2 Service; 2 of 3 as expected, agreement 2/3.
 * Statement C: 1 and 1; no answer, agreement 1/2.
 * Answers on scorable statements: 4 + 3 = 7, of which 3 + 2 = 5 as expected.
 * Scores (of 2): Ana 2, Ben 1, Cai 1, Dee 1.
 */
export function workedExample(): SortState {
  return sorted(init(), [
    [ANA.id, [0, 1, 0]],
    [BEN.id, [0, 0, 1]],
    [CAI.id, [1, 1, null]],
    [DEE.id, [0, null, null]],
  ]);
}
