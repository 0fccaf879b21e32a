/** Shared builders for the Playing Field's unit tests: the people, the deck, config, stepping and the worked room. */
import { expect } from 'vitest';
import { type Actor, type AppError, type RoundContext } from '@playfield/shared';
import {
  playingField,
  type PlayingFieldState,
  type PlayingFieldFacilitatorAction,
  type PlayingFieldParticipantAction,
  type Zone,
} from '@playfield/shared/exercises/playingField/index';
import { type PlayingFieldConfig } from '@playfield/shared/exercises/playingField/model';

export type Action = PlayingFieldParticipantAction | PlayingFieldFacilitatorAction;

export const FAC: Actor = { role: 'facilitator' };
export const as = (participantId: string): Actor => ({ role: 'participant', participantId });

export const ANA = 'p-ana-31';
export const BEN = 'p-ben-47';
export const CAI = 'p-cai-59';
export const DEE = 'p-dee-62';
export const EVA = 'p-eva-88';
export const NAMES: Record<string, string> = {
  [ANA]: 'Ana Ortega',
  [BEN]: 'Ben Whitlock',
  [CAI]: 'Cai Lindqvist',
  [DEE]: 'Dee Okafor',
  [EVA]: 'Eva Marsh',
};

export function ctx(overrides: Partial<RoundContext> = {}): RoundContext {
  return {
    isOpen: true,
    isRevealed: false,
    roster: Object.fromEntries(
      Object.entries(NAMES).map(([id, name]) => [id, { id, name, hasLeft: false }]),
    ),
    at: 1_700_000_000_000,
    ...overrides,
  };
}

/** A small deck of five cards, A to E. */
export const DECK: PlayingFieldConfig['cards'] = [
  { id: 'a', text: 'Refund past the return window', note: '€85' },
  { id: 'b', text: 'Waive a late fee', note: '€25' },
  { id: 'c', text: 'Free rush delivery', note: '' },
  { id: 'd', text: 'Give account details to a third party', note: 'Data protection risk' },
  { id: 'e', text: 'Large credit after an outage', note: '€400' },
];

export function config(overrides: Partial<PlayingFieldConfig> = {}): PlayingFieldConfig {
  return { cards: DECK.map((c) => ({ ...c })), consensusPercent: 75, ...overrides };
}

export function init(overrides: Partial<PlayingFieldConfig> = {}): PlayingFieldState {
  return playingField.init(config(overrides), 'seed');
}

export function step(state: PlayingFieldState, actor: Actor, action: Action, context = ctx()) {
  const result = playingField.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${JSON.stringify(action)}: ${result.error.message}`);
  return result.data;
}

export function refused(
  state: PlayingFieldState,
  actor: Actor,
  action: Action,
  context = ctx(),
): AppError {
  const before = JSON.stringify(state);
  const result = playingField.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${JSON.stringify(action)} was accepted`);
  // The state given is never touched.
  expect(JSON.stringify(state)).toBe(before);
  return result.error;
}

export const place = (cardId: string, zone: Zone): Action => ({ type: 'place', cardId, zone });

/**
 * The hand-worked room: four people place A to D, a fifth places E only.
 *   A: spot, spot, spot, guideline    -> [3, 1, 0], P_i = (9 + 1 - 4) / 12 = 0.5, 75 % spot
 *   B: spot, guideline, esc, esc      -> [1, 1, 2], P_i = (1 + 1 + 4 - 4) / 12 = 1/6
 *   C: guideline, guideline, esc, esc -> [0, 2, 2], P_i = (4 + 4 - 4) / 12 = 1/3, tie
 *   D: esc x 4                        -> [0, 0, 4], P_i = 1
 *   E: spot (one person)              -> [1, 0, 0], not counted
 * Over A-D: 16 placements, 4 spot, 4 guideline, 8 escalate: P_e = 1/16 + 1/16 + 1/4 = 0.375;
 * P-bar = (0.5 + 1/6 + 1/3 + 1) / 4 = 0.5; kappa = (0.5 - 0.375) / 0.625 = 0.2.
 */
export function workedRoom(): PlayingFieldState {
  const rows: [string, Zone[]][] = [
    [ANA, ['spot', 'spot', 'guideline', 'escalate']],
    [BEN, ['spot', 'guideline', 'guideline', 'escalate']],
    [CAI, ['spot', 'escalate', 'escalate', 'escalate']],
    [DEE, ['guideline', 'escalate', 'escalate', 'escalate']],
  ];
  let s = init();
  for (const [who, zones] of rows) {
    zones.forEach((zone, i) => {
      s = step(s, as(who), place('abcd'[i] ?? '', zone));
    });
  }
  return step(s, as(EVA), place('e', 'spot'));
}
