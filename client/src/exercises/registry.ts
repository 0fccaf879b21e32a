import { lazy } from 'react';
import type { ExerciseKind } from '@playfield/shared';
import { FineLineParticipant } from './fineLine/Participant.tsx';
import { PollParticipant } from './poll/Participant.tsx';
import { RedBeadParticipant } from './redBead/Participant.tsx';
import type { ExerciseUi } from './types.ts';

/** Every exercise's components, by kind. Adding an exercise adds one entry here. */
export const EXERCISE_UI: { [K in ExerciseKind]: ExerciseUi<K> } = {
  poll: {
    Participant: PollParticipant,
    Facilitator: lazy(() => import('./poll/Facilitator.tsx')),
    Screen: lazy(() => import('./poll/Screen.tsx')),
    ConfigEditor: lazy(() => import('./poll/ConfigEditor.tsx')),
  },
  redBead: {
    Participant: RedBeadParticipant,
    Facilitator: lazy(() => import('./redBead/Facilitator.tsx')),
    Screen: lazy(() => import('./redBead/Screen.tsx')),
    ConfigEditor: lazy(() => import('./redBead/ConfigEditor.tsx')),
  },
  fineLine: {
    Participant: FineLineParticipant,
    Facilitator: lazy(() => import('./fineLine/Facilitator.tsx')),
    Screen: lazy(() => import('./fineLine/Screen.tsx')),
    ConfigEditor: lazy(() => import('./fineLine/ConfigEditor.tsx')),
  },
};
