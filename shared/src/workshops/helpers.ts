import { contentSlide, type ContentConfig } from '../exercises/content/schema.ts';
import type { ExerciseConfig, RoundInput } from '../exercises/registry.ts';

/** A workshop a facilitator can start from: a title, where it comes from, and its agenda. */
export interface BuiltInWorkshop {
  id: string;
  title: string;
  /** One paragraph on what the day achieves, shown when choosing. */
  description: string;
  /** How long the agenda is planned to take, in minutes (the sum of its rounds' minutes). */
  minutes: number;
  /** When the day is planned to start, "HH:MM". */
  plannedStart: string;
  agenda: RoundInput[];
}

/** A round's plan: its planned minutes and the facilitator's script. */
export interface Plan {
  minutes: number;
  notes: string;
}

/**
 * An exercise round from a preset, with its plan: the agenda takes its own copy of the
 * preset's config, so editing the round changes no preset.
 */
export function exercise<K extends RoundInput['kind']>(
  kind: K,
  preset: { title: string; config: ExerciseConfig<K> },
  plan: Plan,
  title = preset.title,
): RoundInput {
  return {
    kind,
    title,
    config: structuredClone(preset.config),
    minutes: plan.minutes,
    notes: plan.notes.trim(),
  };
}

/** A content slide round (a talk, a quote, a break) with its plan. */
export function slide(
  title: string,
  fields: Partial<ContentConfig> & Pick<ContentConfig, 'layout'>,
  plan: Plan,
): RoundInput {
  return {
    kind: 'content',
    title,
    config: contentSlide({ heading: title, ...fields }),
    minutes: plan.minutes,
    notes: plan.notes.trim(),
  };
}

/** A break or lunch: the break layout, which shows the countdown and when the room is back. */
export function pause(title: string, minutes: number, notes: string): RoundInput {
  return slide(
    title,
    { layout: 'break', phoneMode: 'compact' },
    { minutes, notes: `${notes.trim()}\n\nTime: ${minutes} minutes.` },
  );
}

/** The preset of a name in a record of presets, or a clear error when a name is wrong. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`Missing preset ${name}`);
  return value;
}

/** Sums the planned minutes of an agenda. */
export function totalMinutes(agenda: readonly RoundInput[]): number {
  return agenda.reduce((sum, r) => sum + (r.minutes ?? 0), 0);
}
