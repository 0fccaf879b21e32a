import { z } from 'zod';
import { idSchema } from '../../protocol/schemas.ts';
import {
  validateDemand,
  validatePolicy,
  type Demand,
  type QueueState,
  type StaffingPolicy,
} from './queue.ts';

const policyShape = {
  openAtStart: z.number().int().min(1).max(20),
  openThreshold: z.number().int().min(1).max(200),
  openDelayMinutes: z.number().min(0).max(60),
  maxRegisters: z.number().int().min(1).max(20),
  costPerRegisterMinute: z.number().min(0).max(1000),
};

/** A staffing policy, refused with the model's own message when it makes no sense. */
export const staffingPolicySchema = z.object(policyShape).superRefine((policy, ctx) => {
  const problem = validatePolicy(policy);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The store as the facilitator sets it up: demand, the first policy, and the clock. */
export const fineLineConfigSchema = z
  .object({
    arrivalsPerHour: z.number().min(1).max(600),
    serviceKind: z.enum(['exponential', 'uniform', 'fixed']),
    serviceMeanMinutes: z.number().min(0.1).max(60),
    patienceMeanMinutes: z.number().min(0.5).max(120),
    policy: staffingPolicySchema,
    /** Simulated minutes per real minute. */
    speed: z.number().min(1).max(600),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    seed: z.string().trim().min(1).max(64),
  })
  .superRefine((config, ctx) => {
    const problem = validateDemand(demandOf(config));
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
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
}

/** A participant standing in for one of the simulated customers. */
export interface Shopper {
  customerIndex: number;
  /** The latest mood reported for this visit (1 very unhappy to 5 happy), or null. */
  mood: number | null;
  /** Real time of the last mood report, to limit their rate. */
  moodAt: number;
  visits: number;
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
    label: z.string().trim().min(1).max(60),
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
