import { SCALE_KINDS, SCALE_LIMITS, type ScaleKind } from '@playfield/shared/exercises/scale/index';
import {
  bindConfig,
  Checkbox,
  PromptField,
  ScaleEndFields,
  TextList,
} from '../../components/form/index.ts';
import { useSessionStore } from '../../stores/useSessionStore.ts';
import type { ConfigEditorProps } from '../types.ts';

const KIND_NAMES: Record<ScaleKind, string> = {
  '1-5': '1 to 5 (buttons)',
  '1-10': '1 to 10 (buttons)',
  '0-100': '0 to 100 (slider)',
};

/** Edits a scale round: the statements, the scale and its ends, skip, live, compare with. */
export default function ScaleConfigEditor(props: ConfigEditorProps<'scale'>) {
  const { config, set, field, list } = bindConfig(props);
  const { idPrefix } = props;
  // Earlier scale rounds exist only in a live session's agenda (the console).
  const rounds = useSessionStore((s) => s.facilitator?.agenda);
  const scaleRounds = (rounds ?? []).filter((r) => r.kind === 'scale');
  return (
    <div className="stack stack--tight">
      <PromptField {...field('question')} maxLength={SCALE_LIMITS.questionLength} />
      <TextList
        legend={`Statements to rate (1 to ${SCALE_LIMITS.maxStatements})`}
        noun="statement"
        {...list('statements')}
        min={SCALE_LIMITS.minStatements}
        max={SCALE_LIMITS.maxStatements}
        maxLength={SCALE_LIMITS.statementLength}
      />
      <label className="field">
        <span>Scale</span>
        <select
          id={`${idPrefix}-scale`}
          value={config.scale}
          onChange={(e) => set({ scale: e.target.value as ScaleKind })}
        >
          {SCALE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_NAMES[kind]}
            </option>
          ))}
        </select>
      </label>
      <ScaleEndFields
        idPrefix={idPrefix}
        labels={['Label of the low end', 'Label of the high end']}
        value={config}
        maxLength={SCALE_LIMITS.endLabelLength}
        onChange={set}
      />
      <Checkbox checked={config.allowSkip} onChange={(allowSkip) => set({ allowSkip })}>
        Offer “skip / don’t know”
      </Checkbox>
      <Checkbox checked={config.showLive} onChange={(showLive) => set({ showLive })}>
        Show results on the room screen live (not only after the reveal)
      </Checkbox>
      <label className="field">
        <span>Compare with an earlier round (before → after)</span>
        <select
          id={`${idPrefix}-compare`}
          value={config.compareWith ?? ''}
          onChange={(e) => set({ compareWith: e.target.value || null })}
        >
          <option value="">No comparison</option>
          {config.compareWith && !scaleRounds.some((r) => r.id === config.compareWith) && (
            <option value={config.compareWith}>A round not on this agenda</option>
          )}
          {scaleRounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
