import type { QuizTeamEntry } from '@playfield/shared/exercises/quiz/index';
import { TableHead } from '../components/TableHead.tsx';

/** 1st, 2nd, 3rd, 11th… */
function place(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

/** A quiz's tables ranked by their players' average points (a `byTeam` quiz). */
export function TeamLeaderboard({
  entries,
  className,
}: {
  entries: readonly QuizTeamEntry[];
  className?: string | undefined;
}) {
  if (entries.length === 0) return null;
  return (
    <table className={className}>
      <caption>Tables by average points</caption>
      <TableHead columns={['Rank', 'Table', 'Average', 'Players']} />
      <tbody>
        {entries.map((t) => (
          <tr key={t.name}>
            <td>{place(t.rank)}</td>
            <th scope="row">{t.name}</th>
            <td>{t.average.toLocaleString('en')}</td>
            <td>{t.members}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
