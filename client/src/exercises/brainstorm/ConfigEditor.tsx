import { BRAINSTORM_LIMITS as L } from '@playfield/shared/exercises/brainstorm/limits';
import {
  bindConfig,
  Checkbox,
  NumberSettings,
  type NumberSetting,
  PromptField,
  TagList,
} from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

const NUMBERS: readonly NumberSetting<
  'maxNotesPerPerson' | 'noteLength' | 'dotsPerPerson' | 'maxDotsPerItem'
>[] = [
  { key: 'maxNotesPerPerson', label: 'Notes per person', min: 1, max: L.notesPerPerson },
  { key: 'noteLength', label: 'Characters per note', min: L.minNoteLength, max: L.noteLength },
  { key: 'dotsPerPerson', label: 'Dots per person', min: 1, max: L.dotsPerPerson },
  { key: 'maxDotsPerItem', label: 'Most dots on one item', min: 1, max: L.dotsPerPerson },
];

/** Sets the prompt, anonymity, the note and dot limits, and optional tags. */
export default function BrainstormConfigEditor(props: ConfigEditorProps<'brainstorm'>) {
  const { config, set, field, list } = bindConfig(props);
  return (
    <div className="stack stack--tight">
      <PromptField {...field('prompt')} label="Prompt" maxLength={L.promptLength} />
      <Checkbox checked={config.isAnonymous} onChange={(isAnonymous) => set({ isAnonymous })}>
        Anonymous (nobody, not even the facilitator, sees who wrote a note)
      </Checkbox>
      <Checkbox checked={config.isPerTeam ?? false} onChange={(isPerTeam) => set({ isPerTeam })}>
        Per table (each note carries its writer’s table; the console can show one table)
      </Checkbox>
      <NumberSettings
        settings={NUMBERS}
        values={config}
        idPrefix={props.idPrefix}
        onChange={(key, n) => set({ [key]: n })}
      />
      <TagList
        legend="Tags (optional: each note then carries exactly one)"
        {...list('tags')}
        max={L.tags}
        maxLength={L.tagLength}
      />
    </div>
  );
}
