import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { RESERVED_KEYS } from '../own.ts';
import { CLOCK_EXTEND_MAX_MINUTES } from '../session/clock/model.ts';
import { QA_LIMITS } from '../session/qa/limits.ts';
import { REHEARSAL_LIMITS } from '../rehearsal/model.ts';

export { PROTOCOL_VERSION } from './version.ts';

/**
 * A key chosen outside (an id in a payload, a card id in a config) that the code will use
 * to index a record: it matches `pattern` and is never a name of `Object.prototype`
 * (`__proto__`, `constructor`, `toString`…) nor `prototype`, so no lookup by it can find
 * an inherited property. Every such key in shared goes through this one check.
 */
export const keySchema = (pattern: RegExp, message: string) =>
  z
    .string()
    .regex(pattern, message)
    .refine((s) => !RESERVED_KEYS.has(s), message);

/** Server-made ids and tokens: URL-safe, bounded, never a reserved name ({@link keySchema}). */
export const idSchema = keySchema(/^[A-Za-z0-9_-]{1,64}$/, 'Invalid id');
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'Invalid token');

/** Invisible characters that can disguise text (zero-width spaces, bidi overrides): removed. */
const INVISIBLE = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

/** How {@link cleanText} words its refusals and whether blank text is accepted. */
export interface CleanTextOptions {
  /** Names the field in messages: "The prompt has at most 300 characters". */
  what?: string;
  /** Blank text (or text that is blank once cleaned) is accepted, as `''`. */
  isOptional?: boolean;
}

/** One line of typed text as {@link cleanText} keeps it. */
function cleanLine(s: string): string {
  return s
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Free text typed by people: NFC-normalised, invisible and bidi-override characters
 * removed, control characters turned into spaces, whitespace collapsed, trimmed and
 * length-limited. Zero-width joiners stay, so emoji such as 👩‍💻 keep their shape. Always
 * rendered as text, never as HTML. Every text field of the protocol and of the exercises'
 * settings and actions is parsed by it.
 */
export const cleanText = (max: number, { what, isOptional = false }: CleanTextOptions = {}) => {
  const long = what ? `${what} has at most ${max} characters` : `At most ${max} characters`;
  const cleaned = z
    .string(what ? { error: `${what} must be text` } : undefined)
    .max(max * 4, long)
    .transform(cleanLine);
  const bounded = z.string().max(max, long);
  if (isOptional) {
    // Only zero-width joiners left is as blank as nothing at all.
    return cleaned.pipe(bounded.transform((s) => (/[^\s\u200C\u200D]/u.test(s) ? s : '')));
  }
  return cleaned.pipe(
    bounded.refine(
      (s) => /[^\s\u200C\u200D]/u.test(s),
      what ? `${what} must not be empty` : 'Must not be empty',
    ),
  );
};

/**
 * Free text of several lines (a facilitator's notes): cleaned like {@link cleanText} line
 * by line, but the line breaks stay (runs of blank lines fold to one blank line), so a
 * script keeps its paragraphs and lists. Rendered as text, never as HTML. Blank is `''`.
 */
export const cleanLines = (max: number, what = 'The text') => {
  const long = `${what} has at most ${max} characters`;
  return z
    .string({ error: `${what} must be text` })
    .max(max * 4, long)
    .transform((s) =>
      s
        .normalize('NFC')
        .replace(INVISIBLE, '')
        .split(/\r\n|\r|\n/)
        .map((line) =>
          line
            .replace(/\p{Cc}/gu, ' ')
            .replace(/\s+/g, ' ')
            .trimEnd(),
        )
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
    )
    .pipe(z.string().max(max, long));
};

/** Bounds of a round's plan: the facilitator's notes and its planned minutes. */
export const ROUND_PLAN_LIMITS = { notesLength: 6000, minutes: 480 } as const;

/** A round's facilitator notes (private to the console and presenter view). */
export const roundNotesSchema = cleanLines(ROUND_PLAN_LIMITS.notesLength, 'The notes');

/** A round's planned length in whole minutes. */
export const roundMinutesSchema = z
  .number({ error: 'The planned minutes must be a number' })
  .int('The planned minutes must be whole minutes')
  .min(1, 'A round is planned for at least 1 minute')
  .max(
    ROUND_PLAN_LIMITS.minutes,
    `A round is planned for at most ${ROUND_PLAN_LIMITS.minutes} minutes`,
  );

/** A time of day as a facilitator plans it, "HH:MM" on a 24-hour clock. */
export const plannedStartSchema = z
  .string({ error: 'The planned start must be a time such as 09:00' })
  .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'The planned start must be a time such as 09:00');

export const displayNameSchema = cleanText(LIMITS.nameLength);
export const titleSchema = cleanText(LIMITS.titleLength);

/** A round as submitted; its config is checked against its exercise's own schema. */
export const roundInputSchema = z.object({
  kind: z.string().max(40),
  title: titleSchema,
  config: z.unknown(),
  notes: roundNotesSchema.optional(),
  minutes: roundMinutesSchema.optional(),
});

/** How fast a rehearsal's simulated room acts: actions per minute, all seats together. */
export const rehearsalPaceSchema = z
  .number({ error: 'The pace must be a number of actions per minute' })
  .int('The pace must be a whole number of actions per minute')
  .min(REHEARSAL_LIMITS.minPace, `The pace is at least ${REHEARSAL_LIMITS.minPace} action a minute`)
  .max(
    REHEARSAL_LIMITS.maxPace,
    `The pace is at most ${REHEARSAL_LIMITS.maxPace} actions a minute`,
  );

export const createSessionBodySchema = z.object({
  title: titleSchema,
  agenda: z.array(roundInputSchema).max(LIMITS.agendaRounds),
  /** When the day is planned to start ("09:00"): the agenda's planned times count from it. */
  plannedStart: plannedStartSchema.optional(),
  /** Create a rehearsal: the facilitator alone with simulated participants. */
  rehearsal: z
    .object({
      seats: z
        .number({ error: 'The number of simulated participants must be a number' })
        .int('The number of simulated participants must be a whole number')
        .min(REHEARSAL_LIMITS.minSeats, 'A rehearsal has at least 1 simulated participant')
        .max(
          REHEARSAL_LIMITS.maxSeats,
          `A rehearsal has at most ${REHEARSAL_LIMITS.maxSeats} simulated participants`,
        ),
      actionsPerMinute: rehearsalPaceSchema,
    })
    .optional(),
});
export type CreateSessionBody = z.infer<typeof createSessionBodySchema>;

/** A random id the phone keeps, so join-code guessing is limited per device, not per office. */
export const deviceIdSchema = tokenSchema;

export const joinBodySchema = z.object({
  code: z.string().max(20),
  name: displayNameSchema,
  deviceId: deviceIdSchema,
  /**
   * The session's id, from the QR code or join link (`/join/CODE?s=ID`). It is unguessable,
   * so a join that carries the right one is no guess: the address's wrong-code limit, meant
   * for typed codes, does not hold it back.
   */
  sessionId: idSchema.optional(),
});
export type JoinBody = z.infer<typeof joinBodySchema>;

export const facilitatorSessionsBodySchema = z.object({
  sessions: z.array(z.object({ sessionId: idSchema, token: tokenSchema })).max(200),
});
export type FacilitatorSessionsBody = z.infer<typeof facilitatorSessionsBodySchema>;

const optionalRound = { roundId: idSchema.optional() };

/* ---- Q&A: the session-wide question channel ---- */

/** A question's id, as the server made it. */
const questionIdSchema = keySchema(/^q[0-9a-z]{1,12}$/, 'Invalid question id');

/** The facilitator's Q&A commands, part of {@link controlCommandSchema}. */
const qaControlCommandSchemas = [
  /** Change any of the Q&A's settings live; the others stay. */
  z
    .object({
      type: z.literal('qa.settings'),
      isOpen: z.boolean().optional(),
      allowAnonymous: z.boolean().optional(),
      isModerated: z.boolean().optional(),
    })
    .refine(
      (c) =>
        c.isOpen !== undefined || c.allowAnonymous !== undefined || c.isModerated !== undefined,
      'Say which setting changes',
    ),
  z.object({ type: z.literal('qa.approve'), questionId: questionIdSchema }),
  z.object({ type: z.literal('qa.hide'), questionId: questionIdSchema, isHidden: z.boolean() }),
  /** Merge a duplicate into another question: their votes combine, each seat once. */
  z.object({ type: z.literal('qa.merge'), questionId: questionIdSchema, intoId: questionIdSchema }),
  z.object({ type: z.literal('qa.pin'), questionId: questionIdSchema, isPinned: z.boolean() }),
  z.object({ type: z.literal('qa.answer'), questionId: questionIdSchema, isAnswered: z.boolean() }),
  /** Show one question large on the room screen, or (null) clear it. */
  z.object({ type: z.literal('qa.highlight'), questionId: questionIdSchema.nullable() }),
  /** The room screen shows the Q&A full-screen instead of the round, or the round again. */
  z.object({ type: z.literal('qa.display'), isFullScreen: z.boolean() }),
] as const;

/** What a participant does in the Q&A (the `qa.act` socket event). */
export const qaActPayloadSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('qa.ask'),
    text: cleanText(QA_LIMITS.questionLength, { what: 'A question' }),
    isAnonymous: z.boolean(),
  }),
  /** Sets this seat's vote on a question: sending it twice counts once. */
  z.object({ type: z.literal('qa.vote'), questionId: questionIdSchema, isVoting: z.boolean() }),
]);
export type QaActPayload = z.infer<typeof qaActPayloadSchema>;

/* ---- Teams (tables): the session's groups, used by any round ---- */

/** Teams a session can have at once. */
export const TEAMS_MAX = 20;
/** Teams the facilitator forms in one go: at least two. */
export const TEAMS_MIN_FORMED = 2;
/** A team's name: "Table 3". */
export const TEAM_NAME_LENGTH = 40;

/** A team's id, as the server made it (`t1`, `t2`…). */
export const teamIdSchema = keySchema(/^t[0-9a-z]{1,8}$/, 'Unknown table');
const teamNameSchema = cleanText(TEAM_NAME_LENGTH, { what: 'A table name' });

/** The facilitator's team commands, part of {@link controlCommandSchema}. */
const teamsControlCommandSchemas = [
  /** New tables "Table 1"… replacing any there were: people dealt at random, or left to choose. */
  z.object({
    type: z.literal('teams.form'),
    count: z
      .number({ error: 'The number of tables must be a number' })
      .int('The number of tables must be a whole number')
      .min(TEAMS_MIN_FORMED, `Form at least ${TEAMS_MIN_FORMED} tables`)
      .max(TEAMS_MAX, `At most ${TEAMS_MAX} tables`),
    isRandom: z.boolean({ error: 'Say whether people are placed at random' }),
  }),
  z.object({ type: z.literal('teams.add'), name: teamNameSchema.optional() }),
  z.object({ type: z.literal('teams.rename'), teamId: teamIdSchema, name: teamNameSchema }),
  /** Drops a table: its members move to the smallest tables left. */
  z.object({ type: z.literal('teams.remove'), teamId: teamIdSchema }),
  /** Moves a seat to a table, or (null) to no table. */
  z.object({
    type: z.literal('teams.move'),
    participantId: idSchema,
    teamId: teamIdSchema.nullable(),
  }),
  /** Participants choose their table on the phone, or not. */
  z.object({
    type: z.literal('teams.settings'),
    isChoosing: z.boolean({ error: 'Say whether people choose their table' }),
  }),
  /** No tables any more. */
  z.object({ type: z.literal('teams.clear') }),
] as const;

/** What a participant does about teams (the `team.act` socket event): pick a table. */
export const teamActPayloadSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('teams.pick'), teamId: teamIdSchema }),
]);
export type TeamActPayload = z.infer<typeof teamActPayloadSchema>;

/* ---- The clock and the room screen's mode ---- */

/** The facilitator's clock commands, part of {@link controlCommandSchema}. */
const clockControlCommandSchemas = [
  /** Adds minutes to the current round's plan (+1, +5 on the console). */
  z.object({
    type: z.literal('clock.extend'),
    minutes: z
      .number({ error: 'The extra minutes must be a number' })
      .int('The extra minutes must be whole minutes')
      .min(1, 'Add at least 1 minute')
      .max(CLOCK_EXTEND_MAX_MINUTES, `Add at most ${CLOCK_EXTEND_MAX_MINUTES} minutes at once`),
  }),
  /** The room screen shows the session (live), a calm blank screen, or its last view (frozen). */
  z.object({
    type: z.literal('clock.screen'),
    mode: z.enum(['live', 'blank', 'frozen'], {
      error: 'The room screen is live, blank or frozen',
    }),
  }),
  /** The room screen shows the current round's countdown against its plan, or not. */
  z.object({
    type: z.literal('clock.countdown'),
    isShown: z.boolean({ error: 'Say whether the countdown is shown' }),
  }),
] as const;

/** Everything a facilitator can do to a session. */
export const controlCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.start') }),
  z.object({ type: z.literal('session.end') }),
  z.object({ type: z.literal('round.next') }),
  z.object({ type: z.literal('round.back') }),
  z.object({ type: z.literal('round.goto'), roundId: idSchema }),
  z.object({ type: z.literal('round.open'), ...optionalRound }),
  z.object({ type: z.literal('round.lock'), ...optionalRound }),
  z.object({ type: z.literal('round.reveal'), ...optionalRound }),
  z.object({ type: z.literal('round.hide'), ...optionalRound }),
  /** Ask every phone "what will I do about this?" for a round (the current one by default). */
  z.object({ type: z.literal('prompt.send'), ...optionalRound }),
  z.object({ type: z.literal('prompt.close') }),
  z.object({
    type: z.literal('timer.start'),
    seconds: z.number().int().min(1).max(LIMITS.timerSeconds),
  }),
  z.object({ type: z.literal('timer.pause') }),
  z.object({ type: z.literal('timer.resume') }),
  z.object({ type: z.literal('timer.clear') }),
  z.object({
    type: z.literal('agenda.add'),
    round: roundInputSchema,
    index: z.number().int().min(0).max(LIMITS.agendaRounds).optional(),
  }),
  z.object({
    type: z.literal('agenda.update'),
    roundId: idSchema,
    title: titleSchema.optional(),
    config: z.unknown().optional(),
    /** Notes and minutes change at any time, answers or not; null clears them. */
    notes: roundNotesSchema.nullable().optional(),
    minutes: roundMinutesSchema.nullable().optional(),
  }),
  /** The day's planned start ("09:00"), or null for none. */
  z.object({ type: z.literal('session.reschedule'), plannedStart: plannedStartSchema.nullable() }),
  z.object({ type: z.literal('agenda.remove'), roundId: idSchema }),
  z.object({
    type: z.literal('agenda.move'),
    roundId: idSchema,
    toIndex: z.number().int().min(0).max(LIMITS.agendaRounds),
  }),
  /** Close the room to new joins (seats already taken keep working), or open it again. */
  z.object({ type: z.literal('session.lock') }),
  z.object({ type: z.literal('session.unlock') }),
  /** Close many seats at once (a room flooded with fake seats); their answers stay. */
  z.object({
    type: z.literal('participants.remove'),
    participantIds: z.array(idSchema).min(1).max(LIMITS.participantsPerSession),
  }),
  ...qaControlCommandSchemas,
  ...teamsControlCommandSchemas,
  /** A rehearsal's simulated room: its pace, a pause, and whether the typed code lets people in. */
  z.object({ type: z.literal('rehearsal.pace'), actionsPerMinute: rehearsalPaceSchema }),
  z.object({ type: z.literal('rehearsal.pause'), isPaused: z.boolean() }),
  z.object({ type: z.literal('rehearsal.openToCode'), isOpen: z.boolean() }),
  ...clockControlCommandSchemas,
]);
export type ControlCommand = z.infer<typeof controlCommandSchema>;

export const roundActPayloadSchema = z.object({ roundId: idSchema, action: z.unknown() });
export type RoundActPayload = z.infer<typeof roundActPayloadSchema>;

/** A participant's answer to the round's action-plan prompt, or null to skip it. */
export const planAnswerPayloadSchema = z.object({
  roundId: idSchema,
  text: cleanText(500).nullable(),
});
export type PlanAnswerPayload = z.infer<typeof planAnswerPayloadSchema>;

export const syncPayloadSchema = z.object({ lastSeq: z.number().int().min(0) });
export type SyncPayload = z.infer<typeof syncPayloadSchema>;

export const emptyPayloadSchema = z.object({}).strict();

/** Who a socket speaks for, sent in the socket.io handshake and checked before connecting. */
export const credentialSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('facilitator'), sessionId: idSchema, token: tokenSchema }),
  z.object({ role: z.literal('participant'), resumeToken: tokenSchema }),
  z.object({ role: z.literal('screen'), sessionId: idSchema, key: tokenSchema }),
  /** A workspace member's console: the account's cookie and role decide, checked on every command. */
  z.object({ role: z.literal('member'), sessionId: idSchema }),
]);
export type Credential = z.infer<typeof credentialSchema>;

export const handshakeAuthSchema = z.object({
  protocolVersion: z.number().int(),
  credential: credentialSchema,
  /**
   * A console or phone that takes compact views: it applies `view.facilitator.patch` and
   * `view.public.patch` (else it is sent whole views), and a phone reads its own view from
   * its action's acknowledgement (`Accepted.own`) when that action changed it. The room
   * screen is always sent whole views.
   */
  viewPatches: z.boolean().optional(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

export const shareLinkBodySchema = z.object({ rights: z.enum(['read', 'edit']) });
export const resolveLinkBodySchema = z.object({ token: tokenSchema });
export const notebookSearchBodySchema = facilitatorSessionsBodySchema.extend({
  query: z.string().max(200).default(''),
});
export type NotebookSearchBody = z.infer<typeof notebookSearchBodySchema>;

/** What a notebook's JSON export holds: readable data, and its Yjs state to import it. */
export const notebookArchiveSchema = z.object({
  format: z.literal('playfield-notebook'),
  version: z.literal(1),
  exportedAt: z.string().max(40),
  title: z.string().max(LIMITS.titleLength * 4),
  /** The notebook as plain data, for people and other tools; not read back on import. */
  notebook: z.unknown(),
  /** The Yjs document state, base64: what an import restores. */
  yjs: z
    .string()
    .max(LIMITS.notebookDocBytes * 2)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Invalid base64'),
});
export type NotebookArchive = z.infer<typeof notebookArchiveSchema>;
