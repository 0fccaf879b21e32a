import type { ConfigEditorProps } from '../types.ts';
import { NumberFields } from '../../components/form/NumberFields.tsx';
import { PolicyInputs } from './PolicyInputs.tsx';

type Config = ConfigEditorProps<'fineLine'>['config'];
type NumberKey =
  'arrivalsPerHour' | 'serviceMeanMinutes' | 'patienceMeanMinutes' | 'speed' | 'durationMinutes';

const DEMAND: { key: NumberKey; label: string; step: number }[] = [
  { key: 'arrivalsPerHour', label: 'Customers per hour', step: 1 },
  { key: 'serviceMeanMinutes', label: 'Minutes at the register (mean)', step: 0.5 },
  { key: 'patienceMeanMinutes', label: 'Patience in minutes (mean)', step: 0.5 },
  { key: 'durationMinutes', label: 'Store minutes to run', step: 5 },
  { key: 'speed', label: 'Store minutes per real minute', step: 1 },
];

/** Sets up the store's demand, its first staffing policy, the clock and the seed. */
export default function FineLineConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'fineLine'>) {
  return (
    <div className="stack stack--tight">
      <NumberFields>
        {DEMAND.map((f) => (
          <label key={f.key} className="field">
            <span>{f.label}</span>
            <input
              id={`${idPrefix}-${f.key}`}
              type="number"
              step={f.step}
              value={config[f.key]}
              onChange={(e) => onChange({ ...config, [f.key]: Number(e.target.value) })}
            />
          </label>
        ))}
        <label className="field">
          <span>Time at the register varies</span>
          <select
            value={config.serviceKind}
            onChange={(e) =>
              onChange({ ...config, serviceKind: e.target.value as Config['serviceKind'] })
            }
          >
            <option value="exponential">a lot (exponential)</option>
            <option value="uniform">a little (uniform)</option>
            <option value="fixed">not at all (fixed)</option>
          </select>
        </label>
      </NumberFields>
      <p className="muted">First staffing policy</p>
      <PolicyInputs policy={config.policy} onChange={(policy) => onChange({ ...config, policy })} />
      <label className="field">
        <span>Random seed (the same seed brings the same customers)</span>
        <input
          value={config.seed}
          maxLength={64}
          onChange={(e) => onChange({ ...config, seed: e.target.value })}
        />
      </label>
    </div>
  );
}
