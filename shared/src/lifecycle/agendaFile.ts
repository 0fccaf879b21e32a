import { z } from 'zod';
import { CONTENT_DEFAULTS, type ContentConfig } from '../exercises/content/schema.ts';
import {
  describeIssues,
  parseRoundInput,
  type RoundInput,
  type RoundSpec,
} from '../exercises/registry.ts';
import { LIMITS } from '../limits.ts';
import { plannedStartSchema, roundInputSchema, titleSchema } from '../protocol/schemas.ts';
import type { Result } from '../result.ts';

/** What an agenda file says it is, so any other JSON is told apart at once. */
export const AGENDA_FILE_FORMAT = 'playfield-agenda';
/** The version of the file's layout this code writes and reads. */
export const AGENDA_FILE_VERSION = 1;
/** Largest agenda file read, in bytes (60 rounds of long content slides fit well within). */
export const AGENDA_FILE_BYTES = 1_000_000;

/**
 * An agenda as a file: the title, the planned start and the rounds in order, each with its
 * kind, title, config, facilitator notes and planned minutes. Round ids are left out (a new
 * session draws its own). Uploaded images are left out too: a file must work on another
 * server, and an image is only an id there; a slide keeps its text, an image slide becomes
 * a title slide with the image's caption.
 */
export interface AgendaFile {
  format: typeof AGENDA_FILE_FORMAT;
  version: typeof AGENDA_FILE_VERSION;
  title: string;
  plannedStart?: string;
  /** When it was written, ISO 8601 (for people; never read back). */
  exportedAt: string;
  rounds: RoundInput[];
}

/** What a read agenda file gives: what a new session is made from. */
export interface ImportedAgenda {
  title: string;
  plannedStart?: string;
  agenda: RoundInput[];
}

/** A content slide without its uploaded image (see {@link AgendaFile}). */
function withoutImage(round: RoundInput): RoundInput {
  if (round.kind !== 'content') return round;
  const config = round.config as ContentConfig;
  if (config.imageId === null) return round;
  const cleared: ContentConfig = { ...config, imageId: CONTENT_DEFAULTS.imageId, imageAlt: '' };
  return {
    ...round,
    config:
      config.layout === 'image'
        ? {
            ...cleared,
            layout: 'title' as const,
            heading: config.heading || config.caption || config.imageAlt || round.title,
          }
        : cleared,
  };
}

/** The file of an agenda (a session's or a built-in workshop's). */
export function agendaFileOf(
  title: string,
  agenda: readonly (RoundSpec | RoundInput)[],
  exportedAt: string,
  plannedStart?: string | null,
): AgendaFile {
  return {
    format: AGENDA_FILE_FORMAT,
    version: AGENDA_FILE_VERSION,
    title,
    ...(plannedStart ? { plannedStart } : {}),
    exportedAt,
    rounds: agenda.map((round) => {
      const { kind, title: roundTitle, config, notes, minutes } = round;
      return withoutImage({
        kind,
        title: roundTitle,
        config,
        ...(notes ? { notes } : {}),
        ...(minutes !== undefined ? { minutes } : {}),
      });
    }),
  };
}

const envelopeSchema = z.object({
  format: z.literal(AGENDA_FILE_FORMAT, {
    error: 'This is not a Playfield agenda file (its "format" is not "playfield-agenda")',
  }),
  version: z
    .number({ error: 'The file has no version number' })
    .refine(
      (v) => v === AGENDA_FILE_VERSION,
      `This file's version is not ${AGENDA_FILE_VERSION}: it was written by another version of Playfield`,
    ),
  title: titleSchema,
  plannedStart: plannedStartSchema.optional(),
  exportedAt: z.string().max(40).optional(),
  rounds: z
    .array(z.unknown(), { error: 'The file has no list of rounds' })
    .max(LIMITS.agendaRounds, `An agenda has at most ${LIMITS.agendaRounds} rounds`),
});

/** How a round is named in a message: its number, and its title when it has one. */
function roundName(index: number, input: unknown): string {
  const title =
    typeof input === 'object' && input !== null && 'title' in input ? input.title : undefined;
  return typeof title === 'string' && title.trim()
    ? `Round ${index + 1} (“${title.trim().slice(0, 60)}”)`
    : `Round ${index + 1}`;
}

/**
 * Reads an agenda file in full: the envelope, then every round with the same schemas a
 * new session's agenda passes (its exercise's config schema included). A refusal names
 * the round and the field: `Round 3 (“Vote”): Invalid config: options: …`.
 */
export function parseAgendaFile(input: unknown): Result<ImportedAgenda> {
  const refuse = (message: string): Result<never> => ({
    ok: false,
    error: { code: 'BAD_REQUEST', message },
  });
  const envelope = envelopeSchema.safeParse(input);
  if (!envelope.success) return refuse(describeIssues(envelope.error));
  const agenda: RoundInput[] = [];
  for (const [index, raw] of envelope.data.rounds.entries()) {
    const shape = roundInputSchema.safeParse(raw);
    if (!shape.success) return refuse(`${roundName(index, raw)}: ${describeIssues(shape.error)}`);
    const round = parseRoundInput(shape.data);
    if (!round.ok) return refuse(`${roundName(index, raw)}: ${round.error.message}`);
    agenda.push(round.data);
  }
  return {
    ok: true,
    data: {
      title: envelope.data.title,
      ...(envelope.data.plannedStart ? { plannedStart: envelope.data.plannedStart } : {}),
      agenda,
    },
  };
}

/** A file name for an agenda: its title in lower case, words joined by dashes. */
export function agendaFileName(title: string): string {
  const stem = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${stem || 'agenda'}.playfield-agenda.json`;
}
