import { count } from '@playfield/shared/plural';
import { useId, useState } from 'react';
import type { ConsoleEntry, EntryStatus } from '@playfield/shared/exercises/wordCloud/index';
import { BarChart } from '../../components/BarChart.tsx';
import type { FacilitatorProps } from '../types.ts';
import { wordCloudRuleText } from './Participant.tsx';
import styles from './Facilitator.module.css';
import { ErrorAlert } from '../../components/form/ErrorAlert.tsx';
import { SendButton } from '../../components/SendButton.tsx';

type View = FacilitatorProps<'wordCloud'>['view'];
type Act = FacilitatorProps<'wordCloud'>['act'];

const STATUS_LABEL: Record<EntryStatus, string> = {
  shown: 'Shown',
  pending: 'Waiting',
  hidden: 'Hidden',
};

/** A spreadsheet cell: quoted when needed, formulas defused (a leading = + - @ runs in Excel). */
function csvCell(value: string): string {
  const safe =
    /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The raw entries as CSV: every entry the console lists, with its status and, if named, author. */
export function entriesCsv(view: View): string {
  const isNamed = !view.isAnonymous;
  const header = ['Entry', 'Shown as', 'Status', 'Swear word', 'Counted as'];
  if (isNamed) header.push('Author');
  const rows = view.entries.map((e) => {
    const row = [e.text, e.display, STATUS_LABEL[e.status], e.isProfane ? 'yes' : 'no'];
    row.push(e.countedAs ?? '');
    if (isNamed) row.push(e.author ?? '');
    return row;
  });
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function downloadCsv(view: View) {
  const blob = new Blob([entriesCsv(view)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'word-cloud-entries.csv';
  link.click();
  URL.revokeObjectURL(url);
}

function EntryActions({ entry, act }: { entry: ConsoleEntry; act: Act }) {
  const verbs: ('approve' | 'hide' | 'restore')[] = [
    ...(entry.status === 'pending' ? (['approve'] as const) : []),
    entry.status !== 'hidden' ? 'hide' : 'restore',
  ];
  return (
    <span className={styles.actions}>
      {verbs.map((type) => {
        const verb = type.charAt(0).toUpperCase() + type.slice(1);
        return (
          <SendButton
            key={type}
            send={act}
            action={{ type, entryId: entry.id }}
            size="small"
            label={`${verb} “${entry.text}”`}
          >
            {verb}
          </SendButton>
        );
      })}
    </span>
  );
}

function EntryText({ entry }: { entry: ConsoleEntry }) {
  return (
    <span className={styles.text}>
      {entry.text}
      {entry.isProfane && <strong className={styles.flag}> · swear word</strong>}
      {entry.display !== entry.text && (
        <small className="muted"> · shown as “{entry.display}”</small>
      )}
      {entry.countedAs !== null && entry.countedAs !== entry.display && (
        <small className="muted"> · counts as “{entry.countedAs}”</small>
      )}
      {entry.author !== undefined && <small className="muted"> · {entry.author}</small>}
    </span>
  );
}

/** A labelled choice of one of the round's words, with its count. */
function WordSelect({
  id,
  label,
  words,
  value,
  onChange,
}: {
  id: string;
  label: string;
  words: View['words'];
  value: string;
  onChange: (key: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a word</option>
        {words.map((w) => (
          <option key={w.key} value={w.key}>
            {w.label} ({w.count})
          </option>
        ))}
      </select>
    </div>
  );
}

function Merge({ view, act }: { view: View; act: Act }) {
  const ids = useId();
  const [from, setFrom] = useState('');
  const [into, setInto] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const words = view.words;
  if (words.length < 2) return null;
  async function merge() {
    const result = await act({ type: 'merge', from, into });
    setMessage(result.ok ? null : result.error.message);
    if (result.ok) setFrom('');
  }
  return (
    <div className={styles.merge}>
      <WordSelect id={`${ids}-from`} label="Merge" words={words} value={from} onChange={setFrom} />
      <WordSelect id={`${ids}-into`} label="into" words={words} value={into} onChange={setInto} />
      <button
        type="button"
        className="button"
        disabled={from === '' || into === '' || from === into}
        onClick={() => void merge()}
      >
        Merge
      </button>
      <ErrorAlert message={message} />
    </div>
  );
}

/**
 * The console: live counts, the queue to approve or hide, the words with merges, the raw
 * entries (authors only in a named round) and their CSV. The room sees the cloud once
 * revealed with the round controls, or at once when the round is live.
 */
export default function WordCloudFacilitator({
  view,
  participantCount,
  act,
}: FacilitatorProps<'wordCloud'>) {
  const ids = useId();
  const { counts } = view;
  const profaneWaiting = view.queue.filter((e) => e.isProfane).length;
  const merges = view.words.filter((w) => w.merged.length > 0);
  return (
    <div className={`stack ${styles.root}`}>
      <h3 className="question">{view.question}</h3>
      <p className="muted">
        {wordCloudRuleText(view)} · {view.isAnonymous ? 'anonymous' : 'named'} · swear words{' '}
        {view.profanity === 'mask' ? 'masked' : 'held for you'}
        {view.isModerated && ' · you approve every entry'}
      </p>
      <p className={styles.live} role="status">
        <strong>{count(counts.entries)}</strong> {counts.entries === 1 ? 'entry' : 'entries'} from{' '}
        {count(counts.people)} of {count(participantCount)} · {count(counts.shown)} shown ·{' '}
        {count(counts.pending)} waiting · {count(counts.hidden)} hidden ·{' '}
        {view.isShownToRoom
          ? view.isRevealed
            ? 'the room sees the result'
            : 'live on the room screen'
          : 'private until you reveal'}
      </p>

      <section aria-labelledby={`${ids}-queue`} className="stack stack--tight">
        <div className={styles.head}>
          <h4 id={`${ids}-queue`}>Waiting for you ({view.queue.length})</h4>
          {view.queue.length > profaneWaiting && (
            <SendButton send={act} action={{ type: 'approveAll' }} size="small">
              Approve all without swear words
            </SendButton>
          )}
        </div>
        {view.queue.length === 0 ? (
          <p className="muted">Nothing waiting.</p>
        ) : (
          <ul className={styles.list} aria-label="Entries waiting for approval">
            {view.queue.map((entry) => (
              <li key={entry.id} className={styles.row}>
                <EntryText entry={entry} />
                <EntryActions entry={entry} act={act} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${ids}-words`} className="stack stack--tight">
        <h4 id={`${ids}-words`}>{view.mode === 'cloud' ? 'Words' : 'Top words'}</h4>
        {view.words.length === 0 ? (
          <p className="muted">No words shown yet.</p>
        ) : (
          <BarChart
            label="Words by count"
            labels={view.words.slice(0, 15).map((w) => w.label)}
            values={view.words.slice(0, 15).map((w) => w.count)}
          />
        )}
        <Merge view={view} act={act} />
        {merges.length > 0 && (
          <ul className={styles.list} aria-label="Merged words">
            {merges.flatMap((w) =>
              w.merged.map((m) => (
                <li key={m.key} className={styles.row}>
                  <span>
                    “{m.label}” ({m.count}) counts as “{w.label}”
                  </span>
                  <SendButton
                    send={act}
                    action={{ type: 'unmerge', key: m.key }}
                    size="small"
                    label={`Undo merging “${m.label}” into “${w.label}”`}
                  >
                    Undo
                  </SendButton>
                </li>
              )),
            )}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${ids}-all`} className="stack stack--tight">
        <div className={styles.head}>
          <h4 id={`${ids}-all`}>All entries</h4>
          <button
            type="button"
            className="button button--small"
            disabled={view.entries.length === 0}
            onClick={() => downloadCsv(view)}
          >
            Download entries (CSV)
          </button>
        </div>
        {view.moreEntries > 0 && (
          <p className="muted">
            The newest {view.entries.length} are listed; {view.moreEntries} older ones are in the
            round’s export.
          </p>
        )}
        {view.entries.length === 0 ? (
          <p className="muted">No entries yet.</p>
        ) : (
          <ul className={styles.list} aria-label="All entries, newest first">
            {[...view.entries].reverse().map((entry) => (
              <li key={entry.id} className={styles.row}>
                <span className={styles.status}>{STATUS_LABEL[entry.status]}</span>
                <EntryText entry={entry} />
                <EntryActions entry={entry} act={act} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
