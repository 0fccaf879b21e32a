import { own } from '../../own.ts';
import type { RosterEntry } from '../types.ts';
import type { DotVoteState } from './model.ts';

/** The votes per option. */
export interface DotVoteTally {
  /** Per option, in option order: votes when choosing, dots when spreading dots. */
  counts: number[];
  /** Per option, in option order: how many people chose it (or put a dot on it). */
  voters: number[];
  /** People who handed in a ballot, including "none of these". */
  respondents: number;
}

/** An option in the ranking. */
export interface DotVoteRankedOption {
  option: number;
  label: string;
  /** Votes when choosing, dots when spreading dots. */
  count: number;
  voters: number;
}

/** Who falls short of the minimum rule ("use at least three"), as numbers. */
export interface DotVoteShortfall {
  min: number;
  /** Voters who chose fewer than `min` options. */
  count: number;
  respondents: number;
  /** `count / respondents` (0 to 1); null when nobody voted. */
  share: number | null;
}

/** An example as the console sees it: its option and text, never its author. */
export interface DotVoteExampleView {
  option: number;
  id: string;
  text: string;
  isHidden: boolean;
}

/** Counts the ballots. */
export function tallyDotVote(state: DotVoteState): DotVoteTally {
  const counts = state.config.options.map(() => 0);
  const voters = state.config.options.map(() => 0);
  let respondents = 0;
  for (const ballot of Object.values(state.ballots)) {
    respondents++;
    for (const choice of ballot) {
      counts[choice.option] = (counts[choice.option] ?? 0) + choice.dots;
      voters[choice.option] = (voters[choice.option] ?? 0) + 1;
    }
  }
  return { counts, voters, respondents };
}

/** Options from most to fewest votes; ties keep the options' order. */
export function rankDotVote(state: DotVoteState, tally: DotVoteTally): DotVoteRankedOption[] {
  return state.config.options
    .map((o, option) => ({
      option,
      label: o.label,
      count: tally.counts[option] ?? 0,
      voters: tally.voters[option] ?? 0,
    }))
    .sort((a, b) => b.count - a.count || a.option - b.option);
}

/** Participants whose ballot has fewer choices than the minimum rule, by id. */
function shortIds(state: DotVoteState): string[] {
  const { rule } = state.config;
  if (rule.mode !== 'choose' || rule.min === 0) return [];
  return Object.entries(state.ballots)
    .filter(([, ballot]) => ballot.length < rule.min)
    .map(([id]) => id);
}

/** How many voters fall short of the minimum; null when the vote has no minimum. */
export function dotVoteShortfall(state: DotVoteState): DotVoteShortfall | null {
  const { rule } = state.config;
  if (rule.mode !== 'choose' || rule.min === 0) return null;
  const respondents = Object.keys(state.ballots).length;
  const count = shortIds(state).length;
  return { min: rule.min, count, respondents, share: respondents ? count / respondents : null };
}

/**
 * The names of those who fall short, sorted, when the config asks for them; undefined for
 * an anonymous vote or when naming is off, whatever else the config says.
 */
export function shortfallNames(
  state: DotVoteState,
  roster: Readonly<Record<string, RosterEntry>>,
): string[] | undefined {
  const { isAnonymous, showShortfallNames } = state.config;
  if (isAnonymous || !showShortfallNames || dotVoteShortfall(state) === null) return undefined;
  return shortIds(state)
    .map((id) => own(roster, id)?.name ?? 'Unknown')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Every example, by option then by its opaque id: neither order of arrival nor author
 * shows through.
 */
export function dotVoteExamples(state: DotVoteState): DotVoteExampleView[] {
  const all: DotVoteExampleView[] = [];
  for (const ballot of Object.values(state.ballots)) {
    for (const { option, example } of ballot) {
      if (example) all.push({ option, ...example });
    }
  }
  return all.sort((a, b) => a.option - b.option || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The texts of an option's examples the facilitator has not hidden, in id order. */
export function visibleExamples(state: DotVoteState, option: number): string[] {
  return dotVoteExamples(state)
    .filter((e) => e.option === option && !e.isHidden)
    .map((e) => e.text);
}
