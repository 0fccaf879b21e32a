import { z } from 'zod';
import { cleanText, idSchema, keySchema } from '../../protocol/schemas.ts';
import { validateBucket, type BucketSpec, MECHANICAL_BIAS_RED_WEIGHT } from './sampler.ts';

/** The experiment's set-up, as the facilitator enters it (shares in percent, as people say them). */
export const redBeadConfigSchema = z
  .object({
    // Messages a facilitator can act on, rather than zod's "Too small: expected number to be >=1".
    beads: z
      .number()
      .int('The number of beads must be a whole number')
      .min(1, 'The bucket needs at least 1 bead')
      .max(100_000, 'The bucket holds at most 100,000 beads'),
    redSharePercent: z
      .number()
      .min(0, 'The share of red beads must be between 0 and 100 %')
      .max(100, 'The share of red beads must be between 0 and 100 %'),
    paddleHoles: z
      .number()
      .int('The paddle’s holes must be a whole number')
      .min(1, 'The paddle needs at least 1 hole')
      .max(500, 'The paddle has at most 500 holes'),
    workers: z
      .number()
      .int('The number of workers must be a whole number')
      .min(1, 'The experiment needs at least 1 willing worker')
      .max(12, 'The experiment has at most 12 willing workers'),
    days: z
      .number()
      .int('The number of days must be a whole number')
      .min(1, 'The experiment runs for at least 1 day')
      .max(10, 'The experiment runs for at most 10 days'),
    hasMechanicalBias: z.boolean(),
    seed: cleanText(64, { what: 'The random seed' }),
  })
  .superRefine(
    (config, ctx) => {
      const problem = validateBucket(bucketSpec(config, config));
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    },
    // Only once every field is fine on its own, so one mistake gives one message.
    { when: (payload) => payload.issues.length === 0 },
  );
export type RedBeadConfig = z.infer<typeof redBeadConfigSchema>;

/** The parts of the system that "change the system" actions move. */
export interface RedBeadSystem {
  redSharePercent: number;
  paddleHoles: number;
}

/** The bucket and paddle a draw uses: the configured bucket with the system as it stands. */
export function bucketSpec(
  config: Pick<RedBeadConfig, 'beads' | 'hasMechanicalBias'>,
  system: RedBeadSystem,
): BucketSpec {
  return {
    beads: config.beads,
    redShare: system.redSharePercent / 100,
    paddleHoles: system.paddleHoles,
    redCatchWeight: config.hasMechanicalBias ? MECHANICAL_BIAS_RED_WEIGHT : 1,
  };
}

/** A willing worker's place on the line: held by a participant, or simulated when nobody is assigned. */
export interface WorkerSlot {
  id: string;
  /** Shown for a simulated worker; a participant is shown by their own name. */
  name: string;
  participantId: string | null;
  status: 'working' | 'probation' | 'fired';
  hasDoubleShift: boolean;
}

/** A paddle drawn and waiting for the inspectors. */
export interface PendingDraw {
  index: number;
  workerId: string;
  /** Who dipped: the slot's participant at the time, or null for a simulated worker. */
  participantId: string | null;
  beads: ('red' | 'white')[];
  red: number;
  confirmedBy: string[];
}

/** A draw the chief inspector announced and the recorder wrote down. */
export interface DrawRecord {
  index: number;
  day: number;
  workerId: string;
  /** Who dipped, kept with the draw: a slot can change hands during the run. */
  participantId: string | null;
  red: number;
  sampleSize: number;
}

/** Management's theatre and the system changes that really work, logged against the day. */
export type InterventionKind =
  | 'quota'
  | 'slogan'
  | 'praise'
  | 'bonus'
  | 'probation'
  | 'fire'
  | 'doubleShift'
  | 'closePlant'
  | 'newSupplier'
  | 'newPaddle';

export interface Intervention {
  kind: InterventionKind;
  /** The day it was made for: the day running, or the next one between days. */
  day: number;
  /** The number of recorded draws when it was made: it precedes draw `beforeDraw`. */
  beforeDraw: number;
  text: string;
  workerIds: string[];
}

/** Where the system changed: draws from `startDraw` on come from it. */
export interface SystemEra extends RedBeadSystem {
  startDraw: number;
}

/** An observer's forecast for a day. */
export interface Prediction {
  bestWorkerId: string | null;
  trend: 'better' | 'same' | 'worse' | null;
}

export type RedBeadStage = 'setup' | 'predicting' | 'working' | 'dayEnded' | 'finished';

export interface RedBeadState {
  config: RedBeadConfig;
  workers: WorkerSlot[];
  /** Two inspectors' seats; null while unassigned. */
  inspectors: (string | null)[];
  chiefInspector: string | null;
  recorder: string | null;
  stage: RedBeadStage;
  /** The day running or just ended; 0 before the first. */
  day: number;
  /** Worker slot ids in the order they dip today (a double shift appears twice). */
  turns: string[];
  turnIndex: number;
  pending: PendingDraw | null;
  /** The last paddle shown, recorded or not, for the screens. */
  lastDraw: PendingDraw | null;
  draws: DrawRecord[];
  /** Paddles dipped so far, recorded or pending: the next draw's seed index. */
  dipCount: number;
  eras: SystemEra[];
  interventions: Intervention[];
  quota: number | null;
  slogan: string | null;
  isPlantClosed: boolean;
  /** Forecasts by day, then by participant id. */
  predictions: Record<number, Record<string, Prediction>>;
  /** How many times volunteers were picked: seeds each pick. */
  volunteerPicks: number;
  chart: { kind: 'np' | 'p'; basis: 'theory' | 'data' };
  demo: { isOn: boolean; intervalMs: number };
}

/** A worker slot's id as actions name it (slot letters): never a reserved name. */
const workerIdSchema = keySchema(/^[A-Za-z0-9_-]{1,8}$/, 'No such worker');

/** What the facilitator does in the round. */
export const redBeadFacilitatorActionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('assign'),
    role: z.enum(['worker', 'inspector', 'chief', 'recorder']),
    slot: z.number().int().min(0).max(11),
    participantId: idSchema.nullable(),
  }),
  z.object({ type: z.literal('pickVolunteers') }),
  z.object({ type: z.literal('openPredictions') }),
  z.object({ type: z.literal('startDay') }),
  z.object({ type: z.literal('dip') }),
  z.object({ type: z.literal('record') }),
  z.object({ type: z.literal('quota'), max: z.number().int().min(0).max(500) }),
  z.object({ type: z.literal('slogan'), text: cleanText(120, { what: 'The slogan' }) }),
  z.object({
    type: z.literal('reward'),
    kind: z.enum(['praise', 'bonus', 'probation']),
    /** Defaults to the best worker so far (praise, bonus) or the worst (probation). */
    workerId: workerIdSchema.optional(),
  }),
  z.object({ type: z.literal('fireWorst'), count: z.number().int().min(1).max(11) }),
  z.object({ type: z.literal('closePlant') }),
  z.object({ type: z.literal('newSupplier'), redSharePercent: z.number().min(0).max(100) }),
  z.object({ type: z.literal('newPaddle'), paddleHoles: z.number().int().min(1).max(500) }),
  z.object({
    type: z.literal('chart'),
    kind: z.enum(['np', 'p']).optional(),
    basis: z.enum(['theory', 'data']).optional(),
  }),
  z.object({
    type: z.literal('demo'),
    isOn: z.boolean(),
    intervalMs: z.number().int().min(300).max(10_000),
  }),
  z.object({ type: z.literal('finish') }),
]);
export type RedBeadFacilitatorAction = z.infer<typeof redBeadFacilitatorActionSchema>;

/** What participants do: the worker dips, inspectors confirm, observers predict. */
export const redBeadParticipantActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('dip') }),
  z.object({ type: z.literal('confirm'), drawIndex: z.number().int().min(0) }),
  z.object({
    type: z.literal('predict'),
    day: z.number().int().min(1).max(10),
    bestWorkerId: workerIdSchema.nullable(),
    trend: z.enum(['better', 'same', 'worse']).nullable(),
  }),
]);
export type RedBeadParticipantAction = z.infer<typeof redBeadParticipantActionSchema>;

/** A participant's part in the experiment. */
export type RedBeadRole = 'worker' | 'inspector' | 'chief' | 'recorder' | 'observer';
