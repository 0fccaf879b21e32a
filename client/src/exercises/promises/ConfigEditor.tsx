import { NumberField, PromptField, TextField } from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';
import { SCENARIO_NAME, SCENARIOS } from './names.ts';

/** Edits the promises exercise: the question, the three promises and the model's size. */
export default function PromisesConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'promises'>) {
  const set = (patch: Partial<typeof config>) => onChange({ ...config, ...patch });
  return (
    <div className="stack stack--tight">
      <PromptField
        id={`${idPrefix}-question`}
        value={config.question}
        maxLength={200}
        onChange={(question) => set({ question })}
      />
      {SCENARIOS.map((scenario) => (
        <TextField
          key={scenario}
          id={`${idPrefix}-${scenario}`}
          label={SCENARIO_NAME[scenario]}
          value={config.promises[scenario]}
          maxLength={160}
          onChange={(text) => set({ promises: { ...config.promises, [scenario]: text } })}
        />
      ))}
      <NumberField
        label="Customers at the start"
        min={10}
        max={1000000}
        value={config.startCustomers}
        onChange={(startCustomers) => set({ startCustomers })}
      />
      <NumberField
        label="Periods (4 to 16)"
        min={4}
        max={16}
        value={config.periods}
        onChange={(periods) => set({ periods })}
      />
      <TextField
        label="A period is a"
        value={config.periodName}
        maxLength={20}
        onChange={(periodName) => set({ periodName })}
      />
    </div>
  );
}
