import { WORD_CLOUD_LIMITS as L } from '@playfield/shared/exercises/wordCloud/limits';
import {
  bindConfig,
  Checkbox,
  NumberField,
  NumberFields,
  PromptField,
} from '../../components/form/index.ts';
import type { ConfigEditorProps } from '../types.ts';

/** Edits a word cloud: question, mode, limits, anonymity, moderation, swear words, live. */
export default function WordCloudConfigEditor(props: ConfigEditorProps<'wordCloud'>) {
  const { config, set, field } = bindConfig(props);
  const check = (key: 'isAnonymous' | 'isModerated' | 'isLive', label: string) => (
    <Checkbox checked={config[key]} onChange={(checked) => set({ [key]: checked })}>
      <span>{label}</span>
    </Checkbox>
  );
  return (
    <div className="stack stack--tight">
      <PromptField {...field('question')} maxLength={L.questionLength} />
      <label className="field">
        <span>Mode</span>
        <select
          value={config.mode}
          onChange={(e) => set({ mode: e.target.value === 'text' ? 'text' : 'cloud' })}
        >
          <option value="cloud">Word cloud: one to three words per entry</option>
          <option value="text">Open text: a sentence per entry, shown as a wall</option>
        </select>
      </label>
      <NumberFields>
        <NumberField
          label={`Entries per person (1–${L.maxEntriesPerPerson})`}
          min={1}
          max={L.maxEntriesPerPerson}
          {...field('entriesPerPerson')}
        />
        {config.mode === 'cloud' && (
          <NumberField
            label={`Words per entry (1–${L.maxWordsPerEntry})`}
            min={1}
            max={L.maxWordsPerEntry}
            {...field('maxWords')}
          />
        )}
        <NumberField
          label={`Characters per entry (${L.minEntryLength}–${L.maxEntryLength})`}
          min={L.minEntryLength}
          max={L.maxEntryLength}
          {...field('maxLength')}
        />
      </NumberFields>
      <label className="field">
        <span>Swear words</span>
        <select
          value={config.profanity}
          onChange={(e) => set({ profanity: e.target.value === 'hold' ? 'hold' : 'mask' })}
        >
          <option value="mask">Mask them (f***) and show the entry</option>
          <option value="hold">Hold the entry until I approve it</option>
        </select>
      </label>
      {check('isAnonymous', 'Anonymous: nobody, not even the console, sees who wrote what')}
      {check('isModerated', 'Approve every entry before the room sees it')}
      {check('isLive', 'Show entries on the room screen as they arrive (before the reveal)')}
    </div>
  );
}
