import type { PromiseScenario } from '@playfield/shared/exercises/promises/model';
import type { ConfigEditorProps } from '../types.ts';
import { SCENARIO_NAME, SCENARIOS } from './names.ts';

/** Edits the promises exercise: the question, the three promises and the model's size. */
export default function PromisesConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'promises'>) {
  const setPromise = (scenario: PromiseScenario, text: string) =>
    onChange({ ...config, promises: { ...config.promises, [scenario]: text } });
  const number = (value: string, fallback: number) => {
    const n = Number.parseInt(value, 10);
    return Number.isFinite(n) ? n : fallback;
  };
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Question</span>
        <textarea
          id={`${idPrefix}-question`}
          value={config.question}
          maxLength={200}
          rows={2}
          onChange={(e) => onChange({ ...config, question: e.target.value })}
        />
      </label>
      {SCENARIOS.map((scenario) => (
        <label className="field" key={scenario}>
          <span>{SCENARIO_NAME[scenario]}</span>
          <input
            id={`${idPrefix}-${scenario}`}
            value={config.promises[scenario]}
            maxLength={160}
            onChange={(e) => setPromise(scenario, e.target.value)}
          />
        </label>
      ))}
      <label className="field">
        <span>Customers at the start</span>
        <input
          type="number"
          min={10}
          max={1000000}
          value={config.startCustomers}
          onChange={(e) =>
            onChange({ ...config, startCustomers: number(e.target.value, config.startCustomers) })
          }
        />
      </label>
      <label className="field">
        <span>Periods (4 to 16)</span>
        <input
          type="number"
          min={4}
          max={16}
          value={config.periods}
          onChange={(e) => onChange({ ...config, periods: number(e.target.value, config.periods) })}
        />
      </label>
      <label className="field">
        <span>A period is a</span>
        <input
          value={config.periodName}
          maxLength={20}
          onChange={(e) => onChange({ ...config, periodName: e.target.value })}
        />
      </label>
    </div>
  );
}
