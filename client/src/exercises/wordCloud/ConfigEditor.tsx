import { WORD_CLOUD_LIMITS as L } from '@playfield/shared/exercises/wordCloud/limits';
import type { ConfigEditorProps } from '../types.ts';
import styles from './ConfigEditor.module.css';

type Config = ConfigEditorProps<'wordCloud'>['config'];

/** Edits a word cloud: question, mode, limits, anonymity, moderation, swear words, live. */
export default function WordCloudConfigEditor({
  config,
  onChange,
  idPrefix,
}: ConfigEditorProps<'wordCloud'>) {
  const set = (change: Partial<Config>) => onChange({ ...config, ...change });
  const number = (value: string) => Math.round(Number(value) || 0);
  const check = (key: 'isAnonymous' | 'isModerated' | 'isLive', label: string) => (
    <label className={styles.check}>
      <input
        type="checkbox"
        checked={config[key]}
        onChange={(e) => set({ [key]: e.target.checked })}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <div className="stack stack--tight">
      <label className="field">
        <span>Question</span>
        <textarea
          id={`${idPrefix}-question`}
          value={config.question}
          maxLength={L.questionLength}
          rows={2}
          onChange={(e) => set({ question: e.target.value })}
        />
      </label>
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
      <div className={styles.numbers}>
        <label className="field">
          <span>Entries per person (1–{L.maxEntriesPerPerson})</span>
          <input
            type="number"
            min={1}
            max={L.maxEntriesPerPerson}
            value={config.entriesPerPerson}
            onChange={(e) => set({ entriesPerPerson: number(e.target.value) })}
          />
        </label>
        {config.mode === 'cloud' && (
          <label className="field">
            <span>Words per entry (1–{L.maxWordsPerEntry})</span>
            <input
              type="number"
              min={1}
              max={L.maxWordsPerEntry}
              value={config.maxWords}
              onChange={(e) => set({ maxWords: number(e.target.value) })}
            />
          </label>
        )}
        <label className="field">
          <span>
            Characters per entry ({L.minEntryLength}–{L.maxEntryLength})
          </span>
          <input
            type="number"
            min={L.minEntryLength}
            max={L.maxEntryLength}
            value={config.maxLength}
            onChange={(e) => set({ maxLength: number(e.target.value) })}
          />
        </label>
      </div>
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
