import { z } from 'zod';
import { dict, own } from '../../own.ts';
import { cleanText } from '../../protocol/schemas.ts';
import { ok } from '../../result.ts';
import { withEntry, withoutEntry } from '../records.ts';
import type { ExerciseDefinition, RoundContext } from '../types.ts';
import { actionPlanPresets } from './presets.ts';

export { actionPlanPresets };

/** Longest introduction the phones show above the plan editor. */
export const ACTION_PLAN_INTRO_LENGTH = 600;

/** The closing round's settings: what the phones say above each person's plan. */
export const actionPlanConfigSchema = z.object({
  intro: cleanText(ACTION_PLAN_INTRO_LENGTH, { what: 'The introduction', isOptional: true }),
});
export type ActionPlanConfig = z.infer<typeof actionPlanConfigSchema>;

/**
 * Who has marked their plan done. The plans themselves are Yjs documents of their own,
 * private to each participant: the round only counts, it never holds their content.
 */
export interface ActionPlanState {
  config: ActionPlanConfig;
  finished: Record<string, true>;
}

/** A participant marks their plan done, or takes that back. */
export const actionPlanParticipantActionSchema = z.object({
  type: z.literal('finish'),
  isFinished: z.boolean(),
});
export type ActionPlanParticipantAction = z.infer<typeof actionPlanParticipantActionSchema>;

/** The facilitator has nothing to do inside this round: plans are the participants' own. */
export const actionPlanFacilitatorActionSchema = z.never();
export type ActionPlanFacilitatorAction = z.infer<typeof actionPlanFacilitatorActionSchema>;

/** The console: progress, and who is done (names only, never what they wrote). */
export interface ActionPlanFacilitatorView {
  intro: string;
  finishedCount: number;
  participantCount: number;
  finishedNames: string[];
}

/** Identical for every phone: the introduction. */
export interface ActionPlanPublicView {
  intro: string;
}

/** This participant's own mark. */
export interface ActionPlanOwnView {
  isFinished: boolean;
}

/** The room screen: "12 of 20 plans done", big. */
export interface ActionPlanScreenView {
  finishedCount: number;
  participantCount: number;
}

export interface ActionPlanViews {
  facilitator: ActionPlanFacilitatorView;
  participantPublic: ActionPlanPublicView;
  participantOwn: ActionPlanOwnView;
  screen: ActionPlanScreenView;
}

/** People still in the session, and those of them who marked their plan done. */
function progress(state: ActionPlanState, ctx: RoundContext) {
  const present = Object.values(ctx.roster).filter((p) => !p.hasLeft);
  const done = present.filter((p) => own(state.finished, p.id) === true);
  return { present, done };
}

/** "12 of 20 plans done": how the room screen and the summary put it. */
export function plansDoneLabel(finished: number, total: number): string {
  return `${finished} of ${total} ${total === 1 ? 'plan' : 'plans'} done`;
}

/**
 * The closing round: every participant finishes their personal action plan on the phone
 * (the plan editor, backed by their own Yjs document) and marks it done; the room sees
 * only how many are done.
 */
export const actionPlan: ExerciseDefinition<
  ActionPlanConfig,
  ActionPlanState,
  ActionPlanParticipantAction,
  ActionPlanFacilitatorAction,
  ActionPlanViews
> = {
  kind: 'actionPlan',
  label: 'Personal action plan',
  description:
    'The closing round: everyone finishes their own action plan on the phone (why, first step, due date, who, how they will know) and can export it. The room sees only how many are done.',
  configSchema: actionPlanConfigSchema,
  defaultConfig: () => structuredClone(actionPlanPresets.personalActionPlan.config),
  participantActionSchema: actionPlanParticipantActionSchema,
  facilitatorActionSchema: actionPlanFacilitatorActionSchema,
  // Marking done is always possible: the round has no lock, a plan is never "too late".
  roundControls: [],

  init: (config) => ({ config, finished: dict() }),

  reduce(state, action, actor, ctx) {
    // The schemas let only participants' `finish` through; facilitator actions never parse.
    if (actor.role !== 'participant') return ok(state);
    const finished = action.isFinished
      ? withEntry(state.finished, actor.participantId, true, ctx.draft)
      : withoutEntry(state.finished, actor.participantId, ctx.draft);
    return ok({ ...state, finished });
  },

  facilitatorView(state, ctx) {
    const { present, done } = progress(state, ctx);
    return {
      intro: state.config.intro,
      finishedCount: done.length,
      participantCount: present.length,
      finishedNames: done.map((p) => p.name).sort((a, b) => a.localeCompare(b)),
    };
  },

  participantPublicView: (state) => ({ intro: state.config.intro }),

  participantOwnView: (state, participantId) => ({
    isFinished: own(state.finished, participantId) === true,
  }),

  screenView(state, ctx) {
    const { present, done } = progress(state, ctx);
    return { finishedCount: done.length, participantCount: present.length };
  },

  submittedCount: (state) => Object.keys(state.finished).length,

  summary(state, ctx) {
    const { present, done } = progress(state, ctx);
    return {
      headline: 'Personal action plans',
      blocks: [
        {
          type: 'text',
          text: `${plansDoneLabel(done.length, present.length)}. Plans stay private to their authors; those shared with the team are in the notebook and the shared plans download.`,
        },
      ],
    };
  },

  actionPlanPrompt: () => 'What is the one thing I will start on first, after today?',
};
