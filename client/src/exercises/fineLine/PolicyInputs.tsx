import type { FineLineCommonView } from '@playfield/shared/exercises/fineLine/index';
import { NumberFields } from '../../components/form/NumberFields.tsx';
import { POLICY_FIELDS } from './policyFields.ts';

type Policy = FineLineCommonView['policy'];

/** The staffing policy's numbers side by side: the editor's first policy, the console's next. */
export function PolicyInputs({
  policy,
  onChange,
}: {
  policy: Policy;
  onChange: (policy: Policy) => void;
}) {
  return (
    <NumberFields>
      {POLICY_FIELDS.map((f) => (
        <label key={f.key} className="field">
          <span>{f.label}</span>
          <input
            type="number"
            step={f.step}
            min={0}
            value={policy[f.key]}
            onChange={(e) => onChange({ ...policy, [f.key]: Number(e.target.value) })}
          />
        </label>
      ))}
    </NumberFields>
  );
}
