import type { ReactNode } from 'react';
import styles from './EditableList.module.css';

export interface EditableListProps<T> {
  legend: ReactNode;
  items: readonly T[];
  /** Names one entry in the buttons: "Remove option 2", "Add option". */
  noun: string;
  /** Names entry `index` in its buttons where "<noun> <n>" is not enough ("option B of question 1"). */
  nameOf?: (index: number) => string;
  /** The add button's text, if not "Add <noun>". */
  addLabel?: string;
  /** More buttons beside the add button (e.g. a ready-made list). */
  actions?: ReactNode;
  /** Fewest and most entries: Remove and Add are disabled at these. */
  min: number;
  max: number;
  /** A new, empty entry. */
  blank: () => T;
  onChange: (items: T[]) => void;
  /** Replaces the plain removal (e.g. to clamp a rule that counts the entries). */
  onRemove?: (index: number) => void;
  /** Offers "Move up"/"Move down" beside each entry. */
  reorderable?: boolean;
  /** Extra class of a row (beside the list's own). */
  rowClassName?: string | undefined;
  /** Extra class of an entry that has content `below` its row (e.g. to frame the two). */
  itemClassName?: string | undefined;
  /** The row's fields; `set` replaces this entry. */
  children: (item: T, index: number, set: (item: T) => void) => ReactNode;
  /** Content under the row's fields (the row then stacks: fields, then this). */
  below?: (item: T, index: number, set: (item: T) => void) => ReactNode;
}

/** Removes entry `index` from a list without touching the others. */
export function without<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** Replaces entry `index` of a list. */
export function replaced<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((old, i) => (i === index ? item : old));
}

/** Moves entry `from` by `by` places (clamped to the list). */
export function moved<T>(items: readonly T[], from: number, by: number): T[] {
  const to = Math.max(0, Math.min(items.length - 1, from + by));
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/**
 * A fieldset of entries the facilitator edits, removes, reorders and adds, within limits.
 * Each row ends with a labelled × button; the add button sits under the list.
 */
export function EditableList<T>({
  legend,
  items,
  noun,
  nameOf = (index) => `${noun} ${index + 1}`,
  addLabel = `Add ${noun}`,
  actions,
  min,
  max,
  blank,
  onChange,
  onRemove,
  reorderable = false,
  rowClassName,
  itemClassName,
  children,
  below,
}: EditableListProps<T>) {
  const rowClass = rowClassName ? `${styles.row} ${rowClassName}` : styles.row;
  const add = (
    <button
      type="button"
      className="button button--quiet"
      disabled={items.length >= max}
      onClick={() => onChange([...items, blank()])}
    >
      {addLabel}
    </button>
  );
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {items.map((item, i) => {
        const set = (next: T) => onChange(replaced(items, i, next));
        const row = (
          <div className={rowClass} key={below ? undefined : i}>
            {children(item, i, set)}
            {reorderable && (
              <>
                <button
                  type="button"
                  className="button button--icon"
                  aria-label={`Move ${nameOf(i)} up`}
                  disabled={i === 0}
                  onClick={() => onChange(moved(items, i, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button--icon"
                  aria-label={`Move ${nameOf(i)} down`}
                  disabled={i === items.length - 1}
                  onClick={() => onChange(moved(items, i, 1))}
                >
                  ↓
                </button>
              </>
            )}
            <button
              type="button"
              className="button button--icon"
              aria-label={`Remove ${nameOf(i)}`}
              disabled={items.length <= min}
              onClick={() => (onRemove ? onRemove(i) : onChange(without(items, i)))}
            >
              ×
            </button>
          </div>
        );
        return below ? (
          <div className={itemClassName ? `${styles.item} ${itemClassName}` : styles.item} key={i}>
            {row}
            {below(item, i, set)}
          </div>
        ) : (
          row
        );
      })}
      {actions ? (
        <div className="actions">
          {add}
          {actions}
        </div>
      ) : (
        add
      )}
    </fieldset>
  );
}

/** An editable list of plain text entries, each input labelled "<Noun> <n>". */
export function TextList({
  maxLength,
  ...props
}: Omit<EditableListProps<string>, 'children' | 'blank' | 'below'> & { maxLength: number }) {
  const label = props.noun.charAt(0).toUpperCase() + props.noun.slice(1);
  return (
    <EditableList {...props} blank={() => ''}>
      {(value, i, set) => (
        <input
          aria-label={`${label} ${i + 1}`}
          value={value}
          maxLength={maxLength}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </EditableList>
  );
}

/**
 * The optional tags a round's entries may carry (a brainstorm's notes, a canvas's entries):
 * from none up to `max`, inputs labelled "Tag <n>".
 */
export function TagList(props: Omit<Parameters<typeof TextList>[0], 'noun' | 'min'>) {
  return <TextList {...props} noun="tag" min={0} />;
}

/** An entry with a name and an optional one-line description (a dot vote's option, a ranked item). */
export interface DescribedEntry {
  label: string;
  description: string;
}

/**
 * An editable list of named entries, each with an optional description beside its name: inputs
 * labelled "<Noun> <n>" and "Description of <noun> <n> (optional)".
 */
export function DescribedList({
  labelLength,
  descriptionLength,
  placeholder = 'Description (optional)',
  ...props
}: Omit<EditableListProps<DescribedEntry>, 'children' | 'blank' | 'below'> & {
  labelLength: number;
  descriptionLength: number;
  /** The description's placeholder. */
  placeholder?: string;
}) {
  const label = props.noun.charAt(0).toUpperCase() + props.noun.slice(1);
  return (
    <EditableList {...props} blank={() => ({ label: '', description: '' })}>
      {(entry, i, set) => (
        <>
          <input
            aria-label={`${label} ${i + 1}`}
            value={entry.label}
            maxLength={labelLength}
            onChange={(e) => set({ ...entry, label: e.target.value })}
          />
          <input
            aria-label={`Description of ${props.noun} ${i + 1} (optional)`}
            placeholder={placeholder}
            value={entry.description}
            maxLength={descriptionLength}
            onChange={(e) => set({ ...entry, description: e.target.value })}
          />
        </>
      )}
    </EditableList>
  );
}
