import { memo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RosterItemView } from '@playfield/shared';
import styles from './RosterList.module.css';

/**
 * Up to this many people the list is drawn whole; past it only the rows in view (and a
 * few either side) are in the page, so a room of 5,000 costs the console a screenful.
 */
export const VIRTUAL_FROM = 60;

/** Rows drawn beyond the visible ones on each side, so scrolling and Tab find them ready. */
const OVERSCAN = 8;

/** A row's height before it is measured: a name, the line under it, and the borders. */
const ROW_ESTIMATE = 48;

interface RowProps {
  person: RosterItemView;
  isSelected: boolean;
  onToggle: (id: string, isChecked: boolean) => void;
  /** The person's table name, or null for none; undefined when the session has no tables. */
  table: string | null | undefined;
  isMarked: boolean;
}

/**
 * One person. Memoised: a patch that changes one seat keeps every other entry the same
 * object, so only that row is drawn again.
 */
const RosterRow = memo(function RosterRow({
  person: p,
  isSelected,
  onToggle,
  table,
  isMarked,
}: RowProps) {
  return (
    <>
      <label className={styles.seat}>
        <input
          type="checkbox"
          checked={isSelected}
          onChange={(e) => onToggle(p.id, e.target.checked)}
          aria-label={`Select ${p.name}`}
        />
        <span className={styles.presence} aria-hidden="true" />
        <span className={styles.who}>
          <span className={styles.name} data-testid="roster-name">
            {p.name}
          </span>
          <span className={styles.state} data-testid="roster-state">
            {p.isOnline ? 'online' : 'offline'}
            {table !== undefined && ` · ${table ?? 'no table'}`}
          </span>
        </span>
      </label>
      {isMarked && p.hasResponded !== undefined && (
        <span
          className={`${styles.mark} ${p.hasResponded ? styles.answered : styles.waiting}`}
          data-testid="response-mark"
        >
          {p.hasResponded ? '✓ Answered' : '… Not yet'}
        </span>
      )}
    </>
  );
});

interface ListProps {
  people: readonly RosterItemView[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, isChecked: boolean) => void;
  /** Table names by id; undefined when the session has no tables. */
  tableNames: ReadonlyMap<string, string> | undefined;
  isMarked: boolean;
}

function rowProps(p: RosterItemView, props: ListProps): RowProps {
  const { selected, onToggle, tableNames, isMarked } = props;
  return {
    person: p,
    isSelected: selected.has(p.id),
    onToggle,
    table: tableNames && (p.teamId ? (tableNames.get(p.teamId) ?? null) : null),
    isMarked,
  };
}

/** The people listed in the roster: whole when few, only the rows in view when many. */
export function RosterList(props: ListProps) {
  if (props.people.length > VIRTUAL_FROM) return <VirtualList {...props} />;
  return (
    <ul className={`${styles.list} ${styles.scroll}`} aria-label="People in the session">
      {props.people.map((p) => (
        <li key={p.id} className={`${styles.row} ${p.isOnline ? '' : styles.offline}`}>
          <RosterRow {...rowProps(p, props)} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The list in a scrolling box that holds only the rows in view: each says its place
 * (`aria-posinset` of `aria-setsize`), so a screen reader still hears "12 of 5,000".
 */
function VirtualList(props: ListProps) {
  const { people } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Its functions are read during this render only; the memoised rows get plain data.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: people.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    // React 19 cannot flush inside its commit (where the list is first measured): let it batch.
    useFlushSync: false,
    getItemKey: (index) => people[index]?.id ?? index,
  });
  return (
    <div ref={scrollRef} className={styles.scroll} data-testid="roster-scroll">
      <ul
        className={styles.virtual}
        aria-label="People in the session"
        style={{ blockSize: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const p = people[row.index];
          if (!p) return null;
          return (
            <li
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              aria-setsize={people.length}
              aria-posinset={row.index + 1}
              className={`${styles.row} ${styles.placed} ${p.isOnline ? '' : styles.offline}`}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <RosterRow {...rowProps(p, props)} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
