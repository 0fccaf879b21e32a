import {
  CANVAS_MAX_BOXES,
  CANVAS_MAX_ENTRIES_PER_PERSON,
  CANVAS_MAX_TAGS,
  CANVAS_MIN_BOXES,
} from '@playfield/shared/exercises/canvas/limits';
import { canvasPresets } from '@playfield/shared/exercises/canvas/presets';
import type { ConfigEditorProps } from '../types.ts';

type Config = ConfigEditorProps<'canvas'>['config'];
type Box = Config['boxes'][number];

const PRESETS = Object.entries(canvasPresets) as [string, { title: string; config: Config }][];

/** Sets up a canvas: a preset to start from, the boxes, the rating, tags and limits. */
export default function CanvasConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'canvas'>) {
  const set = (patch: Partial<Config>) => onChange({ ...config, ...patch });
  const setBox = (index: number, patch: Partial<Box>) =>
    set({ boxes: config.boxes.map((b, i) => (i === index ? { ...b, ...patch } : b)) });
  const setRating = (patch: Partial<Config['rating']>) =>
    set({ rating: { ...config.rating, ...patch } });
  const hasRatedBox = config.boxes.some((b) => b.isRated);

  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Start from</span>
        <select
          value=""
          onChange={(e) => {
            const preset = canvasPresets[e.target.value as keyof typeof canvasPresets];
            if (preset) onChange(structuredClone(preset.config), { title: preset.title });
          }}
        >
          <option value="">Choose a ready-made canvas…</option>
          {PRESETS.map(([key, preset]) => (
            <option key={key} value={key}>
              {preset.title}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Instruction</span>
        <textarea
          id={`${idPrefix}-prompt`}
          value={config.prompt}
          maxLength={300}
          rows={2}
          onChange={(e) => set({ prompt: e.target.value })}
        />
      </label>
      <fieldset className="field">
        <legend>Boxes</legend>
        {config.boxes.map((box, i) => (
          <div key={i} className="canvas-editor__box stack stack--tight">
            <div className="option-row">
              <input
                aria-label={`Box ${i + 1} title`}
                value={box.title}
                maxLength={60}
                onChange={(e) => setBox(i, { title: e.target.value })}
              />
              <button
                type="button"
                className="button button--icon"
                aria-label={`Remove box ${i + 1}`}
                disabled={config.boxes.length <= CANVAS_MIN_BOXES}
                onClick={() => set({ boxes: config.boxes.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </div>
            <input
              aria-label={`Box ${i + 1} hint`}
              placeholder="A hint for the people filling it in"
              value={box.hint}
              maxLength={200}
              onChange={(e) => setBox(i, { hint: e.target.value })}
            />
            <label className="check">
              <input
                type="checkbox"
                checked={box.isRated}
                onChange={(e) => setBox(i, { isRated: e.target.checked })}
              />
              Rate each entry in box {i + 1}
            </label>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.boxes.length >= CANVAS_MAX_BOXES}
          onClick={() => set({ boxes: [...config.boxes, { title: '', hint: '', isRated: false }] })}
        >
          Add box
        </button>
      </fieldset>
      {hasRatedBox && (
        <fieldset className="field">
          <legend>Rating</legend>
          <div className="roles-grid">
            <label className="field">
              <span>Question</span>
              <input
                value={config.rating.question}
                maxLength={60}
                onChange={(e) => setRating({ question: e.target.value })}
              />
            </label>
            <label className="field">
              <span>From 1 to</span>
              <input
                type="number"
                min={3}
                max={7}
                value={config.rating.max}
                onChange={(e) => setRating({ max: Number(e.target.value) })}
              />
            </label>
            <label className="field">
              <span>1 means</span>
              <input
                value={config.rating.lowLabel}
                maxLength={30}
                onChange={(e) => setRating({ lowLabel: e.target.value })}
              />
            </label>
            <label className="field">
              <span>The top means</span>
              <input
                value={config.rating.highLabel}
                maxLength={30}
                onChange={(e) => setRating({ highLabel: e.target.value })}
              />
            </label>
          </div>
        </fieldset>
      )}
      <fieldset className="field">
        <legend>Tags people may add (optional)</legend>
        {config.tags.map((tag, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Tag ${i + 1}`}
              value={tag}
              maxLength={24}
              onChange={(e) =>
                set({ tags: config.tags.map((t, j) => (j === i ? e.target.value : t)) })
              }
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
          disabled={config.tags.length >= CANVAS_MAX_TAGS}
          onClick={() => set({ tags: [...config.tags, ''] })}
        >
          Add tag
        </button>
      </fieldset>
      <label className="field field--inline">
        <span>Entries per person</span>
        <input
          type="number"
          min={1}
          max={CANVAS_MAX_ENTRIES_PER_PERSON}
          value={config.maxEntriesPerPerson}
          onChange={(e) => set({ maxEntriesPerPerson: Number(e.target.value) })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={config.isAnonymous}
          onChange={(e) => set({ isAnonymous: e.target.checked })}
        />
        Anonymous (nobody, not even the facilitator, sees who wrote what)
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={config.isPerTeam ?? false}
          onChange={(e) => set({ isPerTeam: e.target.checked })}
        />
        Per table (each entry carries its writer’s table; the console can show one table)
      </label>
      <label className="field">
        <span>Action plan question</span>
        <textarea
          value={config.actionPrompt}
          maxLength={300}
          rows={2}
          onChange={(e) => set({ actionPrompt: e.target.value })}
        />
      </label>
    </div>
  );
}
