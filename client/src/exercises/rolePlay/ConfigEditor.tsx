import { ROLE_PLAY_LIMITS as L } from '@playfield/shared/exercises/rolePlay/model';
import { rolePlayPresets } from '@playfield/shared/exercises/rolePlay/presets';
import {
  bindConfig,
  EditableList,
  NumberField,
  PresetPicker,
  PromptField,
  RadioGroup,
  TextField,
} from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

type Config = ConfigEditorProps<'rolePlay'>['config'];
type Scenario = Config['scenario'];

const PRESETS = Object.entries(rolePlayPresets).map(
  ([key, preset]) => [key, `${preset.title}: ${preset.config.scenario.title}`] as const,
);

const GROUP_SIZES = [
  ['trios', 'Trios: customer, service provider and an observer who scores'],
  ['pairs', 'Pairs: customer and service provider; the customer scores'],
] as const;

/** The scenario's texts written over several lines (its title is one line). */
const SCENARIO_FIELDS: { key: keyof Scenario; label: string; max: number; rows: number }[] = [
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
export default function RolePlayConfigEditor(props: ConfigEditorProps<'rolePlay'>) {
  const { config, set } = bindConfig(props);
  const { onChange, idPrefix } = props;
  const setScenario = (patch: Partial<Scenario>) =>
    set({ scenario: { ...config.scenario, ...patch } });

  return (
    <div className="stack stack--tight">
      <PresetPicker
        id={`${idPrefix}-preset`}
        label="Start from a ready-made scenario"
        placeholder="Choose…"
        presets={PRESETS}
        onPick={(key) => {
          const preset = rolePlayPresets[key];
          if (preset) onChange(structuredClone(preset.config));
        }}
      />
      <TextField
        id={`${idPrefix}-title`}
        label="Scenario title"
        value={config.scenario.title}
        maxLength={L.titleLength}
        onChange={(title) => setScenario({ title })}
      />
      {SCENARIO_FIELDS.map(({ key, label, max, rows }) => (
        <PromptField
          key={key}
          id={`${idPrefix}-${key}`}
          label={label}
          value={config.scenario[key]}
          maxLength={max}
          rows={rows}
          onChange={(text) => setScenario({ [key]: text })}
        />
      ))}
      <EditableList
        legend="Steps the observer scores"
        noun="step"
        items={config.steps}
        min={L.minSteps}
        max={L.maxSteps}
        blank={() => ({ name: '', hint: '' })}
        onChange={(steps) => set({ steps })}
      >
        {(step, i, setStep) => (
          <>
            <input
              aria-label={`Step ${i + 1} name`}
              value={step.name}
              maxLength={L.stepNameLength}
              onChange={(e) => setStep({ ...step, name: e.target.value })}
            />
            <input
              className="field--grow"
              aria-label={`Step ${i + 1} explanation`}
              value={step.hint}
              maxLength={L.stepHintLength}
              onChange={(e) => setStep({ ...step, hint: e.target.value })}
            />
          </>
        )}
      </EditableList>
      <RadioGroup
        legend="Groups"
        name={`${idPrefix}-group-size`}
        value={config.groupSize}
        options={GROUP_SIZES}
        onChange={(groupSize) => set({ groupSize })}
      />
      <NumberField
        id={`${idPrefix}-scale`}
        inline
        label="Scores from 1 to"
        min={L.minScaleMax}
        max={L.maxScaleMax}
        value={config.scaleMax}
        onChange={(scaleMax) => set({ scaleMax })}
      />
    </div>
  );
}
