/**
 * Fleiss' kappa: how far a group of raters agree when each sorts subjects into one of
 * several categories, beyond the agreement chance alone would give (Fleiss, 1971,
 * "Measuring nominal scale agreement among many raters").
 *
 * The input is a table of counts: one row per subject, one column per category, each
 * cell the number of raters who put that subject in that category. Fleiss assumed every
 * subject rated by the same number of raters; in a workshop some people place only some
 * cards, so this follows the usual extension to varying numbers of raters:
 *
 * - a subject counts only when at least 2 raters rated it (agreement needs a pair);
 * - its observed agreement P_i = (sum_j n_ij^2 - n_i) / (n_i (n_i - 1)), the share of
 *   ordered pairs of its raters who agree;
 * - P-bar is the plain mean of P_i over the counted subjects;
 * - p_j is category j's share of all ratings of the counted subjects, and the agreement
 *   expected by chance is P_e = sum_j p_j^2;
 * - kappa = (P-bar - P_e) / (1 - P_e).
 *
 * With the same number of raters per subject this is exactly Fleiss' kappa. Kappa is
 * undefined when no subject has two ratings, and when every rating falls into one
 * category (P_e = 1: nothing to disagree about, nothing to measure).
 *
 * Pure and deterministic. Invalid input throws: callers pass counts they computed.
 */

/** Why kappa cannot be computed for a table. */
export type KappaUndefinedReason = 'tooFewRatings' | 'oneCategory';

/** The outcome of {@link fleissKappa}: the coefficient and its parts, or why there is none. */
export type FleissKappa =
  | {
      isDefined: true;
      /** Agreement beyond chance: 1 perfect, 0 as chance would give, below 0 worse than chance. */
      kappa: number;
      /** P-bar: mean observed agreement over the counted subjects. */
      observedAgreement: number;
      /** P_e: agreement expected by chance from the categories' shares. */
      expectedAgreement: number;
      /** Subjects with at least two ratings, the ones kappa is computed over. */
      subjects: number;
      /** Each category's share of the counted ratings (p_j), in column order. */
      categoryShares: number[];
    }
  | {
      isDefined: false;
      reason: KappaUndefinedReason;
      /** Subjects with at least two ratings. */
      subjects: number;
      /** Each category's share of the counted ratings (zeros when there are none). */
      categoryShares: number[];
    };

function checkRow(row: readonly number[], categories: number): void {
  if (row.length !== categories) throw new Error('Every subject needs one count per category');
  for (const n of row) {
    if (!Number.isInteger(n) || n < 0) throw new Error(`A count must be a whole number >= 0`);
  }
}

/**
 * Observed agreement of one subject (P_i): the share of ordered pairs of its raters who
 * put it in the same category. Null when fewer than two raters rated it.
 */
export function subjectAgreement(counts: readonly number[]): number | null {
  checkRow(counts, counts.length);
  const n = counts.reduce((a, b) => a + b, 0);
  if (n < 2) return null;
  const squares = counts.reduce((a, c) => a + c * c, 0);
  return (squares - n) / (n * (n - 1));
}

/** Fleiss' kappa of a subjects x categories table of rating counts. */
export function fleissKappa(table: readonly (readonly number[])[]): FleissKappa {
  const categories = table[0]?.length ?? 0;
  for (const row of table) checkRow(row, categories);
  const counted = table.filter((row) => row.reduce((a, b) => a + b, 0) >= 2);
  const totals = Array.from({ length: categories }, (_, j) =>
    counted.reduce((sum, row) => sum + (row[j] ?? 0), 0),
  );
  const ratings = totals.reduce((a, b) => a + b, 0);
  const categoryShares = totals.map((t) => (ratings ? t / ratings : 0));
  const subjects = counted.length;
  if (subjects === 0)
    return { isDefined: false, reason: 'tooFewRatings', subjects, categoryShares };
  const expectedAgreement = categoryShares.reduce((a, p) => a + p * p, 0);
  // Float sums of shares that are all 0 but one 1 give exactly 1; anything else is < 1.
  if (categoryShares.some((p) => p === 1))
    return { isDefined: false, reason: 'oneCategory', subjects, categoryShares };
  const observedAgreement =
    counted.reduce((sum, row) => sum + (subjectAgreement(row) ?? 0), 0) / subjects;
  return {
    isDefined: true,
    kappa: (observedAgreement - expectedAgreement) / (1 - expectedAgreement),
    observedAgreement,
    expectedAgreement,
    subjects,
    categoryShares,
  };
}

/**
 * The strength of agreement in the words of Landis and Koch (1977), the scale people
 * usually quote with kappa: poor below 0, slight up to 0.20, fair up to 0.40, moderate up
 * to 0.60, substantial up to 0.80, almost perfect above.
 */
export function kappaStrength(kappa: number): string {
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}
