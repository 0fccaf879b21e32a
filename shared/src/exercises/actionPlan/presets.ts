import type { ActionPlanConfig } from './index.ts';

/** Ready-made closing rounds: a title for the agenda and a config ready to run. */
export const actionPlanPresets = {
  /** The day's last round: every participant finishes their own plan on the phone. */
  personalActionPlan: {
    title: 'Personal action plan',
    config: {
      intro:
        'Finish your action plan: for each action, say why it matters, your first step, a due date, who to involve and how you will know it worked. Only you see it unless you share it with the team.',
    },
  },
} satisfies Record<string, { title: string; config: ActionPlanConfig }>;
