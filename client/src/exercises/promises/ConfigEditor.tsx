import { bindConfig, NumberField, PromptField, TextField } from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';
import { SCENARIO_NAME, SCENARIOS } from './names.ts';

/** Edits the promises exercise: the question, the three promises and the model's size. */
export default function PromisesConfigEditor(props: ConfigEditorProps<'promises'>) {
  const { config, set, field } = bindConfig(props);
  return (
    <div className="stack stack--tight">
      <PromptField {...field('question')} maxLength={200} />
      {SCENARIOS.map((scenario) => (
        <TextField
          key={scenario}
          id={`${props.idPrefix}-${scenario}`}
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
        {...field('startCustomers')}
      />
      <NumberField label="Periods (4 to 16)" min={4} max={16} {...field('periods')} />
      <TextField label="A period is a" maxLength={20} {...field('periodName')} />
    </div>
  );
}
