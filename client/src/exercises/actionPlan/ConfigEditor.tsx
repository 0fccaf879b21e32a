import { ACTION_PLAN_INTRO_LENGTH } from '@playfield/shared/exercises/actionPlan/index';
import { actionPlanPresets } from '@playfield/shared/exercises/actionPlan/presets';
import type { ConfigEditorProps } from '../types.ts';

/** Edits the closing round: what the phones say above each person's plan. */
export default function ActionPlanConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'actionPlan'>) {
  return (
    <div className="stack stack--tight">
      <label className="field" htmlFor={`${idPrefix}-intro`}>
        <span>What the phones say above each plan</span>
        <textarea
          id={`${idPrefix}-intro`}
          value={config.intro}
          maxLength={ACTION_PLAN_INTRO_LENGTH}
          rows={3}
          onChange={(e) => onChange({ ...config, intro: e.target.value })}
        />
      </label>
      <div className="actions">
        <button
          type="button"
          className="button button--quiet"
          onClick={() => onChange({ ...actionPlanPresets.personalActionPlan.config })}
        >
          Use the standard wording
        </button>
      </div>
    </div>
  );
}
