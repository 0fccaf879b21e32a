import { useMemo, useState } from 'react';
import { teamsOn } from '../teams/TeamFilter.tsx';

/** An entry on a per-table board: a note, a card, tagged with its writer's table. */
type Entry = { team?: string | undefined };

/**
 * A per-table board on the console, looked at one table at a time: the tables its entries
 * carry, the chosen one (null: all tables, the view itself untouched) and the view keeping
 * only that table's entries. `entriesOf` and `only` are read once per view, so pass
 * functions defined outside the component.
 */
export function useTeamView<V>(
  fullView: V,
  entriesOf: (view: V) => Iterable<Entry>,
  only: (view: V, keep: (entry: Entry) => boolean) => V,
) {
  const [team, setTeam] = useState<string | null>(null);
  const tables = useMemo(() => teamsOn(entriesOf(fullView)), [fullView, entriesOf]);
  const view = useMemo(
    () => (team === null ? fullView : only(fullView, (entry) => entry.team === team)),
    [fullView, team, only],
  );
  return { view, tables, team, setTeam };
}
