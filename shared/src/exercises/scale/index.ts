import { dict } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import type { Actor, ExerciseDefinition, RoundContext, SummaryBlock } from '../types.ts';
import {
  SCALE_LIMITS,
  scaleBounds,
  scaleConfigSchema,
  scaleFacilitatorActionSchema,
  scaleParticipantActionSchema,
  type ScaleAnswer,
  type ScaleBaseline,
  type ScaleConfig,
  type ScaleFacilitatorAction,
  type ScaleKind,
  type ScaleParticipantAction,
  type ScaleState,
} from './model.ts';
import { readSharded, writeSharded } from './shards.ts';
import {
  FIGURES_COLUMNS,
  adjustTally,
  emptyTally,
  formatChange,
  formatFigure,
  statementStats,
  type StatementStats,
} from './stats.ts';

export {
  SCALE_KINDS,
  SCALE_LIMITS,
  scaleBounds,
  scaleConfigSchema,
  scaleFacilitatorActionSchema,
  scaleParticipantActionSchema,
  statementKey,
} from './model.ts';
export type {
  BaselineStatement,
  ScaleAnswer,
  ScaleBaseline,
  ScaleConfig,
  ScaleFacilitatorAction,
  ScaleKind,
  ScaleParticipantAction,
  ScaleState,
  StatementTally,
} from './model.ts';
export {
  FIGURES_COLUMNS,
  baselineFromSummary,
  binsOf,
  formatChange,
  formatFigure,
  meanOf,
  medianOf,
  statementStats,
} from './stats.ts';
export type { ScaleBin, StatementStats } from './stats.ts';
export { scalePresets, type ScalePreset } from './presets.ts';

/** The scale as the phones draw it. */
export interface ScaleSpec {
  kind: ScaleKind;
  min: number;
  max: number;
  lowLabel: string;
  highLabel: string;
  allowSkip: boolean;
}

/** The console: live figures for every statement, the screen's page, the comparison. */
export interface ScaleFacilitatorView {
  question: string;
  scale: ScaleSpec;
  showLive: boolean;
  isRevealed: boolean;
  respondents: number;
  statements: StatementStats[];
  screenPage: number;
  pageCount: number;
  compareWith: string | null;
  /** The earlier round's figures taken in, and how many statements matched. */
  baseline: { roundId: string; title: string; matched: number } | null;
}

/** Every phone: the statements to rate, and the room's figures once revealed. */
export interface ScalePublicView {
  question: string;
  statements: string[];
  scale: ScaleSpec;
  results: StatementStats[] | null;
}

/** Only this participant: their own answers, one per statement (null: not yet). */
export interface ScaleOwnView {
  answers: ScaleAnswer[];
}

/** The room screen: one page of statements, with figures when revealed (or live). */
export interface ScaleScreenView {
  question: string;
  scale: ScaleSpec;
  respondents: number;
  page: number;
  pageCount: number;
  /** The statements on this page, by their place in the whole list. */
  statements: { index: number; text: string }[];
  /** Figures for this page's statements; null until revealed unless shown live. */
  results: StatementStats[] | null;
  /** The earlier round's title when comparing. */
  comparedWith: string | null;
}

/** The four views of a scale round. */
export interface ScaleViews {
  facilitator: ScaleFacilitatorView;
  participantPublic: ScalePublicView;
  participantOwn: ScaleOwnView;
  screen: ScaleScreenView;
}

function specOf(config: ScaleConfig): ScaleSpec {
  return {
    kind: config.scale,
    ...scaleBounds(config.scale),
    lowLabel: config.lowLabel,
    highLabel: config.highLabel,
    allowSkip: config.allowSkip,
  };
}

/** Pages the room screen needs for the statements. */
export function pageCountOf(statements: number): number {
  return Math.max(1, Math.ceil(statements / SCALE_LIMITS.screenPageSize));
}

function statsOf(state: ScaleState): StatementStats[] {
  const { config } = state;
  return statementStats(config.statements, state.tallies, config.scale, state.baseline);
}

function blankAnswers(config: ScaleConfig): ScaleAnswer[] {
  return config.statements.map(() => null);
}

function rate(
  state: ScaleState,
  participantId: string,
  statement: number,
  value: ScaleAnswer,
): Result<ScaleState> {
  const { config } = state;
  if (statement >= config.statements.length)
    return fail('INVALID_ACTION', 'That statement does not exist');
  if (value === 'skip' && !config.allowSkip)
    return fail('INVALID_ACTION', 'This round asks for a rating on every statement');
  const { min, max } = scaleBounds(config.scale);
  if (typeof value === 'number' && (value < min || value > max))
    return fail('INVALID_ACTION', `A rating on this scale is from ${min} to ${max}`);
  const previous = readSharded(state.answers, participantId);
  const mine = previous ?? blankAnswers(config);
  const old = mine[statement] ?? null;
  if (old === value) return ok(state);
  const next = [...mine];
  next[statement] = value;
  const wasRespondent = mine.some((a) => a !== null);
  const isRespondent = next.some((a) => a !== null);
  const tallies = [...state.tallies];
  const tally = tallies[statement] ?? emptyTally(config.scale);
  tallies[statement] = adjustTally(
    adjustTally(tally, config.scale, old, -1),
    config.scale,
    value,
    1,
  );
  return ok({
    ...state,
    answers: writeSharded(state.answers, participantId, next),
    tallies,
    respondents: state.respondents + (isRespondent ? 1 : 0) - (wasRespondent ? 1 : 0),
  });
}

function checkBaseline(
  config: ScaleConfig,
  action: Extract<ScaleFacilitatorAction, { type: 'baseline' }>,
): string | null {
  if (config.compareWith === null) return 'This round is not set to compare with an earlier one';
  if (action.roundId !== config.compareWith)
    return 'Those figures are not from the round this one compares with';
  const { min, max } = scaleBounds(config.scale);
  const outside = (v: number | null) => v !== null && (v < min || v > max);
  if (action.statements.some((s) => outside(s.mean) || outside(s.median)))
    return `The earlier figures must be on the same ${config.scale} scale`;
  return null;
}

function reduceScale(
  state: ScaleState,
  action: ScaleParticipantAction | ScaleFacilitatorAction,
  actor: Actor,
  ctx: RoundContext,
): Result<ScaleState> {
  switch (action.type) {
    case 'rate':
      if (actor.role !== 'participant')
        return fail('FORBIDDEN', 'Participants rate for themselves');
      if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Ratings are locked for this round');
      return rate(state, actor.participantId, action.statement, action.value);
    case 'reset':
      if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can reset');
      return ok({
        ...state,
        answers: dict(),
        tallies: state.config.statements.map(() => emptyTally(state.config.scale)),
        respondents: 0,
      });
    case 'page': {
      if (actor.role !== 'facilitator')
        return fail('FORBIDDEN', 'Only the facilitator chooses what the screen shows');
      if (action.page >= pageCountOf(state.config.statements.length))
        return fail('INVALID_ACTION', 'That page does not exist');
      return ok({ ...state, screenPage: action.page });
    }
    case 'baseline': {
      if (actor.role !== 'facilitator')
        return fail('FORBIDDEN', 'Only the facilitator sets the comparison');
      const problem = checkBaseline(state.config, action);
      if (problem) return fail('INVALID_ACTION', problem);
      const baseline: ScaleBaseline = {
        roundId: action.roundId,
        title: action.title,
        statements: action.statements,
      };
      return ok({ ...state, baseline });
    }
    case 'clearBaseline':
      if (actor.role !== 'facilitator')
        return fail('FORBIDDEN', 'Only the facilitator sets the comparison');
      return ok({ ...state, baseline: null });
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** "1-5" as people say it: "1 to 5". */
function scaleName(kind: ScaleKind): string {
  const { min, max } = scaleBounds(kind);
  return `${min} to ${max}`;
}

function summaryBlocks(state: ScaleState, stats: StatementStats[]): SummaryBlock[] {
  const { config } = state;
  const blocks: SummaryBlock[] = [
    {
      type: 'text',
      text: `${state.respondents} ${state.respondents === 1 ? 'person' : 'people'} rated on a scale of ${scaleName(config.scale)} (${config.lowLabel} … ${config.highLabel}).`,
    },
    {
      type: 'bars',
      labels: stats.map((s) => s.text),
      values: stats.map((s) => (s.mean === null ? 0 : Math.round(s.mean * 10) / 10)),
      unit: `mean (${scaleName(config.scale)})`,
    },
    {
      type: 'table',
      columns: [...FIGURES_COLUMNS],
      rows: stats.map((s) => [
        s.text,
        String(s.count),
        formatFigure(s.mean),
        formatFigure(s.median),
        String(s.skipped),
      ]),
    },
    {
      type: 'table',
      columns: ['Statement', ...(stats[0]?.bins.map((b) => b.label) ?? [])],
      rows: stats.map((s) => [s.text, ...s.bins.map((b) => String(b.count))]),
    },
  ];
  if (state.baseline) {
    const matched = stats.filter((s) => s.before);
    blocks.push({
      type: 'table',
      columns: [
        'Statement',
        'Mean before',
        'Mean after',
        'Change',
        'Median before',
        'Median after',
        'Answers before',
        'Answers after',
      ],
      rows: matched.map((s) => [
        s.text,
        formatFigure(s.before?.mean ?? null),
        formatFigure(s.mean),
        formatChange(s.before?.mean ?? null, s.mean) ?? '–',
        formatFigure(s.before?.median ?? null),
        formatFigure(s.median),
        String(s.before?.count ?? 0),
        String(s.count),
      ]),
    });
    blocks.push({
      type: 'text',
      text: `Compared with “${state.baseline.title}”: ${matched.length} of ${stats.length} statements matched by their text.`,
    });
  }
  return blocks;
}

/** Rate statements on 1-5, 1-10 or 0-100; distributions, means and medians, before -> after. */
export const scale: ExerciseDefinition<
  ScaleConfig,
  ScaleState,
  ScaleParticipantAction,
  ScaleFacilitatorAction,
  ScaleViews
> = {
  kind: 'scale',
  label: 'Scales / temperature check',
  description:
    'Everyone rates one or several statements on 1–5, 1–10 or a 0–100 slider; the screen shows each distribution with its mean, and a later round can compare before and after.',
  configSchema: scaleConfigSchema,
  defaultConfig: () => ({
    question: 'How well do we keep our promises?',
    statements: ['We keep the promises we make to customers.'],
    scale: '1-5',
    lowLabel: 'Strongly disagree',
    highLabel: 'Strongly agree',
    allowSkip: true,
    showLive: false,
    compareWith: null,
  }),
  participantActionSchema: scaleParticipantActionSchema,
  facilitatorActionSchema: scaleFacilitatorActionSchema,

  init: (config) => ({
    config,
    answers: dict(),
    tallies: config.statements.map(() => emptyTally(config.scale)),
    respondents: 0,
    screenPage: 0,
    baseline: null,
  }),

  reduce: reduceScale,

  facilitatorView(state, ctx) {
    const { config } = state;
    const statements = statsOf(state);
    return {
      question: config.question,
      scale: specOf(config),
      showLive: config.showLive,
      isRevealed: ctx.isRevealed,
      respondents: state.respondents,
      statements,
      screenPage: state.screenPage,
      pageCount: pageCountOf(config.statements.length),
      compareWith: config.compareWith,
      baseline: state.baseline && {
        roundId: state.baseline.roundId,
        title: state.baseline.title,
        matched: statements.filter((s) => s.before).length,
      },
    };
  },

  participantPublicView(state, ctx) {
    const { config } = state;
    return {
      question: config.question,
      statements: config.statements,
      scale: specOf(config),
      results: ctx.isRevealed ? statsOf(state) : null,
    };
  },

  participantOwnView(state, participantId) {
    return { answers: readSharded(state.answers, participantId) ?? blankAnswers(state.config) };
  },

  screenView(state, ctx) {
    const { config } = state;
    const size = SCALE_LIMITS.screenPageSize;
    const pageCount = pageCountOf(config.statements.length);
    const page = Math.min(state.screenPage, pageCount - 1);
    const from = page * size;
    const isShowing = ctx.isRevealed || config.showLive;
    return {
      question: config.question,
      scale: specOf(config),
      respondents: state.respondents,
      page,
      pageCount,
      statements: config.statements
        .slice(from, from + size)
        .map((text, i) => ({ index: from + i, text })),
      results: isShowing
        ? statementStats(
            config.statements.slice(from, from + size),
            state.tallies.slice(from, from + size),
            config.scale,
            state.baseline,
          ).map((s) => ({ ...s, index: s.index + from }))
        : null,
      comparedWith: state.baseline?.title ?? null,
    };
  },

  submittedCount: (state) => state.respondents,

  summary(state) {
    const stats = statsOf(state);
    const rated = stats.filter((s) => s.mean !== null);
    const top = [...rated].sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0))[0];
    const headline =
      stats.length === 1 && top
        ? `${state.config.question}: mean ${formatFigure(top.mean)} of ${scaleBounds(state.config.scale).max} from ${top.count} ${top.count === 1 ? 'rating' : 'ratings'}`
        : top
          ? `${state.config.question}: highest “${top.text}” (mean ${formatFigure(top.mean)})`
          : `${state.config.question}: no ratings yet`;
    return { headline, blocks: summaryBlocks(state, stats) };
  },

  actionPlanPrompt(config) {
    return config.statements.length === 1
      ? `“${config.statements[0] ?? config.question}”: what will I do so that the room rates this higher next time, and what is my first step?`
      : `Of the statements in “${config.question}”, which low one will I work on in my own team, and what is my first step?`;
  },
};
