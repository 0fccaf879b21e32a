/**
 * The room's placements as aggregates: each card's spread over the three zones, where the
 * room agrees, the cards it disagrees on most, Fleiss' kappa over cards x people, and the
 * tallies of the "from rigid to flexible" tests. Nothing here names anyone.
 */
import { own } from '../../own.ts';
import { fleissKappa, kappaStrength, subjectAgreement } from '../../stats/fleissKappa.ts';
import {
  TEST_QUESTION_IDS,
  ZONES,
  type CardTest,
  type PlayingFieldState,
  type TestQuestionId,
  type Zone,
} from './model.ts';

/** Placements of one card, as counts per zone in {@link ZONES} order. */
export type ZoneCounts = [spot: number, guideline: number, escalate: number];

/** One card's spread, with its majority and how far the room agrees on it. */
export interface CardSpread {
  cardId: string;
  counts: ZoneCounts;
  /** How many people placed the card. */
  total: number;
  /**
   * The zone most people chose; a tie goes to the narrower zone (the playing field must
   * protect the business until the team agrees to widen it). Null when nobody placed it.
   */
  majorityZone: Zone | null;
  /** The majority zone's share of the card's placements, 0 to 1; null when unplaced. */
  majorityShare: number | null;
  /**
   * Fleiss' per-subject agreement P_i: the chance that two different people who placed
   * the card put it in the same zone. 1 when all agree; null with fewer than 2 placements.
   */
  agreement: number | null;
  /** Placed by at least 2 people, with the majority zone holding the consensus share. */
  isConsensus: boolean;
}

/** Kappa as the screens and the summary show it. */
export interface KappaView {
  /** Fleiss' kappa, or null when it is not defined. */
  value: number | null;
  /** "fair agreement", or why there is no kappa, in words. */
  label: string;
  /** Cards placed by at least two people: the ones kappa counts. */
  cards: number;
  /** Mean observed agreement P-bar, 0 to 1, when defined. */
  observed: number | null;
  /** Agreement expected by chance P_e, 0 to 1, when defined. */
  expected: number | null;
}

/** The room's placements, aggregated. */
export interface FieldResults {
  /** One per card, in deck order. */
  spreads: CardSpread[];
  /**
   * Cards without consensus, most contested first: lowest agreement P_i, then the card
   * more people placed, then deck order. Cards placed by fewer than 2 people are left out.
   */
  contested: string[];
  /** Cards the room agrees on, in deck order. */
  consensus: string[];
  kappa: KappaView;
  /** People who placed at least one card. */
  raters: number;
}

/** How many people placed cards, and how far they got. */
export interface PlacementProgress {
  /** People who placed at least one card. */
  started: number;
  /** People who placed every card. */
  finished: number;
  /** Placements made in all. */
  placements: number;
}

/** Counts per zone of every card, by card id. */
export function zoneCounts(state: PlayingFieldState): Map<string, ZoneCounts> {
  const counts = new Map<string, ZoneCounts>(
    state.config.cards.map((card) => [card.id, [0, 0, 0]]),
  );
  for (const placed of Object.values(state.placements)) {
    for (const [cardId, zone] of Object.entries(placed)) {
      const row = counts.get(cardId);
      const i = ZONES.indexOf(zone);
      if (row) row[i] = (row[i] ?? 0) + 1;
    }
  }
  return counts;
}

/** The zone with most placements; ties go to the narrower zone. Null for no placements. */
export function majorityZone(counts: ZoneCounts): Zone | null {
  let best: Zone | null = null;
  let bestCount = 0;
  // From the widest zone to the narrowest: a later zone with an equal count wins the tie.
  for (const [i, zone] of ZONES.entries()) {
    const n = counts[i] ?? 0;
    if (n > 0 && n >= bestCount) {
      best = zone;
      bestCount = n;
    }
  }
  return best;
}

/** One card's spread from its counts. */
export function cardSpread(
  cardId: string,
  counts: ZoneCounts,
  consensusPercent: number,
): CardSpread {
  const total = counts[0] + counts[1] + counts[2];
  const majority = majorityZone(counts);
  const majorityCount = majority ? (counts[ZONES.indexOf(majority)] ?? 0) : 0;
  const majorityShare = total ? majorityCount / total : null;
  return {
    cardId,
    counts,
    total,
    majorityZone: majority,
    majorityShare,
    agreement: subjectAgreement(counts),
    // Compared in whole placements (count * 100 >= percent * total) so 3 of 4 is 75 % exactly.
    isConsensus: total >= 2 && majorityCount * 100 >= consensusPercent * total,
  };
}

/**
 * Orders cards from the most contested: lowest agreement P_i first, then the card more
 * people placed (the same split among more people is the firmer disagreement), then deck
 * order. Cards with fewer than 2 placements have no agreement and are left out.
 */
export function byDisagreement(spreads: readonly CardSpread[]): CardSpread[] {
  const position = new Map(spreads.map((s, i) => [s.cardId, i]));
  return spreads
    .filter((s) => s.agreement !== null)
    .sort(
      (a, b) =>
        (a.agreement ?? 0) - (b.agreement ?? 0) ||
        b.total - a.total ||
        (position.get(a.cardId) ?? 0) - (position.get(b.cardId) ?? 0),
    );
}

/** Kappa over cards x people, in words a room can read. */
export function kappaView(spreads: readonly CardSpread[]): KappaView {
  const result = fleissKappa(spreads.map((s) => s.counts));
  if (!result.isDefined) {
    return {
      value: null,
      label:
        result.reason === 'oneCategory'
          ? 'not defined: every placement is in the same zone'
          : 'not defined yet: no card has two placements',
      cards: result.subjects,
      observed: null,
      expected: null,
    };
  }
  return {
    value: result.kappa,
    label: `${kappaStrength(result.kappa)} agreement`,
    cards: result.subjects,
    observed: result.observedAgreement,
    expected: result.expectedAgreement,
  };
}

/** Everything the room learns when the placements are revealed. */
export function fieldResults(state: PlayingFieldState): FieldResults {
  const counts = zoneCounts(state);
  const spreads = state.config.cards.map((card) =>
    cardSpread(card.id, counts.get(card.id) ?? [0, 0, 0], state.config.consensusPercent),
  );
  return {
    spreads,
    contested: byDisagreement(spreads)
      .filter((s) => !s.isConsensus)
      .map((s) => s.cardId),
    consensus: spreads.filter((s) => s.isConsensus).map((s) => s.cardId),
    kappa: kappaView(spreads),
    raters: Object.values(state.placements).filter((p) => Object.keys(p).length > 0).length,
  };
}

/** How far the room has got with placing, without saying who placed what. */
export function placementProgress(state: PlayingFieldState): PlacementProgress {
  const deck = state.config.cards.length;
  let started = 0;
  let finished = 0;
  let placements = 0;
  for (const placed of Object.values(state.placements)) {
    const n = Object.keys(placed).length;
    if (n > 0) started += 1;
    if (n >= deck) finished += 1;
    placements += n;
  }
  return { started, finished, placements };
}

/** The verdict of a card's test. */
export type TestVerdict = 'widen' | 'keep' | 'pending';

/** A card's "from rigid to flexible" tally. */
export interface TestTally {
  cardId: string;
  /** People who answered at least one question. */
  respondents: number;
  /** Yes and no per question, in {@link TEST_QUESTION_IDS} order. */
  questions: { id: TestQuestionId; yes: number; no: number }[];
  /** Questions where more than half of the respondents said yes. */
  yesMajorities: number;
  /**
   * 'widen' when more than half of the respondents said yes to every question, 'keep'
   * otherwise, 'pending' while nobody has answered.
   */
  verdict: TestVerdict;
  /** The zone one step towards "on the spot" from where the card stands, when widening. */
  suggestedZone: Zone | null;
  isOpen: boolean;
}

/** One zone wider: escalate -> guideline -> on the spot (which stays). */
export function widerZone(zone: Zone): Zone {
  return zone === 'escalate' ? 'guideline' : 'spot';
}

/**
 * Tallies a card's test. `from` is where the card stands now (the map's zone, else the
 * room's majority): a "widen" verdict suggests the zone one step wider.
 */
export function testTally(test: CardTest, from: Zone | null, isOpen: boolean): TestTally {
  const all = Object.values(test.answers).filter((a) => Object.keys(a).length > 0);
  const respondents = all.length;
  const questions = TEST_QUESTION_IDS.map((id) => ({
    id,
    yes: all.filter((a) => a[id] === true).length,
    no: all.filter((a) => a[id] === false).length,
  }));
  const yesMajorities = questions.filter((q) => q.yes * 2 > respondents).length;
  const verdict: TestVerdict =
    respondents === 0 ? 'pending' : yesMajorities === questions.length ? 'widen' : 'keep';
  return {
    cardId: test.cardId,
    respondents,
    questions,
    yesMajorities,
    verdict,
    suggestedZone: verdict === 'widen' && from ? widerZone(from) : null,
    isOpen,
  };
}

/** Where a card stands now: the zone the team recorded, else the room's majority. */
export function currentZone(
  state: PlayingFieldState,
  cardId: string,
  spread?: CardSpread,
): Zone | null {
  return own(state.map, cardId)?.zone ?? spread?.majorityZone ?? null;
}

/** Every test's tally, in the order the tests were first opened. */
export function testTallies(state: PlayingFieldState, results: FieldResults): TestTally[] {
  const spreads = new Map(results.spreads.map((s) => [s.cardId, s]));
  return state.tests.map((test) =>
    testTally(
      test,
      currentZone(state, test.cardId, spreads.get(test.cardId)),
      test.cardId === state.activeTestCardId,
    ),
  );
}

/** The most contested card not tested yet: the facilitator's suggested next test. */
export function suggestedTestCard(state: PlayingFieldState, results: FieldResults): string | null {
  const tested = new Set(state.tests.map((t) => t.cardId));
  return results.contested.find((id) => !tested.has(id)) ?? null;
}
