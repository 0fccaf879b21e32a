import { useId } from 'react';

/** The tables named on a per-table board's items, in first-seen order. */
export function teamsOn(items: Iterable<{ team?: string | undefined }>): string[] {
  const seen = new Set<string>();
  for (const item of items) if (item.team) seen.add(item.team);
  return [...seen];
}

/**
 * "Show: all tables / Table 1 / …" for a per-table board on the console. Hidden while no
 * item carries a table (a board that is not per table).
 */
export function TeamFilter({
  teams,
  value,
  onChange,
}: {
  teams: readonly string[];
  value: string | null;
  onChange: (team: string | null) => void;
}) {
  const id = useId();
  if (teams.length === 0) return null;
  return (
    <label htmlFor={id} className="field field--inline">
      <span>Show</span>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">All tables</option>
        {teams.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A short table label beside a note: "· Table 2" (text, so it is not colour alone). */
export function TeamLabel({
  team,
  className,
}: {
  team?: string | undefined;
  className?: string | undefined;
}) {
  if (!team) return null;
  return <span className={className}> · {team}</span>;
}
