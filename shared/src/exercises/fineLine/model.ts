import { z } from 'zod';
import { cleanText, idSchema } from '../../protocol/schemas.ts';
import {
  MAX_ARRIVALS_PER_HOUR,
  MAX_OPEN_DELAY_MINUTES,
  MAX_REGISTERS,
  MAX_SERVICE_MEAN_MINUTES,
  validateDemand,
  validatePolicy,
  type Demand,
  type QueueState,
  type StaffingPolicy,
} from './queue.ts';

// Messages a facilitator can act on, rather than zod's "Too small: expected number to be >=1";
// the bounds are the model's own (validatePolicy), which then checks the fields together.
const policyShape = {
  openAtStart: z
    .number()
    .int('The registers open at the start must be a whole number')
    .min(1, 'At least 1 register must be open from the start')
    .max(MAX_REGISTERS, `At most ${MAX_REGISTERS} registers can be open from the start`),
  openThreshold: z
    .number()
    .int('The line length that opens a register must be a whole number')
    .min(1, 'The line length that opens a register must be at least 1 customer')
    .max(200, 'The line length that opens a register can be at most 200 customers'),
  openDelayMinutes: z
    .number()
    .min(0, 'The delay before a register opens must be 0 minutes or more')
    .max(
      MAX_OPEN_DELAY_MINUTES,
      `The delay before a register opens can be at most ${MAX_OPEN_DELAY_MINUTES} minutes`,
    ),
  maxRegisters: z
    .number()
    .int('The maximum number of registers must be a whole number')
    .min(1, 'The store needs at least 1 register')
    .max(MAX_REGISTERS, `The store can have at most ${MAX_REGISTERS} registers`),
  costPerRegisterMinute: z
    .number()
    .min(0, 'The cost of a register per minute must be 0 or more')
    .max(1000, 'The cost of a register per minute can be at most 1000'),
};

/** A staffing policy, refused with the model's own message when it makes no sense. */
export const staffingPolicySchema = z.object(policyShape).superRefine(
  (policy, ctx) => {
    const problem = validatePolicy(policy);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  },
  // Only once every field is fine on its own, so one mistake gives one message.
  { when: (payload) => payload.issues.length === 0 },
);

/** The store as the facilitator sets it up: demand, the first policy, and the clock. */
export const fineLineConfigSchema = z
  .object({
    arrivalsPerHour: z
      .number()
      .min(1, 'Customers must arrive: at least 1 customer per hour')
      .max(
        MAX_ARRIVALS_PER_HOUR,
        `The arrival rate can be at most ${MAX_ARRIVALS_PER_HOUR} customers per hour`,
      ),
    serviceKind: z.enum(['exponential', 'uniform', 'fixed'], {
      error: 'The service time must be exponential, uniform or fixed',
    }),
    serviceMeanMinutes: z
      .number()
      .min(0.1, 'The mean service time must be at least 0.1 minutes')
      .max(
        MAX_SERVICE_MEAN_MINUTES,
        `The mean service time can be at most ${MAX_SERVICE_MEAN_MINUTES} minutes`,
      ),
    patienceMeanMinutes: z
      .number()
      .min(0.5, 'The mean patience must be at least 0.5 minutes')
      .max(120, 'The mean patience can be at most 120 minutes'),
    policy: staffingPolicySchema,
    /** Simulated minutes per real minute. */
    speed: z
      .number()
      .min(1, 'The simulated clock runs at least 1 minute per real minute')
      .max(600, 'The simulated clock runs at most 600 minutes per real minute'),
    durationMinutes: z
      .number()
      .int('The store’s opening time must be a whole number of minutes')
      .min(5, 'The store stays open at least 5 minutes')
      .max(24 * 60, 'The store stays open at most 24 hours'),
    seed: cleanText(64, { what: 'The random seed' }),
  })
  .superRefine(
    (config, ctx) => {
      const problem = validateDemand(demandOf(config));
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    },
    { when: (payload) => payload.issues.length === 0 },
  );
export type FineLineConfig = z.infer<typeof fineLineConfigSchema>;

/** The demand part of a config, as the queue model takes it. */
export function demandOf(
  config: Pick<
    FineLineConfig,
    'arrivalsPerHour' | 'serviceKind' | 'serviceMeanMinutes' | 'patienceMeanMinutes'
  >,
): Demand {
  return {
    arrivalsPerHour: config.arrivalsPerHour,
    service: {
      kind: config.serviceKind,
      meanMinutes: config.serviceMeanMinutes,
      ...(config.serviceKind === 'uniform' ? { spreadMinutes: config.serviceMeanMinutes / 2 } : {}),
    },
    patienceMeanMinutes: config.patienceMeanMinutes,
  };
}

/** One pass over the same arrivals under one policy (it may change mid-run). */
export interface FineLineRun {
  id: number;
  label: string;
  queue: QueueState;
  /** Average reported mood per simulated minute, for the chart. */
  moodSamples: { t: number; average: number; reports: number }[];
  /** Policy changes made during the run, by simulated minute. */
  policyChanges: { t: number; policy: StaffingPolicy }[];
  /**
   * The policy the run started with (the queue holds only the one in force). Absent from
   * runs stored before it was kept; they show their changes without the start.
   */
  startPolicy?: StaffingPolicy;
}

/** A participant standing in for one of the simulated customers. */
export interface Shopper {
  customerIndex: number;
  /** The latest mood reported for this visit (1 very unhappy to 5 happy), or null. */
  mood: number | null;
  /** Real time of the last mood report, to limit their rate. */
  moodAt: number;
  visits: number;
  /** How long this participant waited on their previous visit, for their phone to show. */
  lastWaitMinutes: number | null;
}

export type FineLineStatus = 'ready' | 'running' | 'paused' | 'finished';

export interface FineLineState {
  config: FineLineConfig;
  status: FineLineStatus;
  runs: FineLineRun[];
  /** Participants in the current run, by id. */
  shoppers: Record<string, Shopper>;
  /** Participants who may change the policy (the store management team). */
  managers: string[];
  speed: number;
}

/** What the facilitator does. `tick` is sent by the server's clock, not by a person. */
export const fineLineFacilitatorActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start') }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('speed'), speed: z.number().min(1).max(600) }),
  z.object({ type: z.literal('tick'), toClock: z.number().min(0) }),
  z.object({ type: z.literal('policy'), policy: staffingPolicySchema }),
  z.object({
    type: z.literal('replay'),
    label: cleanText(60, { what: 'The run’s name' }),
    policy: staffingPolicySchema,
  }),
  z.object({ type: z.literal('manager'), participantId: idSchema, isManager: z.boolean() }),
  z.object({ type: z.literal('finish') }),
]);
export type FineLineFacilitatorAction = z.infer<typeof fineLineFacilitatorActionSchema>;

/** What participants do: report their mood while in line; managers may change the policy. */
export const fineLineParticipantActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mood'), value: z.number().int().min(1).max(5) }),
  z.object({ type: z.literal('policy'), policy: staffingPolicySchema }),
]);
export type FineLineParticipantAction = z.infer<typeof fineLineParticipantActionSchema>;

/** A participant may report their mood at most this often (real time). */
export const MOOD_INTERVAL_MS = 1500;
/** The server's clock ticks this often (real time) while a run is going. */
export const TICK_MS = 500;
