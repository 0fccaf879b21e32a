import type { ExerciseDefinition } from '../types.ts';
import { dict, own } from '../../own.ts';
import { fail } from '../../result.ts';
import {
  fineLineConfigSchema,
  fineLineFacilitatorActionSchema,
  fineLineParticipantActionSchema,
  TICK_MS,
  type FineLineConfig,
  type FineLineFacilitatorAction,
  type FineLineParticipantAction,
  type FineLineState,
} from './model.ts';
import { comparison, debrief, minutes, policyHistoryText } from './comparison.ts';
import { reduceFacilitator, reduceParticipant } from './reduce.ts';
import { currentRun, newRun, shopperStatus } from './runs.ts';
import { commonView, type FineLineViews } from './views.ts';

export type { FineLineConfig, FineLineState };
export { shopperStatus, type ShopperStatus } from './runs.ts';
export {
  POLICY_CHANGES_SHOWN,
  policyHistoryText,
  policyText,
  type RunComparison,
} from './comparison.ts';
export type {
  FineLineCommonView,
  FineLineFacilitatorView,
  FineLineOwnView,
  FineLinePoint,
  FineLineViews,
  RegisterView,
} from './views.ts';

/** The Fine Line: a checkout line that grows until customers complain, then registers open. */
export const fineLine: ExerciseDefinition<
  FineLineConfig,
  FineLineState,
  FineLineParticipantAction,
  FineLineFacilitatorAction,
  FineLineViews
> = {
  kind: 'fineLine',
  label: 'The Fine Line (queue)',
  description:
    'A live checkout-line simulation: participants wait in line on their phones while a staffing policy decides when registers open; compare policies side by side.',
  configSchema: fineLineConfigSchema,
  defaultConfig: () => ({
    arrivalsPerHour: 90,
    serviceKind: 'exponential',
    serviceMeanMinutes: 2,
    patienceMeanMinutes: 5,
    policy: {
      openAtStart: 2,
      openThreshold: 6,
      openDelayMinutes: 2,
      maxRegisters: 5,
      costPerRegisterMinute: 0.5,
    },
    speed: 20,
    durationMinutes: 60,
    seed: 'fine-line',
  }),
  participantActionSchema: fineLineParticipantActionSchema,
  facilitatorActionSchema: fineLineFacilitatorActionSchema,

  init: (config) => ({
    config,
    status: 'ready',
    runs: [newRun(config, 1, 'Wait for the line to grow', config.policy)],
    shoppers: dict(),
    managers: [],
    speed: config.speed,
  }),

  reduce(state, action, actor, ctx) {
    if (actor.role === 'facilitator') {
      if (action.type === 'mood') return fail('FORBIDDEN', 'Participants report their own mood');
      return reduceFacilitator(state, action, ctx);
    }
    if (action.type !== 'mood' && action.type !== 'policy')
      return fail('FORBIDDEN', 'Only the facilitator runs the store');
    return reduceParticipant(state, action, actor.participantId, ctx);
  },

  facilitatorView: (state, ctx) => ({
    ...commonView(state, ctx.roster, true),
    config: state.config,
    people: Object.values(ctx.roster)
      .filter((p) => !p.hasLeft)
      .map((p) => ({ id: p.id, name: p.name, isManager: state.managers.includes(p.id) })),
  }),
  participantPublicView: (state, ctx) => commonView(state, ctx.roster, false),
  participantOwnView(state, participantId) {
    const shopper = own(state.shoppers, participantId);
    return {
      status: shopper ? shopperStatus(currentRun(state).queue, shopper.customerIndex) : null,
      mood: shopper?.mood ?? null,
      isManager: state.managers.includes(participantId),
      visits: shopper?.visits ?? 0,
      lastWaitMinutes: shopper?.lastWaitMinutes ?? null,
    };
  },
  screenView: (state, ctx) => commonView(state, ctx.roster, true),
  // Every tick moves every shopper along the line: each phone's own view changes.
  hasSharedOwnViews: true,
  // The store has its own open, pause and close; the generic lock and reveal mean nothing here.
  roundControls: [],
  submittedCount: (state) => Object.values(state.shoppers).filter((s) => s.mood !== null).length,

  summary(state) {
    const runs = state.runs.map(comparison);
    return {
      headline: `The Fine Line: ${runs.length} ${runs.length === 1 ? 'policy' : 'policies'} over the same customers`,
      blocks: [
        {
          type: 'table',
          columns: [
            'Policy',
            'Staffing over the run',
            'Average wait',
            'Worst wait',
            'Past patience',
            'Average mood',
            'Staffing cost',
          ],
          rows: runs.map((r) => [
            r.label,
            policyHistoryText(r),
            minutes(r.averageWait),
            minutes(r.worstWait),
            `${Math.round(r.pastPatienceShare * 100)}%`,
            r.averageMood === null ? '–' : r.averageMood.toFixed(1),
            r.staffingCost.toFixed(0),
          ]),
        },
        {
          type: 'bars',
          labels: runs.map((r) => r.label),
          values: runs.map((r) => Math.round(r.averageWait * 10) / 10),
          unit: 'minutes of average wait',
        },
        ...(debrief({ ...state, status: 'finished' }) ?? []).map((text) => ({
          type: 'text' as const,
          text,
        })),
      ],
    };
  },

  actionPlanPrompt: () =>
    'Where do we wait for customers to complain before we act? What will I change so we act first?',

  automation(state) {
    if (state.status !== 'running') return null;
    const clock = currentRun(state).queue.clock;
    const toClock = Math.min(
      state.config.durationMinutes,
      clock + (state.speed * TICK_MS) / 60_000,
    );
    return { action: { type: 'tick', toClock }, delayMs: TICK_MS };
  },
};
