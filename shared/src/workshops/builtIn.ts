import { actionPlanPresets } from '../exercises/actionPlan/presets.ts';
import { brainstormPresets } from '../exercises/brainstorm/presets.ts';
import { canvasPresets } from '../exercises/canvas/presets.ts';
import { dotVotePresets } from '../exercises/dotVote/presets.ts';
import { fineLine } from '../exercises/fineLine/index.ts';
import { gapRatingPresets } from '../exercises/gapRating/presets.ts';
import { playingFieldPresets } from '../exercises/playingField/presets.ts';
import { redBead } from '../exercises/redBead/index.ts';
import type { ExerciseConfig, RoundInput } from '../exercises/registry.ts';
import { rolePlayPresets } from '../exercises/rolePlay/presets.ts';
import { sortPresets } from '../exercises/sort/presets.ts';

/** A workshop a facilitator can start from: a title, where it comes from, and its agenda. */
export interface BuiltInWorkshop {
  id: string;
  title: string;
  /** One paragraph on what the day achieves, shown when choosing. */
  description: string;
  /** About how long the agenda takes, in minutes. */
  minutes: number;
  agenda: RoundInput[];
}

/** A round from a preset: the agenda takes its own copy, so editing it changes no preset. */
function round<K extends RoundInput['kind']>(
  kind: K,
  preset: { title: string; config: ExerciseConfig<K> },
  title = preset.title,
): RoundInput {
  return { kind, title, config: structuredClone(preset.config) };
}

function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`Missing preset ${name}`);
  return value;
}

const brainstorm = (name: string) => required(brainstormPresets[name], `brainstorm.${name}`);
const playing = (name: string) => required(playingFieldPresets[name], `playingField.${name}`);
const rolePlay = (name: string) => required(rolePlayPresets[name], `rolePlay.${name}`);

/**
 * The three workshops of the seed proposals (WORKSHOPS.md section 5), as agendas built
 * from the exercises' presets. Each is a starting point: the facilitator edits it freely.
 */
export const BUILT_IN_WORKSHOPS: readonly BuiltInWorkshop[] = [
  {
    id: 'service-pro',
    title: 'The Service Pro',
    description:
      'Define reality (how we listen to customers, the Red Bead Experiment), align the system (what gets in the way, the Fine Line), define the playing field (what each of us may decide, recognition), and leave with a personal action plan.',
    minutes: 360,
    agenda: [
      round('dotVote', dotVotePresets.listeningSources, 'Define reality: how do we listen?'),
      round('redBead', { title: 'The Red Bead Experiment', config: redBead.defaultConfig() }),
      round('brainstorm', {
        title: 'Align the system: remove the barriers',
        config: {
          ...brainstorm('poundTheTable').config,
          prompt: 'What in our own system stops us from serving customers well? Name one barrier.',
        },
      }),
      round('fineLine', { title: 'The Fine Line', config: fineLine.defaultConfig() }),
      round('sort', sortPresets.productOrService, 'Warm-up: product or service performance?'),
      round('playingField', playing('definePlayingField')),
      round('brainstorm', brainstorm('recognitionWall')),
      round('actionPlan', actionPlanPresets.personalActionPlan),
    ],
  },
  {
    id: 'total-customer-service',
    title: 'Total Customer Service',
    description:
      'What customers expect against what they get, the moments of truth, the seven sins of service, the ripple effect of internal service, and handling hostile feedback; ending with a Plan-Do-Check-Act action plan.',
    minutes: 330,
    agenda: [
      round('gapRating', gapRatingPresets.expectedVsActual),
      round('canvas', canvasPresets.momentsOfTruth),
      round('dotVote', dotVotePresets.sevenSins),
      round('canvas', canvasPresets.internalServiceChain, 'The ripple effect: our service chain'),
      round('rolePlay', rolePlay('hostileFeedback')),
      round('actionPlan', {
        title: 'Action plan: Plan, Do, Check, Act',
        config: actionPlanPresets.personalActionPlan.config,
      }),
    ],
  },
  {
    id: 'strategic-customer-service',
    title: 'Strategic customer service',
    description:
      'From tactics to strategy: what customer service really is, what a competitor could do that would be our worst nightmare, and a testbed project to start with; ending with action plans.',
    minutes: 240,
    agenda: [
      round('sort', sortPresets.tacticalOrStrategic, 'What is customer service?'),
      round('brainstorm', brainstorm('worstNightmare')),
      round('canvas', canvasPresets.testbedProject),
      round('actionPlan', actionPlanPresets.personalActionPlan),
    ],
  },
];
