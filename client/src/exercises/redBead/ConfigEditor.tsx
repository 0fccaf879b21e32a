import {
  bindConfig,
  Checkbox,
  NumberSettings,
  TextField,
  type NumberSetting,
} from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

/** A short random seed the facilitator can read out or note down to rerun the same draws. */
function newSeed(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `beads-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const NUMBERS: readonly NumberSetting<
  'beads' | 'redSharePercent' | 'paddleHoles' | 'workers' | 'days'
>[] = [
  { key: 'beads', label: 'Beads in the bucket', min: 1, max: 100_000 },
  { key: 'redSharePercent', label: 'Share of red (%)', min: 0, max: 100 },
  { key: 'paddleHoles', label: 'Paddle holes', min: 1, max: 500 },
  { key: 'workers', label: 'Willing workers', min: 1, max: 12 },
  { key: 'days', label: 'Days', min: 1, max: 10 },
];

/** Sets up the bucket, the paddle, the crew and the seed. */
export default function RedBeadConfigEditor(props: ConfigEditorProps<'redBead'>) {
  const { config, set, field } = bindConfig(props);
  return (
    <div className="stack stack--tight">
      <NumberSettings
        settings={NUMBERS}
        values={config}
        idPrefix={props.idPrefix}
        onChange={(key, n) => set({ [key]: n })}
      />
      <Checkbox
        checked={config.hasMechanicalBias}
        onChange={(hasMechanicalBias) => set({ hasMechanicalBias })}
      >
        Mechanical sampling bias (red beads are caught slightly less often, as with real paddles:
        about 9.4 instead of 10)
      </Checkbox>
      <div className="option-row">
        <TextField
          className="field field--grow"
          label="Random seed (the same seed gives the same draws)"
          maxLength={64}
          {...field('seed')}
        />
        <button
          type="button"
          className="button button--quiet"
          onClick={() => set({ seed: newSeed() })}
        >
          New seed
        </button>
      </div>
    </div>
  );
}
