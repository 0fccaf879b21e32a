import {
  formatDuration,
  getExercise,
  plannedSlots,
  plannedTotal,
  type RoundContext,
  type RoundSpec,
} from '@playfield/shared';
import type { ExportBlock, ExportDocument, ExportSection } from './document.ts';

/** What the facilitator guide is made from: a session's title, planned start and agenda. */
export interface GuideInput {
  title: string;
  /** "HH:MM", when the day has a planned start. */
  plannedStart?: string | undefined;
  agenda: readonly RoundSpec[];
  /** The session's date, "YYYY-MM-DD". */
  date: string;
}

/** A context for reading a round's first state: nobody in the room, nothing open. */
const EMPTY_ROOM: RoundContext = { isOpen: false, isRevealed: false, roster: {}, at: 0 };

/**
 * A content round's slide as text (its heading, words, quote and attribution, figure), from
 * the exercise's own summary of its first state, so the guide reads the slide exactly as
 * the notebook would. Exercises get their kind and the question they put to the room.
 */
function roundBlocks(round: RoundSpec): ExportBlock[] {
  const exercise = getExercise(round.kind);
  if (!exercise) return [];
  if (round.kind === 'content') {
    const summary = exercise.summary(exercise.init(round.config, 'guide'), EMPTY_ROOM);
    const isBreak = round.config.layout === 'break';
    return [
      {
        type: 'fields',
        rows: [
          { label: isBreak ? 'Break' : 'Slide', value: summary.headline },
          ...(isBreak ? [] : [{ label: 'Layout', value: round.config.layout }]),
        ],
      },
      ...summary.blocks,
    ];
  }
  return [
    {
      type: 'fields',
      rows: [
        { label: 'Exercise', value: exercise.label },
        { label: 'Afterwards, phones are asked', value: exercise.actionPlanPrompt(round.config) },
      ],
    },
  ];
}

/**
 * The printable facilitator guide of a session: the agenda with each round's planned
 * times (from the day's planned start), then each round with its slide or exercise and the
 * facilitator's notes. Built for `renderMarkdown` and `renderPdf`.
 */
export function guideDocument(input: GuideInput): ExportDocument {
  const slots = plannedSlots(input.agenda, input.plannedStart);
  const total = plannedTotal(input.agenda);
  const hasTimes = input.plannedStart !== undefined;
  const when = (i: number) => {
    const slot = slots[i];
    if (!slot) return '';
    return slot.start && slot.end ? `${slot.start}–${slot.end}` : `+${formatDuration(slot.offset)}`;
  };
  const overview: ExportSection = {
    heading: 'The day',
    blocks: [
      {
        type: 'fields',
        rows: [
          { label: 'Planned start', value: input.plannedStart ?? 'not set' },
          ...(hasTimes
            ? [{ label: 'Planned end', value: slots.at(-1)?.end ?? input.plannedStart ?? '' }]
            : []),
          { label: 'Planned length', value: total ? formatDuration(total) : 'not planned' },
          { label: 'Rounds', value: String(input.agenda.length) },
        ],
      },
      {
        type: 'table',
        columns: [hasTimes ? 'Time' : 'From the start', 'Round', 'Kind', 'Minutes'],
        rows: input.agenda.map((round, i) => [
          when(i),
          round.title,
          getExercise(round.kind)?.label ?? round.kind,
          round.minutes === undefined ? '' : String(round.minutes),
        ]),
      },
    ],
  };
  const rounds = input.agenda.map((round, i): ExportSection => ({
    heading: `${i + 1}. ${round.title}${slots[i] && round.minutes ? ` (${when(i)}, ${round.minutes} min)` : ''}`,
    blocks: [
      ...roundBlocks(round),
      {
        type: 'paragraph',
        text: `Facilitator notes:\n\n${round.notes ?? 'No notes for this round.'}`,
      },
    ],
  }));
  return {
    title: `Facilitator guide: ${input.title}`,
    subtitle: `${input.date} · for the facilitator only`,
    sections: [overview, ...rounds],
  };
}
