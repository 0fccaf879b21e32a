import { SCALE_KINDS, SCALE_LIMITS, type ScaleKind } from '@playfield/shared/exercises/scale/index';
import { useSessionStore } from '../../stores/useSessionStore.ts';
import type { ConfigEditorProps } from '../types.ts';

const KIND_NAMES: Record<ScaleKind, string> = {
  '1-5': '1 to 5 (buttons)',
  '1-10': '1 to 10 (buttons)',
  '0-100': '0 to 100 (slider)',
};

/** Edits a scale round: the statements, the scale and its ends, skip, live, compare with. */
export default function ScaleConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'scale'>) {
  // Earlier scale rounds exist only in a live session's agenda (the console).
  const rounds = useSessionStore((s) => s.facilitator?.agenda);
  const scaleRounds = (rounds ?? []).filter((r) => r.kind === 'scale');
  const setStatement = (index: number, value: string) =>
    onChange({
      ...config,
      statements: config.statements.map((s, i) => (i === index ? value : s)),
    });
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Question</span>
        <textarea
          id={`${idPrefix}-question`}
          value={config.question}
          maxLength={SCALE_LIMITS.questionLength}
          rows={2}
          onChange={(e) => onChange({ ...config, question: e.target.value })}
        />
      </label>
      <fieldset className="field">
        <legend>Statements to rate (1 to {SCALE_LIMITS.maxStatements})</legend>
        {config.statements.map((statement, i) => (
          <div className="option-row" key={i}>
            <input
              aria-label={`Statement ${i + 1}`}
              value={statement}
              maxLength={SCALE_LIMITS.statementLength}
              onChange={(e) => setStatement(i, e.target.value)}
            />
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove statement ${i + 1}`}
              disabled={config.statements.length <= SCALE_LIMITS.minStatements}
              onClick={() =>
                onChange({ ...config, statements: config.statements.filter((_, j) => j !== i) })
              }
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={config.statements.length >= SCALE_LIMITS.maxStatements}
          onClick={() => onChange({ ...config, statements: [...config.statements, ''] })}
        >
          Add statement
        </button>
      </fieldset>
      <label className="field">
        <span>Scale</span>
        <select
          id={`${idPrefix}-scale`}
          value={config.scale}
          onChange={(e) => onChange({ ...config, scale: e.target.value as ScaleKind })}
        >
          {SCALE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_NAMES[kind]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Label of the low end</span>
        <input
          id={`${idPrefix}-low`}
          value={config.lowLabel}
          maxLength={SCALE_LIMITS.endLabelLength}
          onChange={(e) => onChange({ ...config, lowLabel: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Label of the high end</span>
        <input
          id={`${idPrefix}-high`}
          value={config.highLabel}
          maxLength={SCALE_LIMITS.endLabelLength}
          onChange={(e) => onChange({ ...config, highLabel: e.target.value })}
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={config.allowSkip}
          onChange={(e) => onChange({ ...config, allowSkip: e.target.checked })}
        />
        Offer “skip / don’t know”
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={config.showLive}
          onChange={(e) => onChange({ ...config, showLive: e.target.checked })}
        />
        Show results on the room screen live (not only after the reveal)
      </label>
      <label className="field">
        <span>Compare with an earlier round (before → after)</span>
        <select
          id={`${idPrefix}-compare`}
          value={config.compareWith ?? ''}
          onChange={(e) => onChange({ ...config, compareWith: e.target.value || null })}
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
