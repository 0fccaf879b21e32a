import { createRandom, deriveSeed } from '../../random.ts';
import { dict, own } from '../../own.ts';
import { fail, ok, type Result } from '../../result.ts';
import { withEntry, withoutEntry, type Draft } from '../records.ts';
import {
  teamCountsSummary,
  type Actor,
  type ExerciseDefinition,
  type RoundContext,
  type SummaryBlock,
} from '../types.ts';
import {
  dotVoteConfigSchema,
  dotVoteFacilitatorActionSchema,
  dotVoteParticipantActionSchema,
  type DotVoteChoice,
  type DotVoteConfig,
  type DotVoteFacilitatorAction,
  type DotVoteParticipantAction,
  type DotVoteRule,
  type DotVoteState,
} from './model.ts';
import type { ExampleMode } from './limits.ts';
import {
  dotVoteExamples,
  dotVoteShortfall,
  rankDotVote,
  shortfallNames,
  tallyDotVote,
  visibleExamples,
  type DotVoteExampleView,
  type DotVoteRankedOption,
  type DotVoteShortfall,
  type DotVoteTally,
} from './tally.ts';

export { DOT_VOTE_LIMITS, EXAMPLE_MODES, type ExampleMode } from './limits.ts';
export {
  dotVoteConfigSchema,
  dotVoteFacilitatorActionSchema,
  dotVoteParticipantActionSchema,
} from './model.ts';
export type {
  DotVoteChoice,
  DotVoteConfig,
  DotVoteExample,
  DotVoteFacilitatorAction,
  DotVoteParticipantAction,
  DotVoteRule,
  DotVoteState,
} from './model.ts';
// Every tally, with its view types, is part of the exercise's API.
export * from './tally.ts';

/** Examples the room screen shows for the option in focus; the rest are counted. */
export const SCREEN_EXAMPLES = 6;

/** An option as voters see it. */
export interface DotVoteOptionView {
  label: string;
  description: string;
}

/** The console: live counts, who falls short, and every example (never who wrote it). */
export interface DotVoteFacilitatorView {
  question: string;
  options: DotVoteOptionView[];
  rule: DotVoteRule;
  exampleMode: ExampleMode;
  isAnonymous: boolean;
  showShortfallNames: boolean;
  isRevealed: boolean;
  /** The option whose examples the screen shows after the reveal. */
  focus: number | null;
  tally: DotVoteTally;
  ranking: DotVoteRankedOption[];
  /** Null when the vote has no minimum; names only when the config asks and it is named. */
  shortfall: (DotVoteShortfall & { names?: string[] }) | null;
  examples: DotVoteExampleView[];
}

/** The room's results, as every phone sees them after the reveal. */
export interface DotVotePublicResults {
  ranking: DotVoteRankedOption[];
  respondents: number;
  /** Counts only: phones never learn who falls short. */
  shortfall: DotVoteShortfall | null;
}

/** What every phone sees: the ballot to fill in, and the results once revealed. */
export interface DotVotePublicView {
  question: string;
  options: DotVoteOptionView[];
  rule: DotVoteRule;
  exampleMode: ExampleMode;
  isAnonymous: boolean;
  /** Only once revealed, so early votes do not sway the room. */
  results: DotVotePublicResults | null;
}

/** One of the participant's own choices. */
export interface DotVoteOwnChoice {
  option: number;
  dots: number;
  example: string | null;
}

/** What only this participant sees: their own ballot. */
export interface DotVoteOwnView {
  /** False until the participant hands in a ballot (an empty one means "none of these"). */
  hasVoted: boolean;
  choices: DotVoteOwnChoice[];
}

/** The examples of the option in focus, as the room screen shows them. */
export interface DotVoteScreenExamples {
  option: number;
  label: string;
  texts: string[];
  /** Visible examples not on the screen. */
  more: number;
}

/** The room screen: the options and progress, then the ranking, the shortfall and examples. */
export interface DotVoteScreenView {
  question: string;
  options: string[];
  rule: DotVoteRule;
  respondents: number;
  results: {
    ranking: DotVoteRankedOption[];
    shortfall: (DotVoteShortfall & { names?: string[] }) | null;
    examples: DotVoteScreenExamples | null;
  } | null;
}

/** The four views of a dot vote. */
export interface DotVoteViews {
  facilitator: DotVoteFacilitatorView;
  participantPublic: DotVotePublicView;
  participantOwn: DotVoteOwnView;
  screen: DotVoteScreenView;
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Draws the next unused example id from the round's seed. */
function drawExampleId(
  seed: string,
  start: number,
  taken: ReadonlySet<string>,
): { id: string; count: number } {
  for (let n = start; ; n++) {
    const random = createRandom(deriveSeed(seed, 'example', String(n)));
    let id = 'ex_';
    for (let i = 0; i < 10; i++) id += ID_ALPHABET[random.int(ID_ALPHABET.length)] ?? 'x';
    if (!taken.has(id)) return { id, count: n + 1 };
  }
}

/** Checks a ballot against the rule; a message when it breaks it. */
function ballotProblem(
  config: DotVoteConfig,
  choices: { option: number; dots: number; example: string | null }[],
): string | null {
  const seen = new Set<number>();
  for (const choice of choices) {
    if (choice.option >= config.options.length) return 'That option does not exist';
    if (seen.has(choice.option)) return 'Choose each option once';
    seen.add(choice.option);
  }
  const { rule } = config;
  if (rule.mode === 'choose') {
    if (choices.some((c) => c.dots !== 1)) return 'Each choice counts once in this vote';
    if (choices.length > rule.max) return `Choose at most ${rule.max}`;
  } else {
    if (choices.some((c) => c.dots > rule.maxPerOption))
      return `At most ${rule.maxPerOption} ${rule.maxPerOption === 1 ? 'dot' : 'dots'} on one option`;
    const total = choices.reduce((n, c) => n + c.dots, 0);
    if (total > rule.dots)
      return `You have ${rule.dots} ${rule.dots === 1 ? 'dot' : 'dots'} to place`;
  }
  if (config.exampleMode === 'off' && choices.some((c) => c.example !== null))
    return 'This vote takes no examples';
  if (config.exampleMode === 'required') {
    const missing = choices.find((c) => c.example === null);
    if (missing) return `Add an example for “${config.options[missing.option]?.label ?? ''}”`;
  }
  return null;
}

function vote(
  state: DotVoteState,
  participantId: string,
  choices: { option: number; dots: number; example: string | null }[],
  draft: Draft | undefined,
): Result<DotVoteState> {
  const problem = ballotProblem(state.config, choices);
  if (problem) return fail('INVALID_ACTION', problem);
  const previous = new Map((own(state.ballots, participantId) ?? []).map((c) => [c.option, c]));
  const taken = new Set(dotVoteExamples(state).map((e) => e.id));
  let exampleCount = state.exampleCount;
  const ballot = [...choices]
    .sort((a, b) => a.option - b.option)
    .map((choice): DotVoteChoice => {
      if (choice.example === null)
        return { option: choice.option, dots: choice.dots, example: null };
      // An unchanged example keeps its id, and so whether the facilitator hid it.
      const kept = previous.get(choice.option)?.example;
      if (kept && kept.text === choice.example)
        return { option: choice.option, dots: choice.dots, example: kept };
      const drawn = drawExampleId(state.seed, exampleCount, taken);
      exampleCount = drawn.count;
      taken.add(drawn.id);
      return {
        option: choice.option,
        dots: choice.dots,
        example: { id: drawn.id, text: choice.example, isHidden: false },
      };
    });
  return ok({
    ...state,
    exampleCount,
    ballots: withEntry(state.ballots, participantId, ballot, draft),
  });
}

function reduceDotVote(
  state: DotVoteState,
  action: DotVoteParticipantAction | DotVoteFacilitatorAction,
  actor: Actor,
  ctx: RoundContext,
): Result<DotVoteState> {
  switch (action.type) {
    case 'reset':
      if (actor.role !== 'facilitator') return fail('FORBIDDEN', 'Only the facilitator can reset');
      return ok({ ...state, ballots: dict() });
    case 'hideExample': {
      if (actor.role !== 'facilitator')
        return fail('FORBIDDEN', 'Only the facilitator can hide an example');
      let isFound = false;
      const ballots = dict<DotVoteChoice[]>();
      for (const [id, ballot] of Object.entries(state.ballots)) {
        ballots[id] = ballot.map((choice) => {
          if (choice.example?.id !== action.exampleId) return choice;
          isFound = true;
          return { ...choice, example: { ...choice.example, isHidden: action.isHidden } };
        });
      }
      if (!isFound) return fail('NOT_FOUND', 'That example is no longer there');
      return ok({ ...state, ballots });
    }
    case 'focus':
      if (actor.role !== 'facilitator')
        return fail('FORBIDDEN', 'Only the facilitator chooses what the screen shows');
      if (action.option !== null && action.option >= state.config.options.length)
        return fail('INVALID_ACTION', 'That option does not exist');
      return ok({ ...state, focus: action.option });
    case 'vote':
    case 'clear': {
      if (actor.role !== 'participant')
        return fail('FORBIDDEN', 'Participants vote for themselves');
      if (!ctx.isOpen) return fail('ROUND_LOCKED', 'Voting is closed for this round');
      // Once the results are out, a changed vote would only follow the room.
      if (ctx.isRevealed)
        return fail('ROUND_LOCKED', 'The results are out: votes can no longer change');
      if (action.type === 'vote')
        return vote(state, actor.participantId, action.choices, ctx.draft);
      return ok({ ...state, ballots: withoutEntry(state.ballots, actor.participantId, ctx.draft) });
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function unitOf(rule: DotVoteRule, n: number): string {
  if (rule.mode === 'dots') return n === 1 ? 'dot' : 'dots';
  return n === 1 ? 'vote' : 'votes';
}

/** "4 of 12 voters (33%) chose fewer than 3", for the screen's and the summary's line. */
export function shortfallText(shortfall: DotVoteShortfall): string {
  const share = shortfall.share === null ? 0 : Math.round(shortfall.share * 100);
  return `${shortfall.count} of ${shortfall.respondents} ${shortfall.respondents === 1 ? 'voter' : 'voters'} (${share}%) chose fewer than ${shortfall.min}`;
}

function withNames(
  state: DotVoteState,
  ctx: RoundContext,
): (DotVoteShortfall & { names?: string[] }) | null {
  const shortfall = dotVoteShortfall(state);
  if (!shortfall) return null;
  const names = shortfallNames(state, ctx.roster);
  return names ? { ...shortfall, names } : shortfall;
}

/** Repeated examples once, with how many gave them. */
function folded(texts: string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts].map(([text, n]) => (n > 1 ? `${text} (×${n})` : text));
}

function optionsOf(config: DotVoteConfig): DotVoteOptionView[] {
  return config.options.map((o) => ({ label: o.label, description: o.description }));
}

/** Choose several options or spread dots; ranked results, who falls short, and examples. */
export const dotVote: ExerciseDefinition<
  DotVoteConfig,
  DotVoteState,
  DotVoteParticipantAction,
  DotVoteFacilitatorAction,
  DotVoteViews
> = {
  kind: 'dotVote',
  label: 'Dot vote / choose several',
  description:
    'Everyone chooses several options (with a minimum rule such as "at least three") or spreads a fixed number of dots, optionally with an example each; the screen shows the ranking and who falls short.',
  configSchema: dotVoteConfigSchema,
  defaultConfig: () => ({
    question: 'Which sources of customer information does your team use continually?',
    options: [
      { label: 'Complaints', description: '' },
      { label: 'Survey cards', description: '' },
      { label: 'Focus groups', description: '' },
      { label: 'One-on-ones', description: '' },
    ],
    rule: { mode: 'choose', min: 3, max: 4 },
    exampleMode: 'off',
    isAnonymous: false,
    showShortfallNames: false,
  }),
  participantActionSchema: dotVoteParticipantActionSchema,
  facilitatorActionSchema: dotVoteFacilitatorActionSchema,

  init: (config, seed) => ({ config, seed, exampleCount: 0, ballots: dict(), focus: null }),

  reduce: reduceDotVote,

  facilitatorView(state, ctx) {
    const tally = tallyDotVote(state);
    const { config } = state;
    return {
      question: config.question,
      options: optionsOf(config),
      rule: config.rule,
      exampleMode: config.exampleMode,
      isAnonymous: config.isAnonymous,
      showShortfallNames: config.showShortfallNames,
      isRevealed: ctx.isRevealed,
      focus: state.focus,
      tally,
      ranking: rankDotVote(state, tally),
      shortfall: withNames(state, ctx),
      examples: dotVoteExamples(state),
    };
  },

  participantPublicView(state, ctx) {
    const { config } = state;
    const tally = ctx.isRevealed ? tallyDotVote(state) : null;
    return {
      question: config.question,
      options: optionsOf(config),
      rule: config.rule,
      exampleMode: config.exampleMode,
      isAnonymous: config.isAnonymous,
      results: tally
        ? {
            ranking: rankDotVote(state, tally),
            respondents: tally.respondents,
            shortfall: dotVoteShortfall(state),
          }
        : null,
    };
  },

  participantOwnView(state, participantId) {
    const ballot = own(state.ballots, participantId);
    return {
      hasVoted: ballot !== undefined,
      choices: (ballot ?? []).map((c) => ({
        option: c.option,
        dots: c.dots,
        example: c.example?.text ?? null,
      })),
    };
  },

  screenView(state, ctx) {
    const tally = tallyDotVote(state);
    const focused = state.focus === null ? undefined : state.config.options[state.focus];
    let examples: DotVoteScreenExamples | null = null;
    if (state.focus !== null && focused) {
      const texts = visibleExamples(state, state.focus);
      examples = {
        option: state.focus,
        label: focused.label,
        texts: texts.slice(0, SCREEN_EXAMPLES),
        more: Math.max(0, texts.length - SCREEN_EXAMPLES),
      };
    }
    return {
      question: state.config.question,
      options: state.config.options.map((o) => o.label),
      rule: state.config.rule,
      respondents: tally.respondents,
      results: ctx.isRevealed
        ? { ranking: rankDotVote(state, tally), shortfall: withNames(state, ctx), examples }
        : null,
    };
  },

  submittedCount: (state) => Object.keys(state.ballots).length,

  summary(state, ctx) {
    const tally = tallyDotVote(state);
    const ranking = rankDotVote(state, tally);
    const { rule } = state.config;
    const top = ranking[0];
    const headline =
      top && top.count > 0
        ? `${state.config.question}: “${top.label}” first with ${top.count} ${unitOf(rule, top.count)}`
        : `${state.config.question}: no votes`;
    const blocks: SummaryBlock[] = [
      {
        type: 'bars',
        labels: ranking.map((r) => r.label),
        values: ranking.map((r) => r.count),
        unit: rule.mode === 'dots' ? 'dots' : 'votes',
      },
      {
        type: 'text',
        text: `${tally.respondents} ${tally.respondents === 1 ? 'person' : 'people'} voted.`,
      },
    ];
    const shortfall = withNames(state, ctx);
    if (shortfall) {
      const names = shortfall.names?.length ? `: ${shortfall.names.join(', ')}` : '';
      blocks.push({ type: 'text', text: `${shortfallText(shortfall)}${names}.` });
    }
    for (const { option, label } of ranking) {
      const texts = visibleExamples(state, option);
      if (texts.length)
        blocks.push({ type: 'list', title: `Examples: ${label}`, items: folded(texts) });
    }
    return { headline, blocks };
  },

  /** Which options each table uses (the listening sources per team): votes or dots, no names. */
  teamSummary: (state, ctx) =>
    teamCountsSummary(
      ctx,
      state.config.options.map((o) => o.label),
      Object.entries(state.ballots).map(([id, ballot]) => [
        id,
        ballot.map((c) => [c.option, c.dots]),
      ]),
    ),

  actionPlanPrompt(config) {
    const { rule } = config;
    if (rule.mode === 'choose' && rule.min > 0)
      return `“${config.question}”: the rule is at least ${rule.min}. Which one will I add or use more in my own team, and what is my first step?`;
    return `Of the options the room put first in “${config.question}”, which one will I act on in my own work, and what is my first step?`;
  },
};
