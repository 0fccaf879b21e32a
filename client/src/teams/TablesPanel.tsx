import { useId, useMemo, useState, type DragEvent } from 'react';
import type { ControlCommand, RosterItemView, TeamsView } from '@playfield/shared';
import { count, plural } from '@playfield/shared/plural';
import styles from './TablesPanel.module.css';

type Control = (command: ControlCommand) => Promise<boolean>;

/** The drag payload's type: a seat id, only meaningful inside this panel. */
const SEAT_TYPE = 'application/x-playfield-seat';
const NO_TABLE = '';
/**
 * People listed per table until the facilitator asks for all: a room of 5,000 at 20 tables
 * would otherwise draw 5,000 rows, each with a select of 21 options, on every join.
 */
export const MEMBERS_SHOWN = 24;

/**
 * The console's "Tables" panel: form tables at random (or empty ones people choose from),
 * let people choose on their phones, rename, add and remove tables, and move people by
 * dragging them onto a table or with the select beside each name (the keyboard's way).
 */
export default function TablesPanel({
  teams,
  roster,
  control,
}: {
  teams: TeamsView | undefined;
  roster: readonly RosterItemView[];
  control: Control;
}) {
  const titleId = useId();
  const [count, setCount] = useState(String(Math.max(2, teams?.teams.length ?? 4)));
  const list = useMemo(() => teams?.teams ?? [], [teams]);
  const present = useMemo(() => roster.filter((p) => !p.hasLeft), [roster]);
  const seated = useMemo(() => {
    const byTeam = new Map<string, RosterItemView[]>(list.map((t) => [t.id, []]));
    const loose: RosterItemView[] = [];
    for (const p of present) {
      const bucket = p.teamId ? byTeam.get(p.teamId) : undefined;
      if (bucket) bucket.push(p);
      else loose.push(p);
    }
    return { byTeam, loose };
  }, [list, present]);
  const number = Number(count);
  const isCountValid = Number.isInteger(number) && number >= 2 && number <= 20;

  const form = (isRandom: boolean) => {
    if (list.length > 0 && !confirm('Replace the tables? Everyone is seated afresh.')) return;
    void control({ type: 'teams.form', count: number, isRandom });
  };
  const move = (participantId: string, teamId: string) =>
    void control({
      type: 'teams.move',
      participantId,
      teamId: teamId === NO_TABLE ? null : teamId,
    });

  return (
    <section className={`panel ${styles.panel}`} aria-labelledby={titleId}>
      <h2 id={titleId}>Tables</h2>
      <div className={styles.form}>
        <label className={styles.count}>
          <span>Number of tables</span>
          <input
            type="number"
            min={2}
            max={20}
            value={count}
            aria-invalid={!isCountValid}
            onChange={(e) => setCount(e.target.value)}
          />
        </label>
        <button
          type="button"
          className="button button--primary button--small"
          disabled={!isCountValid}
          onClick={() => form(true)}
        >
          Form at random
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={!isCountValid}
          onClick={() => form(false)}
        >
          Empty tables
        </button>
      </div>
      {!isCountValid && <p className="error">Choose between 2 and 20 tables.</p>}
      <label className={styles.toggle}>
        <input
          type="checkbox"
          checked={teams?.isChoosing ?? false}
          onChange={(e) => void control({ type: 'teams.settings', isChoosing: e.target.checked })}
        />
        <span>Let people choose their table on the phone</span>
      </label>
      {list.length === 0 ? (
        <p className="muted">No tables yet. People who join later go to the smallest table.</p>
      ) : (
        <>
          <ul className={styles.tables}>
            {list.map((team) => (
              <TableCard
                key={team.id}
                team={team}
                members={seated.byTeam.get(team.id) ?? []}
                tables={list}
                isOnly={list.length === 1}
                control={control}
                move={move}
              />
            ))}
            {seated.loose.length > 0 && (
              <TableCard
                team={{ id: NO_TABLE, name: 'No table', size: seated.loose.length }}
                members={seated.loose}
                tables={list}
                isOnly
                control={control}
                move={move}
              />
            )}
          </ul>
          <div className="actions">
            <button
              type="button"
              className="button button--small"
              disabled={list.length >= 20}
              onClick={() => void control({ type: 'teams.add' })}
            >
              Add a table
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => {
                if (confirm('Clear every table? People keep their answers.'))
                  void control({ type: 'teams.clear' });
              }}
            >
              Clear tables
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function TableCard({
  team,
  members,
  tables,
  isOnly,
  control,
  move,
}: {
  team: TeamsView['teams'][number];
  members: readonly RosterItemView[];
  tables: TeamsView['teams'];
  isOnly: boolean;
  control: Control;
  move: (participantId: string, teamId: string) => void;
}) {
  const [isOver, setIsOver] = useState(false);
  const [isAll, setIsAll] = useState(false);
  const isReal = team.id !== NO_TABLE;
  const hidden = isAll ? 0 : Math.max(0, members.length - MEMBERS_SHOWN);
  const shown = hidden > 0 ? members.slice(0, MEMBERS_SHOWN) : members;
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setIsOver(false);
    const id = e.dataTransfer.getData(SEAT_TYPE);
    if (id) move(id, team.id);
  };
  return (
    <li
      className={`${styles.table} ${isOver ? styles.over : ''}`}
      aria-label={`${team.name}, ${plural(members.length, 'person', 'people')}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(SEAT_TYPE)) return;
        e.preventDefault();
        setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={onDrop}
    >
      <div className={styles.head}>
        {isReal ? (
          <TableName team={team} control={control} />
        ) : (
          <h3 className={styles.loose}>No table</h3>
        )}
        <span className={styles.size}>{members.length}</span>
        {isReal && (
          <button
            type="button"
            className="button button--icon button--small button--quiet"
            aria-label={`Remove ${team.name}`}
            title={isOnly ? 'Clear the tables instead' : 'Its people move to the smallest tables'}
            disabled={isOnly}
            onClick={() => void control({ type: 'teams.remove', teamId: team.id })}
          >
            ×
          </button>
        )}
      </div>
      {members.length === 0 ? (
        <p className={`muted ${styles.empty}`}>Nobody yet: drag people here</p>
      ) : (
        <ul className={styles.members}>
          {shown.map((p) => (
            <li
              key={p.id}
              className={styles.member}
              draggable
              onDragStart={(e) => {
                e.dataTransfer.setData(SEAT_TYPE, p.id);
                e.dataTransfer.effectAllowed = 'move';
              }}
            >
              <span className={styles.grip} aria-hidden="true">
                ⠿
              </span>
              <span className={styles.name}>{p.name}</span>
              <select
                aria-label={`Table for ${p.name}`}
                value={p.teamId ?? NO_TABLE}
                onChange={(e) => move(p.id, e.target.value)}
              >
                <option value={NO_TABLE}>No table</option>
                {tables.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      )}
      {members.length > MEMBERS_SHOWN && (
        <button
          type="button"
          className="button button--small button--quiet"
          aria-expanded={isAll}
          onClick={() => setIsAll(!isAll)}
        >
          {isAll ? 'Show fewer' : `Show all ${count(members.length)}`}
        </button>
      )}
    </li>
  );
}

/** A table's name, edited in place: saved on Enter or when the field loses focus. */
function TableName({ team, control }: { team: { id: string; name: string }; control: Control }) {
  const [draft, setDraft] = useState<string | null>(null);
  const save = async () => {
    if (draft === null) return;
    const name = draft.trim();
    if (name && name !== team.name) {
      const ok = await control({ type: 'teams.rename', teamId: team.id, name });
      if (!ok) return;
    }
    setDraft(null);
  };
  return (
    <input
      className={styles.rename}
      aria-label={`Name of ${team.name}`}
      maxLength={40}
      value={draft ?? team.name}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void save()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void save();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}
