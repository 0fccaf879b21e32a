/** Shared builders for the canvas's unit tests: the people, config, stepping, posting and the hand-worked figures. */
import { expect } from 'vitest';
import { type Actor, type AppError, type RoundContext } from '@playfield/shared';
import {
  canvas,
  type CanvasConfig,
  type CanvasFacilitatorAction,
  type CanvasParticipantAction,
  type CanvasState,
} from '@playfield/shared/exercises/canvas/index';
import { exerciseContext } from './sessionHarness.ts';

export type Action = CanvasParticipantAction | CanvasFacilitatorAction;

export const ANA = { id: 'p-ana-3c1', name: 'Ana Lindqvist' };
export const BEN = { id: 'p-ben-8d2', name: 'Ben Okafor' };
export const CAI = { id: 'p-cai-5e7', name: 'Cai Moreau' };
export const PEOPLE = [ANA, BEN, CAI];
export const FAC: Actor = { role: 'facilitator' };
export const as = (participantId: string): Actor => ({ role: 'participant', participantId });

export const ctx = (overrides: Partial<RoundContext> = {}): RoundContext =>
  exerciseContext(PEOPLE, { at: 1000, ...overrides });

/** Two rated boxes and one unrated, two tags, four entries a person. */
export function config(overrides: Partial<CanvasConfig> = {}): CanvasConfig {
  return {
    prompt: 'List the contacts a customer has with us and rate the impression each leaves.',
    boxes: [
      { title: 'Before they buy', hint: 'Adverts, the website…', isRated: true },
      { title: 'Buying', hint: 'The counter, the invoice…', isRated: true },
      { title: 'Ideas', hint: '', isRated: false },
    ],
    rating: { question: 'Impression', max: 5, lowLabel: 'Poor', highLabel: 'Excellent' },
    tags: ['Not mine', 'Urgent'],
    maxEntriesPerPerson: 4,
    isAnonymous: false,
    actionPrompt: 'Which moment of truth will I improve first?',
    ...overrides,
  };
}

export const init = (overrides: Partial<CanvasConfig> = {}) =>
  canvas.init(config(overrides), 'seed');

export function step(
  state: CanvasState,
  actor: Actor,
  action: Action,
  context = ctx(),
): CanvasState {
  const result = canvas.reduce(state, action, actor, context);
  if (!result.ok) throw new Error(`${action.type} was refused: ${result.error.message}`);
  return result.data;
}

export function act(state: CanvasState, steps: [Actor, Action][], context = ctx()): CanvasState {
  return steps.reduce((s, [actor, action]) => step(s, actor, action, context), state);
}

/** An action that must be refused; also checks it left the state exactly as it was. */
export function refused(
  state: CanvasState,
  actor: Actor,
  action: Action,
  context = ctx(),
): AppError {
  const before = structuredClone(state);
  const result = canvas.reduce(state, action, actor, context);
  if (result.ok) throw new Error(`${action.type} was accepted`);
  expect(state).toEqual(before);
  return result.error;
}

export const post = (
  box: number,
  text: string,
  rating: number | null = box < 2 ? 3 : null,
  tags: number[] = [],
): Action => ({ type: 'post', box, text, rating, tags });

/**
 * The hand-worked canvas:
 *   e1 Ana  box 0 "Website"        rating 2
 *   e2 Ben  box 0 "Web site"       rating 4, tagged Not mine   (merged into e1 below)
 *   e3 Cai  box 0 "Phone call"     rating 5, tagged Not mine, Urgent
 *   e4 Ben  box 0 "Rude reply"     rating 1                    (hidden below)
 *   e5 Ana  box 2 "Call back sooner"
 */
export function handWorked(): CanvasState {
  return act(init(), [
    [as(ANA.id), post(0, 'Website', 2)],
    [as(BEN.id), post(0, 'Web site', 4, [0])],
    [as(CAI.id), post(0, 'Phone call', 5, [1, 0])],
    [as(BEN.id), post(0, 'Rude reply', 1)],
    [as(ANA.id), post(2, 'Call back sooner')],
    [FAC, { type: 'merge', entryId: 'e2', intoId: 'e1' }],
    [FAC, { type: 'hide', entryId: 'e4', isHidden: true }],
  ]);
}
