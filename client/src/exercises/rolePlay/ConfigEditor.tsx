import { ROLE_PLAY_LIMITS as L } from '@playfield/shared/exercises/rolePlay/model';
import { rolePlayPresets } from '@playfield/shared/exercises/rolePlay/presets';
import type { ConfigEditorProps } from '../types.ts';

type Config = ConfigEditorProps<'rolePlay'>['config'];
type Scenario = Config['scenario'];

const SCENARIO_FIELDS: { key: keyof Scenario; label: string; max: number; rows: number }[] = [
  { key: 'title', label: 'Scenario title', max: L.titleLength, rows: 1 },
  { key: 'complaint', label: 'The complaint (everyone sees it)', max: L.complaintLength, rows: 3 },
  {
    key: 'customerBrief',
    label: 'Customer’s brief: what they are upset about (the customer only)',
    max: L.briefLength,
    rows: 4,
  },
  {
    key: 'providerBrief',
    label: 'Provider’s brief: what they know and may do (the provider only)',
    max: L.briefLength,
    rows: 4,
  },
];

/** Edits the role-play: a ready-made scenario or one's own, the steps, groups and scale. */
export default function RolePlayConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'rolePlay'>) {
  const set = (patch: Partial<Config>) => onChange({ ...config, ...patch });
  const setScenario = (patch: Partial<Scenario>) =>
    set({ scenario: { ...config.scenario, ...patch } });
  const setStep = (index: number, patch: Partial<Config['steps'][number]>) =>
    set({ steps: config.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Start from a ready-made scenario</span>
        <select
          id={`${idPrefix}-preset`}
          value=""
          onChange={(e) => {
            const preset = rolePlayPresets[e.target.value];
            if (preset) onChange(structuredClone(preset.config));
          }}
        >
          <option value="">Choose…</option>
          {Object.entries(rolePlayPresets).map(([key, preset]) => (
            <option key={key} value={key}>
              {preset.title}: {preset.config.scenario.title}
            </option>
          ))}
        </select>
      </label>
      {SCENARIO_FIELDS.map(({ key, label, max, rows }) => (
        <label key={key} className="field">
          <span>{label}</span>
          {rows === 1 ? (
            <input
              id={`${idPrefix}-${key}`}
              value={config.scenario[key]}
              maxLength={max}
              onChange={(e) => setScenario({ [key]: e.target.value })}
            />
          ) : (
            <textarea
              id={`${idPrefix}-${key}`}
              value={config.scenario[key]}
              maxLength={max}
              rows={rows}
              onChange={(e) => setScenario({ [key]: e.target.value })}
            />
          )}
        </label>
      ))}
      <fieldset className="field">
        <legend>Steps the observer scores</legend>
        {config.steps.map((step, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Step ${i + 1} name`}
              value={step.name}
              maxLength={L.stepNameLength}
              onChange={(e) => setStep(i, { name: e.target.value })}
            />
            <input
              className="field--grow"
              aria-label={`Step ${i + 1} explanation`}
              value={step.hint}
              maxLength={L.stepHintLength}
              onChange={(e) => setStep(i, { hint: e.target.value })}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove step ${i + 1}`}
              disabled={config.steps.length <= L.minSteps}
              onClick={() => set({ steps: config.steps.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.steps.length >= L.maxSteps}
          onClick={() => set({ steps: [...config.steps, { name: '', hint: '' }] })}
        >
          Add step
        </button>
      </fieldset>
      <fieldset className="field">
        <legend>Groups</legend>
        <label className="check">
          <input
            type="radio"
            name={`${idPrefix}-group-size`}
            checked={config.groupSize === 'trios'}
            onChange={() => set({ groupSize: 'trios' })}
          />
          Trios: customer, service provider and an observer who scores
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${idPrefix}-group-size`}
            checked={config.groupSize === 'pairs'}
            onChange={() => set({ groupSize: 'pairs' })}
          />
          Pairs: customer and service provider; the customer scores
        </label>
      </fieldset>
      <label className="field field--inline">
        <span>Scores from 1 to</span>
        <input
          id={`${idPrefix}-scale`}
          type="number"
          min={L.minScaleMax}
          max={L.maxScaleMax}
          value={config.scaleMax}
          onChange={(e) => set({ scaleMax: Number(e.target.value) })}
        />
      </label>
    </div>
  );
}
