/**
 * Define the Playing Field (The Service Pro, slides 16-22): each participant places
 * scenario cards of routine customer deviations into three zones on their phone; once the
 * facilitator reveals them, the room sees each card's spread, where it agrees, the cards it
 * disagrees on most and Fleiss' kappa; contested cards go through the "from rigid to
 * flexible" test; the facilitator records the agreed zone and a guideline per card, and
 * that map is the round's result.
 *
 * Phases (facilitator): "place" -> "test" -> "map", in any order. The session's generic
 * controls apply: "lock" stops every participant answer (placements and test answers),
 * "reveal" shows the spreads to the room and ends placing (see {@link reducePlayingField}).
 */
import { dict, own } from '../../own.ts';
import type { ExerciseDefinition, RoundContext, SummaryBlock } from '../types.ts';
import { DEFAULT_DECK, type PlayingFieldCard } from './deck.ts';
import {
  TEST_QUESTIONS,
  ZONES,
  ZONE_SHORT_LABELS,
  playingFieldConfigSchema,
  playingFieldFacilitatorActionSchema,
  playingFieldParticipantActionSchema,
  type PlayingFieldConfig,
  type PlayingFieldFacilitatorAction,
  type PlayingFieldParticipantAction,
  type PlayingFieldPhase,
  type PlayingFieldState,
  type TestAnswers,
  type Zone,
} from './model.ts';
import { reducePlayingField } from './reduce.ts';
import {
  fieldResults,
  placementProgress,
  suggestedTestCard,
  testTallies,
  type CardSpread,
  type FieldResults,
  type PlacementProgress,
  type TestTally,
} from './stats.ts';

export type {
  CardSpread,
  FieldResults,
  PlacementProgress,
  PlayingFieldCard,
  PlayingFieldConfig,
  PlayingFieldFacilitatorAction,
  PlayingFieldParticipantAction,
  PlayingFieldPhase,
  PlayingFieldState,
  TestAnswers,
  TestTally,
  Zone,
};
export type { KappaView, TestVerdict, ZoneCounts } from './stats.ts';
export type { TestQuestionId } from './model.ts';

/** A card's place on the team's map. */
export interface MapEntryView {
  cardId: string;
  zone: Zone;
  guideline: string;
}

/** What every phone sees: the same for all, and unchanged by anyone's placement. */
export interface PlayingFieldPublicView {
  phase: PlayingFieldPhase;
  cards: PlayingFieldCard[];
  consensusPercent: number;
  /** The spreads, once the facilitator reveals them; placing has ended by then. */
  results: FieldResults | null;
  /** The card whose test is open for answers; its tally stays off phones while open. */
  activeTestCardId: string | null;
  /** Tallies of the tests that are closed (they no longer change). */
  tests: TestTally[];
  /** The team's map so far, in deck order. */
  map: MapEntryView[];
}

/** What one participant sees of their own: their placements and test answers. */
export interface PlayingFieldOwnView {
  /** cardId -> zone. */
  placements: Record<string, Zone>;
  /** cardId -> this participant's answers to that card's test. */
  testAnswers: Record<string, TestAnswers>;
}

/** The room screen: progress while people place, then aggregates only. */
export interface PlayingFieldScreenView {
  phase: PlayingFieldPhase;
  cards: PlayingFieldCard[];
  consensusPercent: number;
  progress: PlacementProgress;
  /** Once revealed. */
  results: FieldResults | null;
  activeTestCardId: string | null;
  /** Every test's tally, the open one live. */
  tests: TestTally[];
  map: MapEntryView[];
}

/** The console: live aggregates (never who placed what), the tests and the map. */
export interface PlayingFieldFacilitatorView {
  phase: PlayingFieldPhase;
  cards: PlayingFieldCard[];
  consensusPercent: number;
  isOpen: boolean;
  isRevealed: boolean;
  progress: PlacementProgress;
  /** Live, whether or not the room has seen them. */
  results: FieldResults;
  activeTestCardId: string | null;
  /** The most contested card not tested yet. */
  suggestedTestCardId: string | null;
  tests: TestTally[];
  map: MapEntryView[];
}

/** The four views of the exercise. */
export interface PlayingFieldViews {
  facilitator: PlayingFieldFacilitatorView;
  participantPublic: PlayingFieldPublicView;
  participantOwn: PlayingFieldOwnView;
  screen: PlayingFieldScreenView;
}

function mapView(state: PlayingFieldState): MapEntryView[] {
  return state.config.cards.flatMap((card) => {
    const entry = own(state.map, card.id);
    return entry ? [{ cardId: card.id, ...entry }] : [];
  });
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** "3 on the spot, 1 within a guideline, 0 escalate". */
function spreadText(spread: CardSpread): string {
  return ZONES.map(
    (zone, i) => `${spread.counts[i]} ${ZONE_SHORT_LABELS[zone].toLowerCase()}`,
  ).join(', ');
}

/** "κ = 0.21 (fair agreement)", or why there is none. */
function kappaText(results: FieldResults): string {
  const { kappa } = results;
  return kappa.value === null
    ? `κ ${kappa.label}`
    : `κ = ${kappa.value.toFixed(2)} (${kappa.label})`;
}

/** The map as the one-page policy's table: one row per card, in zone order. */
function mapTable(state: PlayingFieldState): Extract<SummaryBlock, { type: 'table' }> {
  const rank = (card: PlayingFieldCard) => {
    const zone = own(state.map, card.id)?.zone;
    return zone ? ZONES.indexOf(zone) : ZONES.length;
  };
  // Stable sort: within a zone, deck order.
  const cards = [...state.config.cards].sort((a, b) => rank(a) - rank(b));
  return {
    type: 'table',
    columns: ['Card', 'Amount or risk', 'Zone', 'Guideline'],
    rows: cards.map((card) => {
      const entry = own(state.map, card.id);
      return [
        card.text,
        card.note || '—',
        entry ? ZONE_SHORT_LABELS[entry.zone] : 'Not decided',
        entry?.guideline || '—',
      ];
    }),
  };
}

/** Define the Playing Field: scenario cards sorted into three zones, then the agreed map. */
export const playingField: ExerciseDefinition<
  PlayingFieldConfig,
  PlayingFieldState,
  PlayingFieldParticipantAction,
  PlayingFieldFacilitatorAction,
  PlayingFieldViews
> = {
  kind: 'playingField',
  label: 'Define the playing field',
  description:
    'Everyone places routine customer deviations on their phone: on the spot, within a guideline, or escalate. The room sees where it agrees, tests the contested cards from rigid to flexible, and records its playing field map.',
  configSchema: playingFieldConfigSchema,
  defaultConfig: () => ({
    cards: DEFAULT_DECK.map((card) => ({ ...card })),
    consensusPercent: 75,
  }),
  participantActionSchema: playingFieldParticipantActionSchema,
  facilitatorActionSchema: playingFieldFacilitatorActionSchema,

  init: (config) => ({
    config,
    phase: 'place',
    placements: dict(),
    tests: [],
    activeTestCardId: null,
    map: dict(),
  }),

  reduce: reducePlayingField,

  facilitatorView(state, ctx) {
    const results = fieldResults(state);
    return {
      phase: state.phase,
      cards: state.config.cards,
      consensusPercent: state.config.consensusPercent,
      isOpen: ctx.isOpen,
      isRevealed: ctx.isRevealed,
      progress: placementProgress(state),
      results,
      activeTestCardId: state.activeTestCardId,
      suggestedTestCardId: suggestedTestCard(state, results),
      tests: testTallies(state, results),
      map: mapView(state),
    };
  },

  participantPublicView(state, ctx) {
    const results = fieldResults(state);
    return {
      phase: state.phase,
      cards: state.config.cards,
      consensusPercent: state.config.consensusPercent,
      results: ctx.isRevealed ? results : null,
      activeTestCardId: state.activeTestCardId,
      tests: testTallies(state, results).filter((t) => !t.isOpen),
      map: mapView(state),
    };
  },

  participantOwnView(state, participantId) {
    const testAnswers = dict<TestAnswers>();
    for (const test of state.tests) {
      const mine = own(test.answers, participantId);
      if (mine) testAnswers[test.cardId] = mine;
    }
    return { placements: own(state.placements, participantId) ?? dict(), testAnswers };
  },

  screenView(state, ctx) {
    const results = fieldResults(state);
    return {
      phase: state.phase,
      cards: state.config.cards,
      consensusPercent: state.config.consensusPercent,
      progress: placementProgress(state),
      results: ctx.isRevealed ? results : null,
      activeTestCardId: state.activeTestCardId,
      tests: testTallies(state, results),
      map: mapView(state),
    };
  },

  submittedCount(state) {
    const people = new Set(Object.keys(state.placements));
    for (const test of state.tests) for (const id of Object.keys(test.answers)) people.add(id);
    return people.size;
  },

  policy(state) {
    const decided = Object.keys(state.map).length;
    return {
      headline: 'Our playing field',
      blocks: [
        {
          type: 'text',
          text: `What each of us may decide for a customer: on the spot, within a guideline, or by escalating (${decided} of ${state.config.cards.length} situations decided).`,
        },
        mapTable(state),
      ],
    };
  },

  summary(state, _ctx: RoundContext) {
    const results = fieldResults(state);
    const cards = new Map(state.config.cards.map((card) => [card.id, card]));
    const textOf = (cardId: string) => cards.get(cardId)?.text ?? cardId;
    const spreads = new Map(results.spreads.map((s) => [s.cardId, s]));
    const mapped = ZONES.map(
      (zone) => Object.values(state.map).filter((e) => e.zone === zone).length,
    );
    const decided = mapped.reduce((a, b) => a + b, 0);
    const headline =
      decided === 0
        ? `Playing field: no zones agreed yet; ${kappaText(results)}`
        : `Playing field: ${ZONES.map((zone, i) => `${mapped[i]} ${ZONE_SHORT_LABELS[zone].toLowerCase()}`).join(', ')}; ${kappaText(results)}`;
    const { kappa } = results;
    const blocks: SummaryBlock[] = [
      {
        type: 'text',
        text: `Playing field map: where the team handles each routine deviation, and the guideline that goes with it (${decided} of ${state.config.cards.length} cards decided).`,
      },
      mapTable(state),
      {
        type: 'text',
        text:
          kappa.value === null
            ? `Agreement: Fleiss’ kappa is ${kappa.label}. ${results.raters} ${results.raters === 1 ? 'person' : 'people'} placed cards.`
            : `Agreement: Fleiss’ kappa over ${kappa.cards} cards placed by ${results.raters} people is ${kappa.value.toFixed(2)} (${kappa.label}); observed agreement ${percent(kappa.observed ?? 0)}, expected by chance ${percent(kappa.expected ?? 0)}.`,
      },
      {
        type: 'bars',
        labels: ZONES.map((zone) => ZONE_SHORT_LABELS[zone]),
        values: ZONES.map((_, i) =>
          results.spreads.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0),
        ),
        unit: 'placements',
      },
      {
        type: 'list',
        title: `Where the room agreed (at least ${state.config.consensusPercent} % in one zone)`,
        items: results.consensus.flatMap((id) => {
          const s = spreads.get(id);
          if (!s?.majorityZone) return [];
          const count = s.counts[ZONES.indexOf(s.majorityZone)] ?? 0;
          return [`${textOf(id)}: ${ZONE_SHORT_LABELS[s.majorityZone]} (${count} of ${s.total})`];
        }),
      },
      {
        type: 'list',
        title: 'The cards the room disagreed on most',
        items: results.contested.slice(0, 5).map((id, i) => {
          const s = spreads.get(id);
          return `${i + 1}. ${textOf(id)}: ${s ? spreadText(s) : ''} (two people agree ${percent(s?.agreement ?? 0)} of the time)`;
        }),
      },
    ];
    const tallies = testTallies(state, results);
    if (tallies.length > 0) {
      blocks.push({
        type: 'list',
        title: 'From rigid to flexible',
        items: tallies.map((t) => {
          const answers = t.questions
            .map((q) => `${TEST_QUESTIONS[q.id]} ${q.yes} yes, ${q.no} no`)
            .join('; ');
          const verdict =
            t.verdict === 'widen'
              ? `widen the field${t.suggestedZone ? ` (towards ${ZONE_SHORT_LABELS[t.suggestedZone].toLowerCase()})` : ''}`
              : t.verdict === 'keep'
                ? 'keep it as it is'
                : 'no answers';
          return `${textOf(t.cardId)}: ${answers}. ${t.respondents} answered: ${verdict}.`;
        }),
      });
    }
    return { headline, blocks };
  },

  actionPlanPrompt: () =>
    'Which decision that my team escalates today could they handle on the spot or within a guideline, and what information or criteria will I give them so they can?',
};
