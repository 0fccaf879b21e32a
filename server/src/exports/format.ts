/**
 * A number as the exports print it: integers as they are, fractions to 3 decimals below 1
 * (a p chart's shares) and 2 above, without trailing zeros, and never in exponent form.
 * Not localised, so a CSV keeps a decimal point whatever the server's locale.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(Math.abs(value) < 1 ? 3 : 2);
  const trimmed = fixed.replace(/\.?0+$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/** The weekday of a `YYYY-MM-DD` date, e.g. "Friday", or '' for anything else. */
export function weekdayOf(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return '';
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(day.getTime())) return '';
  return day.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
}
