import { GAP_MAX_MEASURES, GAP_MEASURE_LENGTH } from '@playfield/shared/exercises/gapRating/limits';
import { SERVICE_QUALITY_MEASURES } from '@playfield/shared/exercises/gapRating/presets';
import {
  bindConfig,
  NumberField,
  NumberFields,
  PromptField,
  ScaleEndFields,
  TextList,
} from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

/** Edits an "expected vs actual" round: the question, the measures and the scale. */
export default function GapRatingConfigEditor(props: ConfigEditorProps<'gapRating'>) {
  const { config, set, field, list } = bindConfig(props);
  const scale = bindConfig({
    config: config.scale,
    onChange: (next) => set({ scale: next }),
    idPrefix: `${props.idPrefix}-scale`,
  });
  return (
    <div className="stack stack--tight">
      <PromptField {...field('question')} maxLength={300} />
      <TextList
        legend="Measures of service quality"
        noun="measure"
        {...list('measures')}
        min={1}
        max={GAP_MAX_MEASURES}
        maxLength={GAP_MEASURE_LENGTH}
        actions={
          <button
            type="button"
            className="button button--quiet"
            onClick={() => set({ measures: [...SERVICE_QUALITY_MEASURES] })}
          >
            Use the eleven measures of service quality
          </button>
        }
      />
      <fieldset className="field">
        <legend>Scale</legend>
        <NumberFields>
          <label className="field">
            <span>From</span>
            <select
              value={config.scale.min}
              onChange={(e) => scale.set({ min: Number(e.target.value) })}
            >
              <option value={0}>0</option>
              <option value={1}>1</option>
            </select>
          </label>
          <NumberField label="To" min={3} max={10} {...scale.field('max')} />
          <ScaleEndFields
            labels={['Low end means', 'High end means']}
            value={config.scale}
            maxLength={30}
            onChange={scale.set}
          />
        </NumberFields>
      </fieldset>
    </div>
  );
}
