import { lazy } from 'react';
import type { ExerciseKind } from '@playfield/shared';
import { ActionPlanParticipant } from './actionPlan/Participant.tsx';
import { BrainstormParticipant } from './brainstorm/Participant.tsx';
import { CanvasParticipant } from './canvas/Participant.tsx';
import { ContentParticipant } from './content/Participant.tsx';
import { DotVoteParticipant } from './dotVote/Participant.tsx';
import { FineLineParticipant } from './fineLine/Participant.tsx';
import { GapRatingParticipant } from './gapRating/Participant.tsx';
import { PlayingFieldParticipant } from './playingField/Participant.tsx';
import { PollParticipant } from './poll/Participant.tsx';
import { PromisesParticipant } from './promises/Participant.tsx';
import { QuizParticipant } from './quiz/Participant.tsx';
import { RankingParticipant } from './ranking/Participant.tsx';
import { RedBeadParticipant } from './redBead/Participant.tsx';
import { RolePlayParticipant } from './rolePlay/Participant.tsx';
import { ScaleParticipant } from './scale/Participant.tsx';
import { SortParticipant } from './sort/Participant.tsx';
import { WordCloudParticipant } from './wordCloud/Participant.tsx';
import type { ExerciseUi } from './types.ts';

/** Every exercise's components, by kind. Adding an exercise adds one entry here. */
export const EXERCISE_UI: { [K in ExerciseKind]: ExerciseUi<K> } = {
  brainstorm: {
    Participant: BrainstormParticipant,
    Facilitator: lazy(() => import('./brainstorm/Facilitator.tsx')),
    Screen: lazy(() => import('./brainstorm/Screen.tsx')),
    ConfigEditor: lazy(() => import('./brainstorm/ConfigEditor.tsx')),
  },
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
  sort: {
    Participant: SortParticipant,
    Facilitator: lazy(() => import('./sort/Facilitator.tsx')),
    Screen: lazy(() => import('./sort/Screen.tsx')),
    ConfigEditor: lazy(() => import('./sort/ConfigEditor.tsx')),
  },
  dotVote: {
    Participant: DotVoteParticipant,
    Facilitator: lazy(() => import('./dotVote/Facilitator.tsx')),
    Screen: lazy(() => import('./dotVote/Screen.tsx')),
    ConfigEditor: lazy(() => import('./dotVote/ConfigEditor.tsx')),
  },
  fineLine: {
    Participant: FineLineParticipant,
    Facilitator: lazy(() => import('./fineLine/Facilitator.tsx')),
    Screen: lazy(() => import('./fineLine/Screen.tsx')),
    ConfigEditor: lazy(() => import('./fineLine/ConfigEditor.tsx')),
  },
  playingField: {
    Participant: PlayingFieldParticipant,
    Facilitator: lazy(() => import('./playingField/Facilitator.tsx')),
    Screen: lazy(() => import('./playingField/Screen.tsx')),
    ConfigEditor: lazy(() => import('./playingField/ConfigEditor.tsx')),
  },
  gapRating: {
    Participant: GapRatingParticipant,
    Facilitator: lazy(() => import('./gapRating/Facilitator.tsx')),
    Screen: lazy(() => import('./gapRating/Screen.tsx')),
    ConfigEditor: lazy(() => import('./gapRating/ConfigEditor.tsx')),
  },
  canvas: {
    Participant: CanvasParticipant,
    Facilitator: lazy(() => import('./canvas/Facilitator.tsx')),
    Screen: lazy(() => import('./canvas/Screen.tsx')),
    ConfigEditor: lazy(() => import('./canvas/ConfigEditor.tsx')),
  },
  rolePlay: {
    Participant: RolePlayParticipant,
    Facilitator: lazy(() => import('./rolePlay/Facilitator.tsx')),
    Screen: lazy(() => import('./rolePlay/Screen.tsx')),
    ConfigEditor: lazy(() => import('./rolePlay/ConfigEditor.tsx')),
  },
  actionPlan: {
    Participant: ActionPlanParticipant,
    Facilitator: lazy(() => import('./actionPlan/Facilitator.tsx')),
    Screen: lazy(() => import('./actionPlan/Screen.tsx')),
    ConfigEditor: lazy(() => import('./actionPlan/ConfigEditor.tsx')),
  },
  wordCloud: {
    Participant: WordCloudParticipant,
    Facilitator: lazy(() => import('./wordCloud/Facilitator.tsx')),
    Screen: lazy(() => import('./wordCloud/Screen.tsx')),
    ConfigEditor: lazy(() => import('./wordCloud/ConfigEditor.tsx')),
  },
  quiz: {
    Participant: QuizParticipant,
    Facilitator: lazy(() => import('./quiz/Facilitator.tsx')),
    Screen: lazy(() => import('./quiz/Screen.tsx')),
    ConfigEditor: lazy(() => import('./quiz/ConfigEditor.tsx')),
  },
  scale: {
    Participant: ScaleParticipant,
    Facilitator: lazy(() => import('./scale/Facilitator.tsx')),
    Screen: lazy(() => import('./scale/Screen.tsx')),
    ConfigEditor: lazy(() => import('./scale/ConfigEditor.tsx')),
  },
  ranking: {
    Participant: RankingParticipant,
    Facilitator: lazy(() => import('./ranking/Facilitator.tsx')),
    Screen: lazy(() => import('./ranking/Screen.tsx')),
    ConfigEditor: lazy(() => import('./ranking/ConfigEditor.tsx')),
  },
  promises: {
    Participant: PromisesParticipant,
    Facilitator: lazy(() => import('./promises/Facilitator.tsx')),
    Screen: lazy(() => import('./promises/Screen.tsx')),
    ConfigEditor: lazy(() => import('./promises/ConfigEditor.tsx')),
  },
  content: {
    Participant: ContentParticipant,
    Facilitator: lazy(() => import('./content/Facilitator.tsx')),
    Screen: lazy(() => import('./content/Screen.tsx')),
    ConfigEditor: lazy(() => import('./content/ConfigEditor.tsx')),
  },
};
