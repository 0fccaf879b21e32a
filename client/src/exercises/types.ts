import type {
  Accepted,
  ExerciseAction,
  ExerciseConfig,
  ExerciseKind,
  ExerciseViews,
  Result,
} from '@playfield/shared';

/** Sends an action in the current round; resolves with the server's verdict. */
export type Act<K extends ExerciseKind> = (action: ExerciseAction<K>) => Promise<Result<Accepted>>;

export interface ParticipantProps<K extends ExerciseKind> {
  view: ExerciseViews<K>['participantPublic'];
  own: ExerciseViews<K>['participantOwn'] | null;
  isOpen: boolean;
  act: Act<K>;
}

export interface FacilitatorProps<K extends ExerciseKind> {
  view: ExerciseViews<K>['facilitator'];
  participantCount: number;
  act: Act<K>;
}

export interface ScreenProps<K extends ExerciseKind> {
  view: ExerciseViews<K>['screen'];
  participantCount: number;
}

export interface ConfigEditorProps<K extends ExerciseKind> {
  config: ExerciseConfig<K>;
  /** `preset.title`: the config came from a ready-made preset, whose title the round may take. */
  onChange: (config: ExerciseConfig<K>, preset?: { title: string }) => void;
  /** Prefix for element ids, so several editors can share a page. */
  idPrefix: string;
}

/** The components of one exercise. Participant is eager (phones); the rest load lazily. */
export interface ExerciseUi<K extends ExerciseKind> {
  Participant: React.ComponentType<ParticipantProps<K>>;
  Facilitator: React.LazyExoticComponent<React.ComponentType<FacilitatorProps<K>>>;
  Screen: React.LazyExoticComponent<React.ComponentType<ScreenProps<K>>>;
  ConfigEditor: React.LazyExoticComponent<React.ComponentType<ConfigEditorProps<K>>>;
}
