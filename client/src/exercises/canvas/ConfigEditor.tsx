import {
  CANVAS_MAX_BOXES,
  CANVAS_MAX_ENTRIES_PER_PERSON,
  CANVAS_MAX_TAGS,
  CANVAS_MIN_BOXES,
} from '@playfield/shared/exercises/canvas/limits';
import { canvasPresets } from '@playfield/shared/exercises/canvas/presets';
import {
  bindConfig,
  Checkbox,
  EditableList,
  NumberField,
  NumberFields,
  PresetPicker,
  PromptField,
  ScaleEndFields,
  TextField,
  TagList,
} from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';
import styles from './ConfigEditor.module.css';

type Config = ConfigEditorProps<'canvas'>['config'];

const PRESETS = Object.entries(canvasPresets) as [string, { title: string; config: Config }][];
const PRESET_TITLES = PRESETS.map(([key, preset]) => [key, preset.title] as const);

/** Sets up a canvas: a preset to start from, the boxes, the rating, tags and limits. */
export default function CanvasConfigEditor(props: ConfigEditorProps<'canvas'>) {
  const { config, set, field, list } = bindConfig(props);
  const rating = bindConfig({
    config: config.rating,
    onChange: (next) => set({ rating: next }),
    idPrefix: `${props.idPrefix}-rating`,
  });
  const hasRatedBox = config.boxes.some((b) => b.isRated);

  return (
    <div className="stack stack--tight">
      <PresetPicker
        label="Start from"
        placeholder="Choose a ready-made canvas…"
        presets={PRESET_TITLES}
        onPick={(key) => {
          const preset = PRESETS.find(([k]) => k === key)?.[1];
          if (preset) props.onChange(structuredClone(preset.config), { title: preset.title });
        }}
      />
      <PromptField {...field('prompt')} label="Instruction" maxLength={300} />
      <EditableList
        legend="Boxes"
        noun="box"
        itemClassName={styles.box}
        {...list('boxes')}
        min={CANVAS_MIN_BOXES}
        max={CANVAS_MAX_BOXES}
        blank={() => ({ title: '', hint: '', isRated: false })}
        below={(box, i, setBox) => (
          <>
            <input
              aria-label={`Box ${i + 1} hint`}
              placeholder="A hint for the people filling it in"
              value={box.hint}
              maxLength={200}
              onChange={(e) => setBox({ ...box, hint: e.target.value })}
            />
            <Checkbox checked={box.isRated} onChange={(isRated) => setBox({ ...box, isRated })}>
              Rate each entry in box {i + 1}
            </Checkbox>
          </>
        )}
      >
        {(box, i, setBox) => (
          <input
            aria-label={`Box ${i + 1} title`}
            value={box.title}
            maxLength={60}
            onChange={(e) => setBox({ ...box, title: e.target.value })}
          />
        )}
      </EditableList>
      {hasRatedBox && (
        <fieldset className="field">
          <legend>Rating</legend>
          <NumberFields>
            <TextField label="Question" maxLength={60} {...rating.field('question')} />
            <NumberField label="From 1 to" min={3} max={7} {...rating.field('max')} />
            <ScaleEndFields
              labels={['1 means', 'The top means']}
              value={config.rating}
              maxLength={30}
              onChange={rating.set}
            />
          </NumberFields>
        </fieldset>
      )}
      <TagList
        legend="Tags people may add (optional)"
        {...list('tags')}
        max={CANVAS_MAX_TAGS}
        maxLength={24}
      />
      <NumberField
        inline
        label="Entries per person"
        min={1}
        max={CANVAS_MAX_ENTRIES_PER_PERSON}
        {...field('maxEntriesPerPerson')}
      />
      <Checkbox checked={config.isAnonymous} onChange={(isAnonymous) => set({ isAnonymous })}>
        Anonymous (nobody, not even the facilitator, sees who wrote what)
      </Checkbox>
      <Checkbox checked={config.isPerTeam ?? false} onChange={(isPerTeam) => set({ isPerTeam })}>
        Per table (each entry carries its writer’s table; the console can show one table)
      </Checkbox>
      <PromptField {...field('actionPrompt')} label="Action plan question" maxLength={300} />
    </div>
  );
}
