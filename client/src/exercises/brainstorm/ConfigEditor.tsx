import { BRAINSTORM_LIMITS as L } from '@playfield/shared/exercises/brainstorm/limits';
import type { ConfigEditorProps } from '../types.ts';

type Config = ConfigEditorProps<'brainstorm'>['config'];

const NUMBERS: {
  key: 'maxNotesPerPerson' | 'noteLength' | 'dotsPerPerson' | 'maxDotsPerItem';
  label: string;
  min: number;
  max: number;
}[] = [
  { key: 'maxNotesPerPerson', label: 'Notes per person', min: 1, max: L.notesPerPerson },
  { key: 'noteLength', label: 'Characters per note', min: L.minNoteLength, max: L.noteLength },
  { key: 'dotsPerPerson', label: 'Dots per person', min: 1, max: L.dotsPerPerson },
  { key: 'maxDotsPerItem', label: 'Most dots on one item', min: 1, max: L.dotsPerPerson },
];

/** Sets the prompt, anonymity, the note and dot limits, and optional tags. */
export default function BrainstormConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'brainstorm'>) {
  const set = (patch: Partial<Config>) => onChange({ ...config, ...patch });
  const setTag = (index: number, value: string) =>
    set({ tags: config.tags.map((t, i) => (i === index ? value : t)) });
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Prompt</span>
        <textarea
          id={`${idPrefix}-prompt`}
          value={config.prompt}
          maxLength={L.promptLength}
          rows={2}
          onChange={(e) => set({ prompt: e.target.value })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={config.isAnonymous}
          onChange={(e) => set({ isAnonymous: e.target.checked })}
        />
        Anonymous (nobody, not even the facilitator, sees who wrote a note)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={config.isPerTeam ?? false}
          onChange={(e) => set({ isPerTeam: e.target.checked })}
        />
        Per table (each note carries its writer’s table; the console can show one table)
      </label>
      <div className="roles-grid">
        {NUMBERS.map(({ key, label, min, max }) => (
          <label key={key} className="field">
            <span>{label}</span>
            <input
              id={`${idPrefix}-${key}`}
              type="number"
              min={min}
              max={max}
              value={config[key]}
              onChange={(e) => set({ [key]: Number(e.target.value) })}
            />
          </label>
        ))}
      </div>
      <fieldset className="field">
        <legend>Tags (optional: each note then carries exactly one)</legend>
        {config.tags.map((tag, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Tag ${i + 1}`}
              value={tag}
              maxLength={L.tagLength}
              onChange={(e) => setTag(i, e.target.value)}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove tag ${i + 1}`}
              onClick={() => set({ tags: config.tags.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.tags.length >= L.tags}
          onClick={() => set({ tags: [...config.tags, ''] })}
        >
          Add tag
        </button>
      </fieldset>
    </div>
  );
}
