/**
 * Role-play in pairs or trios (hostile feedback, 003 [27]-[28]). The facilitator forms
 * groups from everyone present with a seeded shuffle; in each group one person plays the
 * customer with a complaint, one the service provider walking through the steps
 * (Communicate, Empathise, Clarify, Correct), and in a trio the third observes and scores
 * each step. In a pair the customer scores.
 *
 * Flow: `form` groups (again to re-form), `rotate` so everyone moves one part on for the
 * next play, `placeNewcomers` for people who joined after forming: they wait, out of any
 * group, until the facilitator places them (each into the group with the fewest people
 * present) or re-forms. Scores can change until the round is locked.
 *
 * Privacy: a scorecard is seen by the facilitator, by its scorer, and by the rest of the
 * group once every step is scored (their feedback). The room's aggregates reach the
 * phones and the room screen only when the facilitator reveals them, so groups still
 * playing are not swayed; the screen shows how many groups have scored meanwhile.
 */
import { dict, own } from '../../own.ts';
import type { ExerciseDefinition, RoundContext, RosterEntry } from '../types.ts';
import { roleOfSlot, scorerSlot } from './groups.ts';
import {
  rolePlayConfigSchema,
  rolePlayFacilitatorActionSchema,
  rolePlayParticipantActionSchema,
  type RolePlayConfig,
  type RolePlayFacilitatorAction,
  type RolePlayGroupSize,
  type RolePlayParticipantAction,
  type RolePlayRole,
  type RolePlayState,
  type RolePlayStep,
} from './model.ts';
import { UNANSWERED_COMPLAINT } from './presets.ts';
import { groupOf, reduceRolePlay, waitingIds } from './reduce.ts';
import {
  allScorecards,
  isCompleteScorecard,
  rolePlayProgress,
  rolePlayResults,
  type RolePlayProgress,
  type RolePlayResults,
  type RolePlayStepStats,
} from './stats.ts';

export type {
  RolePlayConfig,
  RolePlayState,
  RolePlayRole,
  RolePlayStep,
  RolePlayGroupSize,
  RolePlayResults,
  RolePlayStepStats,
  RolePlayProgress,
  RolePlayParticipantAction,
  RolePlayFacilitatorAction,
};

/** The scenario every view shows: the complaint, the steps and how they are scored. */
export interface RolePlayScenario {
  title: string;
  complaint: string;
  steps: RolePlayStep[];
  scaleMax: number;
  groupSize: RolePlayGroupSize;
}

/** What every phone sees: the scenario and the steps; the room's results once revealed. */
export interface RolePlayPublicView extends RolePlayScenario {
  /** The play running; 0 until groups are formed. */
  play: number;
  groupCount: number;
  /** Only once revealed, so groups still playing are not swayed. */
  results: RolePlayResults | null;
}

/** A group member as the people in the group see them. */
export interface RolePlayPartnerView {
  name: string;
  role: RolePlayRole;
  isScorer: boolean;
}

/** A scorecard as a view carries it. */
export interface RolePlayScorecardView {
  /** Aligned with the steps; null where not scored. */
  scores: (number | null)[];
  comment: string;
  isComplete: boolean;
}

/** This participant's group, part and brief; blank (`group: null`) until they are placed. */
export interface RolePlayOwnView {
  group: {
    label: string;
    role: RolePlayRole;
    isScorer: boolean;
    /** The others in the group, in the order of their parts. */
    partners: RolePlayPartnerView[];
    /** The customer's or provider's brief for this participant's part; null for an observer. */
    brief: string | null;
    /** The scorer's card; for the others, once every step is scored, else null. */
    scorecard: RolePlayScorecardView | null;
  } | null;
}

/** A group as the facilitator sees it. */
export interface RolePlayGroupView {
  id: string;
  label: string;
  members: {
    id: string;
    name: string;
    role: RolePlayRole;
    isScorer: boolean;
    hasLeft: boolean;
  }[];
  /** Not started, some steps scored, every step scored. */
  status: 'waiting' | 'scoring' | 'scored';
  scorecard: RolePlayScorecardView | null;
}

/** The console: every group with its parts and scores, who waits, and the room's results. */
export interface RolePlayFacilitatorView {
  config: RolePlayConfig;
  play: number;
  groups: RolePlayGroupView[];
  /** People present in no group: they joined after forming. */
  waiting: { id: string; name: string }[];
  progress: RolePlayProgress;
  results: RolePlayResults;
}

/** The room screen: the scenario and steps, progress, and the results once revealed. */
export interface RolePlayScreenView extends RolePlayScenario {
  play: number;
  progress: RolePlayProgress;
  results: RolePlayResults | null;
}

/** The role-play's four view types. */
export interface RolePlayViews {
  facilitator: RolePlayFacilitatorView;
  participantPublic: RolePlayPublicView;
  participantOwn: RolePlayOwnView;
  screen: RolePlayScreenView;
}

const groupLabel = (id: string) => `Group ${id.slice(1)}`;

function nameOf(roster: Readonly<Record<string, RosterEntry>>, id: string): string {
  return own(roster, id)?.name ?? 'Someone who left';
}

function scorecardView(state: RolePlayState, groupId: string): RolePlayScorecardView | null {
  const card = own(state.scorecards, groupId);
  if (!card) return null;
  return { scores: card.scores, comment: card.comment, isComplete: isCompleteScorecard(card) };
}

function blankScorecard(state: RolePlayState): RolePlayScorecardView {
  return { scores: state.config.steps.map(() => null), comment: '', isComplete: false };
}

function revealed(state: RolePlayState, ctx: RoundContext): RolePlayResults | null {
  return ctx.isRevealed ? rolePlayResults(state) : null;
}

/** Digits with at most one decimal, for headlines and tables. */
function formatScore(value: number | null): string {
  return value === null ? '–' : String(Math.round(value * 10) / 10);
}

/** The scenario as the phones and the room screen show it. */
function scenarioOf(state: RolePlayState): RolePlayScenario {
  const { scenario, steps, scaleMax, groupSize } = state.config;
  return { title: scenario.title, complaint: scenario.complaint, steps, scaleMax, groupSize };
}

/** Role-play in pairs or trios: a complaint, four steps, an observer who scores each. */
export const rolePlay: ExerciseDefinition<
  RolePlayConfig,
  RolePlayState,
  RolePlayParticipantAction,
  RolePlayFacilitatorAction,
  RolePlayViews
> = {
  kind: 'rolePlay',
  label: 'Role-play in pairs or trios',
  description:
    'Groups play out a customer complaint: a customer, a service provider walking through the steps, and an observer who scores each step; roles rotate.',
  configSchema: rolePlayConfigSchema,
  defaultConfig: () => ({
    ...UNANSWERED_COMPLAINT,
    scenario: { ...UNANSWERED_COMPLAINT.scenario },
    steps: UNANSWERED_COMPLAINT.steps.map((s) => ({ ...s })),
  }),
  participantActionSchema: rolePlayParticipantActionSchema,
  facilitatorActionSchema: rolePlayFacilitatorActionSchema,

  init: (config, seed) => ({
    config,
    seed,
    formations: 0,
    play: 0,
    groups: [],
    scorecards: dict(),
    archive: [],
  }),

  reduce: reduceRolePlay,

  facilitatorView(state, ctx) {
    const progress = rolePlayProgress(state);
    return {
      config: state.config,
      play: state.play,
      groups: state.groups.map((group) => {
        const scorecard = scorecardView(state, group.id);
        const hasScores = scorecard?.scores.some((s) => s !== null) ?? false;
        return {
          id: group.id,
          label: groupLabel(group.id),
          members: group.members.map((id, slot) => ({
            id,
            name: nameOf(ctx.roster, id),
            role: roleOfSlot(slot),
            isScorer: slot === scorerSlot(group.members.length),
            hasLeft: own(ctx.roster, id)?.hasLeft ?? true,
          })),
          status: scorecard?.isComplete ? 'scored' : hasScores ? 'scoring' : 'waiting',
          scorecard,
        };
      }),
      waiting: waitingIds(state, ctx).map((id) => ({ id, name: nameOf(ctx.roster, id) })),
      progress,
      results: rolePlayResults(state),
    };
  },

  participantPublicView(state, ctx) {
    return {
      ...scenarioOf(state),
      play: state.play,
      groupCount: state.groups.length,
      results: revealed(state, ctx),
    };
  },

  participantOwnView(state, participantId, ctx) {
    const place = groupOf(state, participantId);
    if (!place) return { group: null };
    const { group, slot } = place;
    const scorer = scorerSlot(group.members.length);
    const role = roleOfSlot(slot);
    const isScorer = slot === scorer;
    const card = scorecardView(state, group.id);
    const { customerBrief, providerBrief } = state.config.scenario;
    return {
      group: {
        label: groupLabel(group.id),
        role,
        isScorer,
        partners: group.members.flatMap((id, i) =>
          i === slot
            ? []
            : [{ name: nameOf(ctx.roster, id), role: roleOfSlot(i), isScorer: i === scorer }],
        ),
        brief: role === 'customer' ? customerBrief : role === 'provider' ? providerBrief : null,
        scorecard: isScorer ? (card ?? blankScorecard(state)) : card?.isComplete ? card : null,
      },
    };
  },

  screenView(state, ctx) {
    return {
      ...scenarioOf(state),
      play: state.play,
      progress: rolePlayProgress(state),
      results: revealed(state, ctx),
    };
  },

  // A scorer's finished card appears on the phones of the rest of their group.
  hasSharedOwnViews: true,

  // Every scorecard of every play: the round's config is then kept as it is.
  submittedCount: (state) => allScorecards(state).length,

  summary(state) {
    const results = rolePlayResults(state);
    const { scenario, scaleMax } = state.config;
    const scored = results.steps.filter((s) => s.mean !== null);
    const weakest = scored.reduce<RolePlayStepStats | null>(
      (low, s) => (low === null || (s.mean ?? 0) < (low.mean ?? 0) ? s : low),
      null,
    );
    const notes = allScorecards(state)
      .map((c) => c.comment)
      .filter((c) => c !== '');
    return {
      headline:
        results.scorecards === 0
          ? `Role-play “${scenario.title}”: no scores yet`
          : `Role-play “${scenario.title}”: ${results.scorecards} ${results.scorecards === 1 ? 'scorecard' : 'scorecards'}` +
            (weakest
              ? `; weakest step ${weakest.name} (${formatScore(weakest.mean)} of ${scaleMax})`
              : ''),
      blocks: [
        { type: 'text', text: `${scenario.title}: ${scenario.complaint}` },
        {
          type: 'bars',
          labels: results.steps.map((s) => s.name),
          values: results.steps.map((s) => s.mean ?? 0),
          unit: `mean score (1 to ${scaleMax})`,
        },
        {
          type: 'table',
          columns: ['Step', 'Mean', 'Lowest', 'Highest', 'Groups scored'],
          rows: results.steps.map((s) => [
            s.name,
            formatScore(s.mean),
            formatScore(s.lowest),
            formatScore(s.highest),
            String(s.count),
          ]),
        },
        {
          type: 'text',
          text: `${results.scorecards} ${results.scorecards === 1 ? 'scorecard' : 'scorecards'} from ${results.plays} ${results.plays === 1 ? 'play' : 'plays'}; scores from 1 to ${scaleMax}.`,
        },
        ...(notes.length
          ? [
              {
                type: 'list' as const,
                title: 'What the observers noted (unattributed)',
                items: notes,
              },
            ]
          : []),
      ],
    };
  },

  actionPlanPrompt: (config) =>
    `In the “${config.scenario.title}” role-play, which step (${config.steps
      .map((s) => s.name)
      .join(
        ', ',
      )}) is hardest for me with an angry customer, and what will I do differently the next time someone complains?`,
};
